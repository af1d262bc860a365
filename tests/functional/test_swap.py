"""Swapping a staged site in: the new site is live at once, the old one is deleted behind it; a swap
interrupted half-way is finished by the next build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.builds import build

from newsdesk import swap
from newsdesk.safety import MARKER, clean, retired_dirs
from newsdesk.swap import finish_swap, swap_in


def _site(folder: Path, text: str) -> Path:
    (folder / "2026" / "11").mkdir(parents=True)
    (folder / "index.html").write_text(text)
    (folder / "2026" / "11" / "page.html").write_text(text)
    return folder


def test_the_new_site_is_live_when_swap_returns_and_the_old_one_is_deleted_in_the_background(tmp_path: Path) -> None:
    output = _site(tmp_path / "output", "old")
    (output / MARKER).write_text("")
    swap_in(_site(tmp_path / ".output.staging", "new"), output)

    assert (output / "index.html").read_text() == "new"
    assert (output / MARKER).is_file()
    assert not (tmp_path / ".output.staging").exists()
    deadline = time.monotonic() + 30
    while retired_dirs(output) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert retired_dirs(output) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_the_first_swap_has_nothing_to_retire(tmp_path: Path) -> None:
    output = tmp_path / "output"
    swap_in(_site(tmp_path / ".output.staging", "new"), output)
    assert (output / "index.html").read_text() == "new"
    assert retired_dirs(output) == []


def test_clean_also_removes_replaced_sites_still_waiting_for_deletion(tmp_path: Path) -> None:
    output = _site(tmp_path / "output", "live")
    (output / MARKER).write_text("")
    _site(tmp_path / ".output.previous-1-2", "old")
    _site(tmp_path / ".output.previous", "older")
    (tmp_path / ".outputs.previous").mkdir()  # another output's folder: not ours
    clean(str(output), tmp_path / "project")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".outputs.previous"]


def test_a_swap_killed_between_its_two_renames_is_finished_by_the_next_build(make_site, tmp_path: Path) -> None:
    """Where the two folders cannot exchange names in one step, the live site is renamed aside and the
    staged one into place. A build killed between the two leaves no output folder; the next build puts
    the staged site (which had passed every check) in place before anything else, even if it fails."""
    content, output = make_site(), tmp_path / "output"
    assert build(content, output).returncode == 0
    staging = tmp_path / ".output.staging"
    shutil.copytree(output, staging)  # the next site, checked and marked: what the swap was putting live
    (staging / "index.html").write_text("the next site")
    os.rename(output, tmp_path / ".output.previous-4242-1")  # the first rename, then the kill

    (content / "articles" / "story-0.md").write_text("Title: broken\n\nno date\n")  # this build fails
    result = build(content, output)
    assert result.returncode == 1
    assert "stopped while swapping it in" in result.stderr
    assert (output / "index.html").read_text() == "the next site"
    assert (output / MARKER).is_file() and not staging.exists()
    deadline = time.monotonic() + 30  # the site it replaced is deleted in the background
    while retired_dirs(output) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert retired_dirs(output) == []


def test_nothing_is_put_in_place_but_a_checked_staged_site(tmp_path: Path) -> None:
    output = tmp_path / "output"
    half_written = _site(tmp_path / ".output.staging", "half")  # a first build killed while rendering
    assert finish_swap(output) is False and not output.exists()
    (half_written / MARKER).write_text("")
    _site(output, "live")  # a site is live: a marked staging folder is not waiting to be put in place
    assert finish_swap(output) is False and (output / "index.html").read_text() == "live"


_WATCH = """
import os, sys, time
output, stop = sys.argv[1], sys.argv[2]
missing = 0
print("watching", flush=True)
while not os.path.exists(stop):
    if not os.path.isdir(output):
        missing += 1
print(missing)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="folders exchange names in one step on Linux")
def test_the_output_folder_is_never_missing_while_a_site_is_swapped_in(tmp_path: Path) -> None:
    """A web server, `make serve` or an upload reading the folder during a swap always finds it."""
    output = _site(tmp_path / "output", "first")
    stop = tmp_path / "stop"
    watcher = subprocess.Popen(
        [sys.executable, "-c", _WATCH, str(output), str(stop)], stdout=subprocess.PIPE, text=True
    )
    assert watcher.stdout.readline().strip() == "watching"
    for n in range(300):
        swap_in(_site(tmp_path / ".output.staging", f"site {n}"), output)
    stop.touch()
    missing = int(watcher.communicate(timeout=60)[0])
    assert missing == 0, f"the output folder was missing {missing} times while being read"
    assert (output / "index.html").read_text() == "site 299"


def test_without_the_one_step_exchange_the_swap_takes_two_renames(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(swap, "_RENAMEAT2", None)  # not Linux, or a file system without it
    output = _site(tmp_path / "output", "old")
    swap_in(_site(tmp_path / ".output.staging", "new"), output)
    assert (output / "index.html").read_text() == "new" and not (tmp_path / ".output.staging").exists()

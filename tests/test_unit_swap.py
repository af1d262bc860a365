"""Swapping a staged site in: the new site is live at once, the old one is deleted behind it."""

from __future__ import annotations

import time
from pathlib import Path

from newsdesk.safety import MARKER, clean, retired_dirs, swap_in


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

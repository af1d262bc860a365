"""Search documents written for one Pagefind run: removed after it, and after a build killed during it;
and Pagefind itself does not outlive a killed build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from search import scratch
from support.builds import ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="scratch folders are locked on POSIX systems")


def _names(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir())


def test_a_folder_in_use_is_left_alone_and_removed_by_its_build_after_the_run(tmp_path: Path) -> None:
    folder, lock = scratch.make(str(tmp_path))
    (Path(folder) / "2026").mkdir()
    assert scratch.sweep(str(tmp_path)) == []  # its build holds it
    assert Path(folder, "2026").is_dir()
    scratch.remove(folder, lock)
    assert _names(tmp_path) == []


def _killed_holder(root: Path) -> Path:
    """A process that made a scratch folder and was killed with ``kill -9`` while using it."""
    script = (
        f"import sys\nsys.path.insert(0, {str(ROOT / 'plugins')!r})\n"
        "from search import scratch\n"
        f"folder, _ = scratch.make({str(root)!r})\n"
        "open(folder + '/page.html', 'w').close()\n"
        "print(folder, flush=True)\n"
        "import time\ntime.sleep(60)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    folder = Path(holder.stdout.readline().strip())
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    return folder


def test_the_folder_of_a_killed_build_is_removed_by_the_next_sweep(tmp_path: Path) -> None:
    other = tmp_path / "not-ours"
    other.mkdir()
    folder = _killed_holder(tmp_path)
    assert (folder / "page.html").is_file()
    assert scratch.sweep(str(tmp_path)) == [folder.name]
    assert _names(tmp_path) == ["not-ours"]


def test_a_folder_an_older_version_left_without_a_lock_is_removed_once_an_hour_old(tmp_path: Path) -> None:
    old, recent = tmp_path / f"{scratch.PREFIX}old", tmp_path / f"{scratch.PREFIX}recent"
    for folder in (old, recent):
        (folder / "2026").mkdir(parents=True)
    hours_ago = time.time() - 2 * 3600
    os.utime(old, (hours_ago, hours_ago))
    assert scratch.sweep(str(tmp_path)) == [old.name]
    assert _names(tmp_path) == [recent.name]  # perhaps in use by an older build running now


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the system kills the program (Linux)")
def test_pagefind_is_killed_with_the_build(tmp_path: Path) -> None:
    """Left running, Pagefind would go on writing a bundle into the staging folder the next build uses."""
    binary = tmp_path / "pagefind"
    binary.write_text("#!/bin/sh\necho $$\nexec sleep 60\n")
    binary.chmod(0o755)
    script = (
        f"import sys\nsys.path.insert(0, {str(ROOT / 'plugins')!r})\n"
        "import threading, time\n"
        "from search import indexer\n"
        "from search.shards import Shard\n"
        "def run():\n"
        f"    process = indexer.launch({str(binary)!r}, {str(tmp_path)!r}, 'bundle', Shard('.', ()), 'en')\n"
        "    print(process.stdout.readline().strip(), flush=True)\n"
        "    process.wait()\n"
        "threading.Thread(target=run, name='pagefind', daemon=True).start()\n"  # as the build runs it
        "time.sleep(60)\n"
    )
    build = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    pagefind = int(build.stdout.readline())
    try:
        os.kill(build.pid, signal.SIGKILL)
        build.wait()
        deadline = time.monotonic() + 5
        while Path(f"/proc/{pagefind}").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not Path(f"/proc/{pagefind}").exists(), "Pagefind outlived the killed build"
    finally:
        if Path(f"/proc/{pagefind}").exists():
            os.kill(pagefind, signal.SIGKILL)

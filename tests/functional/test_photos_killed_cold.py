"""A cold build killed while it makes photos keeps the records of the photos done and leaves no photo worker
running: the next build makes only the others, and its site is a clean build's, byte for byte."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from support.builds import ROOT, article_text, tree_digest, write_conf

from bench.photos import photo

PHOTOS = 8  # each made into about 24 files: some seconds of work on two cores


def _kept(db: Path) -> int:
    """The photo records stored in the cache so far."""
    if not db.is_file():
        return 0
    try:
        with sqlite3.connect(db) as found:
            return found.execute("SELECT count(*) FROM photo_plans").fetchone()[0]
    except sqlite3.OperationalError:  # no table yet
        return 0


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (the photo workers a build spawned), from /proc."""
    found = set()
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "stat").read_text().rsplit(")", 1)[1].split()[1] == str(pid):
                found.add(int(entry.name))
        except OSError:
            continue
    return found


def _running(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie has ended, whoever reaps it)."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _build(content: Path, output: Path, conf: Path, *extra: str) -> list[str]:
    command = [sys.executable, "-m", "newsdesk", "build", "--settings", str(conf), "--input", str(content),
               "--output", str(output), *extra]  # fmt: skip
    return command


def test_a_killed_cold_build_keeps_the_photos_it_made(make_site, tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {}
    for i in range(PHOTOS):
        files[f"images/2026/p{i}.jpg"] = photo(2400, 1600, seed=40 + i)
        files[f"articles/p{i}.md"] = article_text(
            f"Photo story {i}", date=f"2026-11-{10 + i} 08:00", slug=f"p{i}", Image=f"images/2026/p{i}.jpg"
        )
    content = make_site(files, count=1)
    cache, db = tmp_path / "cache", tmp_path / "cache" / "photos-sources.sqlite3"
    conf = write_conf(tmp_path, CACHE_PATH=str(cache), SITEURL="")
    output = tmp_path / "output"

    build = subprocess.Popen(_build(content, output, conf), cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)  # fmt: skip
    deadline, workers = time.monotonic() + 600, set()
    try:
        while _kept(db) == 0:
            workers |= _children(build.pid)
            assert build.poll() is None, "the build ended before any photo record was kept"
            assert time.monotonic() < deadline, "no photo record was kept while the build ran"
            time.sleep(0.02)
        os.kill(build.pid, signal.SIGKILL)  # the build process alone, not its group
        build.wait(timeout=30)
        assert workers, "no photo worker was seen while the build ran"
        gone = time.monotonic() + 10
        while any(_running(pid) for pid in workers) and time.monotonic() < gone:
            time.sleep(0.05)
        assert not [pid for pid in workers if _running(pid)], "photo workers outlived their killed build"
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()
        for pid in workers:  # whatever a failed check above left running
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
    kept = _kept(db)
    sources = PHOTOS + 2  # the stories' photos, the other story's small hero and the site's square image
    assert 1 <= kept < sources
    assert not output.exists()

    again = subprocess.run(_build(content, output, conf), cwd=ROOT, capture_output=True, text=True, check=False)
    assert again.returncode == 0, again.stderr
    made = re.search(r"Photos: (\d+) image file\(s\) made from (\d+) source image\(s\)", again.stderr)
    assert made is not None and int(made.group(2)) == sources - kept, again.stderr  # only what was missing

    clean = tmp_path / "clean"
    other = write_conf(tmp_path, CACHE_PATH=str(tmp_path / "clean-cache"), SITEURL="")
    fresh = subprocess.run(_build(content, clean, other, "--full"), cwd=ROOT, capture_output=True, text=True,
                           check=False)  # fmt: skip
    assert fresh.returncode == 0, fresh.stderr
    assert tree_digest(output) == tree_digest(clean)

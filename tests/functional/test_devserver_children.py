"""The devserver's build processes leave no finished child unreaped: each build deletes the site it
replaced in a background process, and the build that stays warm for the fast path reaps it when it
ends, rather than keeping it as a zombie until the next build dismisses the warm one."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from support.builds import article_text, write_conf

from newsdesk.devloop import Devserver
from newsdesk.safety import retired_dirs

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads processes from /proc")


def _descendants(pid: int) -> dict[int, str]:
    """Every process under ``pid``, with its state letter (``Z``: finished, not reaped)."""
    parents: dict[int, tuple[int, str]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue  # ended meanwhile
        state, ppid = text[text.rindex(")") + 2 :].split()[:2]
        parents[int(stat.parent.name)] = (int(ppid), state)
    found: dict[int, str] = {}
    todo = [pid]
    while todo:
        parent = todo.pop()
        for child, (ppid, state) in parents.items():
            if ppid == parent and child not in found:
                found[child] = state
                todo.append(child)
    return found


def test_builds_in_the_resident_process_leave_no_zombie_children(make_site, tmp_path: Path) -> None:
    (tmp_path / "dev").mkdir()
    conf = write_conf(tmp_path / "dev", CACHE_PATH=str(tmp_path / "dev" / "cache"))
    content, output = make_site(count=3), tmp_path / "dev" / "output"
    dev = Devserver(str(conf), str(content), str(output))
    story = content / "articles" / "story-0.md"
    try:
        assert dev.rebuild() == 0
        for n in range(2):  # each build applied in place retires its staging folder
            story.write_text(article_text("Story number 0", date="2026-11-10 09:30") + f"\nSave {n}.\n")
            assert dev.rebuild([str(story)]) == 0
        resident = dev.builder.pid
        assert resident is not None
        deadline = time.monotonic() + 60
        while retired_dirs(output) and time.monotonic() < deadline:  # the background deletions end
            time.sleep(0.1)
        assert not retired_dirs(output)
        zombies: dict[int, str] = {}
        for _ in range(50):  # a deletion that just ended is reaped within moments
            zombies = {pid: state for pid, state in _descendants(resident).items() if state == "Z"}
            if not zombies:
                break
            time.sleep(0.1)
        assert not zombies, f"finished children left unreaped under the resident process: {zombies}"
        assert _descendants(resident), "the warm build stays, as a live child"
    finally:
        dev.builder.close()

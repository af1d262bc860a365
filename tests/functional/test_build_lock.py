"""Two builds into one output folder take turns: the second waits for the first, and nothing is mixed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from support.builds import ROOT, tree_digest

from newsdesk.safety import MARKER, build_lock, clean, lock_path

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="builds lock their output folder on POSIX systems")


def test_a_second_holder_waits_for_the_first_and_is_told_once(tmp_path: Path) -> None:
    output = tmp_path / "output"
    said: list[str] = []
    entered = threading.Event()

    def second() -> None:
        with build_lock(output, said.append):
            entered.set()

    with build_lock(output, pytest.fail):  # nobody holds it: no message
        waiter = threading.Thread(target=second)
        waiter.start()
        time.sleep(0.5)
        assert not entered.is_set()
    waiter.join(timeout=10)
    assert entered.is_set()
    assert said == [f"Another build or Most Read refresh is writing {output}; waiting for it to finish."]
    assert lock_path(output) == tmp_path / ".output.lock" and not output.exists()  # beside it, not in it


def test_the_lock_is_released_when_the_block_fails(tmp_path: Path) -> None:
    output = tmp_path / "output"
    with pytest.raises(RuntimeError), build_lock(output, pytest.fail):
        raise RuntimeError("build failed")
    with build_lock(output, pytest.fail):  # free again at once
        pass


def test_other_folders_are_not_held_up(tmp_path: Path) -> None:
    with build_lock(tmp_path / "output", pytest.fail), build_lock(tmp_path / "preview", pytest.fail):
        pass


def test_a_build_waits_while_another_holds_the_folder_then_builds_the_whole_site(make_site, tmp_path: Path) -> None:
    content, output, alone = make_site(), tmp_path / "output", tmp_path / "alone"
    command = [sys.executable, "-m", "newsdesk", "build", "--settings", "pelicanconf.py", "--input", str(content)]
    with build_lock(output, pytest.fail):
        waiting = subprocess.Popen([*command, "--output", str(output)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
        # meanwhile a build into another folder is not held up
        subprocess.run([*command, "--output", str(alone)], cwd=ROOT, check=True, capture_output=True, timeout=300)
        assert waiting.poll() is None  # still waiting, and it has not touched the folder or its staging
        assert not output.exists() and not (tmp_path / ".output.staging").exists()
    _, errors = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, errors
    assert "Another build or Most Read refresh is writing" in errors and f"Built {output}" in errors
    assert tree_digest(output) == tree_digest(alone)


def test_the_sample_sites_lock_file_is_left_out_of_git() -> None:
    assert lock_path(ROOT / "output").name == ".output.lock"
    if (ROOT / ".git").exists():
        assert subprocess.run(["git", "check-ignore", "-q", ".output.lock"], cwd=ROOT, check=False).returncode == 0


def test_clean_waits_for_a_build_and_leaves_no_lock_file_behind(tmp_path: Path) -> None:
    output = tmp_path / "output"
    output.mkdir()
    (output / MARKER).write_text("")
    said: list[str] = []
    cleaned = threading.Thread(target=lambda: clean(str(output), tmp_path / "project"))
    with build_lock(output, pytest.fail):
        cleaned.start()
        time.sleep(0.5)
        assert output.is_dir()  # not while a build writes it
    cleaned.join(timeout=10)
    assert not output.exists() and not lock_path(output).exists()
    with build_lock(output, said.append):  # a later build makes a new lock file
        assert lock_path(output).exists()
    assert said == []


def test_a_build_waiting_while_its_lock_file_is_removed_locks_the_new_one(tmp_path: Path) -> None:
    import fcntl  # noqa: PLC0415 - POSIX only, as this module

    output = tmp_path / "output"
    holding, release = threading.Event(), threading.Event()

    def second() -> None:
        with build_lock(output, lambda _message: None):
            holding.set()
            release.wait(10)

    with build_lock(output, pytest.fail):
        waiter = threading.Thread(target=second)
        waiter.start()
        time.sleep(0.3)
        lock_path(output).unlink()  # as clean does, before it lets go
    assert holding.wait(10)
    other = os.open(lock_path(output), os.O_RDWR)
    try:
        with pytest.raises(BlockingIOError):  # the waiter holds the file that is there now
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
    finally:
        os.close(other)
        release.set()
        waiter.join(timeout=10)


def test_a_process_forked_while_the_build_holds_the_lock_does_not_keep_it(tmp_path: Path) -> None:
    """A worker of the build (forked, so with a copy of every open file) that outlives it must not hold
    the folder: the next build would wait for it for ever."""
    import fcntl  # noqa: PLC0415 - POSIX only, as this module

    output = tmp_path / "output"
    with build_lock(output, pytest.fail):
        ready, started = os.pipe()
        worker = os.fork()
        if worker == 0:  # the worker: it carries on after the build has ended
            os.write(started, b"1")
            time.sleep(5)
            os._exit(0)
        os.close(started)
        assert os.read(ready, 1) == b"1"
        os.close(ready)
        other = os.open(lock_path(output), os.O_RDWR)
        try:
            with pytest.raises(BlockingIOError):  # the worker closed its copy: the build still holds the lock
                fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(other)
    other = os.open(lock_path(output), os.O_RDWR)
    try:
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # the build has ended: free, the worker running
    finally:
        os.close(other)
        os.kill(worker, signal.SIGKILL)
        os.waitpid(worker, 0)

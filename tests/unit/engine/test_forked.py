"""Jobs in forked worker processes: results and errors come back; a failing build does not wait for them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from engine.forked import Forked, WorkerError, available
from support.builds import ROOT

pytestmark = pytest.mark.skipif(not available(), reason="this system cannot fork")

SHARED = {"articles": list(range(1000))}  # what a forked worker sees without it being copied or pickled


def _sum_shared() -> tuple[int, int]:
    return sum(SHARED["articles"]), os.getpid()


def _fail() -> None:
    raise ValueError("no such story: 'x'")


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _unpicklable() -> object:
    return lambda: None


def test_the_result_comes_back_from_another_process() -> None:
    total, pid = Forked(_sum_shared, "test").result()
    assert total == sum(range(1000)) and pid != os.getpid()


def test_the_jobs_exception_is_raised_in_the_build() -> None:
    with pytest.raises(ValueError, match="no such story"):
        Forked(_fail, "test").result()


def test_a_worker_that_dies_or_cannot_hand_back_its_result_is_an_error() -> None:
    with pytest.raises(WorkerError, match="test worker process ended without a result"):
        Forked(_die, "test").result()
    with pytest.raises(WorkerError, match="could not be handed back"):
        Forked(_unpicklable, "test").result()


def test_a_failing_build_does_not_wait_for_its_workers(tmp_path) -> None:
    script = (
        "import sys, time\n"
        f"sys.path.insert(0, {str(ROOT / 'plugins')!r})\n"
        "from engine.forked import Forked\n"
        "def slow():\n    time.sleep(60)\n"
        "Forked(slow, 'slow')\n"
        "raise SystemExit('the build failed')\n"
    )
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=50, check=False)
    assert result.returncode == 1 and "the build failed" in result.stderr
    assert time.perf_counter() - started < 20


def _alive(pid: int) -> bool:
    """Running, not a zombie (an orphan's zombie is collected by init at once)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _gone_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not _alive(pid)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads processes from /proc")
@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM])
def test_a_worker_dies_with_a_killed_build(signum: int) -> None:
    """Killed (the build alone, not its process group), the build takes its workers with it, also one
    blocked handing back a result larger than the pipe holds."""
    script = (
        "import sys, time\n"
        f"sys.path.insert(0, {str(ROOT / 'plugins')!r})\n"
        "from engine.forked import Forked\n"
        "def slow():\n    time.sleep(60)\n"
        "def big():\n    return b'x' * 1_000_000\n"
        "workers = [Forked(slow, 'slow'), Forked(big, 'big')]\n"
        "print(*(w._process.pid for w in workers), flush=True)\n"
        "time.sleep(60)\n"
    )
    build = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        workers = [int(pid) for pid in build.stdout.readline().split()]
        time.sleep(0.5)  # the big result is being written: the writer waits for a reader
        os.kill(build.pid, signum)
        build.wait(timeout=10)
        assert [pid for pid in workers if not _gone_within(pid, 5)] == []
    finally:
        build.kill()
        build.wait()
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def _opens(handle: int, path) -> bool:
    """Whether ``handle`` is an open file that is ``path`` (a closed number may be reused for another)."""
    try:
        opened = os.fstat(handle)
    except OSError:
        return False
    return (opened.st_dev, opened.st_ino) == (os.stat(path).st_dev, os.stat(path).st_ino)


def test_a_worker_does_not_keep_the_locks_of_the_build(tmp_path) -> None:
    import fcntl  # noqa: PLC0415 - POSIX, like forking

    from common.locks import closed_in_children, release  # noqa: PLC0415

    path = tmp_path / "folder.lock"
    handle = closed_in_children(os.open(path, os.O_RDWR | os.O_CREAT))
    fcntl.flock(handle, fcntl.LOCK_EX)

    def check() -> bool:
        return _opens(handle, path)

    assert Forked(check, "test").result() is False  # its copy was closed as it started

    other = os.open(path, os.O_RDWR)
    try:
        with pytest.raises(BlockingIOError):  # and the build still holds the lock
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        started = tmp_path / "started"

        def work() -> None:
            started.touch()
            time.sleep(2)

        worker = Forked(work, "test")
        while not started.exists():  # its copy is closed first thing in the child, before the job
            time.sleep(0.01)
        release(handle)
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free once the build lets go, the worker running
        worker.result()
    finally:
        os.close(other)

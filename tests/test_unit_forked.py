"""Jobs in forked worker processes: results and errors come back; a failing build does not wait for them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import ROOT
from newsroom.forked import Forked, WorkerError, available

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
        "from newsroom.forked import Forked\n"
        "def slow():\n    time.sleep(60)\n"
        "Forked(slow, 'slow')\n"
        "raise SystemExit('the build failed')\n"
    )
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=50, check=False)
    assert result.returncode == 1 and "the build failed" in result.stderr
    assert time.perf_counter() - started < 20

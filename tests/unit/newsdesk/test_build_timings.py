"""The phase times a build writes for ``NEWSDESK_TIMINGS``: wall seconds and, beside them, CPU seconds."""

from __future__ import annotations

import json
import os
from pathlib import Path

from engine import BuildContext

from newsdesk.timings import cpu_used, write_timings


def _spin(seconds: float) -> None:
    """Use about ``seconds`` of CPU in this process."""
    until = cpu_used()[0] + seconds
    while cpu_used()[0] < until:
        pass


def test_each_phase_has_its_wall_and_cpu_seconds(tmp_path: Path) -> None:
    ctx = BuildContext({})
    cpu = cpu_used()
    ctx.mark("start")
    _spin(0.05)
    ctx.mark("read")
    ctx.mark("context")
    with ctx.timed("photos"):
        _spin(0.03)
    ctx.mark("written")
    started = ctx.timings["at:start"]
    write_timings(str(tmp_path / "t.json"), ctx.timings, started, ctx.timings["at:written"] - started + 0.01, cpu)
    phases = json.loads((tmp_path / "t.json").read_text())
    assert phases["cpu: read"] >= 0.04 and phases["cpu: plugins"] < 0.01 and phases["cpu: write"] >= 0.02
    assert phases["cpu: build process"] >= phases["cpu: read"] + phases["cpu: write"] - 0.001
    assert phases["in:photos"] >= 0.03 and phases["read"] >= phases["cpu: read"] - 0.01
    assert not any(key.startswith(("at:", "cpu at:", "in:at:", "in:cpu at:")) for key in phases)  # marks stay out


def test_the_cpu_of_the_workers_the_build_waited_for_is_counted_apart(tmp_path: Path) -> None:
    ctx = BuildContext({})
    cpu = cpu_used()
    child = os.fork()
    if child == 0:  # a worker
        _spin(0.1)
        os._exit(0)
    os.waitpid(child, 0)
    write_timings(str(tmp_path / "t.json"), ctx.timings, 0.0, 1.0, cpu, {"pages rendered": 3})
    phases = json.loads((tmp_path / "t.json").read_text())
    assert phases["pages rendered"] == 3
    assert phases["cpu: workers"] >= 0.09
    assert phases["cpu: build process"] < 0.09
    assert "cpu: read" not in phases  # a build that set no marks: no phase to give CPU to

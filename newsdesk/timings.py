"""A build's phase times for ``NEWSDESK_TIMINGS`` (``make bench``, ``bench.devserver_breakdown``).

Wall seconds per phase come from the marks the engine sets in the build context; beside them,
the CPU seconds the build's own process used in each phase (``cpu: read`` …) and in all, and
those of the worker processes it waited for (``cpu: workers``). On a machine shared with other
work, the CPU seconds say what a build cost where wall seconds also count the waiting.

Standard library only.
"""

from __future__ import annotations

import json
import resource


def cpu_used() -> tuple[float, float]:
    """CPU seconds (user + system) used so far by this process, and by its children it has waited for."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def write_timings(
    path: str,
    timings: dict[str, float],
    started: float,
    elapsed: float,
    cpu: tuple[float, float],
    counts: dict[str, int] | None = None,
) -> None:
    """Phase times of this build as JSON, for `make bench`: wall seconds, and CPU seconds (``cpu:``) of the
    build's own process per phase and in all, and of the workers it waited for (``cpu: workers``); ``counts``
    (pages rendered and reused…) as they are, so that two builds' work can be compared too."""
    marks = {k[3:]: v for k, v in timings.items() if k.startswith("at:")}
    used = {k[7:]: v for k, v in timings.items() if k.startswith("cpu at:")}
    spent = {k: v for k, v in timings.items() if not k.startswith(("at:", "cpu at:"))}
    phases = {
        "start-up": marks.get("start", started) - started,
        "read": marks.get("read", 0) - marks.get("start", 0),
        "plugins": marks.get("context", 0) - marks.get("read", 0),
        "write": marks.get("written", 0) - marks.get("context", 0),
        "swap": started + elapsed - marks.get("written", started + elapsed),
        **{f"in:{k}": v for k, v in spent.items()},
        "total": elapsed,
    }
    own, children = cpu_used()
    if used:  # process_time() counts from the process's start, as RUSAGE_SELF does
        phases |= {
            "cpu: read": used.get("read", 0) - used.get("start", 0),
            "cpu: plugins": used.get("context", 0) - used.get("read", 0),
            "cpu: write": used.get("written", 0) - used.get("context", 0),
        }
    phases |= {"cpu: build process": own - cpu[0], "cpu: workers": children - cpu[1]}
    rounded: dict[str, float | int] = {k: round(v, 4) for k, v in phases.items()}
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(rounded | (counts or {}), handle, indent=1, sort_keys=True)

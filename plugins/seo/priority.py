"""The build steps back while Pagefind runs, so that Pagefind finishes first (shell).

After an edit, the search index is what the build waits for last: Pagefind indexes the
edited year again (about 7 CPU-seconds for 2,273 stories, on up to two cores) while the
build renders and checks the rest of the site and writes its feeds. On a two-core machine
they compete for the cores, and the one the build ends up waiting for finished later.
With the build's thread ten steps lower in priority than Pagefind from its first run on,
the build's own work fills the time Pagefind leaves, and an edit of a 10,000-article site
took 15.0 s instead of 15.95 s on a noisy two-core machine (medians of 12 edit and revert
builds each, taking turns).

Linux gives each thread its own priority, so only the thread that runs the build steps
back: not Pagefind (started at the build's priority) nor the thread that waits for it.
Workers the build forks meanwhile start at its lower priority. On other systems nothing
changes. Raising a priority again needs a privilege most users do not have: the build
tries once its search index is done, and otherwise finishes its last steps lower.
"""

from __future__ import annotations

import os
import sys
import threading

NICENESS = 10  # how many steps the build's thread goes down while Pagefind runs
_LOWEST = 19


class StepBack:
    """Lowers the priority of the thread that made it (``lower``), and restores it (``restore``)."""

    def __init__(self) -> None:
        self._thread = threading.get_native_id() if sys.platform.startswith("linux") else None
        self._before: int | None = None

    def lower(self) -> None:
        if self._thread is None or self._before is not None:
            return
        try:
            before = os.getpriority(os.PRIO_PROCESS, self._thread)
            os.setpriority(os.PRIO_PROCESS, self._thread, min(before + NICENESS, _LOWEST))
        except OSError:
            return
        self._before = before

    def restore(self) -> None:
        if self._thread is None or self._before is None:
            return
        try:
            os.setpriority(os.PRIO_PROCESS, self._thread, self._before)
        except OSError:  # not allowed to go back up: the build is nearly done anyway
            pass
        self._before = None

"""Page views dated after now (pure): a server whose clock runs ahead, an export with a typo.

One such line would move the window to its time, and the pruning of raw hits with it. So a
view dated after ``now`` plus ``MOST_READ_CLOCK_SKEW_MINUTES`` is set aside and counted,
never stored; the summary names the first one by file and line, to find the server.
"""

from __future__ import annotations

from dataclasses import dataclass

NEVER = 2**62  # a time no page view reaches: no limit


def not_after(now: int, skew_minutes: int) -> int:
    """The latest time a page view may carry: now, and the allowance for clocks that run a little fast."""
    return now + skew_minutes * 60


@dataclass
class Ahead:
    """Views dated after the limit, set aside: how many, and where the first one was."""

    count: int = 0
    first: tuple[str, int] | None = None  # (source, line number)

    def add(self, source: str, line: int) -> None:
        self.count += 1
        if self.first is None:
            self.first = (source, line)

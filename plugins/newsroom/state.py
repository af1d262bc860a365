"""What one build has learnt so far: settings, the author registry, problems."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from blinker import Signal

from .authors import Profile
from .bodies import Body, BodyStore
from .errors import Problem
from .heroes import HeroSizes
from .readings import Reading, ReadingStore
from .schedule import Scheduled
from .settings import NewsroomSettings


@dataclass
class BuildState:
    settings: NewsroomSettings | None = None
    content_path: str = ""
    registry: dict[str, Profile] = field(default_factory=dict)
    images: frozenset[str] = frozenset()  # files under the content folder, relative, '/'-separated
    problems: list[Problem] = field(default_factory=list)
    published: set[str] = field(default_factory=set)  # source paths of published articles
    scheduled: list[Scheduled] = field(default_factory=list)  # published stories dated after the build's "now"
    withheld: list[tuple[str, str]] = field(default_factory=list)  # (output path, source) of those left out
    links: dict[str, list[str]] = field(default_factory=dict)  # source that is out -> content paths it links to
    written: dict[str, str] = field(default_factory=dict)  # article source path -> output path
    body_fingerprint: str = ""
    bodies: dict[str, Body] = field(default_factory=dict)  # converted bodies by content key
    used_bodies: set[str] = field(default_factory=set)
    body_store: BodyStore = field(default_factory=lambda: BodyStore(None))
    reading_fingerprint: str = ""
    # each source file's reading key and bytes, read once at start-up; the reader takes them from here
    sources: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    readings: dict[str, Reading] = field(default_factory=dict)  # checked front-matter by file content key
    fresh: set[str] = field(default_factory=set)  # source files checked afresh (new or changed) this build
    used_readings: set[str] = field(default_factory=set)
    reading_store: ReadingStore = field(default_factory=lambda: ReadingStore(None))
    hero_sizes: HeroSizes = field(default_factory=lambda: HeroSizes(None))  # images' pixel sizes, kept by file
    reuse: Any = None  # the Reuse of this build's writer, for plugins that write files themselves
    site_fingerprint: str = ""
    # work running beside the build whose results must land before the problems are checked
    # (related lists ranked in a worker): each is called once, in order
    pending: list[Callable[[], None]] = field(default_factory=list)
    # lands the pending work and checks the problems (``settle``): set once the context is complete
    settling: Callable[[], None] | None = None
    # page -> fingerprint of what it shows but the stories around it (related, previous/next)
    content_fingerprints: dict[str, str] = field(default_factory=dict)

    timings: dict[str, float] = field(default_factory=dict)  # seconds spent per phase, for the benchmark

    counts: dict[str, int] = field(default_factory=dict)

    def tick(self, what: str, every: int = 500) -> None:
        """Count one more of ``what``; on a terminal, show the running count every ``every``."""
        count = self.counts[what] = self.counts.get(what, 0) + 1
        if count % every == 0 and sys.stderr.isatty():
            print(f"\r  {what}: {count:,}", end="", file=sys.stderr, flush=True)

    def mark(self, name: str) -> None:
        """Remember when a point of the build was reached."""
        self.timings[f"at:{name}"] = time.perf_counter()

    def settle(self) -> None:
        """Land the work running beside the build and check the problems, once, before any page is
        written. The writer calls it before its first page, after the site fingerprint, so that the
        fingerprint overlaps that work; the end of the build calls it when no page was written."""
        settling, self.settling = self.settling, None
        if settling is not None:
            settling()

    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


STATE = BuildState()

# Sent by the newsroom's writer with the output name of each page it has rendered or reused,
# once the page's fingerprint is recorded, so that work on finished pages (the search
# index of a year whose pages are all written) can start while the rest is written.
page_done = Signal("newsroom-page-done")


@contextmanager
def timed(name: str) -> Iterator[None]:
    """Add the time spent in the block to ``STATE.timings[name]``."""
    start = time.perf_counter()
    try:
        yield
    finally:
        STATE.timings[name] = STATE.timings.get(name, 0.0) + time.perf_counter() - start

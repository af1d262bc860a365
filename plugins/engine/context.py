"""One build's context: made by the engine when a build starts, handed to every plugin.

Everything a build learns and shares between plugins lives here, never in a module: the
problems found (one list, checked once before the first page is written), the work that runs
beside the build and must land first, the outputs the writer reused, and the time spent per
phase for whoever asked to know. Each plugin keeps its own per-build data in a slot of the
context (``ctx.slot``), made fresh for each build.

Pelican hands every object of a build (the Pelican object, generators, readers, the writer,
each content item) the same settings dict; the context rides in it under ``KEY``, so a
plugin's signal handler finds it with ``of(generator)`` or ``of(settings)``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, TypeVar

from blinker import Signal
from common.errors import Problem

from .contract import Contract

KEY = "newsdesk.build"  # a settings key no settings file can spell (a dot), left out of fingerprints
T = TypeVar("T")


class StaticPolicy(Protocol):
    """What the content model says about the files under the content folder (see ``statics``)."""

    found: frozenset[str]  # every file under the content folder, relative and '/'-separated

    def vet(self, rel: str) -> tuple[bytes | None, list[Problem]]:
        """The bytes to publish instead of the file's own (a cleaned SVG), and the problems of the file."""
        ...

    def save(self) -> None: ...


@dataclass
class BuildContext:
    settings: MutableMapping[str, Any]
    problems: list[Problem] = field(default_factory=list)
    # work running beside the build whose results must land before the problems are checked
    # (related lists ranked in a worker): each is called once, in order, by ``settle``
    pending: list[Callable[[], None]] = field(default_factory=list)
    # lands the pending work and checks the problems: set by the content model once it is complete
    settling: Callable[[], None] | None = None
    reuse: Any = None  # the writer's ``Reuse``, for plugins that write files themselves
    fresh: set[str] = field(default_factory=set)  # source files read afresh (new or changed) this build
    site_fingerprint: str = ""
    # page -> fingerprint of what it shows but the stories around it (related, previous/next)
    content_fingerprints: dict[str, str] = field(default_factory=dict)
    statics: StaticPolicy | None = None  # set by the content model: which files are published, and how
    # content-relative path -> the bytes a plugin publishes instead of that static file's own (a photo
    # re-encoded without its metadata), wherever the file is published (``{attach}`` may move it)
    static_bytes: dict[str, bytes] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # lines for the person building, printed once it succeeded
    # seconds per phase, and ``at:`` marks (with the build process's CPU seconds then, ``cpu at:``)
    timings: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    slots: dict[str, Any] = field(default_factory=dict)
    contract: Contract = field(default_factory=Contract)  # what each plugin sets on articles, and its role
    # sent with the output name of each page rendered or reused, once its fingerprint is recorded, so
    # that work on finished pages (the search index of a year whose pages are all written) can start;
    # a receiver is called as ``receiver(name)`` (connect it with ``weak=False`` if it is a partial)
    page_done: Signal = field(default_factory=Signal)
    now: datetime | None = None  # the build's "now" (the content model sets it from NEWSROOM_NOW or the clock)
    # the build's generators once all are finished: what the devserver's fast path renders from (``refresh``)
    generators: list[Any] = field(default_factory=list)
    # sent as ``receiver(article, generator=…, changed=…)`` when the devserver's fast path has read an article
    # again whose headline, standfirst or body only changed (``changed``: those of "title", "summary" and
    # "body" that did): each plugin sets again what it works out from them
    refreshed: Signal = field(default_factory=Signal)

    def slot(self, name: str, make: Callable[[], T]) -> T:
        """The per-build data of plugin ``name``, made by ``make`` on first use."""
        if name not in self.slots:
            self.slots[name] = make()
        return self.slots[name]

    def tick(self, what: str, every: int = 500) -> None:
        """Count one more of ``what``; on a terminal, show the running count every ``every``."""
        count = self.counts[what] = self.counts.get(what, 0) + 1
        if count % every == 0 and sys.stderr.isatty():
            print(f"\r  {what}: {count:,}", end="", file=sys.stderr, flush=True)

    def mark(self, name: str) -> None:
        """Remember when a point of the build was reached, and how much CPU its process had used by then."""
        self.timings[f"at:{name}"] = time.perf_counter()
        self.timings[f"cpu at:{name}"] = time.process_time()

    @contextmanager
    def timed(self, name: str) -> Iterator[None]:
        """Add the time spent in the block to ``timings[name]``."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start

    def settle(self) -> None:
        """Land the work running beside the build and check the problems, once, before any page is
        written. The writer calls it before its first page, after the site fingerprint, so that the
        fingerprint overlaps that work; the end of the build calls it when no page was written."""
        settling, self.settling = self.settling, None
        if settling is not None:
            settling()
            self.mark("context")

    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def start(settings: MutableMapping[str, Any]) -> BuildContext:
    """A fresh context for a build with these settings (replacing any earlier one in them)."""
    ctx = settings[KEY] = BuildContext(settings)
    return ctx


def of(holder: Any) -> BuildContext:
    """The context of the build that ``holder`` (settings, or any object with ``.settings``) belongs to."""
    settings = holder if isinstance(holder, MutableMapping) else holder.settings
    ctx = settings.get(KEY)
    if ctx is None:  # a plugin used outside a build the engine started (a plain ``pelican`` run, a test)
        ctx = start(settings)
    return ctx

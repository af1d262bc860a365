"""Reading access logs and analytics exports into the store (the I/O around the pure rules)."""

from __future__ import annotations

import io
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import BinaryIO

from . import analytics, formats
from .counting import Classifier, Rules, Tally
from .reading import BLOCK, open_log, read_bodies, read_lines, split_body
from .records import RecordFeed
from .store import Store
from .workers import Spread, WorkerPool, fields_line

__all__ = ["Report", "ingest_csv", "ingest_logs", "open_log", "read_lines"]  # read_lines: where the tests find it
BATCH = 250_000  # hits held in memory before they go to the store
PROGRESS_BYTES = 32 << 20  # inputs at least this large show a progress line on a terminal


@dataclass
class Report:
    """What one run of the ingest did, for the summary."""

    tally: Tally = field(default_factory=Tally)
    files: list[tuple[str, int]] = field(default_factory=list)  # (name, lines)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (name, why)
    new_hits: int = 0
    views_added: int = 0
    repeats: int = 0
    pruned: int = 0
    csv: analytics.CsvTally = field(default_factory=analytics.CsvTally)
    dropped: tuple[int, int, int] = (0, 0, 0)  # hits, hourly views, analytics rows dated after now, from the store
    now: int = 0
    skew_minutes: int = 0
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=lambda: dict.fromkeys(("reading", "storing", "recounting"), 0.0))


class Progress:
    """A one-line progress report on stderr, for large inputs on a terminal only."""

    def __init__(self, name: str, total: int, stream: io.TextIOBase | None = None) -> None:
        self.stream = stream or sys.stderr
        self.name, self.total = name, total
        self.on = total >= PROGRESS_BYTES and self.stream.isatty()
        self.last = 0.0

    def update(self, done: int, lines: int, final: bool = False) -> None:
        now = time.monotonic()
        if not self.on or (now - self.last < 0.2 and not final):
            return
        self.last = now
        share = min(1.0, done / self.total) if self.total else 1.0
        bar = "#" * int(share * 30)
        self.stream.write(f"\r{self.name[-30:]:>30} [{bar:<30}] {share:4.0%} {lines:,} lines")
        if final:
            self.stream.write("\n")
        self.stream.flush()


def _position(handle: BinaryIO) -> Callable[[], int]:
    raw = getattr(handle, "fileobj", None) or handle  # a gzip file: bytes read from the disk
    return lambda: raw.tell() if raw.seekable() else 0


def _format(log_format: str, first: list[bytes] | list[str], source: str) -> str:
    """The format of a file: as given, or detected from its first non-blank line."""
    if log_format != "auto":
        return log_format
    number, text = next(((i, line) for i, line in enumerate(first, 1) if line.strip()), (1, ""))
    text = text if isinstance(text, str) else text.decode(errors="replace")
    return formats.detect(text, source, number)


def _feeder(
    classifier: Classifier, log_format: str, first: list[bytes] | list[str], source: str
) -> Callable[[list[bytes] | list[str], Tally], list]:
    """How the blocks of one file are counted: by its format, given or detected from its first line."""
    log_format = _format(log_format, first, source)
    if log_format == "combined":
        return lambda block, tally: classifier.feed(block, tally, source)
    return RecordFeed(classifier, formats.parser(log_format), source).feed


class Pending:
    """Hits on their way to the store, written a batch at a time; the span of the new ones, to recount."""

    def __init__(self, store: Store, report: Report) -> None:
        self.store, self.report = store, report
        self.hits: list = []
        self.first: int | None = None
        self.last: int | None = None

    def add(self, hits: list) -> bool:
        """Keep ``hits``; True when a batch was written (the time it took is storing, not reading)."""
        self.hits.extend(hits)
        if len(self.hits) < BATCH:
            return False
        self.flush()
        return True

    def flush(self) -> None:
        if not self.hits:
            return
        started = time.perf_counter()
        new = self.store.add_hits(self.hits)
        self.report.new_hits += new
        if new:
            low, high = min(h[0] for h in self.hits), max(h[0] for h in self.hits)
            self.first = low if self.first is None else min(self.first, low)
            self.last = high if self.last is None else max(self.last, high)
        self.hits.clear()
        self.report.phases["storing"] += time.perf_counter() - started


def _read_log(name: str, classifier: Classifier, log_format: str, pending: Pending, report: Report,
              pool: WorkerPool) -> None:  # fmt: skip
    """One log, block by block, into ``pending``; what cannot be read is reported, what came before kept.

    The first block is counted here (the format is detected and held to the file's first record);
    the others go to the worker processes when there are any."""
    tally = report.tally
    lines_before, storing_before = tally.lines, report.phases["storing"]
    try:
        handle = open_log(name)
    except OSError as exc:
        report.unreadable.append((name, exc.strerror or str(exc)))
        return
    size = os.fstat(handle.fileno()).st_size if name != "-" else 0
    progress = Progress(name, size)
    where = _position(handle)
    started = time.perf_counter()
    spread: Spread | None = None
    broken: Exception | None = None
    number = classifier.rules.number
    try:
        bodies = read_bodies(handle, block_size=pool.block)
        first = next(bodies, b"")
        opening = first if isinstance(first, list) else split_body(first)
        resolved = _format(log_format, opening, name)
        feed = _feeder(classifier, resolved, opening, name)
        records = getattr(feed, "__self__", None)  # a CDN or JSON file's reader, with its line numbers
        fields = fields_line(first, None) if isinstance(first, bytes) else None
        pending.add(feed(opening, tally))
        for body in bodies:
            if spread is None and (records is None or records.checked) and (running := pool.get()):
                spread = Spread(running, name, resolved, records, fields)
            if spread is None:
                pending.add(feed(body if isinstance(body, list) else split_body(body), tally))
                fields = fields_line(body, fields) if isinstance(body, bytes) else fields
            else:
                for hits in spread.add(body, tally, number):
                    pending.add(hits)
            progress.update(where(), tally.lines - lines_before)
    except (OSError, EOFError) as exc:  # gzip.BadGzipFile is an OSError
        broken = exc
    finally:
        if name != "-":
            handle.close()
    if spread is not None:
        for hits in spread.finish(tally, number):  # the blocks read before the end, or the break
            pending.add(hits)
    if broken is not None:
        report.unreadable.append((name, f"stopped after {tally.lines - lines_before:,} lines: {broken}"))
    report.phases["reading"] += time.perf_counter() - started - (report.phases["storing"] - storing_before)
    progress.update(size, tally.lines - lines_before, final=True)
    report.files.append((name, tally.lines - lines_before))


def ingest_logs(
    store: Store, names: list[str], rules: Rules, keep_days: int, report: Report, log_format: str = "auto",
    processes: int = 1, block_size: int = BLOCK,
) -> None:  # fmt: skip
    """Count the logs into the store; a file not in ``log_format`` (or the one its first line shows)
    raises ``formats.FormatError`` and the caller's transaction leaves the store as it was.

    With ``processes`` of 2 or more, that many worker processes count the blocks after each file's
    first; with 1 (the default) everything is counted in this process. On the shared 2-core machine
    the workers cost more CPU than they saved wall time (docs/most-read.md), so they are asked for."""
    classifier = Classifier(rules)
    pending = Pending(store, report)
    pool = WorkerPool(rules, processes, block_size)
    try:
        for name in names:
            _read_log(name, classifier, log_format, pending, report, pool)
    finally:
        pool.close()
    pending.flush()
    if pending.first is not None and pending.last is not None:
        started = time.perf_counter()
        before, after, repeats = store.recount(pending.first, pending.last)
        report.phases["recounting"] += time.perf_counter() - started
        report.views_added += after - before
        report.repeats += repeats
    report.pruned += store.prune(keep_days * 86400, rules.not_after)


def ingest_csv(store: Store, names: list[str], settings: analytics.CsvSettings, report: Report) -> None:
    for name in names:
        try:
            with open(name, "rb") as handle:
                rows = analytics.read_csv(handle.read(), settings, report.csv, name)
        except OSError as exc:
            report.unreadable.append((name, exc.strerror or str(exc)))
            continue
        store.put_csv(rows)

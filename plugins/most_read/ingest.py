"""Reading access logs and analytics exports into the store (the I/O around the pure rules)."""

from __future__ import annotations

import gzip
import io
import itertools
import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from . import analytics, formats
from .counting import MAX_LINE, Classifier, Rules, Tally
from .gunzip import Gunzip
from .records import RecordFeed
from .store import Store

BLOCK = 1 << 20
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


def read_lines(
    handle: BinaryIO, max_line: int = MAX_LINE, block_size: int = BLOCK
) -> Iterator[list[bytes] | list[str]]:
    """Blocks of complete lines, without their newlines, as text when the block is valid UTF-8.

    Memory stays bounded whatever the input: a line longer than ``max_line`` is cut to
    ``max_line + 1`` bytes (enough to be rejected as too long) and the rest skipped.
    """
    tail = b""
    skipping = False
    for block in _chunks(handle, block_size):
        cut = block.rfind(b"\n")
        if cut < 0:  # no line ends in this block
            if not skipping:
                tail += block
                if len(tail) > max_line:
                    yield [tail[: max_line + 1]]
                    tail, skipping = b"", True
            continue
        if skipping:
            start = block.find(b"\n") + 1  # the rest of the long line, already reported
            body, skipping = block[start : cut + 1], False
        else:
            body = tail + block[: cut + 1]
        tail = block[cut + 1 :]
        yield _split(body)
        if len(tail) > max_line:  # a long line starts here and goes on: report it, skip the rest
            yield [tail[: max_line + 1]]
            tail, skipping = b"", True
    if tail and not skipping:
        yield _split(tail + b"\n")


def _chunks(handle: BinaryIO, size: int) -> Iterator[bytes]:
    """The bytes of ``handle`` in chunks of about ``size``; a broken gzip stream yields what came before
    its break, then raises (``read1``: a gzip file hands out what it has decompressed, a few kB at a time)."""
    read = getattr(handle, "read1", handle.read)
    parts: list[bytes] = []
    held = 0
    try:
        while part := read(size - held):
            parts.append(part)
            held += len(part)
            if held >= size:
                yield b"".join(parts)
                parts, held = [], 0
    except (OSError, EOFError):  # gzip.BadGzipFile is an OSError
        if parts:
            yield b"".join(parts)
        raise
    if parts:
        yield b"".join(parts)


def _split(body: bytes) -> list[bytes] | list[str]:
    try:
        return body.decode().split("\n")[:-1]
    except UnicodeDecodeError:
        return body.split(b"\n")[:-1]


def open_log(name: str) -> BinaryIO:
    """A log as bytes: "-" is standard input; gzip is recognised by its first bytes, whatever the name."""
    if name == "-":
        return sys.stdin.buffer
    handle = open(name, "rb")
    if handle.peek(2)[:2] == b"\x1f\x8b":
        return Gunzip(handle)  # type: ignore[return-value]
    return handle


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


def _feeder(
    classifier: Classifier, log_format: str, first: list[bytes] | list[str], source: str
) -> Callable[[list[bytes] | list[str], Tally], list]:
    """How the blocks of one file are counted: by its format, given or detected from its first line."""
    if log_format == "auto":
        number, text = next(((i, line) for i, line in enumerate(first, 1) if line.strip()), (1, ""))
        text = text if isinstance(text, str) else text.decode(errors="replace")
        log_format = formats.detect(text, source, number)
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


def _read_log(name: str, classifier: Classifier, log_format: str, pending: Pending, report: Report) -> None:
    """One log, block by block, into ``pending``; what cannot be read is reported, what came before kept."""
    tally = report.tally
    lines_before = tally.lines
    try:
        handle = open_log(name)
    except OSError as exc:
        report.unreadable.append((name, exc.strerror or str(exc)))
        return
    size = os.fstat(handle.fileno()).st_size if name != "-" else 0
    progress = Progress(name, size)
    where = _position(handle)
    started = time.perf_counter()
    try:
        blocks = read_lines(handle)
        opening = next(blocks, [])
        feed = _feeder(classifier, log_format, opening, name)
        for block in itertools.chain([opening], blocks):
            if pending.add(feed(block, tally)):
                report.phases["reading"] += time.perf_counter() - started
                started = time.perf_counter()
            progress.update(where(), tally.lines - lines_before)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        report.unreadable.append((name, f"stopped after {tally.lines - lines_before:,} lines: {exc}"))
    finally:
        if name != "-":
            handle.close()
        report.phases["reading"] += time.perf_counter() - started
    progress.update(size, tally.lines - lines_before, final=True)
    report.files.append((name, tally.lines - lines_before))


def ingest_logs(
    store: Store, names: list[str], rules: Rules, keep_days: int, report: Report, log_format: str = "auto"
) -> None:
    """Count the logs into the store; a file not in ``log_format`` (or the one its first line shows)
    raises ``formats.FormatError`` and the caller's transaction leaves the store as it was."""
    classifier = Classifier(rules)
    pending = Pending(store, report)
    for name in names:
        _read_log(name, classifier, log_format, pending, report)
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

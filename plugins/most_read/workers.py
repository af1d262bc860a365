"""Counting the blocks of a log on every core: the ingest's process reads (and decompresses) the
file and stores the hits, worker processes apply the rules to the blocks in between.

A gzip stream cannot be cut, so the reading stays in one process; the counting, which is most of
the work, is spread over forked workers, a block of complete lines (about 1 MB) at a time, with at
most two blocks a worker in flight (memory stays flat whatever the file's size). Each block is
counted exactly as the line-by-line reader counts it, by the same ``Classifier.feed`` or
``RecordFeed.feed``, with a tally of its own; the results come back in the file's order and their
tallies are added up with the line numbers moved to the file's (``merge``). A machine where worker
processes cannot start counts in the ingest's own process, as before.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from array import array
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from multiprocessing.pool import AsyncResult, Pool
from operator import itemgetter
from typing import Any

from . import formats
from .counting import KEEP_FIRST_REJECTS, Classifier, Hit, Rules, Tally
from .records import RecordFeed

_TIME, _CLIENT = itemgetter(0), itemgetter(2)
IN_FLIGHT = 2  # blocks a worker may have waiting, besides the one it counts
FIELDS = b"#Fields:"


@dataclass(frozen=True)
class Job:
    """One block of a file for a worker: its complete lines as read (bytes), or a long line's start."""

    source: str
    log_format: str  # as detected or given: combined, cloudfront, cloudflare, fastly, nginx-json
    fields: str | None  # CloudFront: the #Fields line in force where the block starts
    body: bytes | list[bytes]


@dataclass
class Counted:
    """What a worker found in a block: its hits as three arrays (times, article keys by their place in
    ``keys``, clients: a few bytes a hit to send back, not a pickled tuple), its own tally (line numbers
    from the block's start), and how many lines of the file the block held."""

    moments: array
    articles: array
    clients: array
    keys: list[str]
    tally: Tally
    lines: int

    @classmethod
    def of(cls, hits: list[Hit], tally: Tally, lines: int) -> Counted:
        places: dict[str, int] = {}
        articles = array("l", [places.setdefault(key, len(places)) for _, key, _ in hits])
        moments, clients = array("q", map(_TIME, hits)), array("q", map(_CLIENT, hits))
        return cls(moments, articles, clients, list(places), tally, lines)

    def hits(self, number: Callable[[str], Any] | None) -> list[Hit]:
        """The hits again, with the store's numbers for the article keys when ``number`` gives them."""
        keys = [number(key) for key in self.keys] if number else self.keys
        return list(zip(self.moments, map(keys.__getitem__, self.articles), self.clients, strict=True))


_STATE: dict[str, Any] = {}  # a worker process's classifier and its readers by file, kept between blocks


def _start(rules: Rules) -> None:
    _STATE.clear()
    _STATE["classifier"] = Classifier(rules)


def _split(body: bytes | list[bytes]) -> list[bytes] | list[str]:
    from .ingest import split_body  # noqa: PLC0415 - ingest imports this module

    return body if isinstance(body, list) else split_body(body)


def count(job: Job) -> Counted:
    """Count one block (in a worker process, or in this one where none can start)."""
    classifier: Classifier = _STATE["classifier"]
    lines, tally = _split(job.body), Tally()
    if job.log_format == "combined":
        return Counted.of(classifier.feed(lines, tally, job.source), tally, len(lines))
    feed = _STATE.get((job.source, job.log_format))
    if feed is None:
        reader = formats.parser(job.log_format)
        feed = _STATE[(job.source, job.log_format)] = RecordFeed(classifier, reader, job.source)
        feed.checked = True  # the ingest's process held the file's first record to its format
    if job.fields is not None:
        feed.reader.header(job.fields, job.source, 0)
    feed.line = 0
    return Counted.of(feed.feed(lines, tally), tally, len(lines))


def fields_line(body: bytes, current: str | None) -> str | None:
    """The CloudFront #Fields line in force after ``body``: its last one, or ``current``."""
    at = body.rfind(FIELDS)
    while at > 0 and body[at - 1] != 0x0A:  # not at the start of a line
        at = body.rfind(FIELDS, 0, at)
    if at < 0:
        return current
    end = body.find(b"\n", at)
    return body[at : end if end >= 0 else len(body)].decode(errors="replace").rstrip("\r")


def merge(tally: Tally, counted: Counted, line_base: int) -> None:
    """Add a block's tally to the file's; its line numbers start at ``line_base``."""
    part = counted.tally
    tally.lines += part.lines
    tally.hits += part.hits
    for name, n in part.rejected.items():
        tally.rejected[name] += n
    for name, n in part.skipped.items():
        tally.skipped[name] += n
    for source, line, reason in part.first_rejects[: KEEP_FIRST_REJECTS - len(tally.first_rejects)]:
        tally.first_rejects.append((source, line_base + line, reason))
    if part.future.count:
        tally.future.count += part.future.count
        if tally.future.first is None and part.future.first is not None:
            tally.future.first = (part.future.first[0], line_base + part.future.first[1])


class Workers:
    """Forked worker processes counting blocks, handed out and collected in order."""

    def __init__(self, rules: Rules, processes: int) -> None:
        context = multiprocessing.get_context("fork")
        self.pool: Pool = context.Pool(processes, _start, (replace(rules, number=None),))
        self.waiting: deque[AsyncResult] = deque()
        self.limit = processes * (1 + IN_FLIGHT)

    @classmethod
    def start(cls, rules: Rules, processes: int) -> Workers | None:
        """Workers, or None where processes cannot be started (no shared memory for their queues)."""
        try:
            return cls(rules, processes)
        except OSError:
            return None

    def submit(self, job: Job) -> Iterator[Counted]:
        """Hand ``job`` out; yield the results that must be collected first to keep memory bounded."""
        self.waiting.append(self.pool.apply_async(count, (job,)))
        while len(self.waiting) >= self.limit:
            yield self.waiting.popleft().get()

    def drain(self) -> Iterator[Counted]:
        while self.waiting:
            yield self.waiting.popleft().get()

    def close(self) -> None:
        self.waiting.clear()
        with contextlib.suppress(Exception):
            self.pool.terminate()
            self.pool.join()


class WorkerPool:
    """The workers of one ingest, started when a file first has a second block (small logs fork nothing)."""

    def __init__(self, rules: Rules, processes: int, block: int) -> None:
        self.rules, self.processes, self.block = rules, processes, block
        self.workers: Workers | None = None
        self.tried = processes < 2  # one process: count everything in this one

    def get(self) -> Workers | None:
        if not self.tried:
            self.tried = True
            self.workers = Workers.start(self.rules, self.processes)
        return self.workers

    def close(self) -> None:
        if self.workers is not None:
            self.workers.close()


class Spread:
    """The blocks of one file after its first, counted by the workers and merged back in order.

    ``records`` is the line-by-line reader of a CDN or JSON file (None for Combined): the file's own
    line numbers continue from it, and its first record has been checked before blocks go out."""

    def __init__(self, workers: Workers, source: str, log_format: str, records: RecordFeed | None,
                 fields: str | None) -> None:  # fmt: skip
        self.workers, self.source, self.log_format, self.records = workers, source, log_format, records
        self.line = records.line if records is not None else 0  # lines of the file merged so far
        self.fields = fields  # CloudFront: the #Fields line in force

    def add(self, body: bytes | list[bytes], tally: Tally, number: Any) -> Iterator[list[Hit]]:
        """Hand out a block; yield the hits of the blocks collected meanwhile (in the file's order)."""
        job = Job(self.source, self.log_format, self.fields, body)
        if self.log_format == "cloudfront" and isinstance(body, bytes):
            self.fields = fields_line(body, self.fields)
        yield from self._collect(self.workers.submit(job), tally, number)

    def finish(self, tally: Tally, number: Any) -> Iterator[list[Hit]]:
        yield from self._collect(self.workers.drain(), tally, number)

    def _collect(self, results: Iterator[Counted], tally: Tally, number: Any) -> Iterator[list[Hit]]:
        while True:
            try:
                counted = next(results)
            except StopIteration:
                return
            except formats.FormatError as exc:  # a #Fields line without a field the count needs
                raise formats.FormatError(exc.source, self.line + exc.line, exc.why) from None
            merge(tally, counted, tally.lines if self.records is None else self.line)
            self.line += counted.lines
            yield counted.hits(number)

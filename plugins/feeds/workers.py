"""Making feed entries' XML in a worker process while Pelican renders the pages (shell).

The entries are known as soon as the articles are read, long before the feeds are
written; on a cold cache their pieces are made on the other core meanwhile.
"""

from __future__ import annotations

from concurrent.futures import Future, ProcessPoolExecutor

from .entries import Entry, entry_key
from .pieces import make
from .settings import FeedSettings

EARLY_FROM = 400  # fewer missing pieces than this are made in-process when the feeds are written

Making = tuple[ProcessPoolExecutor, list[Future[dict[str, bytes]]]]


def _make(fmt: str, entries: list[Entry], config: FeedSettings) -> dict[str, bytes]:
    return make(entries, fmt, config, entry_key)


def start(missing: list[tuple[str, Entry]], config: FeedSettings) -> Making:
    """Start making ``missing`` (format, entry) pieces in one worker process, keyed as the plugin keys them."""
    pool = ProcessPoolExecutor(max_workers=1)
    futures = [pool.submit(_make, fmt, [entry for f, entry in missing if f == fmt], config) for fmt in ("rss", "atom")]
    return pool, futures


def finish(making: Making) -> dict[str, bytes]:
    """Wait for the worker and return its pieces by key."""
    pool, futures = making
    try:
        made: dict[str, bytes] = {}
        for future in futures:
            made.update(future.result())
        return made
    finally:
        pool.shutdown()

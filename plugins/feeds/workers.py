"""Writing the feeds in a forked worker process while Pelican renders the pages (shell).

The worker starts when the first page is written (the writer, and so the live site's
reuse manifest, exists then) and works from a copy of the build's memory: the planned
feeds and the writer's Reuse. It writes into the same staging folder (its own files
only) and hands back the manifest entries and counts for the parent to merge.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

Running = tuple[ProcessPoolExecutor, Future[Any]]


def available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def start(job: Callable[[], Any]) -> Running:
    """Run ``job`` in a process forked from this one (a module-level function: it runs on the copy)."""
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    return pool, pool.submit(job)


def finish(running: Running) -> Any:
    """Wait for the job; its result, or its exception raised here."""
    pool, future = running
    try:
        return future.result()
    finally:
        pool.shutdown()

"""Making a photo's missing files, on every core when there are several photos (shell).

Workers are started fresh (``spawn``): libvips runs threads of its own, and a process forked
from one that has used it may hang. Each worker reads and decodes a source once, makes all its
files from those pixels one libvips thread at a time (the cores are shared between workers) and
keeps them in the cache, handing back what each file holds (``Kept``).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import pyvips

from .plan import Job
from .render import BadPhoto, decode, make_from
from .store import Kept, Made

Task = tuple[str, list[tuple[str, Job]]]  # a source photo's absolute path, and (cache key, job) to make from it
Failure = tuple[str, str, str]  # source path, message, fix
log = logging.getLogger(__name__)


def make_files(task: Task, folder: str) -> tuple[list[Failure], dict[str, Kept]]:
    """Make and keep every job of ``task``: the failure, if any (one is enough to refuse the photo), and what
    each file made holds, by key."""
    path, jobs = task
    made, kept = Made(folder), {}
    try:
        with open(path, "rb") as handle:
            source = decode(handle.read())  # once for all its files
        for key, job in jobs:
            kept[key] = made.put(key, make_from(source, job))
    except BadPhoto as exc:
        return [(path, str(exc), exc.fix)], kept
    except OSError as exc:
        return [(path, f"could not be read ({exc.strerror or exc}).", "check that the file can be read.")], kept
    return [], kept


def _start_worker() -> None:
    pyvips.concurrency_set(1)
    pyvips.cache_set_max(0)


def _in_worker(item: tuple[Task, str]) -> tuple[list[Failure], dict[str, Kept]]:
    return make_files(*item)


def make_all(tasks: list[Task], folder: str, processes: int | None = None) -> tuple[list[Failure], dict[str, Kept]]:
    """Make every task's files, on ``processes`` workers (every core) when there are several tasks."""
    processes = processes or os.cpu_count() or 1
    if len(tasks) < 2 or processes < 2:
        return _joined(make_files(task, folder) for task in tasks)
    spawn = multiprocessing.get_context("spawn")
    try:
        with ProcessPoolExecutor(min(processes, len(tasks)), mp_context=spawn, initializer=_start_worker) as pool:
            return _joined(pool.map(_in_worker, [(t, folder) for t in tasks]))
    except (OSError, BrokenProcessPool) as exc:  # no worker processes here (no /dev/shm, a sandbox): one core
        log.warning("Photos: worker processes could not run (%s); making the photos in the build's own process.", exc)
        return _joined(make_files(task, folder) for task in tasks)


def _joined(results: Iterable[tuple[list[Failure], dict[str, Kept]]]) -> tuple[list[Failure], dict[str, Kept]]:
    failures: list[Failure] = []
    kept: dict[str, Kept] = {}
    for failed, made in results:
        failures.extend(failed)
        kept.update(made)
    return failures, kept

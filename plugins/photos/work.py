"""Making a photo's missing files, on every core when there are several photos (shell).

Workers are started fresh (``spawn``): libvips runs threads of its own, and a process forked
from one that has used it may hang. Each worker reads and decodes a source once, makes all its
files from those pixels one libvips thread at a time (the cores are shared between workers) and
keeps them in the cache, handing back what each file holds (``Kept``). While they work, the build is
told what is made so far every second or so, and keeps the records of the photos that are done: a
build stopped half-way does not make them again.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import pyvips
from engine import die_with_parent

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


def _start_worker(build: int) -> None:
    die_with_parent(build)  # a build killed half-way (OOM killer, cancelled CI job) leaves no worker behind
    pyvips.concurrency_set(1)
    pyvips.cache_set_max(0)


def _in_worker(item: tuple[Task, str]) -> tuple[list[Failure], dict[str, Kept]]:
    return make_files(*item)


Progress = Callable[[dict[str, Kept], dict[str, Kept]], None]  # told what was made since it was last told, and all


def make_all(
    tasks: list[Task], folder: str, processes: int | None = None, progress: Progress | None = None
) -> tuple[list[Failure], dict[str, Kept]]:
    """Make every task's files, on ``processes`` workers (every core) when there are several tasks;
    ``progress`` is told what is made so far at most once every ``EVERY`` seconds, as tasks finish."""
    processes = processes or os.cpu_count() or 1
    if len(tasks) < 2 or processes < 2:
        return _joined((make_files(task, folder) for task in tasks), progress)
    spawn = multiprocessing.get_context("spawn")
    try:
        with ProcessPoolExecutor(min(processes, len(tasks)), mp_context=spawn, initializer=_start_worker,
                                 initargs=(os.getpid(),)) as pool:  # fmt: skip
            return _joined(pool.map(_in_worker, [(t, folder) for t in tasks]), progress)
    except (OSError, BrokenProcessPool) as exc:  # no worker processes here (no /dev/shm, a sandbox): one core
        log.warning("Photos: worker processes could not run (%s); making the photos in the build's own process.", exc)
        return _joined((make_files(task, folder) for task in tasks), progress)


EVERY = 1.0  # seconds between two reports of progress: each stores what was made in one transaction


def _joined(
    results: Iterable[tuple[list[Failure], dict[str, Kept]]], progress: Progress | None = None
) -> tuple[list[Failure], dict[str, Kept]]:
    failures: list[Failure] = []
    kept: dict[str, Kept] = {}
    fresh: dict[str, Kept] = {}
    told = time.monotonic()
    for failed, made in results:
        failures.extend(failed)
        kept.update(made)
        fresh.update(made)
        if progress is not None and time.monotonic() - told >= EVERY:
            progress(fresh, kept)
            fresh, told = {}, time.monotonic()
    return failures, kept

"""Making a photo's missing files, on every core when there are several photos (shell).

Workers are started fresh (``spawn``): libvips runs threads of its own, and a process forked
from one that has used it may hang. Each worker reads a source once, makes its files one libvips
thread at a time (the cores are shared between workers) and keeps them in the cache.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import pyvips

from .plan import Job
from .render import BadPhoto, make_each
from .store import Made

Task = tuple[str, list[tuple[str, Job]]]  # a source photo's absolute path, and (cache key, job) to make from it
Failure = tuple[str, str, str]  # source path, message, fix
log = logging.getLogger(__name__)


def make_files(task: Task, folder: str) -> list[Failure]:
    """Make and keep every job of ``task``; the failure, if any (one is enough to refuse the photo)."""
    path, jobs = task
    with open(path, "rb") as handle:
        data = handle.read()
    made = Made(folder)
    # a file kept already was made by a worker before the pool broke (it is checked when it is used)
    missing = [(key, job) for key, job in jobs if not os.path.exists(made.path(key))]
    try:
        files = make_each(data, [job for _, job in missing])
    except BadPhoto as exc:
        return [(path, str(exc), exc.fix)]
    for (key, _), file in zip(missing, files, strict=True):
        made.put(key, file)
    return []


def _start_worker() -> None:
    pyvips.concurrency_set(1)
    pyvips.cache_set_max(0)


def _in_worker(item: tuple[Task, str]) -> list[Failure]:
    return make_files(*item)


def make_all(tasks: list[Task], folder: str, processes: int | None = None) -> list[Failure]:
    """Make every task's files, on ``processes`` workers (every core) when there are several tasks."""
    processes = processes or os.cpu_count() or 1
    if len(tasks) < 2 or processes < 2:
        return [failure for task in tasks for failure in make_files(task, folder)]
    spawn = multiprocessing.get_context("spawn")
    try:
        with ProcessPoolExecutor(min(processes, len(tasks)), mp_context=spawn, initializer=_start_worker) as pool:
            return [f for failures in pool.map(_in_worker, [(t, folder) for t in tasks]) for f in failures]
    except (OSError, BrokenProcessPool) as exc:  # no worker processes here (no /dev/shm, a sandbox): one core
        log.warning("Photos: worker processes could not run (%s); making the photos in the build's own process.", exc)
        return [failure for task in tasks for failure in make_files(task, folder)]

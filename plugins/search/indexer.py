"""The search index: the shards (see ``shards``) indexed one after the other by Pagefind (see ``pagefind``).

The runs go one after the other in a background thread, so the build's peak memory is that of the
biggest shard, not of all of them, while the rest of the build goes on beside them on the other core.
Pagefind indexes only pages marked ``data-pagefind-body`` (published article pages), so drafts and list
pages stay out.
"""

from __future__ import annotations

import atexit
import functools
import logging
import os
import queue
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from common.locks import release
from engine import Forked, WorkerError, available, notice

from . import keptdocs, scratch
from .pagefind import (  # noqa: F401 - the search plugin's and tests' way in
    FORK_FROM,
    TIMEOUT,
    Prepared,
    SearchIndexError,
    _where,
    collect,
    command,
    executable,
    launch,
    prepare_run,
    scratch_folder,
    version,
    write_documents,
)
from .shards import BUNDLE_DIR, MANIFEST, Shard
from .warmstart import UnknownBundle, files_in, prune

log = logging.getLogger(__name__)


@dataclass(eq=False)
class Indexing:
    """Shards indexed one after the other in a background thread, as they are submitted.

    ``submit`` hands over a shard whose pages are all written; ``finish`` says no more
    will come, waits for the runs, and raises the first failure.
    """

    binary: str
    site: str
    language: str
    locate: Callable[[str], str] | None = None  # where a page's HTML is (default: in ``site``)
    # where the live site's bundle of a shard is, to seed its run with (``warmstart``), and the
    # Pagefind version (what ``pagefind --version`` says) that must have written it
    previous: Callable[[Shard], str | None] | None = None
    version: str = ""
    kept_documents: str = ""  # where each shard's search documents are kept between builds ("" for none)
    submitted: list[Shard] = field(default_factory=list)
    done: list[tuple[Shard, str, float]] = field(default_factory=list)  # shard, summary, seconds
    error: SearchIndexError | None = None
    _queue: queue.Queue[tuple[Shard, str, Callable[[], Prepared], Forked | None, float] | None] = field(
        default_factory=queue.Queue
    )
    _thread: threading.Thread | None = None
    _locks: dict[str, int] = field(default_factory=dict)  # kept documents folder -> its lock, while in use
    _scratch: dict[str, int | None] = field(default_factory=dict)  # scratch documents folder -> its lock
    _process: subprocess.Popen[str] | None = None
    _cancelled: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> Indexing:
        # a daemon, cancelled at exit: a build that fails before it waits leaves no Pagefind running
        self._thread = threading.Thread(target=self._run, name="pagefind", daemon=True)
        atexit.register(self.cancel)
        self._thread.start()
        return self

    def submit(self, shard: Shard, fingerprints: Mapping[str, str] | None = None) -> None:
        """Index ``shard`` after those submitted before it. On a large shard its run is prepared (its
        search documents written, its folder seeded from the live bundle) by a forked child, started
        now: a thread shares the interpreter with the build, and thousands of small file operations
        took many times as long there (4.7 s instead of 0.4 s to write 2,273 pages' documents of a
        10,000-article edit; 2 s instead of 0.1 s to link their bundle's files).

        With ``fingerprints`` (each page's content fingerprint) and a folder to keep documents in,
        only the documents of changed pages are written (``keptdocs``).
        """
        self.submitted.append(shard)
        documents = keptdocs.folder_for(self.kept_documents, shard.name) if self.kept_documents else ""
        lock = keptdocs.claim(documents) if documents and fingerprints is not None else None
        if lock is None:  # nothing kept, or another build is using the folder now
            documents, held = scratch.make(scratch_folder())
            self._scratch[documents], fingerprints = held, None
        else:
            self._locks[documents] = lock
        output = os.path.join(self.site, shard.output_subdir)
        previous = self.previous(shard) if self.previous else None
        job = functools.partial(
            prepare_run, shard, self._locate, documents, output, previous, self.version, fingerprints
        )
        writer = None
        if len(shard.pages) >= FORK_FROM and available() and self.error is None and not self._cancelled:
            writer = Forked(job, "search documents")
        self._queue.put((shard, documents, job, writer, time.perf_counter()))

    def _discard(self, documents: str) -> None:
        """A run's documents folder once it is done with: a scratch one is removed, a kept one is unlocked."""
        if documents in self._scratch:
            scratch.remove(documents, self._scratch.pop(documents))
        else:
            release(self._locks.pop(documents))

    def _run(self) -> None:
        try:
            while (job := self._queue.get()) is not None:
                if not self._index(*job):
                    break  # cancelled
            else:
                return  # every shard indexed
        except SearchIndexError as exc:
            self.error = exc
        while (job := self._queue.get()) is not None:  # failed or cancelled: later shards are not run
            self._discard(job[1])

    def _index(
        self, shard: Shard, documents: str, job: Callable[[], Prepared], writer: Forked | None, began: float
    ) -> bool:
        """One shard's run; False when the build cancelled it."""
        try:
            if writer is None:
                seeded, problem, damaged = job()
            else:
                try:
                    seeded, problem, damaged = writer.result()
                except WorkerError as exc:
                    raise SearchIndexError(f"The search documents of {_where(shard)} were not written: {exc}") from exc
            if problem:
                log.warning("Search index %s: its last bundle could not be linked (%s)", shard.output_subdir, problem)
            if damaged:
                notice(f"{documents} (search index {shard.output_subdir})", damaged)
            output = os.path.join(self.site, shard.output_subdir)
            summary = self._run_pagefind(shard, documents, output)
            if summary is None:
                return False
            if seeded:
                try:
                    prune(output, seeded)
                except (UnknownBundle, OSError) as exc:  # indexed again from an empty folder
                    log.warning("Search index %s: its last bundle could not be reused (%s)", shard.output_subdir, exc)
                    shutil.rmtree(output, ignore_errors=True)
                    summary = self._run_pagefind(shard, documents, output)
                    if summary is None:
                        return False
        finally:
            self._discard(documents)
        self.done.append((shard, summary, time.perf_counter() - began))
        return True

    def _run_pagefind(self, shard: Shard, documents: str, output: str) -> str | None:
        """Pagefind's run for ``shard``: its summary, or None when the build cancelled it."""
        with self._lock:
            if self._cancelled:
                return None
            self._process = launch(self.binary, documents, output, shard, self.language)
        return collect(self._process, shard)

    def _locate(self, page: str) -> str:
        return self.locate(page) if self.locate else os.path.join(self.site, page)

    def cancel(self) -> None:
        """Start no further shard and stop the running one."""
        with self._lock:
            self._cancelled = True
            if self._process is not None and self._process.poll() is None:
                self._process.kill()
        self._queue.put(None)

    def finish(self) -> list[tuple[Shard, str, float]]:
        """No more shards: wait for every one submitted; return (shard, Pagefind's summary, seconds) each."""
        self._queue.put(None)
        if self._thread is not None:
            self._thread.join()
        atexit.unregister(self.cancel)
        if self.error is None and len(self.done) < len(self.submitted):  # cancelled, or an error Python printed
            self.error = SearchIndexError("The search index stopped before every shard was indexed.")
        if self.error is not None:
            raise self.error
        return list(self.done)


def start_index(binary: str, site: str, shards: Sequence[Shard], language: str) -> Indexing:
    """Start indexing ``shards`` of the article pages written in ``site``, in the background."""
    indexing = Indexing(binary, site, language).start()
    for shard in shards:
        indexing.submit(shard)
    return indexing


def clear(site: str) -> None:
    """Remove the bundles a previous build left in ``site`` (a fresh staging folder has none)."""
    shutil.rmtree(os.path.join(site, BUNDLE_DIR), ignore_errors=True)


def bundle_files(site: str, shard: Shard) -> list[str]:
    """The files of a shard's bundle, relative to the site (the manifest beside a whole-site bundle is not one)."""
    found = (f"{shard.output_subdir}/{rel}" for rel in files_in(os.path.join(site, shard.output_subdir)))
    return [name for name in found if name != MANIFEST]

"""The search index: Pagefind's binary (from the ``pagefind[bin]`` package) run on the written site (shell).

The binary's own directory walk is used rather than the Python API's per-file calls: the API waits
0.1 s for every response, which made 1,000 articles take 100 s instead of 5 s. Pagefind indexes only
pages marked ``data-pagefind-body`` (published article pages), so drafts and list pages stay out.

Each shard (see ``shards``) is its own Pagefind run. The runs go one after the other in a
background thread, so the build's peak memory is that of the biggest shard, not of all of
them, while the rest of the build goes on beside them on the other core. A run reads a
temporary folder holding each of the shard's pages cut down to what Pagefind indexes
(``searchdoc``): the same bundle from a third of the HTML, read from staging or, for a
page kept as it was in place, from the live site.
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

from common.errors import SettingsError
from common.locks import release
from engine import Forked, WorkerError, available, dies_with_parent, notice

from . import keptdocs, scratch
from .searchdoc import search_document
from .shards import BUNDLE_DIR, MANIFEST, Shard
from .warmstart import UnknownBundle, files_in, prune, seed

log = logging.getLogger(__name__)

TIMEOUT = 1800  # seconds, for each shard
FORK_FROM = 200  # pages in a shard from which its search documents are written by a forked child


class SearchIndexError(Exception):
    """Pagefind failed; the build stops and the live site is left as it was."""


def executable() -> str:
    """Pagefind's binary; fails at start-up, not after the whole site is written, when it cannot run."""
    try:
        from pagefind.service import get_executable  # noqa: PLC0415 - only needed when search is on
    except ImportError as exc:
        raise SettingsError(
            "PLUGINS has 'search' but the 'pagefind' package is missing: pip install -r requirements.txt "
            "(it pins pagefind[bin]), or leave 'search' out of PLUGINS."
        ) from exc
    binary = get_executable()
    if binary is None or not os.access(binary, os.X_OK):
        raise SettingsError(
            "PLUGINS has 'search' but Pagefind's binary is missing: pip install 'pagefind[bin]' "
            "(the pagefind_bin package), or leave 'search' out of PLUGINS."
        )
    return str(binary)


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}  # no stray config


def version(binary: str) -> str:
    """What ``pagefind --version`` says, e.g. "pagefind 1.5.2"; part of every shard's fingerprint."""
    try:
        done = subprocess.run(
            [binary, "--version"], check=False, capture_output=True, text=True, timeout=60, env=_env()
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SettingsError(f"PLUGINS has 'search' but Pagefind's binary {binary} does not run: {exc}") from exc
    if done.returncode != 0:
        raise SettingsError(f"PLUGINS has 'search' but Pagefind's binary {binary} does not run:\n{done.stderr}")
    return done.stdout.strip()


def command(binary: str, language: str, output: str) -> list[str]:
    """The Pagefind run for one shard, from the folder of its pages' search documents."""
    return [binary, "--site", ".", "--output-path", output, "--force-language", language]


def _where(shard: Shard) -> str:
    return "the site" if shard.whole_site else f"the shard {shard.name!r} ({shard.glob})"


def scratch_folder() -> str | None:
    """Where the search documents go for a run: shared memory where there is some (writing
    thousands of small files to disk took 2 to 5 s of a 10,000-article edit, to memory 0.35 s),
    else the system's temporary folder."""
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK) else None


def write_documents(
    shard: Shard,
    locate: Callable[[str], str],
    folder: str,
    fingerprints: Mapping[str, str] | None = None,
    notes: list[str] | None = None,
) -> int:
    """Each page of ``shard`` as Pagefind needs it (``searchdoc``), at its own path under ``folder``;
    returns how many were written.

    With ``fingerprints`` (page -> content fingerprint), ``folder`` is kept between builds
    (``keptdocs``): a page whose document was written from the same fingerprint, and still
    matches its checksum, keeps it. What was wrong with the kept folder goes to ``notes``.
    """
    known, note = keptdocs.begin(folder) if fingerprints is not None else ({}, "")
    if note and notes is not None:
        notes.append(note)
    for page in known.keys() - set(shard.pages):
        keptdocs.remove(folder, page)
    written = 0
    kept: dict[str, tuple[str, str]] = {}
    for page in shard.pages:
        target = os.path.join(folder, page)
        fingerprint = fingerprints.get(page, "") if fingerprints is not None else ""
        if fingerprint and page in known and known[page][0] == fingerprint:
            kept[page] = known[page]
            continue
        try:
            with open(locate(page), encoding="utf-8") as handle:
                html = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            message = f"The page {page} of {_where(shard)} could not be read for the index: {exc}"
            raise SearchIndexError(message) from exc
        os.makedirs(os.path.dirname(target), exist_ok=True)
        document = search_document(html).encode("utf-8")
        with open(target, "wb") as handle:
            handle.write(document)
        kept[page] = (fingerprint, keptdocs.document_digest(document))
        written += 1
    if fingerprints is not None:
        keptdocs.finish(folder, kept)
    return written


Prepared = tuple[list[str], str, str]  # the files seeded from the live bundle, why none could be, what was damaged


def prepare_run(
    shard: Shard,
    locate: Callable[[str], str],
    documents: str,
    output: str,
    previous: str | None,
    version: str,
    fingerprints: Mapping[str, str] | None = None,
) -> Prepared:
    """Everything a shard's Pagefind run needs before it starts: its bundle folder ``output`` emptied and
    seeded from the live bundle ``previous`` (``warmstart``), its search documents written to ``documents``.

    It runs in a forked child on a large shard, so it logs nothing: what went wrong with the seeding
    (the run then starts from an empty folder), and what was damaged in the live bundle or the kept
    documents (made again), are handed back to be logged.
    """
    shutil.rmtree(output, ignore_errors=True)
    seeded: list[str] = []
    problem = ""
    notes: list[str] = []
    if previous and os.path.isdir(previous) and os.path.realpath(previous) != os.path.realpath(output):
        try:
            seeded = seed(previous, output, version, notes)
        except OSError as exc:
            shutil.rmtree(output, ignore_errors=True)
            seeded, problem = [], str(exc)
    write_documents(shard, locate, documents, fingerprints, notes)
    return seeded, problem, "; ".join(notes)


def launch(binary: str, documents: str, output: str, shard: Shard, language: str) -> subprocess.Popen[str]:
    """Start indexing one shard's search documents into its bundle folder ``output``. Pagefind is killed
    when the build is (Linux): left running, it would go on writing into the next build's staging folder."""
    try:
        return subprocess.Popen(
            command(binary, language, output),
            cwd=documents,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(),
            preexec_fn=dies_with_parent(),  # noqa: PLW1509 - only a system call, resolved beforehand
        )
    except OSError as exc:
        raise SearchIndexError(f"Pagefind could not be started for {_where(shard)}: {exc}") from exc


def collect(process: subprocess.Popen[str], shard: Shard) -> str:
    """Wait for one shard's run; return Pagefind's summary, or raise when it failed."""
    try:
        stdout, stderr = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise SearchIndexError(f"Pagefind did not finish indexing {_where(shard)} within {TIMEOUT} s") from None
    if process.returncode != 0:
        raise SearchIndexError(f"Pagefind could not index {_where(shard)}:\n{stdout}{stderr}")
    return " ".join(line.strip() for line in stdout.splitlines() if line.strip().startswith("Indexed"))


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

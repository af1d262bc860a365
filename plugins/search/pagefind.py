"""Running Pagefind's binary (from the ``pagefind[bin]`` package) on one shard's search documents (shell).

The binary's own directory walk is used rather than the Python API's per-file calls: the API waits
0.1 s for every response, which made 1,000 articles take 100 s instead of 5 s. A run reads a
temporary folder holding each of the shard's pages cut down to what Pagefind indexes
(``searchdoc``): the same bundle from a third of the HTML, read from staging or, for a page kept
as it was in place, from the live site.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Callable, Mapping

from common.errors import SettingsError
from engine import dies_with_parent

from . import keptdocs
from .searchdoc import search_document
from .shards import Shard
from .warmstart import seed

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
            [binary, "--version"],
            check=False,
            capture_output=True,
            encoding="utf-8",
            errors="replace",
            timeout=60,
            env=_env(),
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
            encoding="utf-8",  # Pagefind writes UTF-8, whatever the build's locale
            errors="replace",
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

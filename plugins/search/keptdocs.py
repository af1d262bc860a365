"""A shard's search documents kept between builds, so that an edit writes only its own page's.

Pagefind reads a folder holding one search document per page of a shard (``searchdoc``).
Writing all 2,273 of a year took about 0.4 s on its own and up to a second beside the
build, before its Pagefind run could start. Kept in the cache folder with a record of
the content fingerprint each document was written from, a build writes only the documents
of pages whose fingerprint changed and removes those of pages that left the shard.

The record is removed before the folder changes and written again after, so a folder
without one (a first build, or one stopped half-way) is emptied and written in full:
the folder never holds a document its record does not name. The record is sealed with
a checksum (``common.checksum``) and holds each document's own checksum: a damaged
record empties the folder, a damaged document is written again, and neither reaches
Pagefind. A build holds a lock on the
folder from before it changes until its Pagefind run is done; a second build running at
the same time over the same cache uses a temporary folder instead.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Mapping

from common.checksum import seal, unseal
from common.locks import release, try_lock

RECORD = ".newsdesk-documents.json"  # not HTML: Pagefind does not read it
KIND = "search documents"


def folder_for(root: str, shard_name: str) -> str:
    """A shard's own folder under the kept documents' ``root``."""
    return os.path.join(root, "whole-site" if shard_name == "." else f"shard-{shard_name}")


def claim(folder: str) -> int | None:
    """Lock ``folder`` for this build (an open file to ``release`` when done), or None when another
    build holds it or the system has no such locks. The build's forked workers do not keep the lock."""
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:  # the cache folder cannot hold it (a file in its way, a read-only disk): nothing is kept
        return None
    return try_lock(f"{folder}.lock")


def document_digest(document: bytes) -> str:
    """The checksum a document is kept with."""
    return hashlib.sha256(document).hexdigest()


def _record(text: str) -> dict[str, tuple[str, str]] | None:
    payload = unseal(KIND, text)
    if payload is None:
        return None
    try:
        known = json.loads(payload)
    except ValueError:
        return None
    if not isinstance(known, dict) or not all(
        isinstance(v, list) and len(v) == 2 and all(isinstance(x, str) for x in v) for v in known.values()
    ):
        return None
    return {page: (fingerprint, digest) for page, (fingerprint, digest) in known.items()}


def _intact(folder: str, page: str, digest: str) -> bool:
    """Whether the kept document of ``page`` is still the one written (a file inside ``folder``, same checksum)."""
    path = os.path.normpath(os.path.join(folder, page))
    if not path.startswith(os.path.join(folder, "")) or os.path.islink(path):
        return False
    try:
        with open(path, "rb") as handle:
            return document_digest(handle.read()) == digest
    except OSError:
        return False


def begin(folder: str) -> tuple[dict[str, tuple[str, str]], str]:
    """Start changing ``folder``: the pages whose documents it holds intact, each with the fingerprint it was
    written from (possibly "") and its checksum; and what was wrong with the folder, to say ("" if nothing).

    A folder without a readable record is emptied first; a document that no longer matches its
    checksum is left out, so that it is written again.
    """
    record = os.path.join(folder, RECORD)
    try:
        with open(record, encoding="utf-8") as handle:
            known = _record(handle.read())
    except (OSError, ValueError):  # none, or not text
        known = None
    if known is None:
        note = "its record is damaged, or from an earlier version" if os.path.exists(record) else ""
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder, exist_ok=True)
        return {}, note
    os.remove(record)  # until the folder is complete again
    intact = {page: kept for page, kept in known.items() if _intact(folder, page, kept[1])}
    damaged = len(known) - len(intact)
    return intact, f"{damaged} document(s) did not match their checksums" if damaged else ""


def finish(folder: str, pages: Mapping[str, tuple[str, str]]) -> None:
    """The folder now holds a document for each of ``pages``, written from the fingerprint given, with its checksum."""
    record = os.path.join(folder, RECORD)
    scratch = record + ".new"
    payload = json.dumps({page: list(kept) for page, kept in sorted(pages.items())}, separators=(",", ":"))
    with open(scratch, "w", encoding="utf-8") as handle:
        handle.write(seal(KIND, payload))
    os.replace(scratch, record)


def remove(folder: str, page: str) -> None:
    try:
        os.remove(os.path.join(folder, page))
    except FileNotFoundError:
        pass


def prune(root: str, shard_names: Iterable[str]) -> list[str]:
    """Remove the kept folders of shards no longer planned (a year since split into halves); return their names.

    A folder another build holds (``claim``) is left alone; so is anything under ``root`` this
    module did not make.
    """
    wanted = {os.path.basename(folder_for(root, name)) for name in shard_names}
    try:
        entries = sorted(os.listdir(root))
    except OSError:  # none yet, or not a folder
        return []
    removed = []
    for name in entries:
        folder = os.path.join(root, name)
        if name in wanted or not (name.startswith("shard-") or name == "whole-site") or not os.path.isdir(folder):
            continue
        lock = claim(folder)
        if lock is None:
            continue
        try:
            shutil.rmtree(folder, ignore_errors=True)
            os.remove(f"{folder}.lock")
        except FileNotFoundError:
            pass
        finally:
            release(lock)
        removed.append(name)
    return removed

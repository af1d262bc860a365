"""A shard's search documents kept between builds, so that an edit writes only its own page's.

Pagefind reads a folder holding one search document per page of a shard (``searchdoc``).
Writing all 2,273 of a year took about 0.4 s on its own and up to a second beside the
build, before its Pagefind run could start. Kept in the cache folder with a record of
the content fingerprint each document was written from, a build writes only the documents
of pages whose fingerprint changed and removes those of pages that left the shard.

The record is removed before the folder changes and written again after, so a folder
without one (a first build, or one stopped half-way) is emptied and written in full:
the folder never holds a document its record does not name. A build holds a lock on the
folder from before it changes until its Pagefind run is done; a second build running at
the same time over the same cache uses a temporary folder instead.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Mapping

from newsroom.forked import closed_in_children, release

RECORD = ".newsdesk-documents.json"  # not HTML: Pagefind does not read it


def folder_for(root: str, shard_name: str) -> str:
    """A shard's own folder under the kept documents' ``root``."""
    return os.path.join(root, "whole-site" if shard_name == "." else f"shard-{shard_name}")


def claim(folder: str) -> int | None:
    """Lock ``folder`` for this build (an open file to ``release`` when done), or None when another
    build holds it or the system has no such locks. The build's forked workers do not keep the lock."""
    try:
        import fcntl  # noqa: PLC0415 - not on every system
    except ImportError:
        return None
    os.makedirs(folder, exist_ok=True)
    handle = os.open(f"{folder}.lock", os.O_CREAT | os.O_RDWR, 0o644)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(handle)
        return None
    return closed_in_children(handle)


def begin(folder: str) -> dict[str, str]:
    """Start changing ``folder``: the pages whose documents it holds, each with the fingerprint it
    was written from (possibly ""). A folder without a readable record is emptied first."""
    record = os.path.join(folder, RECORD)
    try:
        with open(record, encoding="utf-8") as handle:
            known = json.load(handle)
        if not isinstance(known, dict) or not all(isinstance(v, str) for v in known.values()):
            raise ValueError("not a record of pages")
    except (OSError, ValueError):
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder, exist_ok=True)
        return {}
    os.remove(record)  # until the folder is complete again
    return known


def finish(folder: str, pages: Mapping[str, str]) -> None:
    """The folder now holds a document for each of ``pages``, written from the fingerprint given."""
    record = os.path.join(folder, RECORD)
    scratch = record + ".new"
    with open(scratch, "w", encoding="utf-8") as handle:
        json.dump(dict(sorted(pages.items())), handle, indent=0)
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
    except FileNotFoundError:
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

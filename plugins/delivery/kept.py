"""Siblings made by earlier builds, kept in the cache folder by the bytes they were made from (shell).

A clean build (a fresh output folder, ``--full`` after ``make clean``, a CI run with its cache
restored) has no live site to keep siblings from, yet writes the same pages as before: it
would spend most of its compression time making the very bytes it made last time. Each
file's siblings are kept here as files (``precompressed/``), named by a hash of the encoding
and of the file's SHA-256, and a build that finds them hard-links them into the site (a copy
on another file system) instead of compressing again or writing their bytes.

The table beside them (``precompressed-files.sqlite3``) holds each sibling's size and SHA-256,
in a row carrying a checksum of its key and values like every cache entry. A sibling file is
used only while its size and bytes match its row: a truncated or altered file (the cache came
from another machine, or a disk filled up) is compressed again and written afresh. A file
of the site is never written through: a sibling is linked or copied under a temporary name and
renamed into place, and so is every later change to it, so a link never alters a cache entry.
After each build the table and the folder hold exactly the siblings of that build's site.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping

from common.files import file_sha256, holds, place, remove_files_but
from engine import KeyedStore, notice

from .records import Record

FILE = "precompressed-files.sqlite3"
FOLDER = "precompressed"
FORMER = "precompressed.sqlite3"  # the siblings' bytes in a table, as earlier versions kept them
SUFFIXES = (".gz", ".br")


class SiblingCache:
    """Siblings by (encoding, SHA-256 of the file); ``folder`` None keeps nothing."""

    def __init__(self, folder: str | None, encoding_key: str) -> None:
        path = os.path.join(folder, FILE) if folder else None
        self._store = KeyedStore(path, "sibling_files", ("gz TEXT", "br TEXT"))
        self._encoding = encoding_key
        self._files = os.path.join(folder, FOLDER) if folder else ""
        self._former = os.path.join(folder, FORMER) if folder else ""
        self._noticed = False

    @property
    def enabled(self) -> bool:
        return bool(self._store.path)

    @property
    def damaged(self) -> set[str]:
        """Keys whose rows or files were discarded: written again when the build saves."""
        return set(self._store.damaged)

    def key(self, digest: str) -> str:
        return hashlib.sha256(f"{self._encoding}\0{digest}".encode()).hexdigest()

    def path(self, key: str, suffix: str) -> str:
        return os.path.join(self._files, key[:2], key + suffix)

    def _intact(self, key: str, values: tuple) -> dict[str, tuple[str, int]] | None:
        """Suffix -> (file in the cache, size) of a row whose files hold what it says; None otherwise."""
        found = {}
        for suffix, value in zip(SUFFIXES, values, strict=True):
            if value is None:
                continue
            size, _, digest = value.partition(":") if isinstance(value, str) else ("", "", "")
            path = self.path(key, suffix)
            if not size.isdigit() or not holds(path, int(size), digest):
                return None
            found[suffix] = (path, int(size))
        return found

    def find(self, digests: Iterable[str]) -> dict[str, dict[str, tuple[str, int]]]:
        """SHA-256 of a file -> its siblings (suffix -> (file in the cache, size)), for the files whose siblings
        are kept and intact: each checked by its size and SHA-256."""
        if not self.enabled:
            return {}
        by_key = {self.key(d): d for d in digests}
        found = {}
        for key, values in self._store.load(by_key).items():
            intact = self._intact(key, values)
            if intact is None:  # compressed again, and the file replaced when the build saves
                self._store.damaged.add(key)
                if not self._noticed:
                    self._noticed = True
                    notice(self._files, "a sibling file that does not match its record (size or SHA-256) was set aside")
                continue
            found[by_key[key]] = intact
        return found

    def save(self, records: Mapping[str, Record], folders: list[str], stale: Iterable[str] = ()) -> None:
        """Keep the siblings of exactly the files of ``records`` (site path -> record); those not kept yet
        are linked from the first of ``folders`` that holds them all, each of the size its record says."""
        if not self.enabled:
            return
        where = {self.key(r.digest): (rel, r) for rel, r in records.items()}

        def row(key: str) -> tuple | None:
            rel, record = where[key]
            for folder in folders:
                sources = {s: os.path.join(folder, rel + s) for s in record.siblings}
                try:
                    if any(os.stat(p).st_size != record.siblings[s] for s, p in sources.items()):
                        continue
                    values = tuple(
                        f"{record.siblings[s]}:{file_sha256(sources[s])}" if s in sources else None for s in SUFFIXES
                    )
                    for suffix, source in sources.items():
                        target = self.path(key, suffix)
                        os.makedirs(os.path.dirname(target), exist_ok=True)
                        place(source, target)
                except OSError:
                    continue
                return values
            return None

        self._store.save(where, row, stale)
        kept = set(where)
        remove_files_but(self._files, lambda name: name[:64] in kept)  # a key, then its suffix
        if self._former and os.path.isfile(self._former):
            os.remove(self._former)

"""Siblings made by earlier builds, kept in the cache folder by the bytes they were made from (shell).

A clean build (a fresh output folder, ``--full`` after ``make clean``, a CI run with its cache
restored) has no live site to keep siblings from, yet writes the same pages as before: it
would spend most of its compression time making the very bytes it made last time. Each
file's siblings are kept here under a hash of the encoding and of the file's SHA-256, and a
build that finds them writes them instead of compressing again. Like every cache entry, a
row carries a checksum of its key and bytes and is discarded when it does not match; a
sibling found is therefore the one made from exactly these bytes with this encoding.
After each build the table holds exactly the siblings of that build's site.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping

from engine import KeyedStore

from .records import Record

FILE = "precompressed.sqlite3"
SUFFIXES = (".gz", ".br")


class SiblingCache:
    """Siblings by (encoding, SHA-256 of the file); ``folder`` None keeps nothing."""

    def __init__(self, folder: str | None, encoding_key: str) -> None:
        path = os.path.join(folder, FILE) if folder else None
        self._store = KeyedStore(path, "siblings", ("gz BLOB", "br BLOB"))
        self._encoding = encoding_key

    @property
    def enabled(self) -> bool:
        return bool(self._store.path)

    @property
    def damaged(self) -> set[str]:
        """Keys whose rows were discarded: written again when the build saves."""
        return set(self._store.damaged)

    def key(self, digest: str) -> str:
        return hashlib.sha256(f"{self._encoding}\0{digest}".encode()).hexdigest()

    def find(self, digests: Iterable[str]) -> dict[str, dict[str, bytes]]:
        """SHA-256 of a file -> its siblings (suffix -> bytes), for the files whose siblings are kept."""
        if not self.enabled:
            return {}
        by_key = {self.key(d): d for d in digests}
        found = {}
        for key, values in self._store.load(by_key).items():
            if not all(v is None or isinstance(v, bytes) for v in values):
                self._store.discard(key)
                continue
            found[by_key[key]] = {s: v for s, v in zip(SUFFIXES, values, strict=True) if v is not None}
        return found

    def save(self, records: Mapping[str, Record], folders: list[str], stale: Iterable[str] = ()) -> None:
        """Keep the siblings of exactly the files of ``records`` (site path -> record); those not kept yet
        are read from the first of ``folders`` that holds them all."""
        if not self.enabled:
            return
        where = {self.key(r.digest): (rel, r) for rel, r in records.items()}

        def row(key: str) -> tuple | None:
            rel, record = where[key]
            for folder in folders:
                values = []
                for suffix in SUFFIXES:
                    if suffix not in record.siblings:
                        values.append(None)
                        continue
                    try:
                        with open(os.path.join(folder, rel + suffix), "rb") as handle:
                            data = handle.read()
                    except OSError:
                        break
                    if len(data) != record.siblings[suffix]:
                        break
                    values.append(data)
                else:
                    return tuple(values)
            return None

        self._store.save(where, row, stale)

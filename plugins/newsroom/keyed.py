"""A table of values by content key in an SQLite file of the cache folder (shell).

The converted bodies, the checked front-matter, the feeds' serialized entries and the
related stories' term counts are all kept this way: looked up by a hash of what they
were made from, and after each build reduced to exactly the keys that build used. A
missing or damaged file is only a slower build: it reads as empty, and a damaged one is
removed when the build saves, to start afresh.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from pathlib import Path

_CHUNK = 500  # keys per SELECT: SQLite limits the number of parameters


def source_digest(paths: Iterable[Path]) -> str:
    """A hash of the code a cached value comes from: part of its key, so an upgrade starts afresh."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.read_bytes())
    return digest.hexdigest()


class KeyedStore:
    """``table`` (key TEXT PRIMARY KEY, *columns) in the file ``path``; ``None`` as path keeps nothing."""

    def __init__(self, path: str | None, table: str, columns: tuple[str, ...]) -> None:
        self.path, self.table, self.columns = path, table, columns

    def _connect(self) -> sqlite3.Connection:
        assert self.path
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        db = sqlite3.connect(self.path)
        self.create(db)
        return db

    def create(self, db: sqlite3.Connection) -> None:
        """Make the table in ``db`` if it is not there yet."""
        db.execute(f"CREATE TABLE IF NOT EXISTS {self.table} (key TEXT PRIMARY KEY, {', '.join(self.columns)})")

    def load(self, keys: Iterable[str] | None = None) -> dict[str, tuple]:
        """The stored rows (values after the key) among ``keys``, or all of them."""
        if not self.path or not os.path.exists(self.path):
            return {}
        query = f"SELECT * FROM {self.table}"
        found: dict[str, tuple] = {}
        try:
            db = self._connect()
            try:
                if keys is None:
                    found.update((row[0], row[1:]) for row in db.execute(query))
                    return found
                wanted = sorted(set(keys))
                for first in range(0, len(wanted), _CHUNK):
                    chunk = wanted[first : first + _CHUNK]
                    rows = db.execute(f"{query} WHERE key IN ({','.join('?' * len(chunk))})", chunk)
                    found.update((row[0], row[1:]) for row in rows)
            finally:
                db.close()
        except sqlite3.DatabaseError:
            return {}
        return found

    def keep_used(self, used: AbstractSet[str], known: AbstractSet[str], row: Callable[[str], tuple | None]) -> None:
        """Keep exactly the ``used`` keys (see ``save``); nothing is opened when they are the ``known`` ones,
        the keys loaded at the start of the build."""
        if used != known:
            self.save(used, row)

    def save(self, keep: Iterable[str], row: Callable[[str], tuple | None], stale: Iterable[str] = ()) -> None:
        """Keep exactly the keys of ``keep``; a key not stored yet gets ``row(key)`` (None: nothing to store).

        A key of ``stale`` is written again from ``row`` even when it is stored already.
        """
        if not self.path:
            return
        try:
            db = self._connect()
            try:
                with db:
                    self.sync(db, keep, row, stale)
            finally:
                db.close()
        except sqlite3.DatabaseError:
            if os.path.exists(self.path):
                os.remove(self.path)

    def sync(
        self, db: sqlite3.Connection, keep: Iterable[str], row: Callable[[str], tuple | None], stale: Iterable[str] = ()
    ) -> None:
        """``save`` within a transaction of ``db`` that the caller holds (and may extend to other tables)."""
        keep = set(keep)
        stored = {k for (k,) in db.execute(f"SELECT key FROM {self.table}")}
        known = stored - set(stale)
        gone = sorted(stored - known | stored - keep)
        db.executemany(f"DELETE FROM {self.table} WHERE key = ?", [(k,) for k in gone])
        new = [(k, *values) for k in sorted(keep - known) if (values := row(k)) is not None]
        marks = ",".join("?" * (len(self.columns) + 1))
        db.executemany(f"INSERT INTO {self.table} VALUES ({marks})", new)

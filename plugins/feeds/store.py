"""Serialized feed entries kept between builds in an SQLite file of the cache folder (shell).

A damaged or missing file is only a slower build: every piece is made again.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Mapping

FILE = "feeds-pieces.sqlite3"
_CHUNK = 500  # keys per SELECT: SQLite limits the number of parameters


class PieceStore:
    def __init__(self, folder: str | None) -> None:
        self.path = os.path.join(folder, FILE) if folder else None

    def _connect(self) -> sqlite3.Connection:
        assert self.path
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        db = sqlite3.connect(self.path)
        db.execute("CREATE TABLE IF NOT EXISTS piece (key TEXT PRIMARY KEY, xml BLOB NOT NULL)")
        return db

    def load(self, keys: Iterable[str]) -> dict[str, bytes]:
        """The stored pieces among ``keys``."""
        if not self.path or not os.path.exists(self.path):
            return {}
        wanted = sorted(set(keys))
        found: dict[str, bytes] = {}
        try:
            db = self._connect()
            try:
                for first in range(0, len(wanted), _CHUNK):
                    chunk = wanted[first : first + _CHUNK]
                    marks = ",".join("?" * len(chunk))
                    found.update(db.execute(f"SELECT key, xml FROM piece WHERE key IN ({marks})", chunk))
            finally:
                db.close()
        except sqlite3.DatabaseError:
            return {}
        return found

    def save(self, keep: Iterable[str], made: Mapping[str, bytes]) -> None:
        """Keep the pieces of ``keep`` (the current feeds' entries), adding those ``made`` anew."""
        if not self.path:
            return
        try:
            db = self._connect()
            try:
                with db:
                    known = {k for (k,) in db.execute("SELECT key FROM piece")}
                    keep = set(keep)
                    db.executemany("DELETE FROM piece WHERE key = ?", [(k,) for k in sorted(known - keep)])
                    new = sorted((keep & made.keys()) - known)
                    db.executemany("INSERT INTO piece VALUES (?, ?)", [(k, made[k]) for k in new])
            finally:
                db.close()
        except sqlite3.DatabaseError:
            if os.path.exists(self.path):
                os.remove(self.path)  # damaged: the next build starts it afresh

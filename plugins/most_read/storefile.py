"""The store's SQLite file: its tables, opening it checked, transactions, and one line with the fix
for whatever is wrong with it (``store.py`` has what the tables hold).

A file that is damaged (a failing disk, a copy cut short, a file written over) or is not a
page-view store at all is found out before anything is written, and left exactly as it is:
nothing here deletes, rebuilds or "repairs".
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shlex
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Self

SCHEMA = 1  # bump, with a migration, whenever a table changes
_TABLES = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS paths (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS hits (
    time INTEGER NOT NULL, path INTEGER NOT NULL, client INTEGER NOT NULL, PRIMARY KEY (time, path, client)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS log_views (
    start INTEGER NOT NULL, path INTEGER NOT NULL, views INTEGER NOT NULL, PRIMARY KEY (start, path)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS csv_views (
    start INTEGER NOT NULL, path INTEGER NOT NULL, length INTEGER NOT NULL, views INTEGER NOT NULL,
    PRIMARY KEY (start, path)
) WITHOUT ROWID;
"""
TABLES = frozenset({"meta", "paths", "hits", "log_views", "csv_views"})
_IN_USE = ("SQLITE_BUSY", "SQLITE_LOCKED")
_CANNOT_WRITE = ("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH", "SQLITE_IOERR")


class StoreError(Exception):
    """The store cannot be opened or used, or is not a page-view store; the message says what to do."""


def damaged(path: str, why: str) -> StoreError:
    return StoreError(
        f"{path} is damaged or is not a page-view store ({why}); it was left as it is. "
        f"Fix: restore it from a backup, or move it aside (mv {shlex.quote(path)} {shlex.quote(path + '.damaged')}) "
        "and run again to start a new store from the logs you still have."
    )


def trouble(path: str, exc: sqlite3.Error) -> StoreError:
    """The error of a failed SQLite call on the store at ``path``. The transaction it was in has been
    rolled back, so the file is as it was before the run."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith(_IN_USE):
        return StoreError(f"{path} is in use by another program ({exc}). Fix: run again once it has finished.")
    if name.startswith("SQLITE_FULL"):
        return StoreError(f"cannot write {path}: the disk is full. Fix: free some space and run again.")
    if name.startswith(_CANNOT_WRITE):
        return StoreError(f"cannot use {path} ({exc}). Fix: check that the file and its folder can be written.")
    return damaged(path, str(exc))


def check_sound(db: sqlite3.Connection, path: str) -> None:
    """Raise when the open file at ``path`` lacks the store's tables or fails SQLite's quick check
    (every page, index and b-tree; about 15 ms per MB)."""
    names = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if missing := sorted(TABLES - names):
        raise damaged(path, f"no table {', '.join(missing)}")
    found = [row for (row,) in db.execute("PRAGMA quick_check(5)")]
    if found != ["ok"]:
        problem = next((row for row in found if not row.startswith("***")), found[0])
        raise damaged(path, f"SQLite's check: {problem.splitlines()[-1][:120]}")


class StoreFile:
    """An open store file: its connection, its ``meta`` table and its write transactions."""

    def __init__(self, connection: sqlite3.Connection, path: str) -> None:
        self.db = connection
        self.path = path

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Self:
        """Open for writing, creating the file (and its folder) when missing.

        An existing file is checked first (its tables, then SQLite's quick check of every page) and is
        never written when it is not a sound page-view store: the error says how to restore it.
        """
        fresh = not os.path.exists(path)
        if not fresh and os.path.isfile(path) and os.path.getsize(path) == 0:
            raise damaged(str(path), "the file is empty")
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            store = cls(sqlite3.connect(path, isolation_level=None), str(path))
        except sqlite3.Error as exc:
            raise trouble(str(path), exc) from exc
        try:
            store._prepare(fresh)
        except sqlite3.Error as exc:
            store.close()
            raise trouble(str(path), exc) from exc
        except StoreError:
            store.close()
            raise
        return store

    def _prepare(self, fresh: bool) -> None:
        self.db.execute("PRAGMA synchronous = NORMAL")
        self.db.execute("PRAGMA cache_size = -262144")  # 256 MiB: the hits index stays in memory
        self.db.execute("PRAGMA temp_store = MEMORY")
        if not fresh:
            check_sound(self.db, self.path)
        with self.transaction():  # a new store is made whole or not at all
            for table in _TABLES.split(";"):
                self.db.execute(table)
            self._check_schema(create=True)

    def close(self) -> None:
        self.db.close()

    def _check_schema(self, create: bool) -> None:
        found = self.meta("schema")
        if found is None and create:
            self.set_meta("schema", str(SCHEMA))
            self.set_meta("salt", secrets.token_hex(16))
        elif found != str(SCHEMA):
            raise sqlite3.DatabaseError(f"schema {found!r}, expected {SCHEMA}")

    def meta(self, name: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def set_meta(self, name: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)", (name, value))

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold SQLite's write lock for the block and commit at its end, or roll everything back when it
        fails or the process dies; a block inside another joins it."""
        if self.db.in_transaction:
            yield
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.rollback()
            self._rolled_back()
            raise
        self.db.commit()

    def _rolled_back(self) -> None:
        """Forget what the block kept in memory: it was not saved."""

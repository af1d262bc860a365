"""A table of values by content key in an SQLite file of the cache folder (shell).

The converted bodies, the checked front-matter, the hero images' sizes, the feeds'
serialized entries, the word counts and the related stories' term counts are all kept
this way: looked up by a hash of what they were made from, and after each build reduced
to exactly the keys that build used.

Every row carries a checksum of its table, key and values (``checksum.entry_checksum``).
A row that does not match it (damaged, or written under another key) is not used: the
build makes the value again and stores it in its place. A file that is not such a table
(damaged, foreign, or kept by an earlier version without checksums) reads as empty and is
started afresh when the build saves. Either way the build says so in one line, and is only
slower: it never uses what the cache holds without checking it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from pathlib import Path

from common.checksum import entry_checksum

log = logging.getLogger(__name__)
_CHUNK = 500  # keys per SELECT: SQLite limits the number of parameters
CHECKSUM = "checksum"  # the last column of every table: the row's checksum


def source_digest(paths: Iterable[Path]) -> str:
    """A hash of the code a cached value comes from: part of its key, so an upgrade starts afresh."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def notice(path: str, what: str, then: str = "made again") -> None:
    """The one line a build prints about a cache file it could not use as it was (``then``: what the build does)."""
    log.warning("Cache %s: %s; %s.", path, what, then)


def remove_file(path: str) -> bool:
    """Remove the file at ``path``, never a folder; whether no file is there now."""
    try:
        os.remove(path)
    except FileNotFoundError:
        return True
    except OSError:  # a folder, or a read-only disk: left as it is
        return False
    return True


def write_sqlite(path: str, write: Callable[[], None], unreadable: bool, say: Callable[[str], None]) -> None:
    """Run ``write``, which opens the SQLite file ``path`` and writes it.

    A file that could not be read (``unreadable``) is removed first: SQLite may well write into a
    damaged file, which stays damaged. One SQLite cannot write is removed and written afresh once.
    When the file cannot be removed or written at all (a folder in its place, a full or read-only
    disk), nothing is kept: only the next build is slower. ``say`` gets what went wrong.
    """
    if unreadable and not remove_file(path):
        say("could not be replaced")
        return
    for attempt in (1, 2):
        try:
            write()
            return
        except sqlite3.DatabaseError as exc:
            if attempt == 1:
                say(f"could not be written ({exc})")
            if not remove_file(path):
                return
        except OSError as exc:
            say(f"could not be written ({exc})")
            return


class KeyedStore:
    """``table`` (key TEXT PRIMARY KEY, *columns, checksum) in the file ``path``; ``None`` as path keeps nothing."""

    def __init__(self, path: str | None, table: str, columns: tuple[str, ...]) -> None:
        self.path, self.table, self.columns = path, table, columns
        self.names = tuple(column.split()[0] for column in columns)
        self.damaged: set[str] = set()  # keys whose stored rows did not match their checksum
        self.unreadable = False  # the file could not be read: it is written afresh
        self._noticed = False

    def _notice(self, what: str) -> None:
        if not self._noticed:
            self._noticed = True
            notice(str(self.path), what)

    def _connect(self) -> sqlite3.Connection:
        assert self.path
        os.makedirs(os.path.dirname(self.path) or ".", exist_ok=True)
        db = sqlite3.connect(self.path)
        self.create(db)
        return db

    def create(self, db: sqlite3.Connection) -> None:
        """Make the table in ``db`` if it is not there yet; one of another shape is replaced by an empty one."""
        found = [row[1] for row in db.execute(f"PRAGMA table_info({self.table})")]
        if found and found != ["key", *self.names, CHECKSUM]:
            db.execute(f"DROP TABLE {self.table}")
        db.execute(f"CREATE TABLE IF NOT EXISTS {self.table} "
                   f"(key TEXT PRIMARY KEY, {', '.join(self.columns)}, {CHECKSUM} TEXT NOT NULL)")  # fmt: skip

    def discard(self, key: str) -> None:
        """A loaded row matched its checksum but is not a value of this cache: it is stored again from scratch."""
        self.damaged.add(key)
        self._notice("an entry that is not a value of this cache was discarded")

    def checksum(self, key: str, values: tuple) -> str:
        return entry_checksum(self.table, key, values)

    def verified(self, row: tuple) -> tuple | None:
        """The values of a stored row (key, *values, checksum), or None when they are not what was stored."""
        key, *values, check = row
        if isinstance(key, str) and check == self.checksum(key, tuple(values)):
            return tuple(values)
        if isinstance(key, str):
            self.damaged.add(key)
        self._notice("an entry that does not match its checksum was discarded")
        return None

    def load(self, keys: Iterable[str] | None = None) -> dict[str, tuple]:
        """The stored rows (values after the key) among ``keys``, or all of them: those that match their checksums."""
        if not self.path or not os.path.exists(self.path):
            return {}
        query = f"SELECT * FROM {self.table}"
        found: dict[str, tuple] = {}
        try:
            db = self._connect()
            try:
                if keys is None:
                    rows = db.execute(query).fetchall()
                else:
                    wanted, rows = sorted(set(keys)), []
                    for first in range(0, len(wanted), _CHUNK):
                        chunk = wanted[first : first + _CHUNK]
                        rows.extend(db.execute(f"{query} WHERE key IN ({','.join('?' * len(chunk))})", chunk))
            finally:
                db.close()
        except (sqlite3.DatabaseError, ValueError, OSError) as exc:  # ValueError: text that is not UTF-8
            self._notice(f"could not be read ({exc})")
            self.unreadable = True
            return {}
        for row in rows:
            values = self.verified(row)
            if values is not None:
                found[row[0]] = values
        return found

    def keep_used(self, used: AbstractSet[str], known: AbstractSet[str], row: Callable[[str], tuple | None]) -> None:
        """Keep exactly the ``used`` keys (see ``save``); nothing is opened when they are the ``known`` ones,
        the keys loaded at the start of the build."""
        if used != known:
            self.save(used, row)

    def add(self, rows: dict[str, tuple]) -> None:
        """Store ``rows`` (key -> values) now, each in place of any stored under its key, in one transaction:
        what a build has made so far is kept should it be stopped before it saves. Nothing is said or kept
        when the file cannot be written (``save`` at the end deals with it)."""
        if not self.path or not rows or self.unreadable:
            return
        marks = ",".join("?" * (len(self.columns) + 2))
        try:
            db = self._connect()
            try:
                with db:
                    db.executemany(f"INSERT OR REPLACE INTO {self.table} VALUES ({marks})",
                                   [(k, *v, self.checksum(k, v)) for k, v in sorted(rows.items())])  # fmt: skip
            finally:
                db.close()
        except (sqlite3.DatabaseError, OSError):
            return

    def save(self, keep: Iterable[str], row: Callable[[str], tuple | None], stale: Iterable[str] = ()) -> None:
        """Keep exactly the keys of ``keep``; a key not stored yet gets ``row(key)`` (None: nothing to store).

        A key of ``stale`` (or whose stored row was damaged) is written again from ``row`` even when it is
        stored already. A file that cannot be written as it is is removed and written afresh (``write_sqlite``).
        """
        if not self.path:
            return
        keep = set(keep)

        def write() -> None:
            db = self._connect()
            try:
                with db:
                    self.sync(db, keep, row, stale)
            finally:
                db.close()

        write_sqlite(self.path, write, self.unreadable, self._notice)

    def sync(
        self, db: sqlite3.Connection, keep: Iterable[str], row: Callable[[str], tuple | None], stale: Iterable[str] = ()
    ) -> None:
        """``save`` within a transaction of ``db`` that the caller holds (and may extend to other tables)."""
        keep = set(keep)
        stored = {k for (k,) in db.execute(f"SELECT key FROM {self.table}")}
        known = stored - set(stale) - self.damaged
        gone = sorted(stored - known | stored - keep)
        db.executemany(f"DELETE FROM {self.table} WHERE key = ?", [(k,) for k in gone])
        new = ((k, *values, self.checksum(k, values)) for k in sorted(keep - known)
               if (values := row(k)) is not None)  # fmt: skip  # one row in memory at a time
        marks = ",".join("?" * (len(self.columns) + 2))
        db.executemany(f"INSERT INTO {self.table} VALUES ({marks})", new)

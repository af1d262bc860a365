"""The page-view store: one SQLite file (``MOST_READ_DB``, ``data/pageviews.sqlite3``).

Tables:

* ``paths (id, path)``: every article key (``paths.key``) seen, numbered.
* ``hits (time, path, client)``: every request that passed the counting rules, keyed by
  itself. Ingesting a line again (the same file twice, or a rotated file that overlaps
  one already read) finds its key present and adds nothing. ``client`` is a keyed hash of
  IP address and user agent; neither is stored. Kept for ``MOST_READ_KEEP_HITS_DAYS``.
* ``log_views (start, path, views)``: views per article and hour, recounted from ``hits``
  (the 30-second rule, ``counting.count_views``) for the hours an ingest touched.
  Kept for good: a few bytes per article and hour.
* ``csv_views (start, path, length, views)``: views imported from an analytics export, per
  article and hour or day; importing a row again replaces it.
* ``meta (name, value)``: schema version, the salt of the client hash, and ``kept_from``,
  the time before which hits were dropped (older log lines are refused, not recounted).

Times are seconds since 1970 (UTC). Keys lead with the time, so an ingest of a time-ordered
log appends to the tables and a recount reads only the hours it touched. Nothing dated after
``not_after`` (now, and the allowance for clock skew) is ranked or prunes anything.

Writes happen inside ``transaction()``: an ingest is one transaction, so a run that is killed
or fails leaves the store as it was, and one that waits for another never numbers an article
the other has numbered.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

from .counting import HOUR, REPEAT_SECONDS, Hit, count_views
from .future import NEVER
from .storefile import StoreError, StoreFile

Bucket = tuple[str, int, int]  # (article key, start of the hour or day, views)

__all__ = ["Store", "StoreError", "read_views"]  # StoreError: where the command and the build import it from


class Store(StoreFile):
    """The page-view tables of a store file (``Store.open(path)``: see ``StoreFile.open``)."""

    def __init__(self, connection: sqlite3.Connection, path: str) -> None:
        super().__init__(connection, path)
        self._numbers: dict[str, int] | None = None
        self._next = 1
        self._unsaved: list[tuple[int, str]] = []

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open_readonly(cls, path: str | os.PathLike[str]) -> Store | None:
        """Open an existing store without writing to it; None when there is no file."""
        if not os.path.isfile(path):
            return None
        try:
            db = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
            store = cls(db, str(path))
            store._check_schema(create=False)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path} is not a page-view store ({exc}).") from exc
        return store

    def _rolled_back(self) -> None:
        self._numbers, self._unsaved = None, []  # numbers given in the block were not saved

    @property
    def salt(self) -> bytes:
        return bytes.fromhex(self.meta("salt") or "")

    @property
    def kept_from(self) -> int:
        return int(self.meta("kept_from") or 0)

    # -- article keys ------------------------------------------------------------------------

    def number(self, key: str) -> int:
        """The store's number for an article key; a new key is numbered now and saved with the next write.

        Numbers are read inside the ingest's transaction, so no other writer can give them out meanwhile."""
        if self._numbers is None:
            self._numbers = dict(self.db.execute("SELECT path, id FROM paths"))
            self._next = max(self._numbers.values(), default=0) + 1
        found = self._numbers.get(key)
        if found is None:
            found = self._numbers[key] = self._next
            self._next += 1
            self._unsaved.append((found, key))
        return found

    def _save_numbers(self) -> None:
        if self._unsaved:
            self.db.executemany("INSERT INTO paths (id, path) VALUES (?, ?)", self._unsaved)
            self._unsaved.clear()

    # -- log hits ----------------------------------------------------------------------------

    def add_hits(self, hits: Sequence[Hit]) -> int:
        """Insert (time, number, client) hits not already present; return how many were new."""
        if not hits:
            return 0
        with self.transaction():
            self._save_numbers()
            changes = self.db.total_changes
            self.db.executemany("INSERT OR IGNORE INTO hits (time, path, client) VALUES (?, ?, ?)", hits)
            new = self.db.total_changes - changes
        return new

    def recount(self, first: int, last: int) -> tuple[int, int, int]:
        """Recount the hours from ``first``'s to the one 30 s after ``last`` from the hits.

        Returns (views before, views after, repeats) over those hours.
        """
        start = first - first % HOUR
        end = (last + REPEAT_SECONDS) - (last + REPEAT_SECONDS) % HOUR + HOUR
        rows = self.db.execute(
            "SELECT time, path, client FROM hits WHERE time >= ? AND time < ? ORDER BY time, path, client",
            (start - REPEAT_SECONDS, end),
        )
        views, repeats = count_views(rows, since=start)
        with self.transaction():
            (before,) = self.db.execute(
                "SELECT COALESCE(SUM(views), 0) FROM log_views WHERE start >= ? AND start < ?", (start, end)
            ).fetchone()
            self.db.execute("DELETE FROM log_views WHERE start >= ? AND start < ?", (start, end))
            self.db.executemany(
                "INSERT INTO log_views (start, path, views) VALUES (?, ?, ?)",
                ((hour, path, n) for (hour, path), n in views.items()),  # about in key order: found in time order
            )
        return before, sum(views.values()), repeats

    def prune(self, keep_seconds: int, not_after: int = NEVER) -> int:
        """Drop hits older than ``keep_seconds`` before the newest one (not after ``not_after``);
        their hourly views stay."""
        (newest,) = self.db.execute("SELECT MAX(time) FROM hits WHERE time <= ?", (not_after,)).fetchone()
        if newest is None:
            return 0
        cutoff = newest - keep_seconds
        cutoff -= cutoff % 86400  # whole days
        if cutoff <= self.kept_from:
            return 0
        with self.transaction():
            dropped = self.db.execute("DELETE FROM hits WHERE time < ?", (cutoff,)).rowcount
            self.set_meta("kept_from", str(cutoff))
        return dropped

    def drop_after(self, not_after: int) -> tuple[int, int, int]:
        """Delete the hits, hourly views and analytics rows dated after ``not_after`` that an older
        version stored, and undo the pruning they caused; return how many of each went.

        Such a hit made ``prune`` drop every real hit and refuse every later line as too old: the
        store then keeps hits again from the end of the newest hour it has views for.
        """
        with self.transaction():
            dropped = tuple(
                self.db.execute(f"DELETE FROM {table} WHERE {column} > ?", (not_after,)).rowcount
                for table, column in (("hits", "time"), ("log_views", "start"), ("csv_views", "start"))
            )
            if self.kept_from > not_after:
                (end,) = self.db.execute("SELECT MAX(start) + ? FROM log_views", (HOUR,)).fetchone()
                self.set_meta("kept_from", str(end or 0))
            hour = not_after - not_after % HOUR
            if dropped[0] and hour >= self.kept_from:  # the hour of now may have counted some of them
                self.recount(hour, not_after)
        return dropped  # type: ignore[return-value]

    # -- analytics exports -------------------------------------------------------------------

    def put_csv(self, rows: Sequence[tuple[int, str, int, int]]) -> None:
        """Store (start, key, length, views) rows, replacing what an earlier import said about them."""
        numbered = [(start, self.number(key), length, views) for start, key, length, views in rows]
        with self.transaction():
            self._save_numbers()
            self.db.executemany(
                "INSERT OR REPLACE INTO csv_views (start, path, length, views) VALUES (?, ?, ?, ?)", numbered
            )

    # -- reading -----------------------------------------------------------------------------

    def newest(self, not_after: int = NEVER) -> int | None:
        """The end of the hour (or day) that holds the newest page view not dated after ``not_after``;
        None when there is none."""
        (logs,) = self.db.execute("SELECT MAX(start) + ? FROM log_views WHERE start <= ?", (HOUR, not_after)).fetchone()
        (csv,) = self.db.execute("SELECT MAX(start + length) FROM csv_views WHERE start <= ?", (not_after,)).fetchone()
        found = [t for t in (logs, csv) if t is not None]
        return max(found) if found else None

    def buckets(self, since: int, until: int, per_article: bool = False, not_after: int = NEVER) -> list[Bucket]:
        """(path, start, views) of every hour or day that starts in [since, until) and not after
        ``not_after``, both sources together.

        ``per_article`` adds each article's views up in SQL: one row per article, its start that of
        its first hour (enough when every view in the window weighs the same).
        """
        query = (
            "SELECT path, start, views FROM log_views WHERE start >= ?1 AND start < ?2 AND start <= ?3 "
            "UNION ALL SELECT path, start, views FROM csv_views WHERE start >= ?1 AND start < ?2 AND start <= ?3"
        )
        if per_article:
            query = f"SELECT path, MIN(start) AS start, SUM(views) AS views FROM ({query}) GROUP BY path"
        query = f"SELECT paths.path, start, views FROM ({query}) AS b JOIN paths ON paths.id = b.path"
        return self.db.execute(query, (since, until, not_after)).fetchall()

    def totals(self) -> dict[str, int]:
        """Row counts, for the summary."""
        with closing(self.db.cursor()) as cursor:
            return {
                table: cursor.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                for table in ("paths", "hits", "log_views", "csv_views")
            }


def read_views(
    store: Store, window_days: int, decay: bool = False, not_after: int = NEVER
) -> tuple[int | None, list[Bucket]]:
    """The end of the newest hour (or day) with views, and the views of the window that ends there:
    per hour when they ``decay``, else added up per article. Views dated after ``not_after`` (written
    by a version that let them in) are left out: they neither rank nor move the window."""
    newest = store.newest(not_after)
    if newest is None:
        return None, []
    return newest, store.buckets(newest - window_days * 86400, newest, not decay, not_after)

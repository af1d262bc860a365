"""A page-view store that exists but cannot be read stops the build with one line naming it and the fix.

Listing the latest stories instead would publish a wrong Most Read list without anyone asking
for it; an absent store still builds with the latest stories (see test_most_read_site).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from most_read.store import Store
from support.builds import run_newsdesk, tree_digest, write_conf

HOUR = 3600
NOW = 1_795_000_000  # November 2026, when the test site's stories are published


def _real_store(path: Path) -> None:
    """A page-view store with a few thousand hours of views, spread over many pages of the file."""
    store = Store.open(path)
    with store.db:
        store.db.execute("BEGIN")
        store.db.executemany(
            "INSERT INTO paths (id, path) VALUES (?, ?)", [(n, f"2026/11/story-{n}/") for n in range(50)]
        )
        store.db.executemany(
            "INSERT INTO log_views (start, path, views) VALUES (?, ?, ?)",
            [(NOW - hour * HOUR, n, hour % 7 + 1) for hour in range(200) for n in range(50)],
        )
        store.db.execute("COMMIT")
    store.close()


def _garbage(path: Path) -> None:
    path.write_bytes(hashlib.sha256(b"not a store").digest() * 200)


def _damaged_pages(path: Path) -> None:
    """Its first page (the schema) intact, the tables' pages overwritten: SQLite opens it, then fails to read."""
    _real_store(path)
    data = bytearray(path.read_bytes())
    data[8192:-4096] = b"\xff" * (len(data) - 8192 - 4096)
    path.write_bytes(bytes(data))


def _folder(path: Path) -> None:
    path.mkdir()
    (path / "views.txt").write_text("not a store")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else repr(sorted(path.iterdir()))


@pytest.mark.parametrize("damage", [_garbage, _damaged_pages, _folder], ids=["garbage", "damaged-pages", "folder"])
def test_a_store_that_cannot_be_read_stops_the_build_and_nothing_is_touched(
    make_site, tmp_path: Path, damage: Callable[[Path], None]
) -> None:
    content, output, db = make_site(), tmp_path / "output", tmp_path / "data" / "pageviews.sqlite3"
    db.parent.mkdir()
    conf = write_conf(tmp_path, MOST_READ_DB=str(db), CACHE_PATH=str(tmp_path / "cache"))

    def build() -> object:
        return run_newsdesk("build", "--settings", str(conf), "--input", str(content), "--output", str(output))

    first = build()  # no store yet: the latest stories, and a warning
    assert first.returncode == 0, first.stderr
    live = tree_digest(output)
    damage(db)
    stored = _digest(db)

    result = build()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr, result.stderr
    problems = [line.strip() for line in result.stderr.splitlines() if "[MOST_READ_DB]" in line]
    assert len(problems) == 1, result.stderr
    assert problems[0].startswith(f"{db}:1: error: [MOST_READ_DB] is not a page-view store that can be read (")
    assert "Fix: restore it from a backup, or move it aside" in problems[0]
    assert tree_digest(output) == live
    assert _digest(db) == stored


def test_the_damaged_store_is_the_real_thing(tmp_path: Path) -> None:
    """The damaged-pages case opens as SQLite and fails only when the views are read."""
    db = tmp_path / "pageviews.sqlite3"
    _damaged_pages(db)
    connection = sqlite3.connect(db)
    assert connection.execute("SELECT value FROM meta WHERE name = 'schema'").fetchone() == ("1",)
    with pytest.raises(sqlite3.DatabaseError, match="malformed"):
        connection.execute("SELECT SUM(views) FROM log_views").fetchone()
    connection.close()

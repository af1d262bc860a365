"""A damaged page-view store: one line naming the file and the fix, exit 2, and the file left untouched."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from most_read.storefile import trouble
from support.most_read import built_site, digest, fourth_day, line, run, write_log


def _overwrite_pages(db: Path) -> None:
    """Garbage over the second half of the file, as a failing disk leaves it: the header and schema intact."""
    data = bytearray(db.read_bytes())
    half = len(data) // 2 // 4096 * 4096
    data[half:] = hashlib.shake_256(b"garbage").digest(len(data) - half)
    db.write_bytes(bytes(data))


def _another_programs(db: Path) -> None:
    """MOST_READ_DB pointed at some other program's SQLite database."""
    db.unlink()
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE users (name TEXT)")


DAMAGE = {
    "pages overwritten": _overwrite_pages,
    "truncated": lambda db: db.write_bytes(db.read_bytes()[: len(db.read_bytes()) // 2]),
    "garbage": lambda db: db.write_bytes(hashlib.shake_256(b"noise").digest(200_000)),
    "emptied": lambda db: db.write_bytes(b""),
    "another program's": _another_programs,
}


@pytest.mark.parametrize("damage", [*DAMAGE, "pages overwritten, refresh only"])
def test_a_damaged_store_is_one_clear_error_and_left_untouched(tmp_path: Path, conf: Path, damage: str) -> None:
    output, db = tmp_path / "output", tmp_path / "pv.sqlite3"
    built_site(output)
    traffic = [line(f"/2026/11/{'xyz'[i % 3]}/", seconds=i * 7, ip=f"10.0.{i // 200}.{i % 200}") for i in range(5000)]
    assert run(conf, output, "--logs", str(write_log(tmp_path / "a.log", traffic))).returncode == 0
    DAMAGE[damage.split(",", maxsplit=1)[0]](db)
    damaged, listed = digest(db), (output / "most-read.json").read_bytes()

    inputs = () if "refresh only" in damage else ("--logs", str(write_log(tmp_path / "b.log", fourth_day())))
    result = run(conf, output, *inputs)
    assert result.returncode == 2
    errors = [text for text in result.stderr.splitlines() if text.startswith("error:")]
    assert len(errors) == 1, result.stderr
    assert str(db) in errors[0] and "restore it from a backup" in errors[0] and "move it aside" in errors[0]
    assert digest(db) == damaged and sorted(p.name for p in tmp_path.glob("pv.sqlite3*")) == ["pv.sqlite3"]
    assert (output / "most-read.json").read_bytes() == listed


def test_a_store_in_use_or_unwritable_is_not_called_damaged(tmp_path: Path) -> None:
    db = tmp_path / "pv.sqlite3"
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        sqlite3.connect(db, timeout=0).execute("SELECT * FROM t")
    except sqlite3.Error as exc:
        busy = exc
    holder.execute("ROLLBACK")
    assert str(trouble(str(db), busy)) == (
        f"{db} is in use by another program (database is locked). Fix: run again once it has finished."
    )
    holder.close()
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorname = "SQLITE_FULL"
    assert "the disk is full. Fix: free some space" in str(trouble(str(db), full))

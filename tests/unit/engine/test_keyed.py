"""The cache's tables of values by content key: lookups, keeping exactly what a build used, damage."""

from __future__ import annotations

import sqlite3
import tracemalloc
from pathlib import Path

from engine.keyed import KeyedStore
from feeds.pieces import piece_key
from feeds.store import PieceStore

KEY, ITEM = piece_key("rss", "e"), b"    <item>\n      <title>A</title>\n    </item>\n"


def test_load_all_or_some_and_save_keeps_exactly_the_used_keys(tmp_path: Path) -> None:
    store = KeyedStore(str(tmp_path / "cache" / "t.sqlite3"), "t", ("a TEXT NOT NULL", "b INTEGER NOT NULL"))
    assert store.load() == {} and store.load(["x"]) == {}  # no file yet
    store.save(["x", "y", "z"], lambda k: None if k == "z" else (k.upper(), len(k)))
    assert store.load() == {"x": ("X", 1), "y": ("Y", 1)}  # nothing to store for z
    keys = [f"k{i}" for i in range(1200)]  # more than one SELECT's worth of parameters
    store.save(["y", *keys], lambda k: (k, 0))
    assert store.load(["y", "x", "k1199", "nope"]) == {"y": ("Y", 1), "k1199": ("k1199", 0)}
    assert len(store.load(keys)) == 1200 and "x" not in store.load()


def test_a_damaged_file_reads_as_empty_and_is_started_afresh(tmp_path: Path, caplog) -> None:
    path = tmp_path / "feeds-pieces.sqlite3"
    path.write_bytes(b"not a database" * 100)
    pieces = PieceStore(str(tmp_path))
    assert pieces.load([KEY]) == {}
    pieces.save([KEY], {KEY: ITEM})  # the damaged file is replaced by a new one, in the same build
    assert PieceStore(str(tmp_path)).load([KEY, "other"]) == {KEY: ITEM}
    assert [r.getMessage() for r in caplog.records] == [
        f"Cache {path}: could not be read (file is not a database); made again."
    ]  # one line, however many times the build used the file


def test_a_row_that_does_not_match_its_checksum_is_discarded_and_stored_again(tmp_path: Path, caplog) -> None:
    path = tmp_path / "t.sqlite3"
    store = KeyedStore(str(path), "t", ("a TEXT NOT NULL", "b INTEGER"))
    store.save(["x", "y", "z"], lambda k: (k * 3, len(k)))
    with sqlite3.connect(path) as db:
        db.execute("UPDATE t SET a = 'forged' WHERE key = 'x'")  # content changed, checksum not
        y = db.execute("SELECT a, b, checksum FROM t WHERE key = 'y'").fetchone()
        db.execute("UPDATE t SET a = ?, b = ?, checksum = ? WHERE key = 'z'", y)  # y's valid entry moved under z
    again = KeyedStore(str(path), "t", ("a TEXT NOT NULL", "b INTEGER"))
    assert again.load() == {"y": ("yyy", 1)} and again.damaged == {"x", "z"}
    assert len(caplog.records) == 1 and "does not match its checksum" in caplog.records[0].getMessage()
    again.keep_used({"x", "y", "z"}, {"y"}, lambda k: (k * 3, len(k)))  # made again, stored in their place
    assert KeyedStore(str(path), "t", ("a TEXT NOT NULL", "b INTEGER")).load() == {
        "x": ("xxx", 1),
        "y": ("yyy", 1),
        "z": ("zzz", 1),
    }


def test_a_table_of_another_shape_is_started_afresh(tmp_path: Path) -> None:
    """A file an earlier version wrote without checksums (or anything else) is never read as entries."""
    path = tmp_path / "t.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (key TEXT PRIMARY KEY, a TEXT NOT NULL)")
        db.execute("INSERT INTO t VALUES ('x', 'unchecked')")
    store = KeyedStore(str(path), "t", ("a TEXT NOT NULL",))
    assert store.load() == {}
    store.save(["x"], lambda k: ("checked",))
    assert KeyedStore(str(path), "t", ("a TEXT NOT NULL",)).load() == {"x": ("checked",)}


def test_a_piece_is_used_only_when_it_is_one_item_of_its_format(tmp_path: Path) -> None:
    atom_key = piece_key("atom", "e")
    pieces = {KEY: ITEM, atom_key: ITEM, piece_key("rss", "two"): ITEM + ITEM, piece_key("rss", "cut"): ITEM[:-9]}
    PieceStore(str(tmp_path)).save(pieces, pieces)  # checksums match: what was stored is what comes back
    assert PieceStore(str(tmp_path)).load(pieces) == {KEY: ITEM}


def test_no_path_keeps_nothing(tmp_path: Path) -> None:
    store = PieceStore(None)
    store.save(["k"], {"k": b"x"})
    assert store.load(["k"]) == {} and list(tmp_path.iterdir()) == []


def test_a_folder_in_place_of_the_file_is_left_alone_and_nothing_is_kept(tmp_path: Path, caplog) -> None:
    (tmp_path / "t.sqlite3").mkdir()
    store = KeyedStore(str(tmp_path / "t.sqlite3"), "t", ("a TEXT NOT NULL",))
    assert store.load() == {}
    store.save(["x"], lambda k: ("v",))  # no error: only nothing is kept
    assert (tmp_path / "t.sqlite3").is_dir() and len(caplog.records) == 1
    blocked = tmp_path / "file"
    blocked.write_text("x")
    KeyedStore(str(blocked / "t.sqlite3"), "t", ("a TEXT NOT NULL",)).save(["x"], lambda k: ("v",))
    assert blocked.read_text() == "x"


def test_saving_holds_one_new_row_in_memory_at_a_time(tmp_path: Path) -> None:
    store = KeyedStore(str(tmp_path / "big.sqlite3"), "blobs", ("data BLOB NOT NULL",))
    keys = [f"{n:04d}" for n in range(40)]
    tracemalloc.start()
    try:
        store.save(keys, lambda key: (key.encode() * 250_000,))  # 1 MB a row, made when it is stored
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(store.load()) == 40
    assert peak < 10_000_000  # 40 MB when every new row was made before the first was written

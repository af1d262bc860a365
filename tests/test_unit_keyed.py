"""The cache's tables of values by content key: lookups, keeping exactly what a build used, damage."""

from __future__ import annotations

from pathlib import Path

from feeds.store import PieceStore
from newsroom.keyed import KeyedStore


def test_load_all_or_some_and_save_keeps_exactly_the_used_keys(tmp_path: Path) -> None:
    store = KeyedStore(str(tmp_path / "cache" / "t.sqlite3"), "t", ("a TEXT NOT NULL", "b INTEGER NOT NULL"))
    assert store.load() == {} and store.load(["x"]) == {}  # no file yet
    store.save(["x", "y", "z"], lambda k: None if k == "z" else (k.upper(), len(k)))
    assert store.load() == {"x": ("X", 1), "y": ("Y", 1)}  # nothing to store for z
    keys = [f"k{i}" for i in range(1200)]  # more than one SELECT's worth of parameters
    store.save(["y", *keys], lambda k: (k, 0))
    assert store.load(["y", "x", "k1199", "nope"]) == {"y": ("Y", 1), "k1199": ("k1199", 0)}
    assert len(store.load(keys)) == 1200 and "x" not in store.load()


def test_a_damaged_file_reads_as_empty_and_is_started_afresh(tmp_path: Path) -> None:
    path = tmp_path / "feeds-pieces.sqlite3"
    path.write_bytes(b"not a database" * 100)
    pieces = PieceStore(str(tmp_path))
    assert pieces.load(["k"]) == {}
    pieces.save(["k"], {"k": b"<item/>"})
    assert not path.exists()  # removed: the next build writes a new one
    pieces.save(["k"], {"k": b"<item/>"})
    assert pieces.load(["k", "other"]) == {"k": b"<item/>"}


def test_no_path_keeps_nothing(tmp_path: Path) -> None:
    store = PieceStore(None)
    store.save(["k"], {"k": b"x"})
    assert store.load(["k"]) == {} and list(tmp_path.iterdir()) == []

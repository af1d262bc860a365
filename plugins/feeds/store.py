"""Serialized feed entries kept between builds in an SQLite file of the cache folder (shell).

Each piece carries a checksum of its key and bytes (``engine.keyed``), and is used only
when it is exactly one item of its format, as feedgen cut it: anything else is made again.
A damaged or missing file is only a slower build: every piece is made again.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

from engine import KeyedStore

from .pieces import split_items

FILE = "feeds-pieces.sqlite3"


def _one_item(key: str, piece: object) -> bool:
    """Whether ``piece`` is one whole item of the format its key names (``pieces.piece_key``)."""
    fmt = key.rsplit("/", 2)[-2] if key.count("/") >= 2 else ""
    return fmt in ("rss", "atom") and isinstance(piece, bytes) and split_items(b"\n" + piece, fmt) == [piece]


class PieceStore:
    def __init__(self, folder: str | None) -> None:
        self._store = KeyedStore(os.path.join(folder, FILE) if folder else None, "piece", ("xml BLOB NOT NULL",))

    def load(self, keys: Iterable[str]) -> dict[str, bytes]:
        """The stored pieces among ``keys``."""
        found = {}
        for key, (xml,) in self._store.load(keys).items():
            if _one_item(key, xml):
                found[key] = xml
            else:
                self._store.discard(key)
        return found

    def save(self, keep: Iterable[str], made: Mapping[str, bytes]) -> None:
        """Keep the pieces of ``keep`` (the current feeds' entries), adding those ``made`` anew."""
        self._store.save(keep, lambda key: (made[key],) if key in made else None)

"""Serialized feed entries kept between builds in an SQLite file of the cache folder (shell).

A damaged or missing file is only a slower build: every piece is made again.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

from newsroom.keyed import KeyedStore

FILE = "feeds-pieces.sqlite3"


class PieceStore:
    def __init__(self, folder: str | None) -> None:
        self._store = KeyedStore(os.path.join(folder, FILE) if folder else None, "piece", ("xml BLOB NOT NULL",))

    def load(self, keys: Iterable[str]) -> dict[str, bytes]:
        """The stored pieces among ``keys``."""
        return {key: xml for key, (xml,) in self._store.load(keys).items()}

    def save(self, keep: Iterable[str], made: Mapping[str, bytes]) -> None:
        """Keep the pieces of ``keep`` (the current feeds' entries), adding those ``made`` anew."""
        self._store.save(keep, lambda key: (made[key],) if key in made else None)

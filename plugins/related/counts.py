"""Documents' term counts kept between builds in an SQLite file of the cache folder (shell).

Counting the words of every headline, standfirst and body is about half of ranking a
10,000-article site. The counts of a document depend only on its texts and the field
weights (``index.counts_key``) and on the counting code, whose source digest prefixes
every stored key: after an upgrade the old rows are ignored, then dropped. A missing or
damaged file, or a row that does not unpickle, is only a slower build.
"""

from __future__ import annotations

import pickle
from collections.abc import Mapping
from pathlib import Path

from newsroom.keyed import KeyedStore, source_digest

FILE_NAME = "related-term-counts.sqlite3"
_CODE = tuple(Path(__file__).with_name(name) for name in ("text.py", "index.py"))


def code_version() -> str:
    return source_digest(_CODE)


def _store(path: str | None) -> KeyedStore:
    return KeyedStore(path, "counts", ("data BLOB NOT NULL",))


def load(path: str | None, version: str) -> dict[str, dict[str, float]]:
    prefix = f"{version}:"
    found = {}
    for key, (data,) in _store(path).load().items():
        if key.startswith(prefix):
            try:
                counts = pickle.loads(data)
            except Exception:  # noqa: BLE001 - damaged or written by something else: count afresh
                continue
            if isinstance(counts, dict):
                found[key[len(prefix) :]] = counts
    return found


def save(path: str | None, version: str, used: Mapping[str, dict[str, float]], known: Mapping[str, object]) -> None:
    """Keep exactly the counts this build used; nothing is written when those were all known."""
    if not path or (used.keys() == known.keys()):
        return
    prefix = f"{version}:"

    def row(key: str) -> tuple[bytes]:
        return (pickle.dumps(used[key[len(prefix) :]], protocol=pickle.HIGHEST_PROTOCOL),)

    _store(path).save({prefix + key for key in used}, row)

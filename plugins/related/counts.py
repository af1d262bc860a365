"""Documents' term counts kept between builds in the cache folder (shell).

Counting the words of every headline, standfirst and body is about half of ranking a
10,000-article site. The counts of a document depend only on its texts and the field
weights (``index.counts_key``) and on the counting code, whose source is part of the
file's header: after an upgrade the file is ignored and written afresh. A missing,
damaged or foreign file is only a slower build.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Mapping
from pathlib import Path

FILE_NAME = "related-term-counts.pickle"
_CODE = tuple(Path(__file__).with_name(name) for name in ("text.py", "index.py"))


def code_version() -> str:
    digest = hashlib.sha256()
    for path in _CODE:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def load(path: str | None, version: str) -> dict[str, dict[str, float]]:
    if not path or not os.path.isfile(path):
        return {}
    try:
        with open(path, "rb") as handle:
            stored_version, counts = pickle.load(handle)
    except Exception:  # noqa: BLE001 - damaged or written by something else: count afresh
        return {}
    return counts if stored_version == version and isinstance(counts, dict) else {}


def save(path: str | None, version: str, used: Mapping[str, dict[str, float]], known: Mapping[str, object]) -> None:
    """Keep exactly the counts this build used; nothing is written when those were all known."""
    if not path or (used.keys() == known.keys()):
        return
    folder = os.path.dirname(path) or "."
    os.makedirs(folder, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".related-counts-")
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump((version, dict(sorted(used.items()))), out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise

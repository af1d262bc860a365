"""The related memo (``memo.Memo``) kept between builds in one file of the cache folder (shell).

The file starts with a digest of the ranking code: after an upgrade it is ignored. A
missing, damaged or foreign file is only a slower build: every list is ranked again.
The file is replaced whole, through a temporary file, so an interrupted build leaves the
old memo or the new one, never half of one.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path

from newsroom.keyed import source_digest

from .memo import Memo

FILE_NAME = "related-memo.pickle"
_CODE = tuple(Path(__file__).with_name(n) for n in ("text.py", "index.py", "scoring.py", "memo.py", "model.py"))


def code_version() -> str:
    return source_digest(_CODE)


def load(path: str | None) -> Memo | None:
    if not path:
        return None
    try:
        with open(path, "rb") as handle:
            version, memo = pickle.load(handle)
    except Exception:  # noqa: BLE001 - missing, damaged or written by something else: rank everything
        return None
    return memo if version == code_version() and isinstance(memo, Memo) else None


def save(path: str | None, memo: Memo | None) -> None:
    if not path or memo is None:
        return
    folder = os.path.dirname(path) or "."
    try:
        os.makedirs(folder, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".related-memo-", dir=folder)
    except OSError:
        return  # a cache that cannot be written only means a slower next build
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump((code_version(), memo), out, protocol=pickle.HIGHEST_PROTOCOL)
        os.chmod(temporary, 0o644)  # as the cache's other files, not the temporary file's 0600
        os.replace(temporary, path)
    except OSError:
        os.unlink(temporary)
    except BaseException:
        os.unlink(temporary)
        raise

"""The related memo (``memo.Memo``) kept between builds in one file of the cache folder (shell).

The file is JSON (``memo_codec``), sealed with a checksum of its content and of the ranking
code it was made by (``common.checksum``): after an upgrade, or when anything in it is
damaged or is not a memo, it is not used and every list is ranked again, with one line
saying so. The file is replaced whole, through a temporary file, so an interrupted build
leaves the old memo or the new one, never half of one. The pickle earlier versions kept
(``related-memo.pickle``) is never read, and is removed.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from common.checksum import seal, unseal
from engine import notice, remove_file, source_digest

from .memo import Memo
from .memo_codec import Unreadable, decode, encode

FILE_NAME = "related-memo.json"
_EARLIER = "related-memo.pickle"  # what builds kept before: code could be hidden in it, so it is never read
_CODE = tuple(Path(__file__).with_name(n) for n in ("text.py", "vectors.py", "index.py", "scoring.py", "memo.py",
                                                    "model.py", "memo_codec.py", "packed.py"))  # fmt: skip


def code_version() -> str:
    return source_digest(_CODE)


KIND = "related memo"


def _head() -> str:
    """How the sealed payload starts: the version of the ranking code that made the memo."""
    return f'{{"code":"{code_version()}","memo":'


def load(path: str | None) -> Memo | None:
    if not path:
        return None
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:  # ValueError: not UTF-8
        notice(path, f"could not be read ({exc})")
        return None
    payload = unseal(KIND, text)
    if payload is None:
        notice(path, "it is damaged, or not a memo")
        return None
    head = _head()
    if not payload.startswith(head) or not payload.endswith("}"):
        return None  # made by other ranking code (an upgrade): ranked again without a word
    try:
        return decode(payload[len(head) : -1])
    except Unreadable as exc:
        notice(path, f"it is not a memo ({exc})")
        return None


def save(path: str | None, memo: Memo | None) -> None:
    if not path or memo is None:
        return
    folder = os.path.dirname(path) or "."
    remove_file(os.path.join(folder, _EARLIER))
    try:
        text = seal(KIND, f"{_head()}{encode(memo)}}}")
    except ValueError:
        return  # a memo this code cannot write whole: the next build ranks everything
    try:
        os.makedirs(folder, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".related-memo-", dir=folder)
    except OSError:
        return  # a cache that cannot be written only means a slower next build
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, 0o644)  # as the cache's other files, not the temporary file's 0600
        os.replace(temporary, path)
    except OSError:
        os.unlink(temporary)
    except BaseException:
        os.unlink(temporary)
        raise

"""What the last build compressed, and which of its siblings this build may keep (pure).

The record sits beside the site (``.newsdesk-compressed.json``): for each compressed file, the
SHA-256 and size of the bytes its siblings were made from, and each sibling's size. A file the
writer reused is the very file the record describes: kept in place, its siblings are kept on
the record alone (no file is read or even looked at); linked from the live site, on its size.
A file written again is hashed, and its siblings are kept when it holds the same bytes as
before. Anything else is compressed again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from common.checksum import seal, unseal

NAME = ".newsdesk-compressed.json"
KIND = "precompressed siblings"


@dataclass(frozen=True)
class Record:
    digest: str  # SHA-256 of the file the siblings were made from
    size: int
    siblings: dict[str, int]  # suffix -> size in bytes


def dump(encoding_key: str, records: dict[str, Record]) -> str:
    files = {rel: [r.digest, r.size, r.siblings] for rel, r in records.items()}  # sort_keys orders them all
    return seal(KIND, json.dumps({"encoding": encoding_key, "files": files}, sort_keys=True, separators=(",", ":")))


def load(text: str, encoding_key: str) -> dict[str, Record]:
    """The records in ``text`` made with ``encoding_key``; none when damaged or made otherwise."""
    payload = unseal(KIND, text)
    try:
        body = json.loads(payload) if payload is not None else None
        if not isinstance(body, dict) or body.get("encoding") != encoding_key:
            return {}
        return {rel: record for rel, value in body["files"].items() if (record := _record(value)) is not None}
    except (ValueError, KeyError, TypeError, AttributeError):
        return {}


def _record(value: Any) -> Record | None:
    if not (isinstance(value, list) and len(value) == 3):
        return None
    digest, size, siblings = value
    if not (isinstance(digest, str) and isinstance(size, int) and isinstance(siblings, dict)):
        return None
    if not all(isinstance(k, str) and k in (".gz", ".br") and isinstance(n, int) for k, n in siblings.items()):
        return None
    return Record(digest, size, siblings)


def decide(size: int, record: Record | None, reused: bool) -> str:
    """For a text file of ``size`` bytes that the writer ``reused`` or wrote: 'keep' its siblings,
    'check' its bytes against the record first, or 'make' them."""
    if record is None or record.size != size:
        return "make"
    return "keep" if reused else "check"

"""Checksums that every cache entry carries, so that what comes back is what was stored (pure).

A cache folder travels (CI caches move between machines and branches), fills a disk, or is
written by something else: what a build reads from it is untrusted input. Nothing in it is
ever unpickled or evaluated; every entry is plain data (text, numbers, JSON) stored with a
checksum of its kind, its key (a hash of what it was made from) and its content. An entry
whose checksum does not match, damaged or foreign or moved under another key, is discarded
and made again, exactly as if it had never been kept.

A checksum tells damage and strays from what was stored; it is no signature. Someone who
can write the cache folder can compute one for what they write, so a cache is only as
trustworthy as whoever wrote it: restore CI caches from trusted builds only.

``entry_checksum`` is for entries kept by key in a table (``keyed.KeyedStore``); ``seal``
and ``unseal`` for a cache kept whole in one JSON file (the related memo, the reuse
manifest, a search shard's record of its documents).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable

_SEALED = re.compile(r'\{"cache":("[^"\\]*"),"sha256":"([0-9a-f]{64})","data":')


def entry_checksum(kind: str, key: str, values: Iterable[object]) -> str:
    """SHA-256 of an entry's kind (its table), key and values, each with its type and length, so that no two
    different entries give the same bytes. Written out in one loop: it runs for every row a build reads."""
    digest = hashlib.sha256(b"newsdesk cache entry\0")
    update = digest.update
    for value in (kind, key, *values):
        kind_of = type(value)
        if kind_of is str:
            data = value.encode("utf-8", "surrogatepass")
            update(b"s%d:" % len(data))
        elif kind_of is bytes:
            data = value
            update(b"b%d:" % len(data))
        elif kind_of is int:
            data = b"%d" % value
            update(b"i%d:" % len(data))
        elif value is None:
            update(b"n")
            continue
        elif kind_of is float:
            data = repr(value).encode()
            update(b"f%d:" % len(data))
        else:  # booleans too: SQLite would give them back as numbers
            raise TypeError(f"a cache column holds no {kind_of.__name__}")
        update(data)
    return digest.hexdigest()


def _payload_digest(kind: str, payload: str) -> str:
    return hashlib.sha256(f"{kind}\0{payload}".encode("utf-8", "surrogatepass")).hexdigest()


def seal(kind: str, payload: str) -> str:
    """A file's text: the JSON ``payload`` with its kind and checksum, itself JSON."""
    return f'{{"cache":{json.dumps(kind)},"sha256":"{_payload_digest(kind, payload)}","data":{payload}}}\n'


def unseal(kind: str, text: str) -> str | None:
    """The payload ``seal`` wrapped, or None when the text is not a sealed file of ``kind`` or is damaged."""
    head = _SEALED.match(text)
    if head is None or json.loads(head.group(1)) != kind or not text.endswith("}\n"):
        return None
    payload = text[head.end() : -2]
    return payload if _payload_digest(kind, payload) == head.group(2) else None

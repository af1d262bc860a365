"""Re-indexing a search shard from its last bundle: Pagefind compresses only what changed.

Most files of a Pagefind bundle are named by a hash of what they hold (a page's
fragment, a chunk of the word index, a filter, the bundle's metadata), and Pagefind
does not write such a file when it is already there. So a shard's run is seeded with
the live bundle's hashed files, linked (Pagefind never opens an existing one), and
Pagefind only compresses the files whose content changed: after an edit, the edited
page's fragment and the index chunks holding its words, not the year's other 2,000
fragments. Compressing at gzip's best level was about a fifth of a run's CPU.

A file is seeded only when it is intact: gzip's checksum of what it holds matches, and it
carries Pagefind's signature; a damaged one is left for Pagefind to write again.

Afterwards the seeded files the new bundle does not refer to (the edited page's old
fragment, the old index chunks) are removed, so the bundle holds exactly the files a
run into an empty folder writes, byte for byte. Which files the bundle refers to is
read from its metadata: ``pagefind-entry.json`` names each language's metadata file,
whose CBOR lists the fragments, index chunks and filters. Anything unexpected in
them raises ``UnknownBundle``, and the shard is indexed again from an empty folder.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import zlib
from collections.abc import Iterable
from typing import Any

# the files Pagefind names by their content's hash, and writes only when missing
_HASHED = re.compile(
    r"fragment/[^/]+\.pf_fragment|index/[^/]+\.pf_index|filter/[^/]+\.pf_filter|pagefind\.[^/]+\.pf_meta"
)
_SIGNATURE = b"pagefind_dcd"  # what Pagefind puts before the CBOR of each compressed file
ENTRY = "pagefind-entry.json"


class UnknownBundle(Exception):
    """A bundle whose metadata this module cannot read: its files are not reused."""


def is_hashed(rel: str) -> bool:
    """Whether a bundle file (relative to the bundle, '/'-separated) is named by its content's hash."""
    return _HASHED.fullmatch(rel) is not None


def _decode(data: bytes, at: int) -> tuple[Any, int]:
    """One CBOR item at ``at`` (definite lengths: what Pagefind writes); the item and where it ends."""
    if at >= len(data):
        raise UnknownBundle("the metadata ends in the middle of an item")
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        value = info
    elif info <= 27:
        size = 1 << (info - 24)
        if at + size > len(data):
            raise UnknownBundle("the metadata ends in the middle of a number")
        value, at = int.from_bytes(data[at : at + size], "big"), at + size
    else:
        raise UnknownBundle(f"CBOR item of indefinite length or unknown kind ({data[at - 1]:#x})")
    if major in (0, 1):
        return (value if major == 0 else -1 - value), at
    if major in (2, 3):
        if at + value > len(data):
            raise UnknownBundle("the metadata ends in the middle of a string")
        raw = data[at : at + value]
        return (raw.decode("utf-8") if major == 3 else raw), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        pairs = {}
        for _ in range(value):
            key, at = _decode(data, at)
            pairs[key], at = _decode(data, at)
        return pairs, at
    raise UnknownBundle(f"CBOR item of kind {major}")  # tags and simple values: Pagefind writes none


def decode_meta(compressed: bytes) -> list[Any]:
    """A ``.pf_meta`` file as Python values (pure)."""
    try:
        data = gzip.decompress(compressed)
    except (OSError, EOFError) as exc:
        raise UnknownBundle(f"the metadata is not gzip: {exc}") from exc
    if not data.startswith(_SIGNATURE):
        raise UnknownBundle("the metadata lacks Pagefind's signature")
    value, end = _decode(data, len(_SIGNATURE))
    if end != len(data) or not isinstance(value, list):
        raise UnknownBundle("the metadata is not one CBOR list")
    return value


def _hashes(rows: Any, where: str, position: int) -> list[str]:
    if not isinstance(rows, list) or not all(isinstance(r, list) and len(r) > abs(position) for r in rows):
        raise UnknownBundle(f"the metadata's {where} are not a list of lists")
    found = [r[position] for r in rows]
    if not all(isinstance(h, str) and h and "/" not in h for h in found):
        raise UnknownBundle(f"the metadata's {where} do not name their files")
    return found


def referenced(entry: bytes, metas: dict[str, bytes]) -> set[str]:
    """The hashed files a bundle refers to, from its entry file and its ``.pf_meta`` files by name (pure).

    Pagefind 1.x metadata is a list: version, pages ([fragment hash, words]), index chunks
    ([first word, last word, chunk hash]), filters ([name, hash]), then what it needs for sorting.
    """
    try:
        languages = json.loads(entry)["languages"]
        names = [f"pagefind.{lang['hash']}.pf_meta" for lang in languages.values()]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UnknownBundle(f"{ENTRY} does not list the languages' metadata: {exc}") from exc
    wanted = set(names)
    for name in names:
        if name not in metas:
            raise UnknownBundle(f"{ENTRY} names {name}, which the bundle lacks")
        meta = decode_meta(metas[name])
        if len(meta) < 4:
            raise UnknownBundle(f"{name} holds {len(meta)} parts, not at least 4")
        wanted.update(f"fragment/{h}.pf_fragment" for h in _hashes(meta[1], "pages", 0))
        wanted.update(f"index/{h}.pf_index" for h in _hashes(meta[2], "index chunks", -1))
        wanted.update(f"filter/{h}.pf_filter" for h in _hashes(meta[3], "filters", -1))
    return wanted


def bundle_version(folder: str) -> str | None:
    """The Pagefind version that wrote the bundle in ``folder``, from its entry file; None if unreadable."""
    try:
        with open(os.path.join(folder, ENTRY), "rb") as handle:
            version = json.loads(handle.read()).get("version")
    except (OSError, ValueError, AttributeError):
        return None
    return version if isinstance(version, str) else None


def files_in(folder: str) -> list[str]:
    """Every file under ``folder``, relative to it and '/'-separated, sorted."""
    found = []
    for root, _dirs, names in os.walk(folder):
        rel = os.path.relpath(root, folder)
        found.extend(name if rel == "." else f"{rel.replace(os.sep, '/')}/{name}" for name in names)
    return sorted(found)


def intact(path: str) -> bool:
    """Whether a bundle file is one Pagefind wrote, whole: gzip's own checksum (CRC-32 and length) holds,
    and what it holds starts with Pagefind's signature. A damaged file is not seeded: Pagefind writes it."""
    try:
        with open(path, "rb") as handle:
            return gzip.decompress(handle.read()).startswith(_SIGNATURE)
    except (OSError, EOFError, zlib.error):
        return False


def seed(previous: str, output: str, pagefind_version: str, notes: list[str] | None = None) -> list[str]:
    """Link the hashed files of the bundle in ``previous`` into the empty ``output``; return them.

    Nothing is seeded from a bundle another Pagefind version wrote (``pagefind_version`` is
    what ``pagefind --version`` says): its files may be compressed differently. A file that
    cannot be linked (another file system) is left for Pagefind to write, and so is one that
    is not intact (``intact``); how many of those there were goes to ``notes``.
    """
    old = bundle_version(previous)
    if old is None or pagefind_version.split()[-1:] != [old]:
        return []
    seeded, damaged = [], 0
    for rel in files_in(previous):
        source = os.path.join(previous, rel)
        if not is_hashed(rel) or not os.path.isfile(source) or os.path.islink(source):
            continue
        if not intact(source):
            damaged += 1
            continue
        target = os.path.join(output, rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            continue
        seeded.append(rel)
    if damaged and notes is not None:
        notes.append(f"{damaged} file(s) of the live bundle {previous} were damaged and are written again")
    return seeded


def prune(output: str, seeded: Iterable[str]) -> list[str]:
    """Remove the seeded files the bundle in ``output`` no longer refers to; return them."""
    metas = {}
    for name in os.listdir(output):
        if name.endswith(".pf_meta"):
            with open(os.path.join(output, name), "rb") as handle:
                metas[name] = handle.read()
    try:
        with open(os.path.join(output, ENTRY), "rb") as handle:
            entry = handle.read()
    except OSError as exc:
        raise UnknownBundle(f"the bundle has no {ENTRY}: {exc}") from exc
    wanted = referenced(entry, metas)
    stale = sorted(rel for rel in seeded if rel not in wanted)
    for rel in stale:
        os.remove(os.path.join(output, rel))
    for folder in ("fragment", "index", "filter"):  # a run into an empty folder makes none it leaves empty
        path = os.path.join(output, folder)
        if os.path.isdir(path) and not os.listdir(path):
            os.rmdir(path)
    return stale

"""What a build shows of each source image, and the files made from it, kept between builds (pure codec, thin store).

Planning a photo names its files by digests of the source, each job and the pipeline's code: about
25 files and as many hashes a photo, then its ``<picture>`` records. A build that finds the image
unchanged (the same path, bytes, size, settings and code: ``plan_key``) takes instead the records
its pages show (``Photo``, ``Share``, a body's ``Picture``, the site image's ``Rendition``) and, only
when a file must be put into the site, the list of its files with their jobs and what each holds.
An unchanged photo thus costs one lookup: a hero's records are made from their text only when a page,
a feed or a plugin reads them, and are fingerprinted by a hash of that text (``Stored``). The parts of
a ``Photo`` read for every story on every build (the feeds' image, Most Read's small one) are kept on
lines of their own too, so reading them makes two small records, not the whole one. A row is kept
only once all its files are made; one that does not read back as such is made again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from engine import KeyedStore, Photo, Picture, Rendition, Share, Stored

from .plan import Job
from .store import Kept

VERSION = "3"  # of the records' fields: another version's rows are planned afresh
Files = dict[str, tuple[Job, Kept]]  # published name -> its job and what its file holds
Shown = dict[str, Any]  # "photo", "share" (a hero), "picture" (a body photo), "site" (a Rendition) -> record
KINDS = frozenset({"photo", "share", "picture", "site"})


def plan_key(kind: str, source: str, sha: str, size: tuple[int, int], settings: str, code: str) -> str:
    """The key of what is planned from one source: the kind of plan, its path, bytes, size, settings and code."""
    text = f"{VERSION}\0{kind}\0{source}\0{sha}\0{size[0]}x{size[1]}\0{settings}\0{code}"
    return hashlib.sha256(text.encode()).hexdigest()


def _rendition(r: Rendition) -> list:
    return [r.url, r.width, r.height, r.type, r.length]


def _picture(p: Picture) -> list:
    return [[list(s) for s in p.sources], p.src, p.srcset, p.sizes, p.width, p.height]


LAZY = ("photo", "share")  # the records of a story's hero: made from their text only when read (``Stored``)
PARTS = {"photo": ("feed", "small")}  # the Renditions of a record read of every story: lines of their own


def _encode(kind: str, record: Any) -> Any:
    if kind == "photo":
        pictures = [_picture(p) for p in (record.hero, record.card, record.related, record.thumb)]
        return [*pictures, _rendition(record.feed), _rendition(record.small)]
    if kind == "share":
        return [_rendition(record.card), [_rendition(r) for r in record.schema]]
    if kind == "picture":
        return _picture(record)
    return _rendition(record)


def encode_shown(shown: Shown) -> str:
    """The records pages show of one source as text: a line ``kind TAB sha256 TAB json`` for each kind, the
    hash being that of its JSON (``null`` for None), so that a record can be fingerprinted without reading it."""
    lines = []
    for kind, record in sorted(shown.items()):
        text = "null" if record is None else json.dumps(_encode(kind, record), separators=(",", ":"))
        lines.append(f"{kind}\t{hashlib.sha256(text.encode()).hexdigest()}\t{text}")
        for part in PARTS.get(kind, ()) if record is not None else ():  # "photo.feed": within the record's digest
            text = json.dumps(_rendition(getattr(record, part)), separators=(",", ":"))
            lines.append(f"{kind}.{part}\t{hashlib.sha256(text.encode()).hexdigest()}\t{text}")
    return "\n".join(lines)


def _to_picture(data: list) -> Picture:
    sources, src, srcset, sizes, width, height = data
    return Picture(tuple((kind, text) for kind, text in sources), src, srcset, sizes, width, height)


def _decode(kind: str, data: Any) -> Any:
    if kind == "photo":
        return Photo(*map(_to_picture, data[:4]), Rendition(*data[4]), Rendition(*data[5]))
    if kind == "share":
        return Share(Rendition(*data[0]), tuple(Rendition(*r) for r in data[1]))
    if kind == "picture":
        return _to_picture(data)
    return Rendition(*data)  # the site image, or a part of a record


def _made(kind: str, text: str) -> Any:
    """The record of ``kind`` made from its JSON when first read (the row's checksum was checked as it was loaded)."""
    try:
        return _decode(kind, json.loads(text))
    except (ValueError, TypeError, IndexError) as exc:
        raise ValueError(
            f"a photo record kept in the cache could not be read ({exc}); delete the cache folder"
        ) from exc


class _Line:
    """The JSON of one line of a kept row, made into its record when first read: the row's text is not cut
    into lines (a photo's is several kilobytes, and most builds read only its digests)."""

    __slots__ = ("end", "kind", "start", "text")

    def __init__(self, kind: str, text: str, start: int, end: int) -> None:
        self.kind, self.text, self.start, self.end = kind, text, start, end

    def __call__(self) -> Any:
        return _made(self.kind, self.text[self.start : self.end])


def decode_shown(text: str, whole: bool = True) -> Shown | None:
    """The records of ``encode_shown``'s text (a hero's ``Stored``, made when first read), or None when it is
    not such a text, or (``whole``) when a record lacks the lines of its parts (a row kept before they were)."""
    shown: Shown = {}
    parts: dict[str, dict[str, Any]] = {}
    at, size = 0, len(text)
    try:
        while at < size:
            end = text.find("\n", at)
            end = size if end < 0 else end
            tab = text.find("\t", at, end)
            kind, data = text[at:tab], tab + 66  # the JSON starts after the tab, the 64 hex digits and a tab
            if tab < 0 or data > end or text[data - 1] != "\t" or "\t" in text[tab + 1 : data - 1]:
                return None
            of, _, part = kind.partition(".")
            if part:
                if part not in PARTS.get(of, ()) or shown.get(of) is None:
                    return None
                parts[of][part] = _Line("part", text, data, end)
            elif end - data == 4 and text.startswith("null", data):
                shown[kind] = None
            elif kind in LAZY:
                parts[kind] = {}
                shown[kind] = Stored(text[tab + 1 : data - 1], _Line(kind, text, data, end), parts=parts[kind])
            elif kind in KINDS:
                shown[kind] = _decode(kind, json.loads(text[data:end]))
            else:
                return None
            at = end + 1
    except (ValueError, TypeError, IndexError, AttributeError):
        return None
    if not shown or (whole and any(len(found) != len(PARTS[kind]) for kind, found in parts.items() if kind in PARTS)):
        return None
    return shown


def _earlier_layout(text: str) -> Shown | None:
    """The records of a row written before they were kept line by line (one JSON object), or before the parts
    of a record had lines of their own, or None: read once, so that an upgrade makes no photo again."""
    lines = decode_shown(text, whole=False)
    if lines is not None:
        return {kind: r.resolve() if isinstance(r, Stored) else r for kind, r in lines.items()}
    try:
        data = json.loads(text) if text.startswith("{") else None
        if not isinstance(data, dict) or not all(k in KINDS or v is None for k, v in data.items()):
            return None
        return {kind: None if value is None else _decode(kind, value) for kind, value in data.items()}
    except (ValueError, TypeError, IndexError):
        return None


def encode_files(files: Files) -> str:
    return json.dumps({name: [*job, *kept] for name, (job, kept) in sorted(files.items())}, separators=(",", ":"))


def decode_files(text: str) -> Files | None:
    """The files of ``encode_files``'s text, or None when it is not such a text."""
    try:
        files: Files = {}
        for name, row in json.loads(text).items():
            *fields, length, sha, time = row
            files[name] = (Job(*fields), (length, sha, time))
    except (ValueError, TypeError, AttributeError):
        return None
    return files


class Plans:
    """Each source's shown records and files by ``plan_key``, in the cache's SQLite file (``path`` None: none)."""

    def __init__(self, path: str | None) -> None:
        self._store = KeyedStore(path, "photo_plans", ("shown TEXT NOT NULL", "files TEXT NOT NULL"))
        self.known: dict[str, tuple[str, str]] = dict(self._store.load())  # type: ignore[arg-type]
        self.used: dict[str, tuple[str, str]] = {}
        self.stale: set[str] = set()

    def shown(self, key: str) -> Shown | None:
        """The records kept for ``key`` (the row then kept for the next build), or None."""
        row = self.used.get(key) or self.known.get(key)
        if row is None:
            return None
        found = decode_shown(row[0])
        if found is not None:
            self.used[key] = row
            return found
        earlier, files = _earlier_layout(row[0]), decode_files(row[1])
        if earlier is not None and files is not None:  # kept before records were kept line by line: rewritten
            return self.put(key, earlier, files)
        self._store.discard(key)
        return None

    def files(self, key: str) -> Files | None:
        row = self.used.get(key) or self.known.get(key)
        return decode_files(row[1]) if row is not None else None

    def put(self, key: str, shown: Mapping[str, Any], files: Files) -> Shown:
        """Keep the records and files of ``key``; the records as a later build reads them back."""
        text = encode_shown(dict(shown))
        self.used[key] = (text, encode_files(files))
        if key in self.known:
            self.stale.add(key)
        return decode_shown(text) or {}

    def keep_now(self, keys: list[str]) -> None:
        """Store the rows of ``keys`` (made by this build) at once: a build stopped half-way keeps them."""
        self._store.add({key: self.used[key] for key in keys if key in self.used})

    def put_files(self, key: str, files: Files) -> None:
        """Keep what the files of ``key`` now hold (one was checked or made again), its records as they were."""
        row = self.used.get(key) or self.known[key]
        self.used[key] = (row[0], encode_files(files))
        if key in self.known:
            self.stale.add(key)

    def save(self) -> None:
        if self.stale or self.used.keys() != self.known.keys():
            self._store.save(self.used.keys(), lambda key: self.used[key], self.stale)

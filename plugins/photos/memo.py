"""What a build shows of each source image, and the files made from it, kept between builds (pure codec, thin store).

Planning a photo names its files by digests of the source, each job and the pipeline's code: about
25 files and as many hashes a photo, then its ``<picture>`` records. A build that finds the image
unchanged (the same path, bytes, size, settings and code: ``plan_key``) takes instead the records
its pages show (``Photo``, ``Share``, a body's ``Picture``, the site image's ``Rendition``) and, only
when a file must be put into the site, the list of its files with their jobs and what each holds.
An unchanged photo thus costs one lookup and a little JSON. A row is kept only once all its files
are made; one that does not read back as such is made again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from engine import KeyedStore, Photo, Picture, Rendition, Share

from .plan import Job
from .store import Kept

VERSION = "3"  # of the encoding below: another version's rows are planned afresh
Files = dict[str, tuple[Job, Kept]]  # published name -> its job and what its file holds
Shown = dict[str, Any]  # "photo", "share" (a hero), "picture" (a body photo), "site" (a Rendition) -> record


def plan_key(kind: str, source: str, sha: str, size: tuple[int, int], settings: str, code: str) -> str:
    """The key of what is planned from one source: the kind of plan, its path, bytes, size, settings and code."""
    text = f"{VERSION}\0{kind}\0{source}\0{sha}\0{size[0]}x{size[1]}\0{settings}\0{code}"
    return hashlib.sha256(text.encode()).hexdigest()


def _rendition(r: Rendition) -> list:
    return [r.url, r.width, r.height, r.type, r.length]


def _picture(p: Picture) -> list:
    return [[list(s) for s in p.sources], p.src, p.srcset, p.sizes, p.width, p.height]


def encode_shown(shown: Shown) -> str:
    """The records pages show of one source as JSON text (None stays None)."""
    data: dict[str, Any] = {}
    for kind, record in shown.items():
        if record is None:
            data[kind] = None
        elif kind == "photo":
            pictures = [_picture(p) for p in (record.hero, record.card, record.related, record.thumb)]
            data[kind] = [*pictures, _rendition(record.feed), _rendition(record.small)]
        elif kind == "share":
            data[kind] = [_rendition(record.card), [_rendition(r) for r in record.schema]]
        elif kind == "picture":
            data[kind] = _picture(record)
        else:
            data[kind] = _rendition(record)
    return json.dumps(data, separators=(",", ":"))


def _to_picture(data: list) -> Picture:
    sources, src, srcset, sizes, width, height = data
    return Picture(tuple((kind, text) for kind, text in sources), src, srcset, sizes, width, height)


def decode_shown(text: str) -> Shown | None:
    """The records of ``encode_shown``'s text, or None when it is not such a text."""
    try:
        shown: Shown = {}
        for kind, data in json.loads(text).items():
            if data is None:
                shown[kind] = None
            elif kind == "photo":
                shown[kind] = Photo(*map(_to_picture, data[:4]), Rendition(*data[4]), Rendition(*data[5]))
            elif kind == "share":
                shown[kind] = Share(Rendition(*data[0]), tuple(Rendition(*r) for r in data[1]))
            elif kind == "picture":
                shown[kind] = _to_picture(data)
            elif kind == "site":
                shown[kind] = Rendition(*data)
            else:
                return None
    except (ValueError, TypeError, AttributeError):
        return None
    return shown


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
        found = decode_shown(row[0]) if row is not None else None
        if found is None and row is not None:
            self._store.discard(key)
        elif found is not None:
            self.used[key] = row  # type: ignore[assignment]
        return found

    def files(self, key: str) -> Files | None:
        row = self.used.get(key) or self.known.get(key)
        return decode_files(row[1]) if row is not None else None

    def put(self, key: str, shown: Mapping[str, Any], files: Files) -> None:
        self.used[key] = (encode_shown(dict(shown)), encode_files(files))
        if key in self.known:
            self.stale.add(key)

    def save(self) -> None:
        if self.stale or self.used.keys() != self.known.keys():
            self._store.save(self.used.keys(), lambda key: self.used[key], self.stale)

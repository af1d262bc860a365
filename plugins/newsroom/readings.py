"""Each source file's checked front-matter, kept between builds by a hash of its bytes.

Checking a file's front-matter (dates, names, tags, slugs, image and link targets) is
most of the cost of reading it; a 10,000-article site spends about 5 s on it. What the
checks produce depends only on:

- the file's bytes, its path and whether it is an article or a page;
- the site's time zone, sections, slug rules and static-file rules, and the code that
  checks (all in ``fingerprint``);
- whether the content files it names exist. Each reading records the names it looked up
  with the answers, and is reused only while every answer still holds.

A reading whose checks asked for the list of every image (to suggest a name for a
missing one) depends on the whole folder, so it is not kept. Nothing here decides
anything a clean build would not: an unknown key, a changed answer or a damaged cache
file means the file is checked again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common.errors import Problem
from engine import KeyedStore, source_digest

from .readcodec import Unreadable, decode, encode


@dataclass(frozen=True)
class Reading:
    """What checking one file found: Pelican metadata (before Pelican objects), problems, body key."""

    metadata: dict[str, Any]
    problems: tuple[Problem, ...]
    body_key: str  # the converted body's key ('' when the file could not be decoded)
    looked_up: tuple[tuple[str, bool], ...]  # content paths the checks asked about, and the answers

    def holds(self, exists: Callable[[str], bool]) -> bool:
        """Whether every content path it looked up still exists or is still missing."""
        return all(exists(path) is answer for path, answer in self.looked_up)


class Recorder:
    """Answers "does this content path exist?" and writes down every question and answer."""

    def __init__(self, exists: Callable[[str], bool], candidates: Callable[[], Iterable[str]]) -> None:
        self._exists, self._candidates = exists, candidates
        self.asked: dict[str, bool] = {}
        self.listed = False  # the checks asked for every image: the reading depends on the whole folder

    def exists(self, path: str) -> bool:
        answer = self.asked[path] = bool(self._exists(path))
        return answer

    def candidates(self) -> Iterable[str]:
        self.listed = True
        return self._candidates()


def fingerprint(zone: str, sections: Mapping[str, str], rules: Any, code: Iterable[Path], link_regex: str = "") -> str:
    """Everything besides a file that shapes its reading, the checking code's source included; ``rules``
    are the settings the checks follow (slug substitutions, which files are copied), by their repr, and
    ``link_regex`` Pelican's ``INTRASITE_LINK_REGEX``, which decides the links checked."""
    site = repr((zone, sorted(sections.items()), rules, source_digest(code), link_regex))
    return hashlib.sha256(site.encode()).hexdigest()[:16]


def reading_key(site_fingerprint: str, rel: str, kind: str, raw: bytes) -> str:
    digest = hashlib.sha256(f"{site_fingerprint}\0{rel}\0{kind}\0".encode())
    digest.update(raw)
    return digest.hexdigest()


class ReadingStore:
    """Readings in an SQLite file of the cache folder, as JSON (``readcodec``); ``None`` as path keeps nothing.

    A new reading is encoded when it is made, before Pelican and the plugins get the
    metadata, so whatever they do to it during the build never reaches the cache.
    """

    def __init__(self, path: str | None) -> None:
        self._store = KeyedStore(path, "reading", ("data BLOB NOT NULL",))  # UTF-8 JSON: checked as it comes
        self._new: dict[str, bytes] = {}

    def load(self, keys: Iterable[str]) -> dict[str, Reading]:
        found = {}
        for key, (data,) in self._store.load(keys).items():
            try:
                if not isinstance(data, bytes):
                    raise Unreadable("not JSON text")
                found[key] = Reading(*decode(data))
            except Unreadable:  # matches its checksum, yet is not a reading: the file is checked again
                self._store.discard(key)
        return found

    def remember(self, key: str, reading: Reading) -> None:
        """A reading made in this build, to be kept if the build succeeds."""
        if self._store.path:
            try:
                text = encode(reading.metadata, reading.problems, reading.body_key, reading.looked_up)
                self._new[key] = text.encode("utf-8", "surrogatepass")
            except TypeError:  # a value no reading holds: not kept, the file is checked again next time
                pass

    def save(self, used: Iterable[str]) -> None:
        """Keep exactly the readings this build used."""
        # a reading made again (the paths it looked up changed) replaces the stored one
        self._store.save(used, lambda key: (self._new[key],) if key in self._new else None, stale=self._new)

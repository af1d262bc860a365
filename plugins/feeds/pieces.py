"""Each entry's RSS and Atom XML, made by feedgen once and shared by every feed that carries it (pure).

A site with a feed per tag, section and author carries each article in many feeds.
Serializing its ``<item>``/``<entry>`` once instead of once per feed keeps feeds cheap
at scale. Entries are serialized in batches, through one feedgen document each,
then cut apart; a piece is known by a key of the entry's data, so pieces kept from
an earlier build (``known``) are used as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime

import feedgen.version
from feedgen.ext.base import BaseExtension
from feedgen.feed import FeedGenerator

from .entries import Entry
from .extensions import NewsdeskEntry
from .settings import FeedSettings

BATCH = 200  # entries per feedgen document: bounds memory, keeps the per-document cost small
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
VERSION = f"4/feedgen-{feedgen.version.version_str}"  # part of every key: bump when a piece's bytes change
_TAGS = {"rss": (b"<item>", b"</item>"), "atom": (b"<entry>", b"</entry>")}
# The item tags and the CDATA sections that may hold them as text; a CDATA section
# cannot contain "]]>", and everywhere else lxml escapes "<".
_SCAN = {
    fmt: re.compile(rb"<!\[CDATA\[.*?\]\]>|" + re.escape(opening) + rb"|" + re.escape(closing), re.S)
    for fmt, (opening, closing) in _TAGS.items()
}


def piece_key(fmt: str, entry_hash: str) -> str:
    return f"{VERSION}/{fmt}/{entry_hash}"


def extend(fg: FeedGenerator) -> None:
    """Dublin Core (RSS only) and Media RSS. Registered from the classes: feedgen's load_extension
    looks for a module that does not exist on every call, which costs more than the feed itself."""
    from feedgen.ext.dc import DcEntryExtension, DcExtension  # noqa: PLC0415 - needs feedgen.feed loaded first
    from feedgen.ext.media import MediaEntryExtension, MediaExtension  # noqa: PLC0415

    fg.register_extension("dc", DcExtension, DcEntryExtension, atom=False, rss=True)
    fg.register_extension("media", MediaExtension, MediaEntryExtension, atom=True, rss=True)
    fg.register_extension("newsdesk", BaseExtension, NewsdeskEntry, atom=True, rss=True)


def serialize(fg: FeedGenerator, fmt: str) -> bytes:
    return fg.rss_str(pretty=True) if fmt == "rss" else fg.atom_str(pretty=True)


def split_items(document: bytes, fmt: str) -> list[bytes]:
    """The items of a pretty-printed feed, each from the start of its line to the end of its closing line."""
    opening, closing = _TAGS[fmt]
    pieces, start = [], 0
    for match in _SCAN[fmt].finditer(document):  # items do not nest: an opening tag, then its closing one
        if match.group() == opening:
            start = document.rindex(b"\n", 0, match.start()) + 1
        elif match.group() == closing:
            pieces.append(document[start : match.end() + 1])  # + the newline after the closing tag
    return pieces


class Pieces:
    """Serialized entries by format; ``add`` is how feedgen adds one entry to a document."""

    def __init__(
        self,
        add: Callable[[FeedGenerator, Entry, str], None],
        key: Callable[[Entry], str] | None = None,
        known: Mapping[str, bytes] | None = None,
    ) -> None:
        self._add = add
        self._key = key
        self._known = known or {}
        self._done: dict[tuple[int, str], tuple[Entry, bytes]] = {}
        self.made: dict[str, bytes] = {}  # key -> piece, for every keyed piece this build used

    def cache_key(self, entry: Entry, fmt: str) -> str | None:
        return piece_key(fmt, self._key(entry)) if self._key else None

    def prepare(self, entries: Iterable[Entry], fmt: str, config: FeedSettings) -> None:
        """Make the pieces of ``entries`` that are not known yet, a batch per feedgen document."""
        missing: dict[int, Entry] = {}
        for entry in entries:
            if (id(entry), fmt) in self._done or id(entry) in missing:
                continue
            key = self.cache_key(entry, fmt)
            if key is not None and key in self._known:
                self._keep(entry, fmt, self._known[key])
            else:
                missing[id(entry)] = entry
        todo = list(missing.values())
        for first in range(0, len(todo), BATCH):
            batch = todo[first : first + BATCH]
            fg = FeedGenerator()
            extend(fg)
            fg.id("tag:piece")
            fg.title("piece")
            fg.link(href=config.site_url + "/", rel="alternate")
            fg.description("piece")
            fg.updated(EPOCH)
            for entry in batch:
                self._add(fg, entry, fmt)
            made = split_items(serialize(fg, fmt), fmt)
            if len(made) != len(batch):
                raise AssertionError(f"feedgen wrote {len(made)} {fmt} items for {len(batch)} entries")
            for entry, piece in zip(batch, made, strict=True):
                self._keep(entry, fmt, piece)

    def _keep(self, entry: Entry, fmt: str, piece: bytes) -> None:
        self._done[(id(entry), fmt)] = (entry, piece)  # the entry is kept so its id() stays unique
        key = self.cache_key(entry, fmt)
        if key is not None:
            self.made[key] = piece

    def entry(self, entry: Entry, fmt: str, config: FeedSettings) -> bytes:
        done = self._done.get((id(entry), fmt))
        if done is None:
            self.prepare((entry,), fmt, config)
            done = self._done[(id(entry), fmt)]
        return done[1]

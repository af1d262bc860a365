"""The article contract: what each part of the build sets on an article, and what a change to it re-renders.

Pelican's articles are plain objects that every plugin adds attributes to; the writer reuses a page
only while everything the page was made from is unchanged, so it must know each attribute's part
in a page. Each plugin declares the attributes it sets, with one of these roles:

- ``LISTED``: shown wherever the story appears (headline, date, hero…): in the site fingerprint,
  so a change re-renders every page that lists the story.
- ``OWN_PAGE``: shown on the story's own page only (the body, the reading time).
- ``AROUND``: shown on the story's own page but about other stories (related stories, previous
  and next): left out of the page's content fingerprint, which search indexes by.
- ``DERIVED``: worked out from fingerprinted data by code the site fingerprint covers (the SEO
  metadata, the teaser): never fingerprinted.
- ``INTERNAL``: bookkeeping no page shows.

An attribute nobody declared stops the build (``UndeclaredAttribute``): fingerprinted by a guess,
its changes could be missed and a stale page served. Values must be plain data (text, numbers,
dates, lists, dicts, dataclasses such as ``Hero`` and ``Photo``, other articles or Pelican's URL
wrappers), or a ``Stored`` record: one kept as text, fingerprinted by the hash of that text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

LISTED, OWN_PAGE, AROUND, DERIVED, INTERNAL = "listed", "own page", "around", "derived", "internal"
ROLES = (LISTED, OWN_PAGE, AROUND, DERIVED, INTERNAL)


@dataclass(frozen=True)
class Hero:
    """A story's hero image, as every page, feed and card shows it (set by the content model)."""

    path: str  # the published file, from the site root
    type: str  # its MIME type
    length: int | None  # bytes
    width: int | None
    height: int | None
    alt: str
    caption: str
    credit: str


@dataclass(frozen=True)
class Rendition:
    """One image file made from a photo (set by the photos plugin): a share card, a feed image."""

    url: str  # the published file, from the site root
    width: int
    height: int
    type: str  # its MIME type
    length: int  # bytes


@dataclass(frozen=True)
class Picture:
    """A photo as one ``<picture>`` shows it: a ``srcset`` per modern format, and a JPEG ``<img>``.

    The addresses in ``sources``, ``src`` and ``srcset`` start with the site's URL, ready for a
    template; ``width`` and ``height`` are the ``<img>``'s (its aspect ratio, no layout shift)."""

    sources: tuple[tuple[str, str], ...]  # (MIME type, srcset), best format first
    src: str  # the JPEG fallback
    srcset: str  # the JPEG widths
    sizes: str
    width: int
    height: int


@dataclass(frozen=True)
class Photo:
    """Everything made from a story's raster hero (set by the photos plugin as ``article.photo``)."""

    hero: Picture  # the story's own page, at the photo's ratio
    card: Picture  # list cards, cropped to 16:9
    related: Picture  # related-story thumbnails, 16:9
    thumb: Picture  # Most Read thumbnails, 96 x 54
    feed: Rendition  # feeds' media:content, media:thumbnail and enclosure: a JPEG about 800 wide
    small: Rendition  # the 2x Most Read thumbnail as a JPEG (192 x 108), for scripts and most-read.json


@dataclass(frozen=True)
class Share:
    """A story's images for social sites and search engines (set by the photos plugin as ``article.share``),
    made from its hero, photo or SVG: raster, large enough for every platform."""

    card: Rendition  # og:image and twitter:image: 1200 x 630 (1.91:1)
    schema: tuple[Rendition, ...]  # the NewsArticle's image: 16:9, 4:3 and 1:1, each 1200 wide


class Stored:
    """A record a plugin keeps between builds as text (a ``Photo``, a ``Share``), made from that text only
    when something reads one of its attributes: an edit build that renders a few pages makes a few.

    It is fingerprinted by ``digest``, a hash of the text it is made from (``make`` must depend on that
    text alone), so any change to what a page would show of it changes the fingerprint. Never ``None``:
    a plugin with no record sets ``None`` itself. ``parts``: fields that are read of every record on
    every build (a feed's image), each with a function making it from its own, smaller text kept
    beside the record's, so that reading one does not make the whole record (the dict is the record's
    from then on: its maker may still add to it while reading the record's text).
    """

    __slots__ = ("_make", "_parts", "_value", "digest")

    def __init__(
        self,
        digest: str,
        make: Callable[[], Any],
        value: Any = None,
        parts: dict[str, Callable[[], Any]] | None = None,
    ) -> None:
        self.digest = digest
        self._make: Callable[[], Any] | None = None if value is not None else make
        self._value = value
        self._parts: dict[str, Any] = parts if parts is not None and value is None else {}  # the record's own

    def resolve(self) -> Any:
        """The record itself, made on first use."""
        if self._make is not None:
            self._value, self._make, self._parts = self._make(), None, {}
        return self._value

    def __getattr__(self, name: str) -> Any:  # only for names that are not set slots: the record's fields
        if name.startswith("_"):  # a slot not set yet (a copy being made): never the record's
            raise AttributeError(name)
        part = self._parts.get(name)
        if part is not None:  # a part read before the record was made whole: made alone, once
            made = self._parts[name] = part() if callable(part) else part
            return made
        return getattr(self.resolve(), name)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Stored) and other.digest == self.digest

    def __hash__(self) -> int:
        return hash(self.digest)


class UndeclaredAttribute(Exception):
    def report(self) -> str:
        return f"error: {self}"


# What Pelican itself sets on articles and pages (4.12), and the engine on top of it.
PELICAN = {
    LISTED: (
        "author", "authors", "category", "date", "date_format", "in_default_lang", "lang", "locale_date", "modified",
        "locale_modified", "override_save_as", "override_url", "save_as", "slug", "source_path",
        "relative_source_path", "status", "_status", "summary", "_summary", "tags", "template", "title", "url",
        "timezone", "reader",
    ),
    OWN_PAGE: ("_content", "content"),
    INTERNAL: ("settings", "_context", "translations", "metadata", "_relative_source"),
}  # fmt: skip


@dataclass(frozen=True)
class Roles:
    """The declared attributes by what the fingerprints do with them."""

    known: frozenset[str]
    own_page_only: frozenset[str]  # OWN_PAGE and AROUND: only the story's own page shows them
    around: frozenset[str]
    never: frozenset[str]  # DERIVED and INTERNAL: never fingerprinted


class Contract:
    """The declared attributes of one build's articles and pages, by role."""

    def __init__(self) -> None:
        self._role: dict[str, str] = {}
        self._owner: dict[str, str] = {}
        for role, names in PELICAN.items():
            self.declare("pelican", role, names)

    def declare(self, owner: str, role: str, names: Iterable[str]) -> None:
        """``owner`` sets the attributes ``names``, each with ``role``. Two owners may set one attribute
        (a plugin replacing another's fallback) only with the same role."""
        if role not in ROLES:
            raise ValueError(f"{owner}: unknown role {role!r}; one of {', '.join(ROLES)}")
        for name in names:
            known = self._role.get(name)
            if known is not None and known != role:
                raise ValueError(
                    f"{owner} declares the article attribute {name!r} as {role!r}, but {self._owner[name]} "
                    f"declared it as {known!r}: one attribute has one role."
                )
            self._role[name] = role
            self._owner.setdefault(name, owner)

    def declare_all(self, owner: str, sets: Mapping[str, Iterable[str]]) -> None:
        """``declare`` for each role of ``sets`` (role -> names)."""
        for role, names in sets.items():
            self.declare(owner, role, names)

    def names(self, *roles: str) -> frozenset[str]:
        return frozenset(name for name, role in self._role.items() if role in roles)

    def roles(self) -> Roles:
        return Roles(
            frozenset(self._role), self.names(OWN_PAGE, AROUND), self.names(AROUND), self.names(DERIVED, INTERNAL)
        )


def unknown_attribute(names: list[str], where: str) -> UndeclaredAttribute:
    """The error for attributes found on the article or page from ``where`` that no plugin declared."""
    listed = ", ".join(repr(n) for n in names)
    return UndeclaredAttribute(
        f"{where}: the article attribute(s) {listed} were set by a plugin that did not declare them, so the build "
        "cannot tell which pages show them. Fix: declare each in the plugin's initialized handler, e.g. "
        f'context_of(pelican).contract.declare("<plugin>", OWN_PAGE, ["{names[0]}"]).'
    )

"""Feed items as plain data, and the text clean-ups every feed needs (pure)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from html import escape
from urllib.parse import urljoin

_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_URL_ATTR = re.compile(r"""(\s(?:href|src|poster|cite)=)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)
_SRCSET = re.compile(r"""(\ssrcset=)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)
_ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|#)", re.IGNORECASE)


@dataclass(frozen=True)
class Person:
    name: str
    slug: str
    url: str


@dataclass(frozen=True)
class Term:
    slug: str
    name: str
    url: str


@dataclass(frozen=True)
class Image:
    url: str
    type: str
    length: int
    width: int | None
    height: int | None
    alt: str = ""
    caption: str = ""
    credit: str = ""


@dataclass(frozen=True)
class Entry:
    id: str
    url: str
    title: str
    summary: str
    content_html: str
    authors: tuple[Person, ...]
    section: Term
    tags: tuple[Term, ...]
    published: datetime
    updated: datetime
    image: Image | None = None


_ENTRY_FIELDS = tuple(f.name for f in fields(Entry))


def xml_text(text: str) -> str:
    """Remove characters XML 1.0 cannot carry (control characters, lone surrogates)."""
    return _ILLEGAL_XML.sub("", text)


def byline(names: Sequence[str]) -> str:
    """Names joined as the theme prints a byline (partials/byline.html): "A", "A and B", "A, B and C"."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def hero_figure(image: Image | None) -> str:
    """The hero image as a figure to open an entry's body (readers without Media RSS show it), as the
    article page shows it: its alt text, and its caption and credit as plain text, all escaped."""
    if image is None:
        return ""
    size = f' width="{image.width}" height="{image.height}"' if image.width else ""
    figure = f'<figure><img src="{escape(image.url)}" alt="{escape(image.alt)}"{size}>'
    if image.caption or image.credit:
        credit = f" <small>{escape(image.credit)}</small>" if image.credit else ""
        figure += f"<figcaption>{escape(image.caption)}{credit}</figcaption>"
    return figure + "</figure>\n"


def absolutize(html: str, page_url: str) -> str:
    """Make every link and image URL in ``html`` absolute, relative to ``page_url``."""

    def one(url: str) -> str:
        url = url.strip()
        return url if not url or _ABSOLUTE.match(url) else urljoin(page_url, url)

    def attr(match: re.Match[str]) -> str:
        return f"{match.group(1)}{match.group(2)}{one(match.group(3))}{match.group(2)}"

    def srcset(match: re.Match[str]) -> str:
        parts = []
        for candidate in match.group(3).split(","):
            bits = candidate.strip().split(None, 1)
            if bits:
                parts.append(" ".join([one(bits[0]), *bits[1:]]))
        return f"{match.group(1)}{match.group(2)}{', '.join(parts)}{match.group(2)}"

    return _SRCSET.sub(srcset, _URL_ATTR.sub(attr, html))


def entry_id(explicit: str | None, authority: str, published: datetime, path: str) -> str:
    """A stable ID: the article's own ``Id:``, else a tag: URI of its first URL and date.

    The scheme and host of SITEURL play no part, and neither does the body, so the ID
    survives a switch between http and https and any edit of the text.
    """
    if explicit:
        return explicit
    return f"tag:{authority},{published:%Y-%m-%d}:/{path.lstrip('/')}"


def _plain(value: object) -> object:
    """Text, numbers and tuples as they are; dates as ISO 8601; people, terms and images as tuples of their fields."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return tuple(map(_plain, value))
    if isinstance(value, (Person, Term, Image)):
        return (type(value).__name__, *(getattr(value, f.name) for f in fields(value)))
    return value


def entry_key(entry: Entry, body: str | None = None) -> str:
    """A hash of everything an entry holds (by repr; the body by its own hash).

    ``body``, when given, stands in for ``content_html``: the HTML the entry's body is made
    from, while the entry does not hold it yet. The body is a function of that HTML, the
    entry's URL (``absolutize``) and its image (``hero_figure``), so the key covers it without making it.
    """
    values = [_plain(getattr(entry, n)) for n in _ENTRY_FIELDS if n != "content_html"]
    text = entry.content_html if body is None else body
    digest = hashlib.sha256(repr(values).encode())
    digest.update(b"\0" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest())
    return digest.hexdigest()


def newest_first(entries: list[Entry]) -> list[Entry]:
    """Newest published first; equal times by ID, so the order never depends on input order."""
    return sorted(sorted(entries, key=lambda e: e.id), key=lambda e: e.published, reverse=True)

"""Allow-list sanitizing of article bodies (pure).

Markdown passes raw HTML through, and wire copy is pasted from anywhere. The body
keeps formatting, links, images, tables, code and embeds from allowed hosts; scripts,
event handlers, ``javascript:`` and ``data:`` URLs and everything else go, while the
surrounding text stays. ``sanitize`` also says what it removed, so the journalist
can be told.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

TAGS = frozenset(nh3.ALLOWED_TAGS | {"iframe"})
ATTRIBUTES: dict[str, set[str]] = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "a": {"href", "hreflang", "title", "class"},
    "img": {"src", "alt", "width", "height", "title", "loading"},
    "iframe": {"src", "width", "height", "title", "allow", "allowfullscreen", "loading", "referrerpolicy"},
    "abbr": {"title"},
    "time": {"datetime"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "td": {"colspan", "rowspan", "style"},
    **{f"h{n}": {"id"} for n in range(1, 7)},  # table-of-contents anchors
    "sup": {"id", "class"},  # footnote references
    "li": {"id"},  # footnotes
    **{tag: {"class"} for tag in ("div", "span", "code", "pre", "ol", "hr")},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
DROPPED_WITH_CONTENT = frozenset({"script", "style"})
_DANGEROUS_SCHEME = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)
_EMPTY_IFRAME = re.compile(r"<iframe\b(?![^>]*\ssrc=)[^>]*>.*?</iframe>", re.IGNORECASE | re.DOTALL)


def embed_allowed(url: str, hosts: Iterable[str]) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme == "https" and (parts.hostname or "") in set(hosts)


class _Survey(HTMLParser):
    """Notes what the sanitizer is about to remove, in words a journalist understands."""

    def __init__(self, hosts: tuple[str, ...]) -> None:
        super().__init__(convert_charrefs=True)
        self.hosts = hosts
        self.notes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            self.notes.add(f"a <{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.notes.add(f"an event-handler attribute ({name})")
            elif name in ("href", "src") and value and _DANGEROUS_SCHEME.match(value):
                self.notes.add(f"a {value.strip().split(':', 1)[0].lower()}: URL")
        src = dict(attrs).get("src") or ""
        if tag == "iframe" and not embed_allowed(src, self.hosts):
            self.notes.add(f"an embed from {urlsplit(src).hostname or 'an unknown host'}")


def sanitize(html: str, embed_hosts: Iterable[str]) -> tuple[str, tuple[str, ...]]:
    """The cleaned HTML and a sorted list of what was removed."""
    hosts = tuple(sorted(embed_hosts))
    survey = _Survey(hosts)
    survey.feed(html)
    survey.close()

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "iframe" and attribute == "src" and not embed_allowed(value, hosts):
            return None
        return value

    cleaned = nh3.clean(
        html,
        tags=set(TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes=ATTRIBUTES,
        attribute_filter=keep,
        link_rel=None,
        url_schemes=set(URL_SCHEMES),
        filter_style_properties={"text-align"},
    )
    return _EMPTY_IFRAME.sub("", cleaned), tuple(sorted(survey.notes))

"""Which articles go where on the site's lists (pure: sequences in, lists out).

Articles are any objects with ``date``, ``slug`` and ``section`` reachable
through the small accessor functions the caller passes; nothing here touches
Pelican, files or the clock. Every order is total (date, then slug), so equal
dates never make the output depend on input order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from html.parser import HTMLParser
from itertools import islice
from typing import TypeVar

T = TypeVar("T")


def newest_first(items: Iterable[T], date: Callable[[T], object], slug: Callable[[T], str]) -> list[T]:
    """Newest first; equal dates fall back to the slug, A to Z."""
    by_slug = sorted(items, key=slug)
    return sorted(by_slug, key=date, reverse=True)


def lead_story(ordered: Sequence[T], featured: Callable[[T], bool]) -> T | None:
    """The newest featured article, else the newest article."""
    return next((a for a in ordered if featured(a)), ordered[0] if ordered else None)


def newest_except(ordered: Sequence[T], count: int, exclude: T | None = None) -> list[T]:
    """The ``count`` newest articles across sections, ``exclude`` (the lead story) left out."""
    return list(islice((a for a in ordered if a is not exclude), count))


def by_section(
    ordered: Sequence[T],
    section: Callable[[T], str],
    sections: Sequence[str],
    count: int,
    exclude: T | None = None,
) -> list[tuple[str, list[T]]]:
    """Up to ``count`` newest articles per section, in navigation order; empty sections left out."""
    buckets: dict[str, list[T]] = {name: [] for name in sections}
    for article in ordered:
        bucket = buckets.get(section(article))
        if bucket is not None and len(bucket) < count and article is not exclude:
            bucket.append(article)
    return [(name, items) for name, items in buckets.items() if items]


def latest_in_section(ordered: Sequence[T], section: Callable[[T], str], count: int) -> dict[int, list[T]]:
    """For each article (keyed by ``id``), the newest others of its section.

    Linear: each section keeps its ``count + 1`` newest, and an article takes those
    minus itself.
    """
    heads: dict[str, list[T]] = {}
    for article in ordered:
        head = heads.setdefault(section(article), [])
        if len(head) <= count:
            head.append(article)
    return {
        id(article): [other for other in heads[section(article)] if other is not article][:count] for article in ordered
    }


class _FirstParagraph(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.done = False
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p" and not self.done:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self.depth:
            self.depth -= 1
            self.done = self.done or (self.depth == 0 and bool("".join(self.text).strip()))

    def handle_data(self, data: str) -> None:
        if self.depth and not self.done:
            self.text.append(data)


def standfirst_from_html(html: str, words: int) -> str:
    """Plain text of the first paragraph, cut to ``words`` words with an ellipsis."""
    parser = _FirstParagraph()
    parser.feed(html)
    parser.close()
    tokens = "".join(parser.text).split()
    if len(tokens) <= words:
        return " ".join(tokens)
    return " ".join(tokens[:words]).rstrip(",;:") + "…"

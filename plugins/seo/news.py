"""news-sitemap.xml in the Google News format: the articles of the hours before the build's "now" (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from xml.sax.saxutils import escape

from .sitemap import DECLARATION, SITEMAP_NS, lastmod_text

NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
NEWS_FILE = "news-sitemap.xml"


@dataclass(frozen=True)
class NewsItem:
    loc: str  # absolute URL
    title: str
    published: datetime  # aware


def select_news(items: Iterable[NewsItem], window_hours: int, cap: int, now: datetime) -> list[NewsItem]:
    """The items published in the ``window_hours`` up to ``now``, the build's "now" (both ends included),
    newest first (ties by URL), at most ``cap`` of them. Google News takes the articles of the last two
    days: a site that published nothing since has an empty news sitemap. Never the wall clock."""
    cutoff = now - timedelta(hours=window_hours)
    chosen = sorted((i for i in items if cutoff <= i.published <= now), key=lambda i: i.loc)
    chosen.sort(key=lambda i: i.published, reverse=True)
    return chosen[:cap]


def news_sitemap_xml(items: Sequence[NewsItem], publication: str, language: str) -> bytes:
    name, lang = escape(publication), escape(language)
    lines = [DECLARATION, f'<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">\n']
    for item in items:
        lines.append(
            f"  <url><loc>{escape(item.loc)}</loc><news:news>"
            f"<news:publication><news:name>{name}</news:name><news:language>{lang}</news:language></news:publication>"
            f"<news:publication_date>{lastmod_text(item.published)}</news:publication_date>"
            f"<news:title>{escape(item.title)}</news:title></news:news></url>\n"
        )
    lines.append("</urlset>\n")
    return "".join(lines).encode("utf-8")

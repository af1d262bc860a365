"""news-sitemap.xml in the Google News format: the articles of the hours before the newest one (pure)."""

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


def select_news(items: Iterable[NewsItem], window_hours: int, cap: int) -> list[NewsItem]:
    """The items published at most ``window_hours`` before the newest item (that boundary included),
    newest first (ties by URL), at most ``cap`` of them. The newest article is the clock: never now."""
    ordered = sorted(items, key=lambda i: i.loc)
    ordered.sort(key=lambda i: i.published, reverse=True)
    if not ordered:
        return []
    cutoff = ordered[0].published - timedelta(hours=window_hours)
    return [i for i in ordered if i.published >= cutoff][:cap]


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

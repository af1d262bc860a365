"""sitemap.xml: entries in, XML bytes out; an index of numbered files past the size limit (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
INDEX_FILE = "sitemap.xml"
PART_FILE = "sitemap-{number}.xml"


@dataclass(frozen=True)
class UrlEntry:
    loc: str  # absolute URL
    lastmod: datetime | None = None  # the newest change of what the page shows; None when unknown


def lastmod_text(value: datetime) -> str:
    """W3C Datetime with its offset, to the second: 2026-11-04T16:00:00+00:00."""
    return value.replace(microsecond=0).isoformat()


def _newest(values: Iterable[datetime | None]) -> datetime | None:
    known = [v for v in values if v is not None]
    return max(known) if known else None


def merge(entries: Iterable[UrlEntry]) -> list[UrlEntry]:
    """One entry per URL (the newest lastmod wins), sorted by URL."""
    by_loc: dict[str, list[datetime | None]] = {}
    for entry in entries:
        by_loc.setdefault(entry.loc, []).append(entry.lastmod)
    return [UrlEntry(loc, _newest(dates)) for loc, dates in sorted(by_loc.items())]


def _lastmod(value: datetime | None) -> str:
    return f"<lastmod>{lastmod_text(value)}</lastmod>" if value else ""


def urlset_xml(entries: Sequence[UrlEntry]) -> bytes:
    lines = [DECLARATION, f'<urlset xmlns="{SITEMAP_NS}">\n']
    lines.extend(f"  <url><loc>{escape(e.loc)}</loc>{_lastmod(e.lastmod)}</url>\n" for e in entries)
    lines.append("</urlset>\n")
    return "".join(lines).encode("utf-8")


def index_xml(parts: Sequence[UrlEntry]) -> bytes:
    lines = [DECLARATION, f'<sitemapindex xmlns="{SITEMAP_NS}">\n']
    lines.extend(f"  <sitemap><loc>{escape(p.loc)}</loc>{_lastmod(p.lastmod)}</sitemap>\n" for p in parts)
    lines.append("</sitemapindex>\n")
    return "".join(lines).encode("utf-8")


def plan_sitemaps(entries: Iterable[UrlEntry], base: str, max_urls: int) -> list[tuple[str, bytes]]:
    """(file name, bytes) pairs: one ``sitemap.xml``, or, past ``max_urls`` URLs, ``sitemap.xml`` as an
    index of ``sitemap-1.xml``, ``sitemap-2.xml``… of at most ``max_urls`` URLs each."""
    if max_urls < 1:
        raise ValueError("max_urls must be 1 or more")
    merged = merge(entries)
    if len(merged) <= max_urls:
        return [(INDEX_FILE, urlset_xml(merged))]
    files: list[tuple[str, bytes]] = []
    parts: list[UrlEntry] = []
    for start in range(0, len(merged), max_urls):
        chunk = merged[start : start + max_urls]
        name = PART_FILE.format(number=start // max_urls + 1)
        files.append((name, urlset_xml(chunk)))
        parts.append(UrlEntry(f"{base}/{name}", _newest(e.lastmod for e in chunk)))
    return [(INDEX_FILE, index_xml(parts)), *files]

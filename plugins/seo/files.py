"""The crawler files of a site: sitemap.xml (or its index and parts), news-sitemap.xml, robots.txt
(pure: from the lists Pelican's generators hold, read as plain attributes)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from .describe import modified
from .news import NEWS_FILE, NewsItem, news_sitemap_xml, select_news
from .robots import robots_txt
from .settings import SeoSettings
from .sitemap import INDEX_FILE, UrlEntry, plan_sitemaps
from .urls import absolute, base_path, news_language


def crawler_files(
    pages: Iterable[UrlEntry], news: Iterable[NewsItem], config: SeoSettings, now: datetime
) -> list[tuple[str, bytes]]:
    """(file name, bytes) for every file, in a fixed order. ``pages`` are all public pages, ``news`` every
    published article; the news sitemap takes those of the window before ``now``, the build's."""
    base = config.site_url
    files = plan_sitemaps(pages, base, config.sitemap_max_urls)
    chosen = select_news(news, config.news_window_hours, config.news_max_urls, now)
    files.append((NEWS_FILE, news_sitemap_xml(chosen, config.publisher_name, news_language(config.language))))
    sitemaps = [absolute(base, INDEX_FILE), absolute(base, NEWS_FILE)]
    robots = robots_txt(sitemaps, config.robots_disallow, base_path(base))
    files.append(("robots.txt", robots.encode("utf-8")))
    return files


def _newest(items: Iterable[Any]) -> datetime | None:
    dates = [d for d in (modified(i) for i in items) if d is not None]
    return max(dates) if dates else None


def site_crawler_files(generators: list[Any], config: SeoSettings, now: datetime) -> list[tuple[str, bytes]]:
    """The sitemaps, news sitemap and robots.txt of the site the generators hold."""
    base = config.site_url
    entries: list[UrlEntry] = []
    articles: list[Any] = []
    for generator in generators:
        if hasattr(generator, "articles") and hasattr(generator, "categories"):
            articles.extend(generator.articles)
            groups = [*generator.categories, *generator.tags.items(), *generator.authors]
            entries.extend(UrlEntry(absolute(base, term.url), _newest(items)) for term, items in groups if term.save_as)
        for page in getattr(generator, "pages", []) or []:
            entries.append(UrlEntry(absolute(base, page.url), modified(page)))
    entries.append(UrlEntry(absolute(base, ""), _newest(articles)))
    # pages other plugins write for readers (the feeds' subscribe page): (path in the site, lastmod or None)
    extra = generators[0].context.get("sitemap_pages", ()) if generators else ()
    entries.extend(UrlEntry(absolute(base, path), lastmod) for path, lastmod in extra)
    entries.extend(UrlEntry(absolute(base, a.url), modified(a)) for a in articles)
    news = [NewsItem(absolute(base, a.url), a.title, a.date) for a in articles]
    return crawler_files(entries, news, config, now)

"""The crawler files of a site: sitemap.xml (or its index and parts), news-sitemap.xml, robots.txt (pure)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

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

"""SEO_* settings: defaults in one place, validated once at start-up."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from common.errors import SettingsError, true_or_false, whole_number
from common.settings import read

from .urls import bcp47

PREFIX = "SEO_"
DEFAULTS: dict[str, Any] = {
    "FALLBACK_SITEURL": "",  # base of absolute URLs when SITEURL is empty; "" = FEEDS_FALLBACK_SITEURL or localhost
    "PUBLISHER_NAME": "",  # publisher and Google News publication name; "" = SITENAME
    "PUBLISHER_LOGO": "theme/img/logo.png",  # raster logo (PNG, JPEG, GIF, WebP), its path in the built site
    "TWITTER_SITE": "",  # the publication's X/Twitter handle, e.g. "@dailydiff"; "" leaves twitter:site out
    "WORDS_PER_MINUTE": 230,  # reading speed behind "4 min read" (word count / this, rounded up, at least 1)
    "SITEMAP_MAX_URLS": 50_000,  # URLs per sitemap file; more make sitemap.xml an index of sitemap-N.xml files
    "NEWS_WINDOW_HOURS": 48,  # news sitemap: articles published this long before the build's "now", or later
    "NEWS_MAX_URLS": 1_000,  # news sitemap: at most this many, newest first (Google's limit is 1,000)
    "ROBOTS_DISALLOW": ("/drafts/",),  # paths robots.txt asks crawlers to leave alone
    "CACHE": True,  # keep the bodies' word counts in CACHE_PATH between builds
}
# Settings SEO no longer reads: search is the "search" plugin (plugins/search/settings.py).
MOVED = {
    "SEARCH": "search is its own plugin now: list 'search' in PLUGINS to build it, or leave it out to turn search off.",
    "SEARCH_SHARD_PAGES": "search is its own plugin now: rename it SEARCH_SHARD_PAGES.",
}
SITEMAP_LIMIT = 50_000  # sitemaps.org: at most 50,000 URLs per file
NEWS_LIMIT = 1_000  # Google News: at most 1,000 URLs per news sitemap
RASTER = (".png", ".jpg", ".jpeg", ".gif", ".webp")
_HANDLE = re.compile(r"^@[A-Za-z0-9_]{1,15}$")
_DEV_SITEURL = "http://127.0.0.1:8000"


@dataclass(frozen=True)
class SeoSettings:
    site_url: str  # absolute, no trailing slash
    site_name: str
    description: str
    language: str  # DEFAULT_LANG as a BCP 47 tag, e.g. "en-GB"
    publisher_name: str
    publisher_logo: str  # path in the built site, no leading slash
    twitter_site: str
    words_per_minute: int
    sitemap_max_urls: int
    news_window_hours: int
    news_max_urls: int
    robots_disallow: tuple[str, ...]
    cache_path: str  # where SEO keeps what a later build can reuse (CACHE_PATH); "" to keep nothing
    noindex: tuple[str, ...]  # output files that ask not to be indexed: the 404 page (the search page is added
    # from the context's ``search``, when the search plugin is on)
    index_save_as: str  # the home page's output file


def _count(key: str, value: Any, limit: int | None, errors: list[str]) -> None:
    whole_number(PREFIX + key, value, errors, maximum=limit)


def _plugin_names(settings: Mapping[str, Any]) -> list[str]:
    return [p if isinstance(p, str) else getattr(p, "__name__", "") for p in settings.get("PLUGINS") or []]


def _check_order(settings: Mapping[str, Any], errors: list[str]) -> None:
    names = [name.rsplit(".", 1)[-1] for name in _plugin_names(settings)]
    if "newsroom" not in names or ("seo" in names and names.index("newsroom") > names.index("seo")):
        errors.append("PLUGINS must list 'newsroom' before 'seo': seo reads the article data newsroom prepares.")


def load(settings: Mapping[str, Any]) -> SeoSettings:
    """Read and check every SEO_* setting; raise one error listing all problems."""
    errors: list[str] = []
    raw = read(settings, PREFIX, DEFAULTS, errors, MOVED)
    for key in ("FALLBACK_SITEURL", "PUBLISHER_NAME", "PUBLISHER_LOGO", "TWITTER_SITE"):
        if not isinstance(raw[key], str):
            errors.append(f"{PREFIX}{key} must be text, not {raw[key]!r}.")
            raw[key] = DEFAULTS[key]
    fallback = raw["FALLBACK_SITEURL"] or settings.get("FEEDS_FALLBACK_SITEURL") or _DEV_SITEURL
    site_url = str(settings.get("SITEURL") or fallback).rstrip("/")
    if urlsplit(site_url).scheme not in ("http", "https") or not urlsplit(site_url).hostname:
        errors.append(f"SITEURL (or {PREFIX}FALLBACK_SITEURL) must be an absolute http(s) URL, not {site_url!r}.")
    logo = raw["PUBLISHER_LOGO"].lstrip("/")
    if not logo.lower().endswith(RASTER):
        errors.append(
            f"{PREFIX}PUBLISHER_LOGO must be a PNG, JPEG, GIF or WebP image (Google needs a raster logo), not {logo!r}."
        )
    if raw["TWITTER_SITE"] and not _HANDLE.match(raw["TWITTER_SITE"]):
        errors.append(f"{PREFIX}TWITTER_SITE must be a handle such as '@dailydiff', not {raw['TWITTER_SITE']!r}.")
    _count("WORDS_PER_MINUTE", raw["WORDS_PER_MINUTE"], None, errors)
    _count("SITEMAP_MAX_URLS", raw["SITEMAP_MAX_URLS"], SITEMAP_LIMIT, errors)
    _count("NEWS_WINDOW_HOURS", raw["NEWS_WINDOW_HOURS"], None, errors)
    _count("NEWS_MAX_URLS", raw["NEWS_MAX_URLS"], NEWS_LIMIT, errors)
    disallow = raw["ROBOTS_DISALLOW"]
    if not isinstance(disallow, (list, tuple)) or not all(isinstance(p, str) and p.startswith("/") for p in disallow):
        errors.append(f"{PREFIX}ROBOTS_DISALLOW must be a list of paths starting with '/', not {disallow!r}.")
        disallow = ()
    true_or_false(f"{PREFIX}CACHE", raw["CACHE"], errors)
    cache = str(settings.get("CACHE_PATH") or "") if raw["CACHE"] is True else ""
    _check_order(settings, errors)
    if errors:
        raise SettingsError("SEO settings are not valid:\n  " + "\n  ".join(errors))
    site_name = str(settings.get("SITENAME", ""))
    notfound = str(settings.get("NOTFOUND_SAVE_AS") or "404.html")
    return SeoSettings(
        site_url=site_url,
        site_name=site_name,
        description=str(settings.get("SITESUBTITLE") or site_name),
        language=bcp47(str(settings.get("DEFAULT_LANG") or "en")),
        publisher_name=raw["PUBLISHER_NAME"] or site_name,
        publisher_logo=logo,
        twitter_site=raw["TWITTER_SITE"],
        words_per_minute=raw["WORDS_PER_MINUTE"],
        sitemap_max_urls=raw["SITEMAP_MAX_URLS"],
        news_window_hours=raw["NEWS_WINDOW_HOURS"],
        news_max_urls=raw["NEWS_MAX_URLS"],
        robots_disallow=tuple(disallow),
        cache_path=cache,
        noindex=(notfound,),
        index_save_as=str(settings.get("INDEX_SAVE_AS") or "index.html"),
    )

"""FEEDS_* settings: defaults in one place, validated once at start-up."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from common.errors import SettingsError, true_or_false, whole_number
from common.settings import read

PREFIX = "FEEDS_"
DEFAULTS: dict[str, Any] = {
    "MAX_ITEMS": 50,  # newest items per feed
    "MAX_BYTES": 1_000_000,  # a feed larger than this keeps as many of its newest items as fit
    "SECTIONS": True,  # a feed per section
    "TAGS": True,  # a feed per tag
    "AUTHORS": True,  # a feed per author
    "JSON": True,  # JSON Feed 1.1 for the whole site
    "WEBSUB_HUB": "",  # URL of a WebSub hub to announce in every feed
    "TAG_AUTHORITY": "",  # domain in the tag: URIs used as item IDs; default: SITEURL's host
    "FALLBACK_SITEURL": "http://127.0.0.1:8000",  # base for absolute links when SITEURL is empty (dev builds)
    "FAVICON": "theme/img/favicon.svg",  # JSON Feed favicon: a square image, 64 x 64 or more, path in the built site
    "ICON": "",  # JSON Feed icon: a square image of 512 x 512 (the theme has none), path in the built site
    "CACHE": True,  # keep each entry's serialized XML in CACHE_PATH between builds (keyed by its data)
    "WORKER_FROM": 500,  # from this many articles, write the feeds in a worker process beside the pages
}
REMOVED = {
    "STYLESHEET": "feeds no longer link an XSL stylesheet (browsers are dropping XSLT): the site links readers "
    "to its subscribe page, feeds/, instead; remove the setting.",
}
PELICAN_FEEDS = (
    "FEED_ATOM", "FEED_RSS", "FEED_ALL_ATOM", "FEED_ALL_RSS", "CATEGORY_FEED_ATOM", "CATEGORY_FEED_RSS",
    "AUTHOR_FEED_ATOM", "AUTHOR_FEED_RSS", "TAG_FEED_ATOM", "TAG_FEED_RSS", "TRANSLATION_FEED_ATOM",
    "TRANSLATION_FEED_RSS",
)  # fmt: skip


@dataclass(frozen=True)
class FeedSettings:
    max_items: int
    max_bytes: int
    sections: bool
    tags: bool
    authors: bool
    json: bool
    websub_hub: str
    tag_authority: str
    site_url: str  # absolute, no trailing slash
    favicon: str  # path in the built site, no leading slash; "" for none
    icon: str
    site_name: str
    description: str
    language: str
    cache: bool
    worker_from: int


def load(settings: Mapping[str, Any]) -> FeedSettings:
    errors: list[str] = []
    raw = read(settings, PREFIX, DEFAULTS, errors, REMOVED)
    for key in ("MAX_ITEMS", "MAX_BYTES", "WORKER_FROM"):
        whole_number(PREFIX + key, raw[key], errors)
    for key in ("SECTIONS", "TAGS", "AUTHORS", "JSON", "CACHE"):
        true_or_false(PREFIX + key, raw[key], errors)
    for key in ("WEBSUB_HUB", "FALLBACK_SITEURL"):
        value = raw[key]
        if not isinstance(value, str) or (value and urlsplit(value).scheme not in ("http", "https")):
            errors.append(f"{PREFIX}{key} must be an http(s) URL, not {value!r}.")
    for key in ("FAVICON", "ICON"):
        if not isinstance(raw[key], str) or urlsplit(raw[key]).scheme or raw[key].startswith("//"):
            errors.append(f'{PREFIX}{key} must be an image\'s path in the built site (or ""), not {raw[key]!r}.')
    enabled = [k for k in PELICAN_FEEDS if settings.get(k)]
    if enabled:
        errors.append(
            f"Pelican's own feeds are on ({', '.join(enabled)}); set them to None: the feeds plugin writes them."
        )
    site_url = str(settings.get("SITEURL") or raw["FALLBACK_SITEURL"]).rstrip("/")
    authority = raw["TAG_AUTHORITY"] or urlsplit(site_url).hostname or "localhost"
    if errors:
        raise SettingsError("Feed settings are not valid:\n  " + "\n  ".join(errors))
    return FeedSettings(
        max_items=raw["MAX_ITEMS"],
        max_bytes=raw["MAX_BYTES"],
        sections=raw["SECTIONS"],
        tags=raw["TAGS"],
        authors=raw["AUTHORS"],
        json=raw["JSON"],
        websub_hub=raw["WEBSUB_HUB"],
        tag_authority=authority,
        site_url=site_url,
        favicon=str(raw["FAVICON"]).lstrip("/"),
        icon=str(raw["ICON"]).lstrip("/"),
        site_name=str(settings.get("SITENAME", "")),
        description=str(settings.get("SITESUBTITLE") or settings.get("SITENAME", "")),
        language=str(settings.get("DEFAULT_LANG", "en")),
        cache=raw["CACHE"],
        worker_from=raw["WORKER_FROM"],
    )

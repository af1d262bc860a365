"""What the lists become: template data, ``most-read.json`` and the article index (pure).

``most-read.json`` (fetched by theme/js/most-read.js):

    {"version": 1, "ranked": true, "window": {"start": "…Z", "end": "…Z", "days": 7},
     "heading": "Most read",
     "items": [{"url": "/2026/11/x/", "title": "…", "image": "/images/x.png", "views": 1234}, …],
     "sections": {"security": {"heading": "Most read in Security", "items": […]}, …}}

URLs are paths from the root of the host (SITEURL's path included), so the script only ever
follows links into the same site. ``most-read-articles.json`` lists every published
article (url, title, section, section_name, image, published) for ``make most-read``, which
ranks again without Pelican.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from engine import Hero

from .paths import url_key
from .ranking import Article, Entry, Lists, RankedList

JSON_NAME = "most-read.json"
INDEX_NAME = "most-read-articles.json"
VERSION = 1
_URL_SAFE = "/%:@!$&'()*+,;=-._~"


@dataclass(frozen=True)
class Item:
    """One line of the widget: the same attribute names as an article, so one template loop serves both.

    Only what the widget shows: newsroom's incremental builds fingerprint the template data,
    and new views that leave the list as it was must not make every page render again.
    """

    url: str
    title: str
    hero: Hero | None
    photo: Any = None  # the story's engine.Photo, when its hero is a photo: the widget shows its thumbnail


@dataclass(frozen=True)
class WidgetList:
    heading: str
    items: tuple[Item, ...]
    section: str  # "" for the site-wide list


@dataclass(frozen=True)
class TemplateData:
    """``most_read`` in every template: the site-wide list, one per section, and where the fresh one is."""

    heading: str
    items: tuple[Item, ...]
    section: str
    sections: Mapping[str, WidgetList]
    json_url: str  # from the root of the host
    ranked: bool = True  # False: no usable page views, the latest stories stand in


def _items(entries: Sequence[Entry], heroes: Mapping[str, Any], photos: Mapping[str, Any]) -> tuple[Item, ...]:
    return tuple(Item(e.article.url, e.article.title, heroes.get(e.article.url), photos.get(e.article.url))
                 for e in entries)  # fmt: skip


def template_data(
    lists: Lists, heroes: Mapping[str, Any], site_path: str, photos: Mapping[str, Any] | None = None
) -> TemplateData:
    """``heroes`` maps article URLs to their hero images, ``photos`` to their photos' records."""
    photos = photos or {}
    sections = {
        slug: WidgetList(lst.heading, _items(lst.entries, heroes, photos), slug) for slug, lst in lists.sections.items()
    }
    return TemplateData(
        heading=lists.site.heading,
        items=_items(lists.site.entries, heroes, photos),
        section="",
        sections=sections,
        json_url=f"{site_path}/{JSON_NAME}",
        ranked=lists.site.ranked,
    )


def _path(site_path: str, url: str) -> str:
    """A path from the root of the host, percent-encoded (existing escapes kept)."""
    return quote(f"{site_path}/{url}", safe=_URL_SAFE)


def _json_items(lst: RankedList, site_path: str) -> list[dict[str, Any]]:
    return [
        {
            "url": _path(site_path, e.article.url),
            "title": e.article.title,
            "image": _path(site_path, e.article.image) if e.article.image else None,
            "views": e.views,
        }
        for e in lst.entries
    ]


def most_read_document(lists: Lists, site_path: str, window_days: int) -> bytes:
    window = {**lists.window.iso(), "days": window_days} if lists.window else None
    document = {
        "version": VERSION,
        "ranked": lists.site.ranked,
        "window": window,
        "heading": lists.site.heading,
        "items": _json_items(lists.site, site_path),
        "sections": {
            slug: {"heading": lst.heading, "items": _json_items(lst, site_path)} for slug, lst in lists.sections.items()
        },
    }
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def index_document(articles: Sequence[Article], site_path: str) -> bytes:
    rows = [
        [a.url, a.title, a.section, a.section_name, a.image, a.published]
        for a in sorted(articles, key=lambda a: (-a.published, a.url))
    ]
    document = {
        "version": VERSION,
        "site_path": site_path,
        "columns": ["url", "title", "section", "section_name", "image", "published"],
        "articles": rows,
    }
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


class BadIndex(ValueError):
    pass


def read_index(data: bytes) -> tuple[list[Article], str]:
    """The articles and SITEURL path of an index written by ``index_document``."""
    try:
        document = json.loads(data)
        if document.get("version") != VERSION:
            raise BadIndex(f"version {document.get('version')!r}, expected {VERSION}")
        articles = [
            Article(url_key(url), url, title, section, section_name, image, int(published))
            for url, title, section, section_name, image, published in document["articles"]
        ]
        return articles, str(document["site_path"])
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BadIndex(str(exc)) from exc

"""SEARCH_* settings: defaults in one place, validated once at start-up.

The plugin is on when ``PLUGINS`` lists ``"search"``; there is no switch of its own.
``SEARCH_URL`` and ``SEARCH_SAVE_AS`` are Pelican's own settings for the ``search``
direct template: Pelican writes the page there, this plugin links and indexes it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from common.errors import SettingsError, true_or_false, whole_number
from common.settings import read

from .shards import MANIFEST, SHARD_PAGES

PREFIX = "SEARCH_"
DEFAULTS: dict[str, Any] = {
    "SHARD_PAGES": SHARD_PAGES,  # a year with more indexed stories is split into halves, quarters or months
    "CACHE": True,  # keep each shard's search documents in CACHE_PATH between builds
    "SAVE_AS": "search.html",  # Pelican's: the search page's file (Pelican's own default)
    "URL": "",  # Pelican's: the search page's URL; "" = SEARCH_SAVE_AS without a final "index.html"
}
DOCUMENTS_FOLDER = "search-documents"  # under CACHE_PATH


@dataclass(frozen=True)
class SearchPage:
    """What templates and other plugins may know of search (the context's ``search``), plain data."""

    url: str  # relative, e.g. "search/"
    save_as: str  # its output file, e.g. "search/index.html"
    manifest: str  # the list of bundles the page's script loads, relative to the site


@dataclass(frozen=True)
class SearchSettings:
    page: SearchPage
    shard_pages: int  # the most stories one search bundle holds before its year is split
    language: str  # the language Pagefind indexes every page in (DEFAULT_LANG's primary code)
    documents: str  # where the shards' search documents are kept between builds; "" to keep none


def index_language(default_lang: str) -> str:
    """The language Pagefind is told to index in: ``en-GB`` -> ``en``; Chinese keeps its script
    (``zh-CN``, ``zh_TW`` -> ``zh-cn``, ``zh-tw``), as Pagefind has a stemmer per script."""
    tag = default_lang.replace("_", "-").lower()
    return tag if tag in ("zh-cn", "zh-tw") else tag.split("-")[0]


def _plugin_order(settings: Mapping[str, Any], errors: list[str]) -> None:
    plugins = settings.get("PLUGINS") or []
    names = [(p if isinstance(p, str) else getattr(p, "__name__", "")).rsplit(".", 1)[-1] for p in plugins]
    if "newsroom" not in names or ("search" in names and names.index("newsroom") > names.index("search")):
        errors.append("PLUGINS must list 'newsroom' before 'search': search indexes the pages newsroom writes.")


def _page(settings: Mapping[str, Any], errors: list[str]) -> SearchPage:
    if "search" not in list(settings.get("DIRECT_TEMPLATES") or []):
        errors.append(
            "PLUGINS has 'search' but DIRECT_TEMPLATES has no 'search'; add it (with SEARCH_SAVE_AS = "
            "'search/index.html' and SEARCH_URL = 'search/'), or leave 'search' out of PLUGINS to turn search off."
        )
    save_as = settings.get(PREFIX + "SAVE_AS") or DEFAULTS["SAVE_AS"]
    url = settings.get(PREFIX + "URL") or DEFAULTS["URL"]
    for key, value in (("SAVE_AS", save_as), ("URL", url)):
        if not isinstance(value, str):
            errors.append(f"{PREFIX}{key} must be text, e.g. 'search/', not {value!r}.")
    save_as, url = str(save_as), str(url)
    if not url:
        url = save_as[: -len("index.html")] if save_as.endswith("index.html") else save_as
    return SearchPage(url=url, save_as=save_as, manifest=MANIFEST)


def load(settings: Mapping[str, Any]) -> SearchSettings:
    """Read and check every SEARCH_* setting; raise one error listing all problems."""
    errors: list[str] = []
    read(settings, PREFIX, DEFAULTS, errors)  # reports unknown SEARCH_* names
    shard_pages = whole_number(PREFIX + "SHARD_PAGES", settings.get(PREFIX + "SHARD_PAGES", SHARD_PAGES), errors)
    keep = settings.get(PREFIX + "CACHE", DEFAULTS["CACHE"])
    true_or_false(PREFIX + "CACHE", keep, errors)
    page = _page(settings, errors)
    _plugin_order(settings, errors)
    if errors:
        raise SettingsError("Search settings are not valid:\n  " + "\n  ".join(errors))
    cache = str(settings.get("CACHE_PATH") or "") if keep is True else ""
    return SearchSettings(
        page=page,
        shard_pages=shard_pages,
        language=index_language(str(settings.get("DEFAULT_LANG") or "en")),
        documents=os.path.join(cache, DOCUMENTS_FOLDER) if cache else "",
    )

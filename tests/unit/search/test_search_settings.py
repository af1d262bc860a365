"""SEARCH_* settings: defaults, the search page's address, the kept documents, one clear error per bad value."""

from __future__ import annotations

import re
from typing import Any

import pytest
from common.errors import SettingsError
from search.settings import DEFAULTS, SearchPage, index_language, load

DIRECT = ["index", "archives", "tags", "categories", "authors", "notfound", "search"]


def settings(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "DEFAULT_LANG": "en-gb",
        "PLUGINS": ["newsroom", "seo", "search"],
        "DIRECT_TEMPLATES": DIRECT,
        "SEARCH_SAVE_AS": "search/index.html",
        "SEARCH_URL": "search/",
        "CACHE_PATH": "/c",
    }
    base.update(overrides)
    return base


def test_defaults() -> None:
    config = load(settings())
    assert config.page == SearchPage(url="search/", save_as="search/index.html", manifest="pagefind/shards.json")
    assert config.shard_pages == DEFAULTS["SHARD_PAGES"] == 1500
    assert config.language == "en"
    assert config.documents == "/c/search-documents"


def test_the_page_follows_pelicans_settings_and_its_url_is_derived_from_save_as() -> None:
    assert load(settings(SEARCH_URL=None, SEARCH_SAVE_AS="find/index.html")).page.url == "find/"
    assert load(settings(SEARCH_URL="find/", SEARCH_SAVE_AS="find/index.html")).page.url == "find/"
    unset = {k: v for k, v in settings().items() if not k.startswith("SEARCH_")}
    assert load(unset).page == SearchPage(url="search.html", save_as="search.html", manifest="pagefind/shards.json")


def test_the_search_documents_are_kept_in_cache_path_unless_told_not_to() -> None:
    assert load(settings(SEARCH_CACHE=False)).documents == ""
    assert load(settings(CACHE_PATH="")).documents == ""
    assert load(settings(CACHE_PATH=None)).documents == ""


@pytest.mark.parametrize(
    ("language", "indexed"),
    [("en-gb", "en"), ("en_GB", "en"), ("fr", "fr"), ("pt-BR", "pt"), ("zh-CN", "zh-cn"), ("zh_TW", "zh-tw")],
)
def test_pagefind_indexes_in_the_sites_primary_language(language: str, indexed: str) -> None:
    assert index_language(language) == indexed
    assert load(settings(DEFAULT_LANG=language)).language == indexed


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"SEARCH_SHARD_PAGES": 0}, "SEARCH_SHARD_PAGES must be a whole number of 1 or more"),
        ({"SEARCH_SHARD_PAGES": "1500"}, "SEARCH_SHARD_PAGES"),
        ({"SEARCH_SHARD_PAGES": 1500.0}, "SEARCH_SHARD_PAGES"),
        ({"SEARCH_CACHE": "yes"}, "SEARCH_CACHE must be True or False"),
        ({"SEARCH_SAVE_AS": 3}, "SEARCH_SAVE_AS must be text"),
        ({"SEARCH_SHARDS": 10}, "unknown setting SEARCH_SHARDS; did you mean SEARCH_SHARD_PAGES?"),
        ({"DIRECT_TEMPLATES": DIRECT[:-1]}, "DIRECT_TEMPLATES has no 'search'"),
        ({"DIRECT_TEMPLATES": DIRECT[:-1]}, "or leave 'search' out of PLUGINS to turn search off"),
        ({"PLUGINS": ["search", "newsroom"]}, "PLUGINS must list 'newsroom' before 'search'"),
        ({"PLUGINS": ["search"]}, "PLUGINS must list 'newsroom' before 'search'"),
    ],
)
def test_bad_values_are_refused_with_a_message(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(SettingsError, match=re.escape(message)):
        load(settings(**overrides))


def test_every_problem_is_reported_at_once_and_pelicans_settings_are_left_alone() -> None:
    given = settings(SEARCH_SHARD_PAGES=0, SEARCH_CACHE="no", DIRECT_TEMPLATES=["index"])
    with pytest.raises(SettingsError) as refused:
        load(given)
    assert refused.match("^Search settings are not valid:") and refused.match("SEARCH_SHARD_PAGES")
    assert refused.match("SEARCH_CACHE") and refused.match("DIRECT_TEMPLATES")
    assert given == settings(SEARCH_SHARD_PAGES=0, SEARCH_CACHE="no", DIRECT_TEMPLATES=["index"])

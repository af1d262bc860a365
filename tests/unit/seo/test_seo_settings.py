"""SEO_* settings: defaults, derived values and one clear error for every bad value."""

from __future__ import annotations

from typing import Any

import pytest
from common.errors import SettingsError
from seo.settings import DEFAULTS, load

DIRECT = ["index", "archives", "tags", "categories", "authors", "notfound", "search"]


def settings(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "SITENAME": "The Daily Diff",
        "SITESUBTITLE": "Technology news",
        "SITEURL": "",
        "DEFAULT_LANG": "en-gb",
        "PLUGINS": ["newsroom", "feeds", "seo"],
        "DIRECT_TEMPLATES": DIRECT,
    }
    base.update(overrides)
    return base


def test_defaults() -> None:
    config = load(settings())
    assert config.site_url == "http://127.0.0.1:8000"
    assert config.publisher_name == "The Daily Diff" and config.publisher_logo == "theme/img/logo.png"
    assert config.words_per_minute == DEFAULTS["WORDS_PER_MINUTE"] == 230
    assert config.sitemap_max_urls == 50_000 and config.news_window_hours == 48 and config.news_max_urls == 1000
    assert config.robots_disallow == ("/drafts/",)
    assert config.noindex == ("404.html",)  # the search page is added when the search plugin is on
    assert config.language == "en-GB" and config.twitter_site == ""


def test_site_url_wins_and_the_fallbacks_follow_feeds() -> None:
    assert load(settings(SITEURL="https://dailydiff.example/")).site_url == "https://dailydiff.example"
    assert load(settings(FEEDS_FALLBACK_SITEURL="http://localhost:9000")).site_url == "http://localhost:9000"
    own = settings(FEEDS_FALLBACK_SITEURL="http://localhost:9000", SEO_FALLBACK_SITEURL="http://127.0.0.1:1")
    assert load(own).site_url == "http://127.0.0.1:1"


def test_search_settings_are_left_to_the_search_plugin() -> None:
    config = load(settings(SEARCH_URL="find/", SEARCH_SAVE_AS="find/index.html", SEARCH_SHARD_PAGES=2))
    assert config.noindex == ("404.html",)
    assert load(settings(NOTFOUND_SAVE_AS="missing/index.html")).noindex == ("missing/index.html",)


def test_the_word_counts_are_kept_in_cache_path_unless_told_not_to() -> None:
    assert load(settings(CACHE_PATH="/c")).cache_path == "/c"
    assert load(settings(CACHE_PATH="/c", SEO_CACHE=False)).cache_path == ""
    assert load(settings(CACHE_PATH="")).cache_path == ""


@pytest.mark.parametrize(
    ("old", "value", "hint"),
    [
        ("SEO_SEARCH", False, "list 'search' in PLUGINS to build it, or leave it out to turn search off"),
        ("SEO_SEARCH", True, "list 'search' in PLUGINS to build it"),
        ("SEO_SEARCH_SHARD_PAGES", 2, "rename it SEARCH_SHARD_PAGES"),
    ],
)
def test_a_search_setting_of_seo_names_the_new_way(old: str, value: object, hint: str) -> None:
    with pytest.raises(SettingsError) as info:
        load(settings(**{old: value}))
    assert f"{old} is no longer read; search is its own plugin now: {hint}" in str(info.value)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"SEO_WORDS_PER_MINUTE": 0}, "SEO_WORDS_PER_MINUTE must be a whole number of 1 or more"),
        ({"SEO_WORDS_PER_MINUTE": True}, "SEO_WORDS_PER_MINUTE"),
        (
            {"SEO_SITEMAP_MAX_URLS": 50_001},
            "SEO_SITEMAP_MAX_URLS must be a whole number of 1 or more and at most 50,000",
        ),
        ({"SEO_NEWS_MAX_URLS": 1001}, "SEO_NEWS_MAX_URLS"),
        ({"SEO_NEWS_WINDOW_HOURS": "48"}, "SEO_NEWS_WINDOW_HOURS"),
        ({"SEO_TWITTER_SITE": "dailydiff"}, "SEO_TWITTER_SITE must be a handle"),
        ({"SEO_PUBLISHER_LOGO": "theme/img/favicon.svg"}, "Google needs a raster logo"),
        ({"SEO_ROBOTS_DISALLOW": ["drafts/"]}, "SEO_ROBOTS_DISALLOW"),
        ({"SEO_CACHE": "yes"}, "SEO_CACHE must be True or False"),
        ({"SEO_SERACH": True}, "unknown setting SEO_SERACH"),
        ({"PLUGINS": ["seo", "newsroom"]}, "PLUGINS must list 'newsroom' before 'seo'"),
        ({"PLUGINS": ["seo"]}, "PLUGINS must list 'newsroom' before 'seo'"),
        ({"SEO_FALLBACK_SITEURL": "localhost"}, "must be an absolute http(s) URL"),
    ],
)
def test_bad_values_are_refused_with_a_message(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(SettingsError) as info:
        load(settings(**overrides))
    assert message in str(info.value)


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(SettingsError) as info:
        load(settings(SEO_WORDS_PER_MINUTE=0, SEO_NEWS_MAX_URLS=0, SEO_TWITTER_SITE="x"))
    text = str(info.value)
    assert "SEO_WORDS_PER_MINUTE" in text and "SEO_NEWS_MAX_URLS" in text and "SEO_TWITTER_SITE" in text


def test_loading_does_not_change_pelicans_settings() -> None:
    given = settings()
    snapshot = {k: (list(v) if isinstance(v, list) else v) for k, v in given.items()}
    load(given)
    assert given == snapshot

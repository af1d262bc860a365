"""Unit tests of the Most Read ranking: window edges, ties, decay, floors, ages, fallbacks, settings."""

from __future__ import annotations

import calendar
import json
from dataclasses import replace

import pytest
from common.errors import SettingsError
from most_read import settings as most_read_settings
from most_read.output import index_document, most_read_document, read_index, template_data
from most_read.ranking import Article, RankSettings, build_lists, iso, rank, tally, window_for

DAY, HOUR = 86400, 3600
END = calendar.timegm((2026, 11, 18, 12, 0, 0, 0, 0, 0))  # the end of the newest hour with views
CONFIG = RankSettings(count=3, window_days=7)


def article(slug: str, section: str = "security", days_old: float = 3) -> Article:
    return Article(
        key=f"/2026/11/{slug}",
        url=f"2026/11/{slug}/",
        title=f"Story {slug}",
        section=section,
        section_name=section.title(),
        image=f"images/{slug}.png",
        published=int(END - days_old * DAY),
    )


ARTICLES = [
    article("a"),
    article("b"),
    article("c", "cloud"),
    article("d", "cloud", days_old=1),
    article("e", "science", days_old=400),
]


def bucket(slug: str, hours_before_end: float, views: int) -> tuple[str, int, int]:
    start = int(END - hours_before_end * HOUR)
    return f"/2026/11/{slug}", start - start % HOUR, views


def slugs(entries) -> list[str]:
    return [e.article.url.split("/")[2] for e in entries]


def test_window_ends_at_the_newest_view_not_the_clock() -> None:
    window = window_for(END, 7)
    assert (window.start, window.end) == (END - 7 * DAY, END)
    assert window.iso() == {"start": "2026-11-11T12:00:00Z", "end": "2026-11-18T12:00:00Z"}


def test_window_edges() -> None:
    window = window_for(END, 7)
    buckets = [
        bucket("a", 1, 5),  # the newest hour: in
        bucket("b", 7 * 24, 4),  # the first hour of the window: in
        bucket("c", 7 * 24 + 1, 100),  # the hour before: out
        ("/2026/11/d", END, 100),  # starts at the end: out
    ]
    assert tally(buckets, window, 0) == {"/2026/11/a": (5, 5.0), "/2026/11/b": (4, 4.0)}


def test_most_read_first_and_ties_broken_by_url() -> None:
    buckets = [bucket("c", 2, 7), bucket("a", 3, 7), bucket("b", 5, 9), bucket("d", 1, 2), bucket("a", 30, 0)]
    lists = build_lists(ARTICLES, buckets, END, CONFIG)
    assert slugs(lists.site.entries) == ["b", "a", "c"]
    assert [e.views for e in lists.site.entries] == [9, 7, 7]
    assert lists.site.heading == "Most read" and lists.site.ranked
    assert lists.window == window_for(END, 7) and lists.warnings == ()


def test_the_input_order_never_matters() -> None:
    buckets = [bucket(s, h, n) for s, h, n in [("a", 1, 3), ("b", 2, 3), ("c", 3, 3), ("d", 4, 3), ("a", 50, 1)]]
    first = build_lists(ARTICLES, buckets, END, replace(CONFIG, half_life_hours=12))
    second = build_lists(list(reversed(ARTICLES)), list(reversed(buckets)), END, replace(CONFIG, half_life_hours=12))
    assert first == second


def test_half_life_decay_favours_recent_views() -> None:
    buckets = [bucket("a", 100, 10), bucket("b", 2, 6)]
    assert slugs(build_lists(ARTICLES, buckets, END, CONFIG).site.entries) == ["a", "b"]
    decayed = build_lists(ARTICLES, buckets, END, replace(CONFIG, half_life_hours=24)).site.entries
    assert slugs(decayed) == ["b", "a"]
    assert [e.views for e in decayed] == [6, 10]  # the views shown are still the views
    assert decayed[0].score == pytest.approx(6 * 0.5 ** (2 / 24))
    assert decayed[1].score == pytest.approx(10 * 0.5 ** (100 / 24))


def test_minimum_views_and_maximum_age() -> None:
    buckets = [bucket("a", 1, 1), bucket("b", 1, 2), bucket("e", 1, 50)]
    assert slugs(build_lists(ARTICLES, buckets, END, CONFIG).site.entries) == ["e", "b", "a"]
    assert slugs(build_lists(ARTICLES, buckets, END, replace(CONFIG, min_views=2)).site.entries) == ["e", "b"]
    assert slugs(build_lists(ARTICLES, buckets, END, replace(CONFIG, max_age_days=30)).site.entries) == ["b", "a"]


def test_views_of_pages_that_are_no_articles_are_ignored() -> None:
    buckets = [bucket("gone", 1, 100), ("/", END - HOUR, 500), bucket("a", 1, 1)]
    assert slugs(build_lists(ARTICLES, buckets, END, CONFIG).site.entries) == ["a"]


def test_sections_rank_on_their_own_and_fall_back_to_the_site_list() -> None:
    buckets = [bucket("a", 1, 5), bucket("c", 1, 9), bucket("b", 1, 1)]
    lists = build_lists(ARTICLES, buckets, END, replace(CONFIG, count=2))
    assert set(lists.sections) == {"security", "cloud", "science"}
    assert slugs(lists.sections["security"].entries) == ["a", "b"]
    assert lists.sections["security"].heading == "Most read in Security"
    # One ranked story, or none, makes no list of its own: those sections show the site's Most read.
    assert lists.sections["cloud"] is lists.site and lists.sections["science"] is lists.site
    assert slugs(lists.site.entries) == ["c", "a"] and lists.site.heading == "Most read"


def test_a_section_list_needs_three_ranked_stories() -> None:
    buckets = [bucket("a", 1, 5), bucket("b", 1, 1)]
    assert build_lists(ARTICLES, buckets, END, replace(CONFIG, count=5)).sections["security"].heading == "Most read"


def test_sections_off_gives_every_section_the_site_list() -> None:
    lists = build_lists(ARTICLES, [bucket("a", 1, 5)], END, replace(CONFIG, sections=False))
    assert all(lst is lists.site for lst in lists.sections.values())


def test_no_data_falls_back_to_the_latest_and_warns() -> None:
    lists = build_lists(ARTICLES, [], None, CONFIG, "data/pv.sqlite3")
    assert lists.site.heading == "Latest stories" and not lists.site.ranked and lists.window is None
    assert slugs(lists.site.entries) == ["d", "a", "b"]  # newest first, ties by URL
    assert [e.views for e in lists.site.entries] == [None, None, None]
    assert lists.sections["cloud"].heading == "Latest in Cloud"
    assert len(lists.warnings) == 1 and "no page views in data/pv.sqlite3" in lists.warnings[0]


def test_old_data_falls_back_to_the_latest_and_warns() -> None:
    stale = END - 20 * DAY
    lists = build_lists(ARTICLES, [("/2026/11/a", stale - HOUR, 9)], stale, CONFIG)
    assert not lists.site.ranked and "19 days older than the newest story" in lists.warnings[0]
    fresh_enough = build_lists(ARTICLES, [("/2026/11/a", stale - HOUR, 9)], stale, replace(CONFIG, stale_days=30))
    assert fresh_enough.site.ranked and slugs(fresh_enough.site.entries) == ["a"]


def test_views_but_none_for_an_article_fall_back_too() -> None:
    lists = build_lists(ARTICLES, [("/", END - HOUR, 9)], END, CONFIG)
    assert not lists.site.ranked and "is of a listed article" in lists.warnings[0]


def test_rank_by_itself() -> None:
    by_key = {a.key: a for a in ARTICLES}
    counts = {"/2026/11/a": (3, 3.0), "/2026/11/b": (3, 3.0), "/2026/11/zz": (50, 50.0)}
    assert slugs(rank(counts, by_key, window_for(END, 7), CONFIG)) == ["a", "b"]


def test_time_zone_of_the_window_is_utc() -> None:
    assert iso(0) == "1970-01-01T00:00:00Z"


# -- what the lists become ----------------------------------------------------------------------


def test_json_document_and_template_data() -> None:
    buckets = [bucket("a", 1, 5), bucket("c", 1, 9)]
    lists = build_lists(ARTICLES, buckets, END, CONFIG)
    document = json.loads(most_read_document(lists, "/news", 7))
    assert document["ranked"] and document["window"] == {**window_for(END, 7).iso(), "days": 7}
    assert document["items"][0] == {
        "url": "/news/2026/11/c/",
        "title": "Story c",
        "image": "/news/images/c.png",
        "views": 9,
    }
    assert document["sections"]["science"]["heading"] == "Most read"  # no views of its own: the site's list
    assert document["sections"]["science"]["items"][0]["views"] == 9
    heroes = {"2026/11/c/": {"path": "images/c.png", "width": 16, "height": 9}}
    data = template_data(lists, heroes, "/news")
    assert data.json_url == "/news/most-read.json" and data.heading == "Most read"
    assert [(i.url, i.hero) for i in data.items] == [("2026/11/c/", heroes["2026/11/c/"]), ("2026/11/a/", None)]
    assert data.sections["cloud"].section == "cloud" and data.section == ""


def test_urls_in_json_are_percent_encoded_paths() -> None:
    odd = replace(article("a"), url="2026/11/caf\u00e9 x/", image="images/a b.png")
    lists = build_lists([odd], [(odd.key, END - HOUR, 1)], END, CONFIG)
    item = json.loads(most_read_document(lists, "", 7))["items"][0]
    assert item["url"] == "/2026/11/caf%C3%A9%20x/" and item["image"] == "/images/a%20b.png"


def test_article_index_round_trip() -> None:
    data = index_document(ARTICLES, "/news")
    articles, site_path = read_index(data)
    assert site_path == "/news" and sorted(articles, key=lambda a: a.url) == sorted(ARTICLES, key=lambda a: a.url)
    assert index_document(list(reversed(ARTICLES)), "/news") == data


@pytest.mark.parametrize("data", [b"", b"{}", b'{"version": 1}', b'{"version": 2, "articles": []}', b"[1]"])
def test_a_broken_index_is_refused(data: bytes) -> None:
    from most_read.output import BadIndex  # noqa: PLC0415

    with pytest.raises(BadIndex):
        read_index(data)


# -- settings -----------------------------------------------------------------------------------


def test_settings_defaults() -> None:
    config = most_read_settings.load(
        {"ARTICLE_URL": "{date:%Y}/{date:%m}/{slug}/", "SITEURL": "https://x.example/news/"}
    )
    assert (config.count, config.window_days, config.half_life_hours, config.min_views) == (5, 7, 0.0, 1)
    assert (config.max_age_days, config.stale_days, config.sections) == (0, 14, True)
    assert config.db == "data/pageviews.sqlite3" and config.site_path == "/news"
    assert most_read_settings.rank_settings(config) == RankSettings(5, 7, 0.0, 1, 0, 14, True)


def test_bad_settings_are_all_reported_at_once() -> None:
    with pytest.raises(SettingsError) as caught:
        most_read_settings.load(
            {
                "MOST_READ_COUNT": 0,
                "MOST_READ_WINDOW_DAYS": "7",
                "MOST_READ_HALF_LIFE_HOURS": -1,
                "MOST_READ_SECTIONS": "yes",
                "MOST_READ_DB": "",
                "MOST_READ_MAX_AGE_DAYS": True,
                "MOST_READ_COUNTS": 5,
                "TIMEZONE": "Mars/Olympus",
            }
        )
    message = str(caught.value)
    for name in ("COUNT must", "WINDOW_DAYS", "HALF_LIFE_HOURS", "SECTIONS", "MOST_READ_DB", "MAX_AGE_DAYS",
                 "unknown setting MOST_READ_COUNTS", "Mars/Olympus"):  # fmt: skip
        assert name in message

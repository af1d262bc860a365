"""Unit tests for newsroom.site: archive months and the site-wide template data."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from newsroom.authors import Profile
from newsroom.listings import newest_first
from newsroom.settings import NewsroomSettings, Section
from newsroom.site import MonthLink, SectionLink, archive_months, build_site_data, section_links

MONTH_URL = "{date:%Y}/{date:%m}/"
CATEGORY_URL = "section/{slug}/"
CONFIG = NewsroomSettings(
    sections=(
        Section("Security", "security", "Breaches."),
        Section("World", "world", ""),
        Section("Science", "science", "Labs."),
    ),
    authors_file="authors.toml",
    tags_file="tags.toml",
    tip_email="tips@example.com",
    home_section_count=2,
    sidebar_count=3,
    home_latest_count=2,
    related_count=4,
    standfirst_words=40,
    copyright_holder="The Daily Test",
    zone=ZoneInfo("UTC"),
)
REGISTRY = {"ada-lovelace": Profile("Ada Lovelace", "ada-lovelace", role="Editor")}


def story(slug: str, when: tuple[int, ...], section: str = "Security", featured: bool = False) -> SimpleNamespace:
    return SimpleNamespace(
        slug=slug, date=datetime(*when, tzinfo=UTC), category=SimpleNamespace(name=section), featured=featured
    )


def ordered(*items: SimpleNamespace) -> list[SimpleNamespace]:
    return newest_first(items, lambda a: a.date, lambda a: a.slug)


def build(
    articles: list[SimpleNamespace], config: NewsroomSettings = CONFIG, bylines: tuple[tuple[str, str], ...] = ()
) -> object:
    return build_site_data(articles, bylines, REGISTRY, config, CATEGORY_URL, MONTH_URL)


# -- archive_months ------------------------------------------------------------------------


def test_archive_groups_by_month_with_years_and_months_newest_first() -> None:
    articles = ordered(
        story("a", (2026, 11, 20)),
        story("b", (2026, 11, 2)),
        story("c", (2026, 1, 5)),
        story("d", (2025, 12, 31, 23, 59)),
        story("e", (2025, 3, 1)),
        story("f", (2025, 3, 30)),
    )
    result = archive_months(articles, MONTH_URL)
    assert [(year, [(m.name, m.count, m.url) for m in months]) for year, months in result] == [
        (2026, [("November", 2, "2026/11/"), ("January", 1, "2026/01/")]),
        (2025, [("December", 1, "2025/12/"), ("March", 2, "2025/03/")]),
    ]


def test_archive_month_date_is_its_newest_article() -> None:
    articles = ordered(story("old", (2026, 11, 1)), story("new", (2026, 11, 28, 9, 30)))
    [(_, [month])] = archive_months(articles, MONTH_URL)
    assert month == MonthLink(datetime(2026, 11, 28, 9, 30, tzinfo=UTC), "2026/11/", 2, "November")


def test_archive_url_pattern_gets_the_date() -> None:
    [(_, [month])] = archive_months([story("a", (2026, 2, 3))], "archive/{date:%Y}/{date:%b}/index.html")
    assert month.url == "archive/2026/Feb/index.html"


def test_archive_of_an_empty_site_is_empty() -> None:
    assert archive_months([], MONTH_URL) == ()


def test_archive_skipped_years_are_absent() -> None:
    result = archive_months(ordered(story("a", (2026, 1, 1)), story("b", (2023, 1, 1))), MONTH_URL)
    assert [year for year, _ in result] == [2026, 2023]


# -- section_links -------------------------------------------------------------------------


def test_section_links_keep_navigation_order_and_fill_the_url() -> None:
    assert section_links(CONFIG.sections, CATEGORY_URL) == (
        SectionLink("Security", "security", "Breaches.", "section/security/"),
        SectionLink("World", "world", "", "section/world/"),
        SectionLink("Science", "science", "Labs.", "section/science/"),
    )


# -- build_site_data -----------------------------------------------------------------------


def test_empty_site_has_no_lead_blocks_or_archive_and_a_yearless_copyright() -> None:
    data = build([])
    assert data.lead is None
    assert data.home_sections == () and data.latest == () and data.archive_months == ()
    assert data.copyright == "© The Daily Test"
    assert data.sections == ()  # the navigation lists only sections with stories
    assert sorted(data.section_by_slug) == ["science", "security", "world"]


def test_navigation_lists_sections_with_stories_in_declared_order() -> None:
    data = build(
        ordered(story("w1", (2026, 11, 6), "World"), story("s1", (2026, 11, 5)), story("w2", (2026, 11, 1), "World"))
    )
    assert [s.slug for s in data.sections] == ["security", "world"]  # declared order; science has no stories


def test_empty_site_without_a_holder_is_just_the_symbol() -> None:
    assert build([], replace(CONFIG, copyright_holder="")).copyright == "©"


def test_copyright_year_comes_from_the_newest_article() -> None:
    articles = ordered(story("a", (2024, 6, 1)), story("b", (2026, 1, 1)), story("c", (2025, 12, 31)))
    assert build(articles).copyright == "© 2026 The Daily Test"
    assert build(articles, replace(CONFIG, copyright_holder="")).copyright == "© 2026"


def test_lead_is_featured_and_excluded_from_the_section_blocks() -> None:
    articles = ordered(
        story("s1", (2026, 11, 5)),
        story("s2", (2026, 11, 4), featured=True),
        story("s3", (2026, 11, 3)),
        story("s4", (2026, 11, 2)),
        story("w1", (2026, 11, 6), "World"),
    )
    data = build(articles)
    assert data.lead.slug == "s2"
    blocks = [(link.slug, [a.slug for a in items]) for link, items in data.home_sections]
    assert blocks == [("security", ["s1", "s3"]), ("world", ["w1"])]
    assert all(isinstance(items, tuple) for _, items in data.home_sections)
    assert data.home_sections[0][0] is data.section_by_slug["security"]


def test_newest_story_leads_when_nothing_is_featured() -> None:
    articles = ordered(story("w1", (2026, 11, 6), "World"), story("s1", (2026, 11, 5)))
    data = build(articles)
    assert data.lead.slug == "w1"
    assert [link.slug for link, _ in data.home_sections] == ["security"]


def test_latest_is_the_newest_sidebar_count_articles() -> None:
    articles = ordered(*(story(f"s{i}", (2026, 11, i + 1)) for i in range(5)))
    assert [a.slug for a in build(articles).latest] == ["s4", "s3", "s2"]


def test_authors_merge_registry_and_bylines_sorted_by_slug() -> None:
    bylines = (("Zed Writer", "zed-writer"), ("Ada L.", "ada-lovelace"), ("Bob", "bob"))
    data = build([], bylines=bylines)
    assert list(data.authors) == ["ada-lovelace", "bob", "zed-writer"]
    assert data.authors["ada-lovelace"] is REGISTRY["ada-lovelace"]
    assert data.authors["bob"] == Profile("Bob", "bob", registered=False)


def test_registered_authors_without_bylines_are_still_listed() -> None:
    assert list(build([]).authors) == ["ada-lovelace"]


def test_plain_values_are_passed_through() -> None:
    data = build([])
    assert data.tip_email == "tips@example.com"
    assert data.most_read_heading == "Latest stories"
    assert data.section_by_slug["world"].url == "section/world/"


def test_site_data_does_not_change_the_registry() -> None:
    data = build_site_data([], [("X", "x")], REGISTRY, CONFIG, CATEGORY_URL, MONTH_URL)
    assert "x" in data.authors and "x" not in REGISTRY


@pytest.mark.parametrize("count", [1, 5])
def test_home_section_count_limits_each_block(count: int) -> None:
    articles = ordered(*(story(f"s{i}", (2026, 11, i + 1)) for i in range(4)), story("w", (2026, 12, 1), "World"))
    data = build(articles, replace(CONFIG, home_section_count=count))
    security = dict((link.slug, items) for link, items in data.home_sections)["security"]
    assert len(security) == min(count, 4)


def test_latest_rail_is_the_newest_across_sections_without_the_lead() -> None:
    articles = ordered(
        story("s-new", (2026, 11, 20)),
        story("w-featured", (2026, 11, 19), section="World", featured=True),
        story("c-mid", (2026, 11, 18), section="Science"),
        story("s-old", (2026, 11, 1)),
    )
    data = build(articles)
    assert data.lead.slug == "w-featured"
    assert [a.slug for a in data.home_latest] == ["s-new", "c-mid"]  # home_latest_count=2, across sections

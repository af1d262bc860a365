"""The newsroom's articles generator gives Pelican's lists, in linear time."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from types import SimpleNamespace

from newsroom.generator import LinearArticlesGenerator, Members
from pelican.generators import ArticlesGenerator

SETTINGS = {
    "YEAR_ARCHIVE_SAVE_AS": "{date:%Y}/index.html",
    "YEAR_ARCHIVE_URL": "{date:%Y}/",
    "MONTH_ARCHIVE_SAVE_AS": "{date:%Y}/{date:%m}/index.html",
    "MONTH_ARCHIVE_URL": "{date:%Y}/{date:%m}/",
    "DAY_ARCHIVE_SAVE_AS": "",
    "DAY_ARCHIVE_URL": "",
}


def _generator(cls: type) -> ArticlesGenerator:
    generator = object.__new__(cls)  # only the taxonomies are needed, not a whole Pelican run
    generator.tags, generator.categories, generator.authors = defaultdict(list), defaultdict(list), defaultdict(list)
    return generator


def test_members_test_identity_like_a_list() -> None:
    a, b, c = SimpleNamespace(x=1), SimpleNamespace(x=1), SimpleNamespace(x=2)
    members = Members([a, c])
    assert a in members and c in members and b not in members
    assert members == [a, c] and isinstance(members, list)
    assert list(Members()) == [] and a not in Members()


def test_period_archives_and_taxonomies_match_pelicans() -> None:
    start = datetime(2024, 12, 30, 23, 0)
    articles = [SimpleNamespace(date=start + timedelta(hours=7 * i), n=i) for i in range(40)]
    articles = articles[::3] + articles[1::3] + articles[2::3]  # listing order differs from date order
    dates = sorted(articles, key=lambda a: a.date, reverse=True)
    ours, pelicans = _generator(LinearArticlesGenerator), _generator(ArticlesGenerator)
    for generator in (ours, pelicans):
        for article in articles:
            generator.tags[f"t{article.n % 3}"].append(article)
            generator.categories[f"c{article.n % 2}"].append(article)
    expected = pelicans._build_period_archives(dates, articles, SETTINGS)
    got = ours._build_period_archives(dates, articles, SETTINGS)
    assert got.keys() == expected.keys() == {"year", "month"}
    for granularity, periods in expected.items():
        assert [p["save_as"] for p in got[granularity]] == [p["save_as"] for p in periods]
        for mine, theirs in zip(got[granularity], periods, strict=True):
            assert [a.n for a in mine["articles"]] == [a.n for a in theirs["articles"]]
            assert [a.n for a in mine["dates"]] == [a.n for a in theirs["dates"]]
    for tag, items in ours.tags.items():
        assert isinstance(items, Members) and items == pelicans.tags[tag]
        assert [a.n for a in dates if a in items] == [a.n for a in dates if a in pelicans.tags[tag]]
    assert all(isinstance(items, Members) for items in ours.categories.values())

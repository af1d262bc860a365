"""The newsroom's articles generator gives Pelican's lists, in linear time."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest
from engine.context import of as context_of
from engine.generator import LinearArticlesGenerator
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
    generator.settings = {}
    return generator


def test_period_archives_and_taxonomies_match_pelicans(monkeypatch: pytest.MonkeyPatch) -> None:
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
    ours.dates, ours.context, ours.articles = dates, {}, articles
    monkeypatch.setattr(ours, "get_template", lambda name: name, raising=False)
    pages: dict[str, list[int]] = {}
    terms = [(SimpleNamespace(save_as=t, url=t, page_name=t, slug=t), a) for t, a in ours.tags.items()]
    ours._taxonomy_pages(lambda name, *_, dates, **__: pages.setdefault(name, [a.n for a in dates]), "tag", terms)
    for tag, items in pelicans.tags.items():  # the order Pelican's own filter gives a tag page's dates
        assert pages[tag] == [a.n for a in dates if a in items]


class _Tags(list):  # type: ignore[type-arg]
    """Pelican's tag mapping, as pairs: the test's terms are not hashable."""

    def items(self) -> list:  # type: ignore[type-arg]
        return list(self)


def test_taxonomy_pages_get_pelicans_context(monkeypatch: pytest.MonkeyPatch) -> None:
    start = datetime(2026, 1, 1)
    articles = [SimpleNamespace(date=start + timedelta(days=i), n=i) for i in range(6)]
    dates = sorted(articles, key=lambda a: a.date, reverse=True)
    term = SimpleNamespace(save_as="tag/x/index.html", url="tag/x/", page_name="tag/x/index", slug="x")
    generator = _generator(LinearArticlesGenerator)
    generator.context, generator.articles, generator.dates = {"SITENAME": "N"}, articles, dates
    generator.tags = _Tags([(term, articles[::2])])
    monkeypatch.setattr(generator, "get_template", lambda name: f"template:{name}", raising=False)
    written = []
    generator.generate_tags(lambda name, template, context, **kw: written.append((name, template, kw)))
    name, template, kw = written[0]
    assert (name, template, kw["tag"], kw["url"], kw["template_name"]) == ("tag/x/index.html", "template:tag", term,
                                                                             "tag/x/", "tag")  # fmt: skip
    assert [a.n for a in kw["dates"]] == [4, 2, 0] and [a.n for a in kw["articles"]] == [0, 2, 4]
    assert kw["all_articles"] is articles and kw["blog"] is True and kw["page_name"] == "tag/x/index"


def test_source_files_come_in_path_order_and_still_combine_as_a_set() -> None:
    from engine.generator import PathOrder, with_sorted_files  # noqa: PLC0415
    from pelican.generators import PagesGenerator  # noqa: PLC0415

    files = PathOrder({"b/2.md", "a/9.md", "b/10.md", "a/1.md"})
    assert list(files) == ["a/1.md", "a/9.md", "b/10.md", "b/2.md"]
    assert files | {"c.md"} == {"a/1.md", "a/9.md", "b/10.md", "b/2.md", "c.md"}
    wrapped = with_sorted_files(PagesGenerator)
    assert issubclass(wrapped, PagesGenerator) and wrapped.__name__ == "PagesGenerator"
    assert with_sorted_files(wrapped) is wrapped


def test_articles_of_a_year_with_a_changed_story_are_written_first(monkeypatch: pytest.MonkeyPatch) -> None:
    class Story(SimpleNamespace):
        def get_relative_source_path(self) -> str:
            return self.source

    places = (("2026", "a"), ("2025", "b"), ("2024", "c"), ("2024", "d"))
    stories = [Story(save_as=f"{year}/01/{n}/index.html", source=f"{year}-{n}.md", template="article", category=None,
                     url=f"{year}/01/{n}/") for year, n in places]  # fmt: skip
    generator = _generator(LinearArticlesGenerator)
    generator.articles, generator.translations, generator.hidden_translations, generator.hidden_articles = (
        list(stories), [], [], [])  # fmt: skip
    generator.get_template, generator.context = (lambda name: name), {}
    written: list[str] = []

    def write(name: str, *args: object, **kwargs: object) -> None:
        written.append(name)

    context_of(generator).fresh = {"2024-d.md"}
    generator.generate_articles(write)
    assert written == ["2024/01/c/index.html", "2024/01/d/index.html", "2026/01/a/index.html", "2025/01/b/index.html"]
    assert generator.articles == stories  # the site's own order is left as it was
    written.clear()
    context_of(generator).fresh = set()
    generator.generate_articles(write)
    assert written == [s.save_as for s in stories]


def test_no_walk_for_disabled_readers_when_none_is_disabled_and_no_stamps_for_a_cache_that_is_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from engine.generator import with_sorted_files  # noqa: PLC0415
    from pelican.generators import StaticGenerator  # noqa: PLC0415

    generator = object.__new__(with_sorted_files(ArticlesGenerator))
    generator.settings = {"ARTICLE_PATHS": [""], "ARTICLE_EXCLUDES": [], "CONTENT_CACHING_LAYER": "reader",
                          "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False}  # fmt: skip
    generator.readers = SimpleNamespace(disabled_extensions={}.keys(), check_file=lambda path: None)
    walked: list[object] = []
    monkeypatch.setattr(ArticlesGenerator, "get_files", lambda self, *a, **k: walked.append(a) or set())
    generator.check_disabled_readers()
    assert walked == []
    generator.readers.disabled_extensions = {"rst": None}.keys()  # a reader is disabled: its files are looked for
    generator.check_disabled_readers()
    assert len(walked) == 1
    stamped: list[str] = []
    monkeypatch.setattr(ArticlesGenerator, "_get_file_stamp", lambda self, name: stamped.append(name) or 1.0)
    generator.cache_data("a.md", "an article")
    assert generator.get_cached_data("a.md", "default") == "default" and stamped == []
    generator.settings["CONTENT_CACHING_LAYER"] = "generator"  # Pelican's cache in use: Pelican's methods
    generator.settings["CACHE_CONTENT"] = True
    generator._cache, generator._cache_data_policy = {}, True
    generator.cache_data("a.md", "an article")
    assert generator.get_cached_data("a.md", "default") == "an article" and stamped == ["a.md", "a.md"]
    assert not hasattr(with_sorted_files(StaticGenerator), "get_cached_data")  # no cache there to skip

"""Unit tests of what `make most-read` does through the plugin: SQL literals of the crawler pattern,
the one ranking flow (publish), the ingest into the store, and the refresh of a built site."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from most_read import settings as most_read_settings
from most_read.dialects import LITERALS, bot_pattern, pattern_literal
from most_read.output import INDEX_NAME, JSON_NAME, index_document, most_read_document
from most_read.publish import publish
from most_read.ranking import Article, build_lists
from most_read.refresh import ingest, refresh, write_atomic
from most_read.store import Store, StoreError
from support.most_read import GOOGLEBOT, T0, line

NOW = T0 + 3600  # an hour after the views in the logs below
CONFIG = most_read_settings.load({"ARTICLE_URL": "{date:%Y}/{date:%m}/{slug}/", "SITEURL": "", "TIMEZONE": "UTC"})
ARTICLES = [
    Article(f"/2026/11/{slug}", f"2026/11/{slug}/", f"Story {slug}", section, section.title(), None, T0 - 86400 * days)
    for slug, section, days in (("x", "security", 1), ("y", "security", 2), ("z", "ai", 3))
]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "pv.sqlite3")
    yield opened
    opened.close()


def access_log(tmp_path: Path) -> Path:
    """Four readers of x, two of z, a crawler and a view dated a day after NOW."""
    lines = [line("/2026/11/x/", seconds=i * 60, ip=f"192.0.2.{i}") for i in range(4)]
    lines += [line("/2026/11/z/", seconds=i * 60, ip=f"192.0.2.{i}") for i in range(2)]
    lines += [line("/2026/11/y/", seconds=5, agent=GOOGLEBOT), line("/2026/11/y/", seconds=86400)]
    path = tmp_path / "access.log"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_each_dialect_reads_its_literal_back_as_the_pattern() -> None:
    pattern = r"bot\d+|it's|a\\b"
    assert pattern_literal(pattern) == pattern
    assert pattern_literal(pattern, "athena") == r"'bot\d+|it''s|a\\b'"
    assert pattern_literal(pattern, "clickhouse") == r"'bot\\d+|it\'s|a\\\\b'"
    assert pattern_literal(pattern, "bigquery") == r'r"bot\d+|it' + "'" + r's|a\\b"'
    assert pattern_literal(pattern, "spark") == '"' + pattern + '"'
    assert pattern_literal(pattern, "duckdb") == r"'bot\d+|it''s|a\\b'"
    assert sorted(LITERALS) == ["athena", "bigquery", "clickhouse", "duckdb", "raw", "spark"]


def test_a_double_quote_in_the_crawler_list_is_refused() -> None:
    with pytest.raises(ValueError, match="double quote"):
        pattern_literal('say "bot"', "bigquery")


def test_the_maintained_crawler_list_as_one_pattern() -> None:
    pattern = re.compile(bot_pattern())
    assert pattern.search(GOOGLEBOT)
    assert not pattern.search("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
    assert bot_pattern("spark") == f'"{pattern.pattern}"'


def test_ingest_counts_readers_and_leaves_out_crawlers_and_the_future(store: Store, tmp_path: Path) -> None:
    report = ingest(store, CONFIG, [str(access_log(tmp_path))], [], NOW)
    assert report.views_added == 6 and report.tally.skipped["bot"] == 1 and not report.unreadable
    assert report.tally.future.count == 1 and report.tally.future.first == (str(tmp_path / "access.log"), 8)
    assert store.newest(NOW) == T0 + 15 * 60  # 08:00: the end of the hour of the views, at 07:45 to 07:48
    again = ingest(store, CONFIG, [str(access_log(tmp_path))], [], NOW)
    assert again.views_added == 0  # the same file twice counts nothing twice


def test_ingest_reports_a_missing_file_and_keeps_the_rest(store: Store, tmp_path: Path) -> None:
    report = ingest(store, CONFIG, [str(tmp_path / "missing.log"), str(access_log(tmp_path))], [], NOW)
    assert [name for name, _ in report.unreadable] == [str(tmp_path / "missing.log")]
    assert report.views_added == 6


def test_ingest_of_an_analytics_export(store: Store, tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text("path,day,views\n/2026/11/y/,2026-11-17,40\n/2026/12/later/,2026-12-30,9\n", encoding="utf-8")
    report = ingest(store, CONFIG, [], [str(export)], NOW)
    assert report.csv.rows == 2 and report.csv.views == 40 and report.csv.future.count == 1  # the 30th: set aside
    lists = publish(ARTICLES, store, CONFIG, NOW, "", "pv").lists
    assert [(e.article.url, e.views) for e in lists.site.entries] == [("2026/11/y/", 40)]


def test_publish_without_a_store_lists_the_latest_stories() -> None:
    ranking = publish(ARTICLES, None, CONFIG, NOW, "/news", "data/pv.sqlite3")
    expected = build_lists(ARTICLES, [], None, most_read_settings.rank_settings(CONFIG), "data/pv.sqlite3")
    assert ranking.lists == expected and not ranking.lists.site.ranked
    assert ranking.lists.warnings == (
        "Most read: no page views in data/pv.sqlite3; listing the latest stories instead.",
    )
    assert ranking.document == most_read_document(expected, "/news", CONFIG.window_days)
    assert json.loads(ranking.document)["items"][0]["url"] == "/news/2026/11/x/"


def test_publish_ranks_by_the_views_in_the_store(store: Store, tmp_path: Path) -> None:
    ingest(store, CONFIG, [str(access_log(tmp_path))], [], NOW)
    ranking = publish(ARTICLES, store, CONFIG, NOW, "", "pv")
    document = json.loads(ranking.document)
    assert document["ranked"] and [(i["url"], i["views"]) for i in document["items"]] == [
        ("/2026/11/x/", 4),
        ("/2026/11/z/", 2),
    ]
    # a section with fewer than three ranked stories shows the site's list, not a one-item list of its own
    assert document["sections"]["ai"]["heading"] == "Most read"
    assert document["sections"]["ai"]["items"] == document["items"]
    assert document["sections"]["security"]["items"][0]["url"] == "/2026/11/x/"


class Locks:
    """A site lock that records what it was asked to hold, and whether the list was written inside it."""

    def __init__(self) -> None:
        self.held: list[Path] = []
        self.written_inside = False

    @contextlib.contextmanager
    def __call__(self, output: Path) -> Iterator[None]:
        self.held.append(output)
        yield
        self.written_inside = (output / JSON_NAME).is_file()


def test_refresh_rewrites_the_list_of_a_built_site(store: Store, tmp_path: Path) -> None:
    output = tmp_path / "output"
    output.mkdir()
    (output / INDEX_NAME).write_bytes(index_document(ARTICLES, "/news"))
    (output / JSON_NAME).write_text("old", encoding="utf-8")
    ingest(store, CONFIG, [str(access_log(tmp_path))], [], NOW)
    locks = Locks()
    refreshed = refresh(store, CONFIG, output, "pv", NOW, locks)
    assert locks.held == [output.resolve()] and locks.written_inside
    assert refreshed.warnings == ()
    assert refreshed.message == (
        f"Most read: rewrote {output / JSON_NAME} (2026-11-11T08:00:00Z to 2026-11-18T08:00:00Z, 3 articles)"
    )
    assert (output / JSON_NAME).read_bytes() == publish(ARTICLES, store, CONFIG, NOW, "/news", "pv").document
    assert sorted(p.name for p in output.iterdir()) == sorted([JSON_NAME, INDEX_NAME])  # no temporary left


def test_the_build_and_the_refresh_publish_the_same_list(store: Store, tmp_path: Path) -> None:
    from most_read.plugin import rank_from_store  # noqa: PLC0415 - imports Pelican

    ingest(store, CONFIG, [str(access_log(tmp_path))], [], NOW)
    config = replace(CONFIG, db=str(tmp_path / "pv.sqlite3"))  # the store the fixture opened
    built = rank_from_store(ARTICLES, config, NOW)
    assert built.lists.site.ranked
    (tmp_path / INDEX_NAME).write_bytes(index_document(ARTICLES, config.site_path))
    refresh(store, config, tmp_path, config.db, NOW, Locks())
    assert (tmp_path / JSON_NAME).read_bytes() == built.document
    assert rank_from_store(ARTICLES, replace(CONFIG, db=str(tmp_path / "none.sqlite3")), NOW).lists.warnings
    with pytest.raises(StoreError, match="a folder"):
        rank_from_store(ARTICLES, replace(CONFIG, db=str(tmp_path)), NOW)


def test_refresh_of_a_site_not_built_or_with_a_broken_index(store: Store, tmp_path: Path) -> None:
    locks = Locks()
    missing = refresh(store, CONFIG, tmp_path / "none", "pv", NOW, locks)
    assert missing.message.endswith(
        "most-read-articles.json not found; build the site (make html) to publish the list."
    )
    assert locks.held == []  # nothing to write: no lock taken
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / INDEX_NAME).write_text('{"version": 2}', encoding="utf-8")
    refreshed = refresh(store, CONFIG, broken, "pv", NOW, locks)
    assert "is not an article index (version 2, expected 1); rebuild the site." in refreshed.message
    assert not (broken / JSON_NAME).exists()


def test_refresh_with_an_empty_store_lists_the_latest_and_warns(store: Store, tmp_path: Path) -> None:
    (tmp_path / INDEX_NAME).write_bytes(index_document(ARTICLES, ""))
    refreshed = refresh(store, CONFIG, tmp_path, "pv", NOW, Locks())
    assert refreshed.message.endswith("(latest stories, 3 articles)")
    assert refreshed.warnings == ("Most read: no page views in pv; listing the latest stories instead.",)


def test_write_atomic_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "most-read.json"
    target.write_bytes(b"old")
    write_atomic(target, b'{"new": true}\n')
    assert target.read_bytes() == b'{"new": true}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["most-read.json"]

"""Articles work out the path of their source file once, with Pelican's answer."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
from engine import contents
from engine.contents import ContentReaders, NewsroomArticle
from engine.context import start
from pelican.contents import Article, Page
from pelican.settings import DEFAULT_CONFIG


def _pair(tmp_path: Path) -> tuple[Article, NewsroomArticle]:
    settings = {**DEFAULT_CONFIG, "PATH": str(tmp_path)}
    metadata = {"title": "A story", "date": datetime(2026, 11, 28, 9, 30), "slug": "a-story"}
    source = str(tmp_path / "articles" / "2026" / "a-story.md")
    return (Article("<p>Body</p>", dict(metadata), settings, source),
            NewsroomArticle("<p>Body</p>", dict(metadata), settings, source))  # fmt: skip


def test_the_relative_source_path_is_pelicans_and_is_worked_out_once(tmp_path: Path, monkeypatch) -> None:
    pelicans, ours = _pair(tmp_path)
    assert ours.get_relative_source_path() == pelicans.get_relative_source_path() == "articles/2026/a-story.md"
    assert (ours.url, ours.save_as) == (pelicans.url, pelicans.save_as)
    calls = []
    real = os.path.relpath
    monkeypatch.setattr(os.path, "relpath", lambda *a: calls.append(a) or real(*a))
    for _ in range(5):
        assert ours.get_relative_source_path() == "articles/2026/a-story.md"
        ours.save_as  # noqa: B018 - formats the pattern with the path
    assert calls == []
    other = str(tmp_path / "images" / "x.png")  # another file's path is still worked out as Pelican does
    assert ours.get_relative_source_path(other) == "images/x.png" and len(calls) == 1


@pytest.mark.parametrize(
    "source",
    [
        "articles/2026/a-story.md",
        "articles/../articles/2026/a-story.md",  # not normalised: left to relpath
        "articles//2026/a-story.md",
        "../outside/a-story.md",  # outside the content folder
        "articles/2026/ünïcode story.md",
    ],
)
def test_the_quick_relative_path_agrees_with_pelicans(tmp_path: Path, source: str) -> None:
    settings = {**DEFAULT_CONFIG, "PATH": str(tmp_path / "content")}
    metadata = {"title": "A story", "date": datetime(2026, 11, 28, 9, 30), "slug": "a-story"}
    path = str(tmp_path / "content") + "/" + source
    pelicans = Article("<p>Body</p>", dict(metadata), settings, path)
    ours = NewsroomArticle("<p>Body</p>", dict(metadata), settings, path)
    assert ours.get_relative_source_path() == pelicans.get_relative_source_path()
    relative = NewsroomArticle("<p>Body</p>", dict(metadata), settings, source)  # a relative source path
    assert (
        relative.get_relative_source_path()
        == Article("<p>Body</p>", dict(metadata), settings, source).get_relative_source_path()
    )
    assert (
        contents.under(str(tmp_path / "content"), str(tmp_path / "contents" / "x.md")) is None
    )  # a prefix, not the folder


class _Readers:
    def __init__(self) -> None:
        self.asked: list[type] = []
        self.reader_classes = {"md": object}
        self.settings = {"TYPOGRIFY": True}  # with typogrify, Pelican's own read_file (this one) runs

    def read_file(self, base_path: str, path: str, content_class: type = Page, **kwargs: object) -> type:
        self.asked.append(content_class)
        return content_class


@pytest.mark.parametrize(("asked", "made"), [(Article, NewsroomArticle), (Page, Page)])
def test_readers_make_newsroom_articles_where_pelican_asks_for_articles(asked: type, made: type) -> None:
    readers = ContentReaders(_Readers())
    assert readers.read_file("base", "a.md", content_class=asked, context={}) is made
    assert readers.reader_classes == {"md": object}  # everything else is Pelican's readers'
    assert contents.KEPT.startswith("_")


def test_static_files_share_category_and_author_and_keep_pelicans_paths(tmp_path: Path) -> None:
    from pelican.contents import Static  # noqa: PLC0415
    from pelican.urlwrappers import Category  # noqa: PLC0415

    settings = {**DEFAULT_CONFIG, "PATH": str(tmp_path), "AUTHOR": "The Desk",
                "STATIC_SAVE_AS": "static/{path}", "STATIC_URL": "static/{path}"}  # fmt: skip
    made = []
    for name in ("a.png", "b.png"):
        source = str(tmp_path / "images" / "2026" / name)
        metadata = {"title": name, "category": Category("2026", settings)}
        pelicans = Static(None, dict(metadata), settings, source)
        ours = contents.NewsroomStatic(None, {"title": name, "category": Category("2026", settings)}, settings, source)
        assert (ours.save_as, ours.url) == (pelicans.save_as, pelicans.url) == (f"static/images/2026/{name}",) * 2
        assert (ours.category.slug, ours.author.name) == (pelicans.category.slug, pelicans.author.name)
        made.append(ours)
    assert made[0].category is made[1].category and made[0].author is made[1].author
    other = {**settings}  # another build (a context of its own) gets wrappers of its own
    start(other)
    third = contents.NewsroomStatic(None, {"title": "c", "category": Category("2026", other)}, other, source)
    assert third.category is not made[0].category and third.category.settings is other
    readers = ContentReaders(_Readers())
    assert readers.read_file("base", "a.png", content_class=Static, context={}) is contents.NewsroomStatic

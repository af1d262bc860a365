"""The engine reads a source file into the content object Pelican's own read_file makes, with less work."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import pytest
from engine.contents import ContentReaders, NewsroomArticle, NewsroomStatic
from engine.reading import SourceReading
from pelican import signals
from pelican.contents import Article, Page, SkipStub, Static
from pelican.readers import MarkdownReader, Readers
from pelican.settings import DEFAULT_CONFIG

FILES = {
    "2026/plain.md": "Title: Plain\nDate: 2026-11-28 09:30\nCategory: News\n\nA body.\n",
    "2026/2026-11-27-dated-by-name.md": "Title: Dated by its name\nTags: one, two\n\nA body.\n",
    "2026/empty-alt.html": '<html><head><title>Pictured</title></head><body><img src="a.png" alt=""></body></html>',
    "2026/skipped.md": "Title: Skipped\nDate: 2026-11-28\nStatus: skip\n\nA body.\n",
    "top.md": "Title: At the top\nDate: 2026-11-28\n\nNo folder, no section from it.\n",
    "notes/writers/guide.md": "Title: Guide\nDate: 2026-11-28\nAuthors:\n\nAn empty author line is dropped.\n",
    "images/2026/a.png": "not read: static",
}
SETTINGS: dict[str, Any] = {
    "DEFAULT_METADATA": {"authors": "  ", "tags": "house, style", "region": "Europe"},  # blank authors: dropped
    "EXTRA_PATH_METADATA": {"notes/": {"kind": "note"}, "top.md": {"pinned": "yes"}},
    "PATH_METADATA": r"(?P<shelf>[^/]+)/.*",
    "CACHE_CONTENT": False,
    # Pelican's Readers takes every BaseReader subclass imported in the process: once another test has
    # imported the newsroom's reader, it would read Markdown here unless Pelican's own is named.
    "READERS": dict.fromkeys(MarkdownReader.file_extensions, MarkdownReader),
}


def _site(tmp_path: Path, **extra: Any) -> dict[str, Any]:
    for rel, text in FILES.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    return {**DEFAULT_CONFIG, "PATH": str(tmp_path), "CACHE_PATH": str(tmp_path / "cache"), **SETTINGS, **extra}


def _shown(content: Any, base: Path) -> tuple[Any, ...]:
    if isinstance(content, SkipStub):
        return ("skipped",)
    metadata = [(key, type(value).__name__, str(value)) for key, value in content.metadata.items()]
    return (
        type(content).__name__,
        os.path.relpath(content.source_path, base),
        getattr(content, "_content", None),
        metadata,
    )


def _read(readers: Any, base: str, rel: str, content_class: type) -> Any:
    fmt = "static" if content_class is Static else None
    return readers.read_file(base_path=base, path=rel, content_class=content_class, fmt=fmt, context={},
                             preread_signal=signals.article_generator_preread, preread_sender="generator",
                             context_signal=signals.article_generator_context, context_sender="generator")  # fmt: skip


@pytest.mark.parametrize("rel", sorted(FILES))
def test_each_file_reads_into_what_pelicans_read_file_makes(tmp_path: Path, rel: str, caplog) -> None:
    # two copies of the site: Pelican's log filter drops a warning it has given once
    theirs, ours = tmp_path / "theirs", tmp_path / "ours"
    content_class = Static if rel.startswith("images/") else Page
    with caplog.at_level(logging.WARNING):
        pelicans = _read(Readers(_site(theirs), "pelican"), str(theirs), rel, content_class)
        reading = SourceReading(Readers(_site(ours), "engine"))
        assert reading.applies
        engines = _read(reading, str(ours), rel, content_class)
    warned = [r.getMessage().replace(str(tmp_path), "") for r in caplog.records]
    if rel.endswith("empty-alt.html"):
        assert warned == [f"Empty alt attribute for image a.png in /{side}/{rel}" for side in ("theirs", "ours")]
    else:
        assert warned == []
    assert _shown(engines, ours) == _shown(pelicans, theirs)
    assert (type(engines) is SkipStub) == (rel == "2026/skipped.md")


def test_signals_are_sent_as_pelicans_and_a_handler_changes_the_metadata(tmp_path: Path) -> None:
    settings = _site(tmp_path)
    sent: list[tuple[str, Any]] = []

    def context(sender: Any, metadata: dict[str, Any]) -> None:
        sent.append(("context", sender))
        metadata["title"] = "Changed by a plugin"

    signals.article_generator_preread.connect(preread := lambda sender: sent.append(("preread", sender)))
    signals.article_generator_context.connect(context)
    try:
        article = _read(SourceReading(Readers(settings, "engine")), str(tmp_path), "2026/plain.md", Article)
    finally:
        signals.article_generator_preread.disconnect(preread)
        signals.article_generator_context.disconnect(context)
    assert sent == [("preread", "generator"), ("context", "generator")]
    assert article.title == "Changed by a plugin"


def test_no_relative_path_search_and_no_cache_stamps_per_file(tmp_path: Path, monkeypatch) -> None:
    settings = _site(tmp_path)
    readers = ContentReaders(Readers(settings, "engine"))
    calls: list[str] = []
    for name in ("relpath", "getmtime"):
        real = getattr(os.path, name)
        monkeypatch.setattr(os.path, name, lambda *a, _real=real, _name=name: calls.append(_name) or _real(*a))
    article = _read(readers, str(tmp_path), "2026/plain.md", Article)
    static = _read(readers, str(tmp_path), "images/2026/a.png", Static)
    assert (type(article), type(static)) == (NewsroomArticle, NewsroomStatic)
    assert calls == []  # Pelican's: a relpath and two modification times for each file


@pytest.mark.parametrize(
    "setting",
    [{"TYPOGRIFY": True}, {"CACHE_CONTENT": True, "CONTENT_CACHING_LAYER": "reader"},
     {"LOAD_CONTENT_CACHE": True, "CONTENT_CACHING_LAYER": "reader"}],
)  # fmt: skip
def test_pelicans_own_read_file_runs_where_it_would_answer_otherwise(tmp_path: Path, setting: dict[str, Any]) -> None:
    readers = Readers(_site(tmp_path, **setting), "engine")
    assert not SourceReading(readers).applies
    if "TYPOGRIFY" in setting:
        return  # typogrify is not installed here: Pelican's read_file would fail on importing it
    asked: list[str] = []
    real = readers.read_file
    readers.read_file = lambda base, path, **k: asked.append(path) or real(base, path, **k)  # type: ignore[method-assign]
    _read(ContentReaders(readers), str(tmp_path), "2026/plain.md", Article)
    assert asked == ["2026/plain.md"]

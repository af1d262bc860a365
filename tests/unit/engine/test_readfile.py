"""Reading a file gives what Pelican's ``Readers.read_file`` gives, with the settings' and folders' part made once."""

from __future__ import annotations

import logging
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from common.files import read_bytes
from engine.contents import ContentReaders
from engine.readfile import FileReading
from pelican import signals
from pelican.contents import Article, SkipStub, Static
from pelican.log import LimitFilter
from pelican.readers import MarkdownReader, Readers
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import URLWrapper

FILES = {
    "2026/2026-11-28-chip-shortage.md": "Title: Chip shortage\nDate: 2026-11-28 09:30\n\nText "
    '<img src="a.png" alt=""> and <img alt="" src="b.png">.\n',
    "2026/markets.md": "Title: Markets\nDate: 2026-11-27\nTags: chips, trade\n\nNo images here.\n",
    "top.md": "Title: Top\nDate: 2026-01-02\n\nAt the top of the content folder.\n",
    "drafts/skip-me.md": "Title: Skipped\nDate: 2026-01-02\nStatus: skip\n\nNot published.\n",
    "2026/2026-11-20/dated-folder.md": "Title: Dated folder\n\nNo date of its own.\n",
}
IMAGES = ("images/2026/a.png", "images/2026/b.png", "images/2025-05-01-c.png", "images/x.png")

VARIANTS = {
    "pelican defaults": {},
    "path patterns and defaults": {
        "PATH_METADATA": r"(?P<category>[^/]*)/(?P<date>\d{4}-\d{2}-\d{2})/.*",
        "FILENAME_METADATA": r"(?P<slug>[^.]*)",
        "DEFAULT_METADATA": {"tags": "desk, wire", "status": "draft"},
        "EXTRA_PATH_METADATA": {"images/x.png": {"title": "X marks"}, "2026": {"lang": "fr"}},
        "DEFAULT_DATE": "fs",
    },
    "no folder sections": {"USE_FOLDER_AS_CATEGORY": False, "DEFAULT_DATE": (2020, 1, 1), "FILENAME_METADATA": ""},
    "empty default category": {"DEFAULT_CATEGORY": " ", "CATEGORY_SAVE_AS": "section/{slug}/index.html"},
}


@pytest.fixture(autouse=True)
def _pelicans_readers_only():
    """Pelican's own readers for these files: a plugin loaded by another test adds its Markdown reader."""
    with signals.readers_init.muted():
        yield


# Pelican registers every imported reader class; the newsroom's also claims these extensions
PELICAN_MARKDOWN = {"READERS": dict.fromkeys(MarkdownReader.file_extensions, MarkdownReader)}


def _site(tmp_path: Path) -> Path:
    for rel, text in FILES.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    for rel in IMAGES:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"\x89PNG\r\n\x1a\n")
    for rel in [*FILES, *IMAGES]:  # the same file times in every copy (DEFAULT_DATE = "fs" reads them)
        os.utime(tmp_path / rel, (1_790_000_000, 1_790_000_000))
    return tmp_path


def _plain(value: Any) -> Any:
    if isinstance(value, URLWrapper):
        return (type(value).__name__, value.name, value.slug)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class _Signal:
    def __init__(self, name: str, sent: list[tuple[str, Any, Any]]) -> None:
        self.name, self._sent = name, sent

    def send(self, sender: Any, **kwargs: Any) -> None:
        metadata = kwargs.get("metadata")
        self._sent.append((self.name, sender, list(metadata) if metadata is not None else None))


def _read(read_file: Any, base: Path, rel: str) -> tuple[Any, list[tuple[str, Any, Any]]]:
    sent: list[tuple[str, Any, Any]] = []
    image = rel.startswith("images/")
    made = read_file(
        base_path=str(base), path=rel, content_class=Static if image else Article,
        fmt="static" if image else None, context={},
        preread_signal=_Signal("preread", sent), preread_sender="generator",
        context_signal=_Signal("context", sent), context_sender="generator",
    )  # fmt: skip
    return made, sent


def _seen(made: Any, base: Path) -> Any:
    where = os.path.relpath(made.source_path, base)
    if isinstance(made, SkipStub):
        return ("skip", where)
    metadata = {k: _plain(v) for k, v in made.metadata.items()}
    return (type(made).__name__, list(made.metadata), metadata, made.content, where, made.save_as, made.url,
            _plain(getattr(made, "category", None)), made.status)  # fmt: skip


def _fresh_log() -> None:
    """Pelican's log drops a warning it gave before and groups the sixth of a kind: start afresh."""
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()


def _warnings(caplog: Any, base: Path) -> list[str]:
    return [r.getMessage().replace(str(base), "<content>") for r in caplog.records if r.levelno >= logging.WARNING]


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_file_is_read_as_pelican_reads_it(tmp_path: Path, variant: str, caplog) -> None:
    theirs, base = _site(tmp_path / "pelican"), _site(tmp_path / "ours")
    settings = {**DEFAULT_CONFIG, **PELICAN_MARKDOWN, "OUTPUT_PATH": str(tmp_path / "out"), **VARIANTS[variant]}
    pelicans, ours = Readers({**settings, "PATH": str(theirs)}), FileReading(Readers({**settings, "PATH": str(base)}))
    assert ours.applies
    for rel in [*FILES, *IMAGES]:
        caplog.clear()
        _fresh_log()
        expected, expected_sent = _read(pelicans.read_file, theirs, rel)
        expected_warnings = _warnings(caplog, theirs)
        caplog.clear()
        _fresh_log()
        made, sent = _read(ours.read_file, base, rel)
        assert _seen(made, base) == _seen(expected, theirs), rel
        assert sent == expected_sent, rel  # the same signals, in the same order, with the same metadata keys
        assert _warnings(caplog, base) == expected_warnings, rel


def test_the_empty_alt_text_warning_is_pelicans(tmp_path: Path, caplog) -> None:
    base = _site(tmp_path / "content")
    ours = FileReading(Readers({**DEFAULT_CONFIG, **PELICAN_MARKDOWN, "PATH": str(base)}))
    _fresh_log()
    _read(ours.read_file, base, "2026/2026-11-28-chip-shortage.md")
    warned = [r.getMessage() for r in caplog.records if "Empty alt" in r.getMessage()]
    assert len(warned) == 2 and "a.png" in warned[0] and "b.png" in warned[1]


def test_folder_sections_and_settings_defaults_are_made_once_and_lists_are_each_files_own(tmp_path: Path) -> None:
    base = _site(tmp_path / "content")
    settings = {**DEFAULT_CONFIG, **PELICAN_MARKDOWN, "PATH": str(base), "DEFAULT_METADATA": {"tags": "desk, wire"}}
    ours = FileReading(Readers(settings))
    first, _ = _read(ours.read_file, base, "images/2026/a.png")
    second, _ = _read(ours.read_file, base, "images/2026/b.png")
    assert first.metadata["category"] is second.metadata["category"]  # one "2026" section for the folder
    assert first.metadata["tags"] == second.metadata["tags"] and first.metadata["tags"] is not second.metadata["tags"]
    first.tags.append("changed")
    assert len(second.tags) == 2


def test_an_unknown_format_is_refused_as_pelican_refuses_it(tmp_path: Path) -> None:
    base = _site(tmp_path / "content")
    ours = FileReading(Readers({**DEFAULT_CONFIG, **PELICAN_MARKDOWN, "PATH": str(base)}))
    with pytest.raises(TypeError):
        ours.read_file(str(base), "top.md", content_class=Article, fmt="docx")


def test_typogrify_leaves_reading_to_pelican(tmp_path: Path, monkeypatch) -> None:
    base = _site(tmp_path / "content")
    settings = {**DEFAULT_CONFIG, **PELICAN_MARKDOWN, "PATH": str(base), "TYPOGRIFY": True}
    assert not FileReading(Readers(settings)).applies
    readers = Readers(settings)
    asked = []
    monkeypatch.setattr(readers, "read_file", lambda *a, **k: asked.append(k["content_class"]) or "pelican's")
    assert ContentReaders(readers).read_file(str(base), "top.md", content_class=Article) == "pelican's"
    assert asked and asked[0].__name__ == "NewsroomArticle"


def test_pelicans_content_cache_is_asked_and_filled(tmp_path: Path) -> None:
    base = _site(tmp_path / "content")
    settings = {**DEFAULT_CONFIG, **PELICAN_MARKDOWN, "PATH": str(base), "CACHE_PATH": str(tmp_path / "cache"),
                "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CONTENT_CACHING_LAYER": "reader"}  # fmt: skip
    readers = Readers(settings, cache_name="ArticlesGenerator")
    made, _ = _read(FileReading(readers).read_file, base, "top.md")
    assert readers.get_cached_data(os.path.join(str(base), "top.md"))[0] == made.content
    assert made.date.date() == date(2026, 1, 2)


@pytest.mark.parametrize("size", [0, 1, 65_535, 65_536, 200_001])
def test_files_are_read_whole(tmp_path: Path, size: int) -> None:
    data = bytes(range(256)) * (size // 256) + b"\xff" * (size % 256)
    (tmp_path / "story.md").write_bytes(data)
    assert read_bytes(str(tmp_path / "story.md")) == data


def test_a_missing_file_or_a_folder_raises_as_open_does(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_bytes(str(tmp_path / "gone.md"))
    with pytest.raises(IsADirectoryError):
        read_bytes(str(tmp_path))

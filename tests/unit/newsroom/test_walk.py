"""The content folder's files are listed once, links refused, unreadable folders reported."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from newsroom.walk import markdown_sources, scan_files


def test_every_file_is_listed_and_links_are_refused_not_followed(tmp_path: Path) -> None:
    problems: list[Any] = []
    (tmp_path / "articles" / "2026").mkdir(parents=True)
    (tmp_path / "articles" / "2026" / "a.md").write_text("a")
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "hero.png").write_bytes(b"png")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref")
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "secret.md").write_text("s")
    (tmp_path / "articles" / "linked").symlink_to(outside)
    (tmp_path / "images" / "leak.png").symlink_to(outside / "secret.md")
    assert scan_files(str(tmp_path), problems) == {"articles/2026/a.md", "images/hero.png"}
    assert sorted(p.path for p in problems) == ["articles/linked", "images/leak.png"]
    assert all("symbolic link" in p.message for p in problems)


def test_a_folder_that_cannot_be_read_is_a_problem_not_a_silent_gap(tmp_path: Path, monkeypatch) -> None:
    problems: list[Any] = []
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.md").write_text("a")
    (tmp_path / "b.md").write_text("b")
    real = os.scandir

    def scandir(path: str) -> object:
        if Path(path).name == "articles":  # as a folder without read permission does for a normal user
            raise PermissionError(13, "Permission denied", path)
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert scan_files(str(tmp_path), problems) == {"b.md"}
    assert [p.path for p in problems] == ["articles"] and "could not be read" in problems[0].message


def test_sources_are_pages_under_page_paths_and_articles_elsewhere_but_excluded_and_hidden() -> None:
    found = ["pages/about.md", "2026/a.md", "2026/B.MARKDOWN", "images/x.md", "2026/.draft.md", ".hidden/c.md",
             "2026/hero.png", "notes.txt"]  # fmt: skip
    settings = {"PAGE_PATHS": ["pages"], "ARTICLE_EXCLUDES": ["pages", "images"]}
    assert markdown_sources(found, settings) == [("2026/B.MARKDOWN", "article"), ("2026/a.md", "article"),
                                                 ("pages/about.md", "page")]  # fmt: skip

"""The content folder's files are listed once, links refused, unreadable folders reported."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from newsroom.state import STATE


def _plugin() -> Any:
    # imported when a test runs, not when the suite is collected: importing it registers the
    # newsroom's Markdown reader with Pelican, which other modules' tests do not expect
    from newsroom import plugin  # noqa: PLC0415

    return plugin


def test_every_file_is_listed_and_links_are_refused_not_followed(tmp_path: Path) -> None:
    STATE.__init__()
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
    assert _plugin()._scan_files(str(tmp_path)) == {"articles/2026/a.md", "images/hero.png"}
    assert sorted(p.path for p in STATE.problems) == ["articles/linked", "images/leak.png"]
    assert all("symbolic link" in p.message for p in STATE.problems)


def test_a_folder_that_cannot_be_read_is_a_problem_not_a_silent_gap(tmp_path: Path, monkeypatch) -> None:
    STATE.__init__()
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.md").write_text("a")
    (tmp_path / "b.md").write_text("b")
    real = os.scandir

    def scandir(path: str) -> object:
        if Path(path).name == "articles":  # as a folder without read permission does for a normal user
            raise PermissionError(13, "Permission denied", path)
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert _plugin()._scan_files(str(tmp_path)) == {"b.md"}
    assert [p.path for p in STATE.problems] == ["articles"] and "could not be read" in STATE.problems[0].message

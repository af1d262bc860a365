"""Shared fixtures: a small content folder, the sample site built once, a browser and a server for it.

The helpers these fixtures use, and every other helper tests share, live in ``support/``."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from support.builds import ROOT, PNG_16x9, article_text, build


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Path]:
    """Write a small valid content folder; pass {relative path: text} to add or replace files."""

    def factory(files: dict[str, str | bytes] | None = None, count: int = 3) -> Path:
        content = tmp_path / "content"
        (content / "images").mkdir(parents=True, exist_ok=True)
        (content / "images" / "hero.png").write_bytes(PNG_16x9)
        (content / "authors.toml").write_text(
            textwrap.dedent("""\
            [[author]]
            name = "Ada Lovelace"
            role = "Security Editor"
            bio = "Writes about engines."
            """),
            encoding="utf-8",
        )
        for i in range(count):
            path = content / "articles" / f"story-{i}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(article_text(f"Story number {i}", date=f"2026-11-{10 + i} 09:30"), encoding="utf-8")
        for rel, text in (files or {}).items():
            target = content / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                target.write_bytes(text)
            else:
                target.write_text(text, encoding="utf-8")
        return content

    return factory


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own sample content, built once for the whole session."""
    output = tmp_path_factory.mktemp("sample") / "output"
    result = build(ROOT / "content", output)
    assert result.returncode == 0, result.stderr
    return output


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    """A browser module's ``site`` fixture, served on localhost."""
    from support.browser import served  # noqa: PLC0415

    with served(site) as url:
        yield url


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Headless Chromium for one browser test module (which calls require_browser() first)."""
    from support.browser import chrome  # noqa: PLC0415

    browser = chrome(tmp_path_factory.mktemp("chromium-profile"))
    yield browser
    browser.quit()

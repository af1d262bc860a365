"""A newsroom's first day: a site with one story, or none yet, builds; a first story with a
mistake gets its own message, not a crash from further down the build."""

from __future__ import annotations

from pathlib import Path

from support.builds import article_text, build


def test_a_site_with_one_story_builds(make_site, tmp_path: Path) -> None:
    content = make_site(count=1)
    output = tmp_path / "output"

    result = build(content, output)

    assert result.returncode == 0, result.stderr
    page = next(output.rglob("story-number-0/index.html")).read_text(encoding="utf-8")
    assert "Story number 0" in page


def test_a_site_with_no_story_yet_builds(make_site, tmp_path: Path) -> None:
    content = make_site(count=0)
    output = tmp_path / "output"

    result = build(content, output)

    assert result.returncode == 0, result.stderr
    assert (output / "index.html").is_file()


def test_the_only_story_in_an_unknown_section_is_named_with_its_fix(make_site, tmp_path: Path) -> None:
    content = make_site({"articles/first.md": article_text("Our first story", Category="News")}, count=0)
    output = tmp_path / "output"

    result = build(content, output)

    assert result.returncode != 0
    assert "first.md" in result.stderr and "'News' is not a section of this site" in result.stderr
    assert "Fix:" in result.stderr
    assert "Error" not in result.stderr.replace("error:", ""), result.stderr  # no exception's name
    assert not output.exists()

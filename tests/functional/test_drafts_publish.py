"""Drafts and hidden stories claim a URL only in a build that writes them."""

from __future__ import annotations

from pathlib import Path

from support.builds import ROOT, article_text, build, run_newsdesk
from support.commands import publish


def scaffold(content: Path, title: str) -> None:
    """``make article TITLE=…`` into ``content``: a new story with every field, as a draft."""
    conf = content.parent / "scaffold_conf.py"
    conf.write_text(f"from pelicanconf import *\nPATH = {str(content)!r}\n")
    result = run_newsdesk("article", "--settings", str(conf), "--title", title, "--section", "Hardware",
                          "--authors", "Ada Lovelace",
                          env={"PYTHONPATH": str(ROOT)})  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_make_publish_with_several_drafts_builds_without_them(make_site, tmp_path: Path) -> None:
    content = make_site()
    scaffold(content, "Chipmaker confirms layoffs")
    scaffold(content, "Regulator opens cloud inquiry")
    drafts = sorted((content / "articles").rglob("*.md"))
    assert sum("Status: draft" in p.read_text() for p in drafts) == 2

    output = tmp_path / "output"
    result = publish(content, output)

    assert result.returncode == 0, result.stderr
    assert "same URL" not in result.stderr
    assert "Publish checks passed" in result.stderr
    assert not (output / "drafts").exists()
    assert not list(output.rglob("chipmaker-confirms-layoffs*"))
    check = run_newsdesk("check", "--settings", "publishconf.py", "--input", str(content))
    assert "same URL" not in check.stdout, check.stdout


def test_drafts_on_the_same_draft_url_are_reported_where_drafts_are_written(make_site, tmp_path: Path) -> None:
    same = {"Status": "draft", "Slug": "leak"}
    content = make_site(
        {
            "articles/leak-1.md": article_text("Leak one", date="2026-10-01 09:00", **same),
            "articles/leak-2.md": article_text("Leak two", date="2026-11-01 09:00", **same),
        }
    )
    result = build(content, tmp_path / "output")
    assert result.returncode != 0
    assert (
        "articles/leak-1.md:11: error: [Slug] has the same URL (drafts/leak/index.html) as articles/leak-2.md"
        in result.stderr
    )
    assert publish(content, tmp_path / "published").returncode == 0


def test_a_hidden_story_on_a_published_url_is_reported_by_make_publish(make_site, tmp_path: Path) -> None:
    content = make_site(
        {
            "articles/hidden.md": article_text(
                "Hidden copy", date="2026-11-10 12:00", slug="story-number-0", Status="hidden"
            )
        }
    )
    result = publish(content, tmp_path / "output")
    assert result.returncode != 0
    assert "articles/hidden.md:11: error: [Slug] has the same URL (2026/11/story-number-0/index.html)" in result.stderr

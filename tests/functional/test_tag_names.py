"""Tags are shown as first written, or as the optional tag registry (content/tags.toml) names them."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from support.builds import article_text, build


def heading(output: Path, slug: str) -> str:
    page = output / "tag" / slug / "index.html"
    return BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").find("h1").get_text(strip=True)


def test_a_tag_keeps_its_first_spelling_or_the_registry_name(make_site, tmp_path: Path) -> None:
    content = make_site(
        {
            "articles/a.md": article_text("A", Tags="supply chain, ci/cd, it projects"),
            "articles/b.md": article_text("B", Tags="Supply-Chain, CI/CD", slug="b"),
            "tags.toml": '[[tag]]\nname = "CI/CD"\n\n[[tag]]\nname = "IT projects"\n',
        }
    )
    output = tmp_path / "output"
    result = build(content, output)
    assert result.returncode == 0, result.stderr
    assert heading(output, "supply-chain") == "supply chain"  # a.md comes first, and the registry is silent
    assert heading(output, "cicd") == "CI/CD" and heading(output, "it-projects") == "IT projects"
    story = BeautifulSoup((output / "2026" / "11" / "b" / "index.html").read_text(encoding="utf-8"), "lxml")
    shown = [a.get_text(strip=True) for a in story.select('a[href*="/tag/"]')]
    assert "supply chain" in shown and "CI/CD" in shown and "Supply-Chain" not in shown


def test_a_registry_name_that_would_move_the_tag_page_stops_the_build(make_site, tmp_path: Path) -> None:
    content = make_site({"tags.toml": '[[tag]]\nname = "Testing tools"\nslug = "testing"\n'})
    output = tmp_path / "output"
    result = build(content, output)
    assert result.returncode != 0
    assert "tags.toml" in result.stderr and "tag[0].slug" in result.stderr
    assert "'testing' is not the slug of 'Testing tools'" in result.stderr
    assert not (output / "index.html").exists()

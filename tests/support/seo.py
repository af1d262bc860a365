"""Sites built with the seo plugin (and search, as on the real site): their settings, a small site of edge
cases, and the JSON-LD read back from a page."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from support.builds import PNG_16x9, article_text, build, tree_digest, write_conf

PLUGINS = ["newsroom", "feeds", "seo", "search"]  # search on: its page is noindex, the WebSite can be searched
DIRECT = ["index", "archives", "tags", "categories", "authors", "notfound", "search"]
EVIL = """Hack </script><script>alert(1)</script> "quoted" & 'single' <b>bold</b>"""


def seo_conf(folder: Path, **overrides: object) -> Path:
    settings: dict[str, object] = {
        "PLUGINS": PLUGINS,
        "DIRECT_TEMPLATES": DIRECT,
        "SEARCH_SAVE_AS": "search/index.html",
        "SEARCH_URL": "search/",
        "SEO_TWITTER_SITE": "@dailydiff",
    }
    settings.update(overrides)
    return write_conf(folder, **settings)


def json_ld(doc: BeautifulSoup) -> list[dict[str, Any]]:
    return [json.loads(s.string) for s in doc.find_all("script", type="application/ld+json")]


def of_type(doc: BeautifulSoup, kind: str) -> list[dict[str, Any]]:
    return [d for d in json_ld(doc) if d["@type"] == kind]


def article_pages(output: Path) -> list[Path]:
    return sorted(output.glob("20*/*/*/index.html"))


def write_small_site(content: Path, ties: bool = True) -> None:
    """Edge cases: the news window's boundary, a headline that tries to break out of JSON-LD, a byline
    outside the registry, no hero image, a modified date, equal dates in one section, a draft, a page."""
    (content / "images").mkdir(parents=True)
    (content / "images" / "hero.png").write_bytes(PNG_16x9)
    (content / "authors.toml").write_text(
        textwrap.dedent("""\
        [[author]]
        name = "Ada Lovelace"
        role = "Security Editor"
        bio = "Writes about engines."
        links = [{ label = "Site", url = "https://ada.example.org/" }, { label = "Mail", url = "mailto:a@x.example" }]
        """),
        encoding="utf-8",
    )
    stories = {
        "newest": article_text("Newest story", "2026-11-20 12:00", "newest", Modified="2026-11-20 18:30"),
        "edge": article_text("Exactly two days older", "2026-11-18 12:00", "edge"),
        "outside": article_text("A minute too old", "2026-11-18 11:59", "outside"),
        "evil": article_text(
            EVIL, "2026-11-19 08:00", "evil", Authors="Ada Lovelace, Guest Writer", Category="Cloud", Tags="a & b"
        ),
        "plain": article_text(
            "No picture", "2026-11-19 09:00", "plain", Category="Cloud", Image=None, Image_Alt=None,
            Image_Caption=None, Image_Credit=None,
        ),
        "alpha-tie": article_text("Alpha tie", "2026-11-10 10:00", "alpha-tie", Category="Software"),
        "beta-tie": article_text("Beta tie", "2026-11-10 10:00" if ties else "2026-11-10 11:00", "beta-tie",
                                 Category="Software"),
        "draft": article_text("Unfinished draft", "2026-11-20 13:00", "draft", Status="draft"),
    }  # fmt: skip
    for name, text in stories.items():
        (content / "articles" / f"{name}.md").parent.mkdir(parents=True, exist_ok=True)
        (content / "articles" / f"{name}.md").write_text(text, encoding="utf-8")
    (content / "pages").mkdir()
    (content / "pages" / "about.md").write_text("Title: About us\n\nWho we are.\n", encoding="utf-8")


def refused_over(site: Path, tmp_path: Path, overrides: dict[str, object]) -> str:
    """A build of the small site with ``overrides`` over a copy of ``site``: it fails, leaves the copy as it
    was, and says why (its stderr)."""
    write_small_site(tmp_path / "content")
    output = tmp_path / "out"
    shutil.copytree(site, output)
    result = build(tmp_path / "content", output, settings=str(seo_conf(tmp_path, **overrides)))
    assert result.returncode != 0
    assert tree_digest(output) == tree_digest(site)
    return result.stderr

"""Reading a built site back: its HTML files, the file a link points to, and the checks every build of the
sample content must pass (the plain site's tests and the seo site's run them)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup
from markupsafe import escape
from newsroom.typography import smarten_text
from support.builds import ROOT, front_matter

CONTENT = ROOT / "content"
# How the tag registry names the sample site's topics ("supply chain" is shown "Supply chain").
TAG_NAMES = {t["name"].casefold(): t["name"] for t in tomllib.loads((CONTENT / "tags.toml").read_text())["tag"]}


def published() -> list[dict[str, str]]:
    """The front matter of every published story, its headline and standfirst typeset as the site shows them."""
    items = [front_matter(p) for p in sorted((CONTENT / "articles").rglob("*.md"))]
    return [typeset(m) for m in items if m.get("Status", "published") == "published"]


def typeset(meta: dict[str, str]) -> dict[str, str]:
    shown = {key: smarten_text(meta[key]) for key in ("Title", "Summary") if key in meta}
    return {**meta, **shown, "Raw_Title": meta["Title"]}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def target_file(output: Path, url: str) -> Path:
    path = unquote(urlsplit(url).path)
    file = output / path.lstrip("/")
    return file / "index.html" if path.endswith("/") else file


def html_files(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def every_published_article_is_present_under_its_headline(output: Path) -> None:
    articles = published()
    assert len(articles) >= 15
    for meta in articles:
        year, month = meta["Date"][:4], meta["Date"][5:7]
        page = output / year / month / meta["Slug"] / "index.html"
        assert page.is_file(), meta["Slug"]
        doc = soup(page)
        assert doc.find("h1").get_text(strip=True) == meta["Title"]
        assert doc.select_one(".standfirst").get_text(strip=True) == meta["Summary"]
        figure = doc.select_one("figure.hero")
        assert figure.img["alt"] == meta["Image_Alt"]
        assert meta["Image_Credit"] in figure.figcaption.get_text()


def every_internal_link_and_image_resolves(output: Path) -> None:
    broken = []
    for page in html_files(output):
        doc = soup(page)
        ids = {tag["id"] for tag in doc.find_all(id=True)}
        for tag, attr in (("a", "href"), ("img", "src"), ("link", "href")):
            for element in doc.find_all(tag, attrs={attr: True}):
                url = element[attr]
                if url.startswith(("http://", "https://", "mailto:")):
                    continue
                if url.startswith("#"):
                    if url[1:] not in ids:
                        broken.append((page, url))
                elif not target_file(output, url).is_file():
                    broken.append((page.relative_to(output), url))
    assert broken == []


def bylines_link_to_author_pages(output: Path) -> None:
    registry = {a["name"]: a for a in tomllib.loads((CONTENT / "authors.toml").read_text())["author"]}
    seen = set()
    for meta in published():
        page = output / meta["Date"][:4] / meta["Date"][5:7] / meta["Slug"] / "index.html"
        links = soup(page).select(".story-byline a[rel=author]")
        names = [a.get_text(strip=True) for a in links]
        assert names == [n.strip() for n in meta["Authors"].split(",")]
        for link in links:
            author_page = soup(target_file(output, link["href"]))
            assert author_page.find("h1").get_text(strip=True) == link.get_text(strip=True)
            titles = [a.get_text(strip=True) for a in author_page.select(".story-list .card-title a")]
            assert meta["Title"] in titles
            seen.add(link.get_text(strip=True))
            profile = registry.get(link.get_text(strip=True))
            if profile:
                assert profile["role"] in author_page.get_text()
                assert author_page.select_one("img.author-photo")
    assert set(registry) <= seen


def article_page_has_newsroom_furniture(output: Path) -> None:
    featured = next(m for m in published() if m.get("Featured") == "yes")
    doc = soup(output / featured["Date"][:4] / featured["Date"][5:7] / featured["Slug"] / "index.html")
    assert doc.select_one("main h1#headline")
    assert doc.select_one("time[datetime]")["datetime"].startswith(featured["Date"][:10])
    assert "Updated" in doc.select_one(".story-byline").get_text()
    assert doc.select_one("#related li a")
    assert doc.select_one("#most-read li a")
    assert "news tip" in doc.select_one(".tip-box").get_text()
    assert doc.select_one(".story-body h2")
    assert doc.select_one("footer .copyright").get_text(strip=True).startswith("© 2026")
    for landmark in ("header", "nav", "main", "aside", "footer"):
        assert doc.find(landmark), landmark


def text_from_front_matter_is_escaped(output: Path) -> None:
    meta = next(m for m in published() if "&" in m["Raw_Title"] and '"' in m["Raw_Title"])
    page = output / meta["Date"][:4] / meta["Date"][5:7] / meta["Slug"] / "index.html"
    raw = page.read_text(encoding="utf-8")
    assert f'<h1 id="headline">{escape(meta["Title"])}</h1>' in raw  # its quotes typeset: “quiet”
    assert "&amp;" in str(escape(meta["Title"])) and "\u201c" in meta["Title"]
    assert soup(page).find("title").get_text().startswith(meta["Title"])


def every_page_advertises_feeds_and_lists_pages(output: Path) -> None:
    for page in html_files(output):
        doc = soup(page)
        feeds = doc.select('head link[rel="alternate"]')
        assert feeds, page
        footer = doc.select_one("footer").get_text()
        assert "About The Daily Diff" in footer and "Contact us" in footer
    section = soup(output / "section" / "cloud" / "index.html")
    assert any("cloud.atom.xml" in link["href"] for link in section.select('link[rel="alternate"]'))

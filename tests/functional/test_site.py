"""The sample site, built with Pelican in a subprocess, read back with a real HTML parser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import pages
from support.builds import article_text, build, front_matter, write_conf
from support.pages import CONTENT, TAG_NAMES, html_files, published, soup, target_file


def test_every_published_article_is_present_under_its_headline(sample_site: Path) -> None:
    pages.every_published_article_is_present_under_its_headline(sample_site)


def test_drafts_are_not_listed(sample_site: Path) -> None:
    drafts = [
        front_matter(p)["Title"]
        for p in (CONTENT / "articles").rglob("*.md")
        if front_matter(p).get("Status") == "draft"
    ]
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    for title in drafts:
        assert title not in home


def test_every_internal_link_and_image_resolves(sample_site: Path) -> None:
    pages.every_internal_link_and_image_resolves(sample_site)


def test_bylines_link_to_author_pages(sample_site: Path) -> None:
    pages.bylines_link_to_author_pages(sample_site)


def test_byline_missing_from_registry_gets_a_plain_author_page(sample_site: Path) -> None:
    doc = soup(sample_site / "author" / "tomasz-wierzbicki" / "index.html")
    assert doc.find("h1").get_text(strip=True) == "Tomasz Wierzbicki"
    assert doc.select_one(".bio") is None and doc.select(".story-list .card")


def test_tag_links_reach_tag_pages_listing_the_article(sample_site: Path) -> None:
    for meta in published():
        page = sample_site / meta["Date"][:4] / meta["Date"][5:7] / meta["Slug"] / "index.html"
        tags = soup(page).select(".story-tags a[rel=tag]")
        names = [t.strip() for t in meta["Tags"].split(",")]
        assert [t.get_text(strip=True) for t in tags] == [TAG_NAMES.get(n.casefold(), n) for n in names]
        for tag in tags:
            listing = soup(target_file(sample_site, tag["href"]))
            assert meta["Title"] in [a.get_text(strip=True) for a in listing.select(".card-title a")]


def test_article_page_has_newsroom_furniture(sample_site: Path) -> None:
    pages.article_page_has_newsroom_furniture(sample_site)


def test_wire_credit_and_correction_are_shown(sample_site: Path) -> None:
    for meta in published():
        page = soup(sample_site / meta["Date"][:4] / meta["Date"][5:7] / meta["Slug"] / "index.html")
        credit = page.select_one(".wire-credit")
        expected = f"With {meta['Source']}" if "Source" in meta else None
        assert (credit.get_text(strip=True) if credit else None) == expected
        correction = page.select_one(".correction")
        assert bool(correction) == ("Correction" in meta)


def test_text_from_front_matter_is_escaped(sample_site: Path) -> None:
    pages.text_from_front_matter_is_escaped(sample_site)


def test_home_page_leads_with_the_featured_story_then_sections(sample_site: Path) -> None:
    doc = soup(sample_site / "index.html")
    featured = next(m for m in published() if m.get("Featured") == "yes")
    assert doc.select_one(".lead-story .card-title").get_text(strip=True) == featured["Title"]
    headings = [h.get_text(strip=True) for h in doc.select(".home-section h2")]
    assert len(headings) >= 4 and headings[0] == "Security"


def test_home_page_rails_come_before_the_section_blocks(sample_site: Path) -> None:
    """The newest stories across sections, then Most Read, before the blocks: a phone's reading order."""
    doc = soup(sample_site / "index.html")
    lead = doc.select_one(".lead-story .card-title").get_text(strip=True)
    newest = sorted(published(), key=lambda m: (m["Date"], m["Slug"]), reverse=True)
    expected = [m["Title"] for m in newest if m["Title"] != lead][:6]
    assert [a.get_text(strip=True) for a in doc.select(".front-latest li a")] == expected
    order = [el.get("id") or el["class"][0] for el in doc.select(".front > *")]
    assert order[:4] == ["lead-story", "front-latest", "most-read", "front-blocks"], order
    # With no page views the latest stories stand in for Most Read: hidden here, the rail lists them.
    assert doc.select_one("#most-read").has_attr("hidden")


def test_every_page_advertises_feeds_and_lists_pages(sample_site: Path) -> None:
    pages.every_page_advertises_feeds_and_lists_pages(sample_site)


def test_section_archive_and_404_pages(sample_site: Path) -> None:
    section = soup(sample_site / "section" / "security" / "index.html")
    assert section.find("h1").get_text(strip=True) == "Security"
    assert section.select_one(".list-description")
    archives = soup(sample_site / "archives" / "index.html")
    month = archives.select_one(".archive-months a")
    assert target_file(sample_site, month["href"]).is_file()
    assert soup(sample_site / "404.html").find("h1")
    assert (sample_site / "about" / "index.html").is_file() and (sample_site / "contact" / "index.html").is_file()


def test_dated_urls_cannot_collide_across_years(make_site, tmp_path: Path) -> None:
    content = make_site(
        {
            "articles/a.md": article_text("Same slug", date="2025-11-01 10:00", slug="same"),
            "articles/b.md": article_text("Same slug", date="2026-11-01 10:00", slug="same"),
        }
    )
    assert build(content, tmp_path / "out").returncode == 0
    assert (tmp_path / "out/2025/11/same/index.html").is_file() and (tmp_path / "out/2026/11/same/index.html").is_file()


def test_pagination_does_not_clash_with_tag_pages(make_site, tmp_path: Path) -> None:
    content = make_site(
        {
            f"articles/p{i}.md": article_text(f"Paged {i}", date=f"2026-10-{i + 1:02d} 10:00", Tags="page, security")
            for i in range(25)
        }
    )
    output = tmp_path / "out"
    result = build(content, output)
    assert result.returncode == 0, result.stderr
    assert (output / "page/2/index.html").is_file()
    assert (output / "tag/page/index.html").is_file()
    assert (output / "tag/security/page/2/index.html").is_file()
    second = soup(output / "tag/security/page/2/index.html")
    assert second.select_one('a[rel="prev"]')["href"].rstrip("/").endswith("tag/security")


def test_year_and_month_archives_are_paginated(make_site, tmp_path: Path) -> None:
    content = make_site({f"articles/p{i}.md": article_text(f"Archived {i}", date=f"2026-10-{i + 1:02d} 10:00")
                         for i in range(25)})  # fmt: skip
    paginated = {"index": None, "tag": None, "category": None, "author": None, "period_archives": 10}
    conf = write_conf(tmp_path, PAGINATED_TEMPLATES=paginated)
    output = tmp_path / "out"
    result = build(content, output, str(conf))
    assert result.returncode == 0, result.stderr
    for period in ("2026", "2026/10"):  # 25 stories of October and 3 of November (make_site's own)
        pages = [output / period / "index.html", *sorted((output / period / "page").glob("*/index.html"))]
        listed = [[a.get_text() for a in soup(p).select(".archive-list a")] for p in pages]
        assert [len(names) for names in listed] == ([10, 10, 8] if period == "2026" else [10, 10, 5])
        assert len({name for names in listed for name in names}) == sum(map(len, listed))  # each story once
        last = soup(pages[-1])
        assert last.select_one('a[rel="prev"]') and not last.select_one('a[rel="next"]')
        assert "Page 3" in last.title.get_text() and "Page 3 of 3" in last.select_one(".pagination").get_text()


@pytest.mark.parametrize("name", ["Security", "security"])
def test_category_may_be_written_by_name_or_slug(name: str, make_site, tmp_path: Path) -> None:
    content = make_site({"articles/x.md": article_text("Case", Category=name)})
    assert build(content, tmp_path / "out").returncode == 0
    assert re.search("Case", (tmp_path / "out/section/security/index.html").read_text())


def test_pages_load_nothing_from_other_hosts(sample_site: Path) -> None:
    for page in html_files(sample_site):
        doc = soup(page)
        for script in doc.find_all("script", src=True):
            assert script["src"].startswith("/") and script.has_attr("defer"), (page, script)  # enhancement only
        for element in doc.find_all(["link", "img", "source", "iframe"]):
            url = element.get("src") or (  # alternate and canonical links name an address and load nothing
                element.get("href")
                if element.name != "link" or element.get("rel") not in (["alternate"], ["canonical"])
                else None
            )
            assert not url or not url.startswith(("http://", "https://", "//")), (page, url)
        (stylesheet,) = (sample_site / "theme/css").glob("site.*.css")  # its content-hashed name
        assert "@import" not in stylesheet.read_text()
        assert "url(http" not in stylesheet.read_text()

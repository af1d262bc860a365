"""The subscribe page (feeds/): every feed the build wrote, once, with addresses that resolve, linked from the site."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from lxml import etree
from support.builds import article_text, build, write_conf

FEED_FILES = ("feeds/**/*.xml", "feeds/**/*.json")


def page(output: Path, rel: str = "feeds/index.html") -> BeautifulSoup:
    return BeautifulSoup((output / rel).read_text(encoding="utf-8"), "lxml")


def written_feeds(output: Path) -> list[str]:
    return sorted(p.relative_to(output).as_posix() for pattern in FEED_FILES for p in output.glob(pattern))


def listed_addresses(doc: BeautifulSoup) -> list[str]:
    """The feed links of every row of every family, with the address each row shows beside its link."""
    hrefs = []
    for row in doc.select(".feed-list .feed-url"):
        href = row.select_one("a.feed-format")["href"]
        assert row.select_one("code.feed-address").get_text() == href, row
        assert row.select_one("button.feed-copy").has_attr("hidden")  # shown by the script only, where it works
        hrefs.append(href)
    return hrefs


def test_every_feed_the_build_wrote_is_listed_once_and_resolves(sample_site: Path) -> None:
    doc = page(sample_site)
    hrefs = listed_addresses(doc)
    assert len(hrefs) == len(set(hrefs))
    assert sorted(href.lstrip("/") for href in hrefs) == written_feeds(sample_site)
    assert len(hrefs) > 60
    for href in hrefs:
        assert href.startswith("/feeds/") and (sample_site / href.lstrip("/")).is_file(), href
    headings = [h.get_text(strip=True) for h in doc.select(".feed-group > h2")]
    assert headings == ["Everything", "Sections", "Topics", "Journalists"]
    for row in doc.select(".feed-list > li.feed"):  # each row's name links to the page that feed follows
        target = row.select_one("h3 a")["href"]
        assert (sample_site / target.lstrip("/") / "index.html").is_file(), target
    security = doc.select_one("#section-security")
    assert security.h3.get_text(strip=True) == "Security"
    assert [a.get_text() for a in security.select("a.feed-format")] == ["RSS", "Atom"]
    assert [a.get_text() for a in doc.select("#everything a.feed-format")] == ["RSS", "Atom", "JSON Feed"]


def test_the_opml_file_is_offered_and_lists_the_same_feeds(sample_site: Path) -> None:
    doc = page(sample_site)
    opml = doc.select_one(".feed-import a.feed-format")
    assert opml["href"] == "/feeds/all.opml" and opml["type"] == "text/x-opml"
    assert doc.select_one(".feed-import code.feed-address").get_text() == "/feeds/all.opml"
    outlines = etree.parse(str(sample_site / "feeds/all.opml")).getroot().iter("outline")
    in_opml = {urlsplit(o.get("xmlUrl")).path for o in outlines if o.get("xmlUrl")}
    assert in_opml == {a["href"] for a in doc.select(".feed-list a.feed-format") if a["href"].endswith(".rss.xml")}
    assert f"all {len(in_opml)} of ours" in doc.select_one(".feed-import").get_text()


def test_the_page_is_a_listing_page_linked_from_the_site(sample_site: Path) -> None:
    doc = page(sample_site)
    assert doc.title.get_text() == "Follow The Daily Diff in a news reader"
    assert doc.h1.get_text() == "Follow The Daily Diff"
    assert "news reader" in doc.select_one('meta[name="description"]')["content"]
    assert doc.select_one('link[rel="canonical"]')["href"].endswith("/feeds/")
    ids = [element["id"] for element in doc.select("[id]")]
    assert len(ids) == len(set(ids))  # the rows' and families' anchors never clash
    assert doc.select_one('meta[name="robots"]') is None  # indexable, like the section and tag pages
    assert doc.select_one("[data-pagefind-body]") is None  # and, like them, not in the site's own search
    sitemap = etree.parse(str(sample_site / "sitemap.xml")).getroot()
    locs = [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert sum(loc.endswith("/feeds/") for loc in locs) == 1
    for rel in ("index.html", "about/index.html", "section/cloud/index.html"):
        footer = page(sample_site, rel).select_one("footer")
        assert footer.find("a", string="Follow by feed")["href"] == "/feeds/", rel
    for rel, anchor in (("section/cloud/index.html", "section-cloud"), ("tag/supply-chain/index.html",
                        "tag-supply-chain"), ("author/priya-raman/index.html", "author-priya-raman")):  # fmt: skip
        follow = page(sample_site, rel).select_one("main .follow-feed a")
        assert follow["href"] == f"/feeds/#{anchor}", rel
        assert doc.find(id=anchor) is not None, anchor


def test_a_publish_build_lists_absolute_addresses_and_escapes_names(make_site, tmp_path: Path) -> None:
    hostile = 'R&D <script>alert("x")</script>'
    content = make_site({"articles/lab.md": article_text("From the lab", Tags=f"security, {hostile}")})
    conf = write_conf(tmp_path, SITEURL="https://news.example/edition")
    result = build(content, tmp_path / "out", settings=str(conf))
    assert result.returncode == 0, result.stderr
    output = tmp_path / "out"
    text = (output / "feeds/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in text and "R&amp;D &lt;script&gt;" in text
    doc = page(output)
    hrefs = listed_addresses(doc)
    assert sorted(hrefs) == [f"https://news.example/edition/{rel}" for rel in written_feeds(output)]
    names = [h.get_text() for h in doc.select("#topics h3")]
    assert hostile in names
    assert doc.select_one(".feed-import a.feed-format")["href"] == "https://news.example/edition/feeds/all.opml"
    assert doc.select_one('link[rel="canonical"]')["href"] == "https://news.example/edition/feeds/"
    assert "<loc>https://news.example/edition/feeds/</loc>" in (output / "sitemap.xml").read_text()

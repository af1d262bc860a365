"""Feeds as readers' apps see them: one article link per entry, bylines as printed, JSON Feed 1.0 and 1.1 fields."""

from __future__ import annotations

from pathlib import Path

import feedparser
from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"


def test_every_atom_entry_has_one_alternate_link_the_article_page(sample_site: Path) -> None:
    feeds = sorted(sample_site.glob("feeds/**/*.atom.xml"))
    assert len(feeds) > 10
    for path in feeds:
        for entry in etree.parse(str(path)).getroot().iter(f"{ATOM}entry"):
            # RFC 4287 4.2.7.2: a link without rel is an alternate link
            alternates = [link for link in entry.iter(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
            assert len(alternates) == 1, (path, [link.attrib for link in entry.iter(f"{ATOM}link")])
            href = alternates[0].get("href")
            page = sample_site / href.split("/", 3)[3] / "index.html"
            assert page.is_file() and alternates[0].get("type") == "text/html", (path, href)
            for link in entry.iter(f"{ATOM}link"):
                if link.get("rel") == "enclosure":
                    image = sample_site / link.get("href").split("/", 3)[3]
                    assert int(link.get("length")) == image.stat().st_size, link.attrib
                    assert link.get("type") == "image/svg+xml", link.attrib


def test_feedparser_entry_link_is_the_article_page(sample_site: Path) -> None:
    for path in sorted(sample_site.glob("feeds/**/*.atom.xml")):
        parsed = feedparser.parse(path.read_bytes())
        for entry in parsed.entries:
            assert entry.link.endswith("/") and "/images/" not in entry.link, (path, entry.link)
            assert (sample_site / entry.link.split("/", 3)[3] / "index.html").is_file(), (path, entry.link)
            enclosures = [link for link in entry.links if link.rel == "enclosure"]
            assert [link.type for link in enclosures] == ["image/svg+xml"], (path, entry.links)

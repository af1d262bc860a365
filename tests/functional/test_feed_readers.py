"""Feeds as readers' apps see them: one article link per entry, bylines as printed, JSON Feed 1.0 and 1.1 fields."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import jsonschema
import pytest
from bs4 import BeautifulSoup
from lxml import etree
from support.builds import FIXTURES

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
MEDIA = "{http://search.yahoo.com/mrss/}"
CONTENT = "http://purl.org/rss/1.0/modules/content/"

IMAGE_TYPES = {".svg": "image/svg+xml", ".jpg": "image/jpeg"}


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
                    # an SVG hero as it is; a photo as the feed's JPEG derivative, never the original
                    assert link.get("type") == IMAGE_TYPES[image.suffix], link.attrib
                    assert image.suffix == ".svg" or image.parent.name == "img", link.attrib


def test_feedparser_entry_link_is_the_article_page(sample_site: Path) -> None:
    for path in sorted(sample_site.glob("feeds/**/*.atom.xml")):
        parsed = feedparser.parse(path.read_bytes())
        for entry in parsed.entries:
            assert entry.link.endswith("/") and "/images/" not in entry.link, (path, entry.link)
            assert (sample_site / entry.link.split("/", 3)[3] / "index.html").is_file(), (path, entry.link)
            enclosures = [link for link in entry.links if link.rel == "enclosure"]
            assert len(enclosures) == 1, (path, entry.links)
            assert enclosures[0].type == IMAGE_TYPES[Path(enclosures[0].href).suffix], (path, entry.links)


def printed_byline(page: Path) -> str:
    """The byline as the article page prints it, without its "By"."""
    byline = BeautifulSoup(page.read_text(), "lxml").select_one(".story-byline .byline")
    return " ".join(byline.get_text().split()).removeprefix("By ")


def test_rss_readers_show_the_byline_as_printed(sample_site: Path) -> None:
    rss = feedparser.parse((sample_site / "feeds/all.rss.xml").read_bytes())
    entries = {entry.link: entry for entry in rss.entries}
    story = next(e for e in rss.entries if "post-mortem" in e.title)
    assert story.author == "Priya Raman and Marta Fernández"
    for link, entry in entries.items():
        assert entry.author == printed_byline(sample_site / link.split("/", 3)[3] / "index.html"), link
    # every co-author stays machine-readable, one Media RSS credit each, in the byline's order
    assert [(c["content"], c["role"]) for c in story.media_credit] == [
        ("Priya Raman", "author"),
        ("Marta Fernández", "author"),
    ]
    channel = etree.parse(str(sample_site / "feeds/all.rss.xml")).getroot().find("channel")
    item = next(i for i in channel.iter("item") if "post-mortem" in i.findtext("title"))
    assert [c.text for c in item.iter(f"{DC}creator")] == ["Priya Raman and Marta Fernández"]
    assert [c.get("scheme") for c in item.iter(f"{MEDIA}credit")] == ["urn:ebu", "urn:ebu"]


def test_atom_keeps_one_author_per_person(sample_site: Path) -> None:
    atom = feedparser.parse((sample_site / "feeds/all.atom.xml").read_bytes())
    story = next(e for e in atom.entries if "post-mortem" in e.title)
    assert [a["name"] for a in story.authors] == ["Priya Raman", "Marta Fernández"]
    assert all(a["href"].endswith("/") for a in story.authors)


def test_json_feeds_follow_the_json_feed_schema_and_name_their_authors_for_1_0_readers(sample_site: Path) -> None:
    schema = json.loads((FIXTURES / "jsonfeed-1.1.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    feeds = sorted(sample_site.glob("feeds/**/*.json"))
    assert feeds
    for path in feeds:
        document = json.loads(path.read_text())
        assert [error.message for error in validator.iter_errors(document)] == [], path
        assert document["items"], path
        for item in document["items"]:
            page = sample_site / item["url"].split("/", 3)[3] / "index.html"
            assert item["author"]["name"] == printed_byline(page), (path, item["url"])
        # a favicon that is there and square; no "icon": the theme has no 512 x 512 image
        favicon = etree.parse(str(sample_site / document["favicon"].split("/", 3)[3])).getroot()
        assert favicon.get("viewBox").split()[2] == favicon.get("viewBox").split()[3], favicon.get("viewBox")
        assert "icon" not in document
    items = json.loads((sample_site / "feeds/all.json").read_text())["items"]
    story = next(item for item in items if "post-mortem" in item["title"])
    assert story["author"] == {"name": "Priya Raman and Marta Fernández"}
    assert [a["name"] for a in story["authors"]] == ["Priya Raman", "Marta Fernández"]
    single = next(item for item in items if len(item["authors"]) == 1)
    assert single["author"] == single["authors"][0]


def test_the_schema_rejects_what_json_feed_forbids() -> None:
    schema = json.loads((FIXTURES / "jsonfeed-1.1.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    good = {"version": "https://jsonfeed.org/version/1.1", "title": "T",
            "items": [{"id": "1", "content_text": "x", "date_published": "2026-11-01T07:00:00+00:00"}]}  # fmt: skip
    assert not list(validator.iter_errors(good))
    bad_items = [{"content_text": "x"}, {"id": "1"}, {"id": "1", "content_text": "x", "date_published": "2026-11-01"},
                 {"id": "1", "content_text": "x", "author": {}}, {"id": "1", "content_text": "x", "titel": "T"},
                 {"id": "1", "content_text": "x", "attachments": [{"url": "https://a.example/x.png"}]}]  # fmt: skip
    for item in bad_items:
        assert list(validator.iter_errors({**good, "items": [item]})), item
    assert list(validator.iter_errors({**good, "version": "https://jsonfeed.org/version/1"}))
    assert list(validator.iter_errors({"version": good["version"], "items": []}))


def page_hero(page: Path) -> tuple[str, str, str]:
    """The article page's hero figure: its image URL, alt text and caption as read."""
    figure = BeautifulSoup(page.read_text(), "lxml").select_one("figure.hero")
    caption = figure.find("figcaption")
    return figure.img["src"], figure.img["alt"], " ".join(caption.get_text().split()) if caption else ""


def test_every_entry_body_opens_with_the_hero_figure_as_the_page_shows_it(sample_site: Path) -> None:
    channel = etree.parse(str(sample_site / "feeds/all.rss.xml")).getroot().find("channel")
    bodies = {i.findtext("link"): i.findtext("content:encoded", namespaces={"content": CONTENT}) for i in channel}
    bodies = {link: body for link, body in bodies.items() if link and body}
    atom = etree.parse(str(sample_site / "feeds/all.atom.xml")).getroot()
    atom_bodies = {
        e.find(f"{ATOM}link[@rel='alternate']").get("href"): e.findtext(f"{ATOM}content")
        for e in atom.iter(f"{ATOM}entry")
    }
    items = json.loads((sample_site / "feeds/all.json").read_text())["items"]
    assert len(bodies) == len(items) > 5
    with_hero = 0
    for item in items:
        page = sample_site / item["url"].split("/", 3)[3] / "index.html"
        if BeautifulSoup(page.read_text(), "lxml").select_one("figure.hero") is None:
            assert "image" not in item
            continue
        with_hero += 1
        src, alt, caption = page_hero(page)
        for body in (bodies[item["url"]], atom_bodies[item["url"]], item["content_html"]):
            first = BeautifulSoup(body, "lxml").body.contents[0]
            assert first.name == "figure", (item["url"], body[:200])
            assert first.img["src"] == item["image"] and item["image"].endswith(src), (item["url"], src)
            assert item["image"].startswith("http"), item["url"]
            assert first.img["alt"] == alt and alt, item["url"]
            figcaption = first.find("figcaption")
            assert (" ".join(figcaption.get_text().split()) if figcaption else "") == caption, item["url"]
    assert with_hero > 5


def test_an_opml_file_lists_every_feed_for_readers_to_import(sample_site: Path) -> None:
    root = etree.parse(str(sample_site / "feeds/all.opml")).getroot()
    assert root.tag == "opml" and root.get("version") == "2.0"
    assert root.findtext("head/title")
    outlines = [o for o in root.iter("outline") if o.get("xmlUrl")]
    listed = sorted(o.get("xmlUrl").split("/", 3)[3] for o in outlines)
    assert listed == sorted(p.relative_to(sample_site).as_posix() for p in sample_site.glob("feeds/**/*.rss.xml"))
    for outline in outlines:
        assert outline.get("type") == "rss" and outline.get("text") and outline.get("title") == outline.get("text")
        rss = etree.parse(str(sample_site / outline.get("xmlUrl").split("/", 3)[3])).getroot().find("channel")
        assert outline.get("text") == rss.findtext("title") and outline.get("htmlUrl") == rss.findtext("link")
    groups = [o.get("text") for o in root.find("body") if not o.get("xmlUrl")]
    assert groups == ["Sections", "Tags", "Authors"]
    index = BeautifulSoup((sample_site / "index.html").read_text(), "lxml")
    assert index.select_one('head link[type="text/x-opml"]')["href"] == "/feeds/all.opml"


def atom_schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(FIXTURES / "atom-rfc4287.rng")))


def test_every_atom_feed_is_valid_against_the_rfc_4287_schema(sample_site: Path) -> None:
    schema = atom_schema()
    feeds = sorted(sample_site.glob("feeds/**/*.atom.xml"))
    assert len(feeds) > 10
    for path in feeds:
        assert schema.validate(etree.parse(str(path))), (path, schema.error_log.last_error)


def _drop_id(entry: etree._Element) -> None:
    entry.remove(entry.find(f"{ATOM}id"))


def _bad_date(entry: etree._Element) -> None:
    entry.find(f"{ATOM}updated").text = "Mon, 02 Nov 2026 07:00:00 +0000"


def _unknown_atom_element(entry: etree._Element) -> None:
    etree.SubElement(entry, f"{ATOM}heading").text = "x"


def _link_without_href(entry: etree._Element) -> None:
    del entry.find(f"{ATOM}link").attrib["href"]


def _undefined_attribute(entry: etree._Element) -> None:
    entry.find(f"{ATOM}link").set("colour", "red")


@pytest.mark.parametrize(
    "change", [_drop_id, _bad_date, _unknown_atom_element, _link_without_href, _undefined_attribute]
)
def test_the_atom_schema_rejects_what_rfc_4287_forbids(sample_site: Path, change: object) -> None:
    schema = atom_schema()
    document = etree.parse(str(sample_site / "feeds/all.atom.xml"))
    assert schema.validate(document)
    change(next(document.getroot().iter(f"{ATOM}entry")))
    assert not schema.validate(document), change

"""Every feed the site writes: valid, complete, absolute, stable and newest first."""

from __future__ import annotations

import email.utils
import json
import re
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from lxml import etree
from support.builds import article_text, build, tree_digest, write_conf

NS = {"atom": "http://www.w3.org/2005/Atom", "dc": "http://purl.org/dc/elements/1.1/",
      "media": "http://search.yahoo.com/mrss/", "content": "http://purl.org/rss/1.0/modules/content/"}  # fmt: skip
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def xml_feeds(output: Path) -> list[Path]:
    return sorted(output.glob("feeds/**/*.xml"))


def test_every_feed_parses_with_lxml_and_feedparser(sample_site: Path) -> None:
    feeds = xml_feeds(sample_site)
    assert len(feeds) > 20
    for path in feeds:
        etree.parse(str(path))
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.entries, path


def test_feed_kinds_and_paths(sample_site: Path) -> None:
    for rel in ("feeds/all.rss.xml", "feeds/all.atom.xml", "feeds/all.json", "feeds/section/security.rss.xml",
                "feeds/section/security.atom.xml", "feeds/tag/supply-chain.rss.xml", "feeds/tag/supply-chain.atom.xml",
                "feeds/author/priya-raman.rss.xml", "feeds/author/priya-raman.atom.xml"):  # fmt: skip
        assert (sample_site / rel).is_file(), rel


def test_rss_rules(sample_site: Path) -> None:
    for path in sample_site.glob("feeds/**/*.rss.xml"):
        channel = etree.parse(str(path)).getroot().find("channel")
        self_link = channel.find("atom:link[@rel='self']", NS).get("href")
        assert self_link.endswith("/" + path.relative_to(sample_site).as_posix())
        dates = [channel.findtext("lastBuildDate"), *(i.findtext("pubDate") for i in channel.iter("item"))]
        for value in dates:
            assert email.utils.parsedate_to_datetime(value).tzinfo is not None, value
        guids = [i.findtext("guid") for i in channel.iter("item")]
        assert len(guids) == len(set(guids))
        published = [email.utils.parsedate_to_datetime(i.findtext("pubDate")) for i in channel.iter("item")]
        assert published == sorted(published, reverse=True), path


def test_atom_rules(sample_site: Path) -> None:
    for path in sample_site.glob("feeds/**/*.atom.xml"):
        feed = etree.parse(str(path)).getroot()
        assert feed.find("atom:link[@rel='self']", NS).get("href").endswith(path.relative_to(sample_site).as_posix())
        updated = [feed.findtext("atom:updated", namespaces=NS)]
        for entry in feed.findall("atom:entry", NS):
            updated += [entry.findtext("atom:updated", namespaces=NS), entry.findtext("atom:published", namespaces=NS)]
            assert entry.find("atom:content", NS).get("type") == "html"
        assert all(RFC3339.match(value) for value in updated), updated
        ids = [e.findtext("atom:id", namespaces=NS) for e in feed.findall("atom:entry", NS)]
        assert len(ids) == len(set(ids))


def test_no_relative_urls_in_feeds(sample_site: Path) -> None:
    for path in xml_feeds(sample_site):
        root = etree.parse(str(path)).getroot()
        for element in root.iter():
            for attr in ("href", "url", "domain", "uri"):
                value = element.get(attr)
                assert value is None or value.startswith(("http://", "https://")), (path, element.tag, value)
            if element.tag in ("link", "{http://www.w3.org/2005/Atom}uri"):
                assert (element.text or "http").startswith("http"), (path, element.text)
        for body in root.iterfind(".//content:encoded", NS):
            html = BeautifulSoup(body.text, "lxml")
            for tag in html.find_all(["a", "img"]):
                url = tag.get("href") or tag.get("src")
                assert url.startswith(("http://", "https://", "mailto:", "#")), (path, url)


def test_items_carry_coauthors_images_and_categories(sample_site: Path) -> None:
    channel = etree.parse(str(sample_site / "feeds/all.rss.xml")).getroot().find("channel")
    item = next(i for i in channel.iter("item") if "post-mortem" in i.findtext("title"))
    assert [c.text for c in item.findall("dc:creator", NS)] == ["Priya Raman and Marta Fernández"]
    assert next(c.text for c in item.findall("category")) == "Security"
    assert "Tickwise compromise" in [c.text for c in item.findall("category")]  # the tag as the site names it
    enclosure = item.find("enclosure")
    image = sample_site / enclosure.get("url").split("/", 3)[3]
    assert int(enclosure.get("length")) == image.stat().st_size and enclosure.get("type") == "image/svg+xml"
    assert item.find("media:content", NS).get("width") == "1200"
    assert item.find("media:thumbnail", NS) is not None
    assert "<h2>" in item.findtext("content:encoded", namespaces=NS)
    atom = feedparser.parse((sample_site / "feeds/all.atom.xml").read_bytes())
    entry = next(e for e in atom.entries if "post-mortem" in e.title)
    assert [a["name"] for a in entry.authors] == ["Priya Raman", "Marta Fernández"]


def test_last_build_date_is_the_newest_item_not_the_clock(sample_site: Path) -> None:
    atom = feedparser.parse((sample_site / "feeds/all.atom.xml").read_bytes())
    newest = max(e.updated_parsed for e in atom.entries)
    assert atom.feed.updated_parsed == newest
    rss = feedparser.parse((sample_site / "feeds/all.rss.xml").read_bytes())
    assert rss.feed.updated_parsed == newest  # lastBuildDate: the newest change to any item


def test_json_feed(sample_site: Path) -> None:
    document = json.loads((sample_site / "feeds/all.json").read_text())
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["feed_url"].endswith("/feeds/all.json")
    for item in document["items"]:
        assert {"id", "url", "title", "content_html", "date_published", "authors"} <= set(item)
    dates = [item["date_published"] for item in document["items"]]
    assert len(dates) == len(set(i["id"] for i in document["items"]))


def test_no_feed_asks_a_browser_for_xslt(sample_site: Path) -> None:
    """Chromium warns on XSLT pages and is removing it: readers are linked to the subscribe page instead."""
    feeds = sorted(sample_site.glob("feeds/**/*.xml"))
    assert len(feeds) > 20
    for path in feeds:
        assert b"xml-stylesheet" not in path.read_bytes(), path
        assert etree.parse(str(path)).getroot().getprevious() is None, path  # no processing instruction at all
    assert not list(sample_site.rglob("*.xsl")) and not list(sample_site.rglob("*.xslt"))


def test_pages_advertise_their_own_feeds(sample_site: Path) -> None:
    def alternates(rel: str) -> list[str]:
        doc = BeautifulSoup((sample_site / rel).read_text(), "lxml")
        return [link["href"] for link in doc.select('head link[rel="alternate"]')]

    assert alternates("index.html") == ["/feeds/all.rss.xml", "/feeds/all.atom.xml", "/feeds/all.json"]
    assert "/feeds/tag/supply-chain.atom.xml" in alternates("tag/supply-chain/index.html")
    assert "/feeds/author/priya-raman.rss.xml" in alternates("author/priya-raman/index.html")
    assert "/feeds/section/cloud.rss.xml" in alternates("section/cloud/index.html")
    for href in alternates("section/cloud/index.html") + alternates("author/priya-raman/index.html"):
        assert (sample_site / href.lstrip("/")).is_file()


def ids(output: Path) -> dict[str, str]:
    parsed = feedparser.parse((output / "feeds/all.atom.xml").read_bytes())
    return {e.title: e.id for e in parsed.entries}


def test_ids_survive_scheme_switch_body_edit_and_rebuild(make_site, tmp_path: Path) -> None:
    content = make_site()
    http = build(content, tmp_path / "http", settings=str(write_conf(tmp_path, SITEURL="http://news.example")))
    https = build(content, tmp_path / "https", settings=str(write_conf(tmp_path, SITEURL="https://news.example")))
    assert http.returncode == https.returncode == 0, http.stderr + https.stderr
    assert ids(tmp_path / "http") == ids(tmp_path / "https")
    assert "https://news.example/2026/11/" in (tmp_path / "https/feeds/all.rss.xml").read_text()

    again = tmp_path / "again"
    build(content, again)
    first = tree_digest(again)
    story = content / "articles/story-1.md"
    build(content, again)
    assert tree_digest(again) == first  # unchanged content, byte-identical feeds and pages
    story.write_text(story.read_text().replace("First paragraph", "A rewritten first paragraph"))
    assert build(content, again).returncode == 0
    assert ids(again) == ids(tmp_path / "http")


def test_explicit_id_keeps_an_article_its_id_after_a_slug_change(make_site, tmp_path: Path) -> None:
    old = "tag:dailydiff.example,2026-11-11:/2026/11/story-number-1/"
    content = make_site({"articles/story-1.md": article_text("Story number 1", date="2026-11-11 09:30",
                                                             slug="renamed", Id=old)})  # fmt: skip
    assert build(content, tmp_path / "out").returncode == 0
    assert ids(tmp_path / "out")["Story number 1"] == old


def test_item_cap_and_illegal_characters(make_site, tmp_path: Path) -> None:
    files = {f"articles/n{i}.md": article_text(f"Item {i}", date=f"2026-10-{i + 1:02d} 08:00") for i in range(12)}
    files["articles/odd.md"] = article_text("Odd\x0bcontrol", date="2026-11-30 08:00", slug="odd")
    content = make_site(files)
    conf = write_conf(tmp_path, FEEDS_MAX_ITEMS=5)
    result = build(content, tmp_path / "out", settings=str(conf))
    assert result.returncode == 0, result.stderr
    parsed = feedparser.parse((tmp_path / "out/feeds/all.rss.xml").read_bytes())
    assert not parsed.bozo
    assert [e.title for e in parsed.entries][:2] == ["Oddcontrol", "Story number 2"]
    assert len(parsed.entries) == 5


def test_section_and_author_with_the_same_name_do_not_collide(make_site, tmp_path: Path) -> None:
    content = make_site({"articles/sci.md": article_text("By Science", Authors="Security", Category="Security")})
    assert build(content, tmp_path / "out").returncode == 0
    section = feedparser.parse((tmp_path / "out/feeds/section/security.atom.xml").read_bytes())
    author = feedparser.parse((tmp_path / "out/feeds/author/security.atom.xml").read_bytes())
    assert len(section.entries) == 4 and len(author.entries) == 1


def test_pelican_feeds_must_stay_off(make_site, tmp_path: Path) -> None:
    result = build(make_site(), tmp_path / "out", settings=str(write_conf(tmp_path, FEED_ALL_ATOM="x.xml")))
    assert result.returncode != 0 and "FEED_ALL_ATOM" in result.stderr


@pytest.mark.parametrize("setting", [{"FEEDS_MAX_ITEMS": 0}, {"FEEDS_WEBSUB_HUB": "ftp://x"}, {"FEEDS_BOGUS": 1}])
def test_bad_feed_settings_stop_the_build(setting: dict, make_site, tmp_path: Path) -> None:
    result = build(make_site(), tmp_path / "out", settings=str(write_conf(tmp_path, **setting)))
    assert result.returncode != 0 and next(iter(setting)) in result.stderr


def test_one_huge_headline_leaves_out_only_its_own_item(make_site, tmp_path: Path) -> None:
    """FEEDS_MAX_BYTES drops the items that must go, not a share of the feed: a 1 MB headline used to
    cut the site feed from 20 items to a few."""
    files = {f"articles/story-{i}.md": article_text(f"Story number {i}", date=f"2026-11-{i + 1:02d} 09:30",
                                                    slug=f"story-{i}") for i in range(20)}  # fmt: skip
    files["articles/story-14.md"] = article_text("Story number 14 " + "headline " * 120_000,
                                                 date="2026-11-15 09:30", slug="story-14")  # fmt: skip
    content = make_site(files, count=0)
    result = build(content, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    expected = [f"Story number {i}" for i in reversed(range(20)) if i != 14]
    for name in ("all.rss.xml", "all.atom.xml", "all.json"):
        data = (tmp_path / "out" / "feeds" / name).read_bytes()
        assert len(data) <= 1_000_000
        if name.endswith(".json"):
            titles = [item["title"] for item in json.loads(data)["items"]]
        else:
            titles = [entry.title for entry in feedparser.parse(data).entries]
        assert titles == expected, name
    assert "Story number 14" in result.stderr  # the editor is told which story the feeds left out

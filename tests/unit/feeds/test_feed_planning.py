"""The feeds plugin's pure core: entries, planning, rendering."""

from __future__ import annotations

import dataclasses
import json
import runpy
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import feedparser
import jinja2
import pytest
from bs4 import BeautifulSoup
from common.errors import SettingsError
from feeds.entries import (
    Entry,
    Image,
    Person,
    Term,
    absolutize,
    byline,
    entry_id,
    hero_figure,
    newest_first,
    xml_text,
)
from feeds.outline import opml
from feeds.plan import plan
from feeds.render import render
from feeds.settings import FeedSettings, load
from lxml import etree
from support.builds import ROOT

BASE = "https://news.example"


def config(**changes: object) -> FeedSettings:
    values = dict(max_items=50, max_bytes=1_000_000, sections=True, tags=True, authors=True, json=True,
                  websub_hub="", tag_authority="news.example", site_url=BASE, favicon="", icon="",
                  site_name="Site",
                  description="All the news", language="en-gb", cache=True, worker_from=500)  # fmt: skip
    values.update(changes)
    return FeedSettings(**values)


def entry(n: int, *, section: str = "security", tags: tuple[str, ...] = ("a",), authors: tuple[str, ...] = ("ada",),
          day: int | None = None, body: str = "<p>Body</p>") -> Entry:  # fmt: skip
    when = datetime(2026, 11, 1, tzinfo=UTC) + timedelta(days=n if day is None else day)
    return Entry(
        id=f"tag:news.example,2026-11-01:/s{n}/", url=f"{BASE}/s{n}/", title=f"Story {n}", summary="Sum",
        content_html=body, authors=tuple(Person(a.title(), a, f"{BASE}/author/{a}/") for a in authors),
        section=Term(section, section.title(), f"{BASE}/section/{section}/"),
        tags=tuple(Term(t, t, f"{BASE}/tag/{t}/") for t in tags), published=when, updated=when,
        image=Image(f"{BASE}/i{n}.png", "image/png", 123, 16, 9),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="/2026/11/x/">x</a>', f'<a href="{BASE}/2026/11/x/">x</a>'),
        ('<img src="pic.png" alt="">', f'<img src="{BASE}/2026/11/story/pic.png" alt="">'),
        ('<a href="https://other.example/">o</a>', '<a href="https://other.example/">o</a>'),
        ('<a href="mailto:a@b.example">m</a>', '<a href="mailto:a@b.example">m</a>'),
        ('<a href="#note">n</a>', '<a href="#note">n</a>'),
        ("<a href='../up/'>u</a>", f"<a href='{BASE}/2026/11/up/'>u</a>"),
        ('<img srcset="/a.png 1x, /b.png 2x">', f'<img srcset="{BASE}/a.png 1x, {BASE}/b.png 2x">'),
    ],
)
def test_absolutize(html: str, expected: str) -> None:
    assert absolutize(html, f"{BASE}/2026/11/story/") == expected


def test_entry_id_ignores_scheme_and_prefers_explicit_id() -> None:
    when = datetime(2026, 11, 18, 7, 45, tzinfo=UTC)
    assert entry_id(None, "news.example", when, "2026/11/x/") == "tag:news.example,2026-11-18:/2026/11/x/"
    assert entry_id("urn:uuid:1", "news.example", when, "2026/11/x/") == "urn:uuid:1"


def test_xml_text_strips_what_xml_cannot_carry() -> None:
    assert xml_text("a\x00b\x0bc\ud800d\ufffe\tok\n") == "abcd\tok\n"


def test_newest_first_breaks_ties_by_id_whatever_the_input_order() -> None:
    items = [entry(3, day=1), entry(1, day=1), entry(2, day=5)]
    assert [e.title for e in newest_first(items)] == ["Story 2", "Story 1", "Story 3"]
    assert newest_first(list(reversed(items))) == newest_first(items)


def test_plan_groups_caps_and_orders_feeds() -> None:
    entries = [entry(i, tags=("a", "b") if i % 2 else ("a",), authors=("ada", "bob") if i == 3 else ("ada",))
               for i in range(8)]  # fmt: skip
    feeds = plan(entries, config(max_items=3), f"{BASE}/")
    keys = [f.key for f in feeds]
    assert keys == ["site", "author:ada", "author:bob", "section:security", "tag:a", "tag:b"]
    by_key = {f.key: f for f in feeds}
    assert [e.title for e in by_key["site"].entries] == ["Story 7", "Story 6", "Story 5"]
    assert [e.title for e in by_key["tag:b"].entries] == ["Story 7", "Story 5", "Story 3"]
    assert [e.title for e in by_key["author:bob"].entries] == ["Story 3"]
    assert by_key["site"].formats == ("rss", "atom", "json")
    assert by_key["tag:a"].path("rss") == "feeds/tag/a.rss.xml"
    twice = plan([entry(1, tags=("a", "a"), authors=("ada", "ada"))], config(), f"{BASE}/")
    assert [len(f.entries) for f in twice] == [1, 1, 1, 1]  # a tag or author named twice lists the story once


def test_plan_honours_switches() -> None:
    feeds = plan([entry(1)], config(tags=False, authors=False, json=False), f"{BASE}/")
    assert [f.key for f in feeds] == ["site", "section:security"]
    assert feeds[0].formats == ("rss", "atom")


def test_section_and_author_of_the_same_name_are_separate_feeds() -> None:
    feeds = plan([entry(1, section="science", authors=("science",))], config(), f"{BASE}/")
    paths = {f.path("rss") for f in feeds}
    assert {"feeds/section/science.rss.xml", "feeds/author/science.rss.xml"} <= paths


def test_size_cap_drops_oldest_items_until_the_feed_fits() -> None:
    big = "<p>" + "word " * 2000 + "</p>"
    feed = plan([entry(i, body=big) for i in range(10)], config(), f"{BASE}/")[0]
    first = datetime(2026, 11, 1, tzinfo=UTC)
    for fmt in ("rss", "atom", "json"):
        document = render(feed, fmt, config(max_bytes=40_000), first)
        assert len(document) <= 40_000
        parsed = feedparser.parse(document) if fmt != "json" else None
        if parsed is not None:
            assert 1 <= len(parsed.entries) < 10 and parsed.entries[0].title == "Story 9"


def _items(document: bytes, fmt: str) -> list[str]:
    if fmt == "json":
        return [item["title"] for item in json.loads(document)["items"]]
    return [e.title for e in feedparser.parse(document).entries]


@pytest.mark.parametrize("huge", [0, 9, 19])
def test_an_item_too_large_for_any_feed_is_the_only_one_dropped(huge: int) -> None:
    """One 1 MB headline used to cut a 20-item feed to a handful: now only its own item goes."""
    entries = [entry(i) for i in range(20)]
    entries[huge] = dataclasses.replace(entries[huge], title="Huge " + "headline " * 125_000)
    feed = plan(entries, config(), f"{BASE}/")[0]
    first = datetime(2026, 11, 1, tzinfo=UTC)
    for fmt in ("rss", "atom", "json"):
        document = render(feed, fmt, config(), first)
        assert len(document) <= 1_000_000
        assert _items(document, fmt) == [f"Story {i}" for i in reversed(range(20)) if i != huge]


@pytest.mark.parametrize("cap", [9_000, 23_456, 40_000, 47_000, 77_777])
def test_size_cap_keeps_the_longest_run_of_newest_items_that_fits(cap: int) -> None:
    """Items of very different sizes: exactly as many newest items as fit, in order, none skipped."""
    sizes = [40, 3000, 200, 9000, 5, 1200, 700, 4000, 60, 2500, 300, 8000]
    entries = [entry(i, body="<p>" + "word " * n + "</p>") for i, n in enumerate(sizes)]
    feed = plan(entries, config(), f"{BASE}/")[0]
    first = datetime(2026, 11, 1, tzinfo=UTC)
    for fmt in ("rss", "atom", "json"):

        def size(items: tuple[Entry, ...], fmt: str = fmt) -> int:
            return len(render(dataclasses.replace(feed, entries=items), fmt, config(), first))

        fits_alone = tuple(e for e in feed.entries if size((e,)) <= cap)  # an item larger than that never fits
        fitting = max(k for k in range(len(fits_alone) + 1) if size(fits_alone[:k]) <= cap)
        document = render(feed, fmt, config(max_bytes=cap), first)
        assert len(document) <= cap
        assert _items(document, fmt) == [e.title for e in fits_alone[:fitting]], fmt


def test_websub_hub_is_announced_in_every_format() -> None:
    feed = plan([entry(1)], config(websub_hub="https://hub.example/"), f"{BASE}/")[0]
    first = datetime(2026, 11, 1, tzinfo=UTC)
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    rss = etree.fromstring(render(feed, "rss", config(websub_hub="https://hub.example/"), first))
    assert rss.find("channel/atom:link[@rel='hub']", ns).get("href") == "https://hub.example/"
    atom = etree.fromstring(render(feed, "atom", config(websub_hub="https://hub.example/"), first))
    assert atom.find("atom:link[@rel='hub']", ns).get("href") == "https://hub.example/"
    assert b'"hubs"' in render(feed, "json", config(websub_hub="https://hub.example/"), first)


def test_rendering_is_byte_identical_and_clock_free() -> None:
    feed = plan([entry(i) for i in range(3)], config(), f"{BASE}/")[0]
    first = datetime(2026, 11, 1, tzinfo=UTC)
    for fmt in ("rss", "atom", "json"):
        assert render(feed, fmt, config(), first) == render(feed, fmt, config(), first)
    assert b"<lastBuildDate>Tue, 03 Nov 2026 00:00:00 +0000" in render(
        feed, "rss", config(), first
    )  # lastBuildDate = newest item


def test_empty_site_still_gives_valid_feeds() -> None:
    feed = plan([], config(), f"{BASE}/")[0]
    document = render(feed, "atom", config(), datetime(1970, 1, 1, tzinfo=UTC))
    assert not feedparser.parse(document).bozo


def test_settings_defaults_and_errors() -> None:
    loaded = load({"SITEURL": "https://news.example/", "SITENAME": "N"})
    assert (loaded.site_url, loaded.tag_authority, loaded.max_items) == ("https://news.example", "news.example", 50)
    assert load({"SITEURL": ""}).site_url == "http://127.0.0.1:8000"
    with pytest.raises(SettingsError) as caught:
        load({"FEEDS_MAX_ITEMS": True, "FEEDS_TAGS": "yes", "FEED_ALL_ATOM": "x", "FEEDS_NOPE": 1})
    message = str(caught.value)
    for text in ("FEEDS_MAX_ITEMS", "FEEDS_TAGS", "FEED_ALL_ATOM", "unknown setting FEEDS_NOPE"):
        assert text in message


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_shared_entry_pieces_give_exactly_feedgens_own_document(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from feeds import pieces as pieces_module  # noqa: PLC0415
    from feeds.render import add, reference_document  # noqa: PLC0415

    monkeypatch.setattr(pieces_module, "BATCH", 3)  # several feedgen documents, cut apart
    bodies = [
        "<p>Body &amp; <b>more</b></p>",
        '<p title="</item><item></entry><entry>">tags as attribute text</p>',
        "<p>]]&gt; &lt;item&gt; text</p>",
    ]
    entries = [entry(i, tags=("a", "b"), authors=("ada", "bob"), body=bodies[i % 3]) for i in range(7)]
    cfg = config(websub_hub="https://hub.example/")
    first = datetime(2026, 11, 1, tzinfo=UTC)
    pieces = pieces_module.Pieces(add, key=lambda e: e.id)
    for feed in plan(entries, cfg, f"{BASE}/"):
        assert render(feed, fmt, cfg, first, pieces) == reference_document(feed, fmt, cfg, feed.entries, first)
    empty = plan([], cfg, f"{BASE}/")[0]
    assert render(empty, fmt, cfg, first, pieces) == reference_document(empty, fmt, cfg, (), first)
    assert len(pieces.made) == len(entries)

    def never(*_: object) -> None:
        raise AssertionError("a known piece was made again")

    again = pieces_module.Pieces(never, key=lambda e: e.id, known=pieces.made)
    site = plan(entries, cfg, f"{BASE}/")[0]
    assert render(site, fmt, cfg, first, again) == reference_document(site, fmt, cfg, site.entries, first)


def test_split_items_skips_item_tags_inside_cdata() -> None:
    from feeds.pieces import split_items  # noqa: PLC0415

    document = (
        b"<rss>\n  <channel>\n    <item>\n      <x><![CDATA[</item><item>]]></x>\n    </item>\n"
        b"    <item>\n      <y/>\n    </item>\n  </channel>\n</rss>\n"
    )
    assert split_items(document, "rss") == [
        b"    <item>\n      <x><![CDATA[</item><item>]]></x>\n    </item>\n",
        b"    <item>\n      <y/>\n    </item>\n",
    ]
    assert split_items(b"<rss><channel></channel></rss>", "rss") == []


def test_entry_key_follows_every_field_and_only_the_data() -> None:
    from dataclasses import fields, replace  # noqa: PLC0415

    from feeds.entries import entry_key  # noqa: PLC0415

    base = entry(1)

    class ShiftedClock(datetime):  # what a patched clock substitutes for datetime: same instant, other class
        pass

    same_instant = ShiftedClock.fromisoformat(base.published.isoformat())
    assert entry_key(replace(base, published=same_instant, updated=same_instant)) == entry_key(base)
    changed = {
        "id": "tag:x,2026:/y/", "url": f"{BASE}/y/", "title": "T", "summary": "S", "content_html": "<p>B</p>",
        "authors": (), "section": Term("s", "S", f"{BASE}/s/"), "tags": (), "image": None,
        "published": base.published + timedelta(seconds=1), "updated": base.updated + timedelta(seconds=1),
    }  # fmt: skip
    assert set(changed) == {f.name for f in fields(base)}
    keys = {entry_key(replace(base, **{name: value})) for name, value in changed.items()}
    assert len(keys) == len(changed) and entry_key(base) not in keys


def test_entry_key_by_body_source_follows_the_source() -> None:
    from dataclasses import replace  # noqa: PLC0415

    from feeds.entries import entry_key  # noqa: PLC0415

    bodiless = replace(entry(1), content_html="")
    assert entry_key(bodiless, "<p>A</p>") == entry_key(bodiless, "<p>A</p>")
    assert entry_key(bodiless, "<p>A</p>") != entry_key(bodiless, "<p>B</p>")
    assert entry_key(bodiless, "<p>A</p>") != entry_key(replace(bodiless, url=f"{BASE}/other/"), "<p>A</p>")
    # without a source, the entry's own body is what is keyed
    assert entry_key(replace(bodiless, content_html="<p>A</p>")) == entry_key(bodiless, "<p>A</p>")


@pytest.mark.parametrize("names", [["Ada"], ["Ada", "Ben"], ["Ada", "Ben", "Cy"], ["Ada", "Ben", "Cy", "Dee"]])
def test_feed_byline_joins_names_as_the_theme_prints_them(names: list[str]) -> None:
    options = runpy.run_path(str(ROOT / "pelicanconf.py"))["JINJA_ENVIRONMENT"]  # as the site's pages are made
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "theme/templates"), **options)
    people = [(SimpleNamespace(name=n, url=f"author/{n}/"), None, i % 2 == 0) for i, n in enumerate(names)]
    html = environment.get_template("partials/byline.html").render(item=SimpleNamespace(byline=people), SITEURL="")
    printed = " ".join(BeautifulSoup(html, "lxml").get_text().split()).removeprefix("By ")
    assert byline(names) == printed


@pytest.mark.parametrize("value", ["https://cdn.example/icon.png", "//cdn.example/icon.png", 64])
def test_json_feed_icons_are_paths_in_the_built_site(value: object) -> None:
    with pytest.raises(SettingsError, match="FEEDS_FAVICON must be an image's path in the built site"):
        load({"SITEURL": BASE, "FEEDS_FAVICON": value})
    assert load({"SITEURL": BASE, "FEEDS_ICON": "/img/icon-512.png"}).icon == "img/icon-512.png"


def test_hero_figure_escapes_what_the_reader_sees() -> None:
    image = Image(f"{BASE}/i.png?a=1&b=2", "image/png", 1, 16, 9, 'A "quoted" <b>alt</b> & more',
                  "Caption <script>alert(1)</script>", "Photo: A & B")  # fmt: skip
    figure = BeautifulSoup(hero_figure(image), "lxml").figure
    assert figure.img.attrs == {"src": f"{BASE}/i.png?a=1&b=2", "alt": image.alt, "width": "16", "height": "9"}
    assert figure.figcaption.get_text() == "Caption <script>alert(1)</script> Photo: A & B"
    assert figure.find("script") is None and figure.find("b") is None
    assert hero_figure(None) == ""
    bare = BeautifulSoup(hero_figure(dataclasses.replace(image, caption="", credit="", width=None)), "lxml").figure
    assert bare.figcaption is None and "width" not in bare.img.attrs


def test_rendered_bodies_keep_the_figure_escaped_in_every_format() -> None:
    image = Image(f"{BASE}/i.png", "image/png", 1, 16, 9, "Alt & <b>", "Cap <i>", "")
    body = hero_figure(image) + "<p>Body</p>"
    story = dataclasses.replace(entry(1), image=image, content_html=body)
    feed = plan([story], config(), f"{BASE}/")[0]
    rss = feedparser.parse(render(feed, "rss", config(), story.published))
    atom = feedparser.parse(render(feed, "atom", config(), story.published))
    item = json.loads(render(feed, "json", config(), story.published))["items"][0]
    for html in (rss.entries[0].content[0].value, atom.entries[0].content[0].value, item["content_html"]):
        figure = BeautifulSoup(html, "lxml").figure
        assert figure.img["alt"] == "Alt & <b>" and figure.figcaption.get_text() == "Cap <i>"


def test_the_xsl_stylesheet_setting_is_gone_with_a_pointer_to_the_subscribe_page() -> None:
    with pytest.raises(SettingsError) as caught:
        load({"SITEURL": "https://news.example", "FEEDS_STYLESHEET": "theme/feeds/feed.xsl"})
    assert "FEEDS_STYLESHEET is no longer read" in str(caught.value) and "feeds/" in str(caught.value)
    site = plan([entry(1)], config(), f"{BASE}/")[0]
    for fmt in ("rss", "atom"):
        assert b"xml-stylesheet" not in render(site, fmt, config(), datetime(2026, 11, 1, tzinfo=UTC))


def test_opml_lists_each_feed_once_escaped_and_skips_empty_groups() -> None:
    cfg = config(site_name='Tom & Jerry "News" <Daily>', tags=False)
    feeds = plan([entry(1), entry(2, section="cloud")], cfg, f"{BASE}/")
    root = etree.fromstring(opml(feeds, cfg))
    assert root.findtext("head/title") == 'Tom & Jerry "News" <Daily>: every feed'
    assert [o.get("text") for o in root.find("body")] == ['Tom & Jerry "News" <Daily>', "Sections", "Authors"]
    urls = [o.get("xmlUrl") for o in root.iter("outline") if o.get("xmlUrl")]
    grouped = sorted(feeds, key=lambda feed: ["site", "section", "tag", "author"].index(feed.kind))
    assert urls == [f"{BASE}/{feed.path('rss')}" for feed in grouped] and len(urls) == 4
    assert opml(feeds, cfg) == opml(plan([entry(2, section="cloud"), entry(1)], cfg, f"{BASE}/"), cfg)


def test_subscribe_page_groups_every_feed_by_family_with_links_from_siteurl() -> None:
    from feeds.subscribe import follow_links, subscribe_page  # noqa: PLC0415

    feeds = plan([entry(1, tags=("a", "b")), entry(2, section="cloud", authors=("bob",))], config(authors=False),
                 f"{BASE}/")  # fmt: skip
    for siteurl in ("", BASE):
        data = subscribe_page(feeds, siteurl, BASE)
        assert [g.heading for g in data.groups] == ["Everything", "Sections", "Topics"]  # no author feeds, no group
        assert data.count == len(feeds) and data.opml == f"{siteurl}/feeds/all.opml" and data.url == f"{siteurl}/feeds/"
        rows = [row for group in data.groups for row in group.feeds]
        assert [r.anchor for r in rows] == ["all", "section-cloud", "section-security", "tag-a", "tag-b"]
        assert rows[0].name == "Every story from Site" and rows[0].page == f"{siteurl}/"
        assert rows[1].name == "Cloud" and rows[1].page == f"{siteurl}/section/cloud/"
        assert [(link.format, link.href) for link in rows[3].links] == [
            ("RSS", f"{siteurl}/feeds/tag/a.rss.xml"), ("Atom", f"{siteurl}/feeds/tag/a.atom.xml")]  # fmt: skip
        assert [link.format for link in rows[0].links] == ["RSS", "Atom", "JSON Feed"]
        assert follow_links(feeds, siteurl)["tag:b"] == f"{siteurl}/feeds/#tag-b"

"""Unit tests of the seo plugin's pure core: sitemaps, the news sitemap and robots.txt."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from lxml import etree
from seo.files import crawler_files
from seo.news import NEWS_NS, NewsItem, news_sitemap_xml, select_news
from seo.robots import robots_txt
from seo.settings import load as load_settings
from seo.sitemap import SITEMAP_NS, UrlEntry, merge, plan_sitemaps, urlset_xml

BASE = "https://dailydiff.example"
NS = {"s": SITEMAP_NS, "n": NEWS_NS}
T0 = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def entries(count: int) -> list[UrlEntry]:
    return [UrlEntry(f"{BASE}/story-{i:03d}/", T0 + timedelta(hours=i)) for i in range(count)]


def test_small_site_is_one_urlset() -> None:
    files = plan_sitemaps(entries(3), BASE, 50_000)
    assert [name for name, _ in files] == ["sitemap.xml"]
    root = etree.fromstring(files[0][1])
    assert root.tag == f"{{{SITEMAP_NS}}}urlset"
    assert root.xpath("s:url/s:loc/text()", namespaces=NS) == [e.loc for e in entries(3)]
    assert root.xpath("s:url[1]/s:lastmod/text()", namespaces=NS) == ["2026-11-20T12:00:00+00:00"]


@pytest.mark.parametrize(("count", "size", "parts"), [(10, 10, 0), (11, 10, 2), (25, 10, 3), (30, 10, 3), (7, 1, 7)])
def test_split_at_the_limit_with_an_index(count: int, size: int, parts: int) -> None:
    files = dict(plan_sitemaps(entries(count), BASE, size))
    if not parts:
        assert list(files) == ["sitemap.xml"]
        return
    assert list(files) == ["sitemap.xml", *(f"sitemap-{i}.xml" for i in range(1, parts + 1))]
    index = etree.fromstring(files["sitemap.xml"])
    assert index.tag == f"{{{SITEMAP_NS}}}sitemapindex"
    assert index.xpath("s:sitemap/s:loc/text()", namespaces=NS) == [
        f"{BASE}/sitemap-{i}.xml" for i in range(1, parts + 1)
    ]
    seen = []
    for i in range(1, parts + 1):
        part = etree.fromstring(files[f"sitemap-{i}.xml"])
        locs = part.xpath("s:url/s:loc/text()", namespaces=NS)
        assert 0 < len(locs) <= size
        seen.extend(locs)
        newest = max(part.xpath("s:url/s:lastmod/text()", namespaces=NS))
        assert index.xpath(f"s:sitemap[{i}]/s:lastmod/text()", namespaces=NS) == [newest]
    assert seen == [e.loc for e in entries(count)]  # every URL once, in order


def test_duplicate_urls_are_merged_keeping_the_newest_date_and_unknown_dates_are_left_out() -> None:
    merged = merge([UrlEntry(f"{BASE}/b/", T0), UrlEntry(f"{BASE}/a/"), UrlEntry(f"{BASE}/b/", T0 + timedelta(1))])
    assert merged == [UrlEntry(f"{BASE}/a/", None), UrlEntry(f"{BASE}/b/", T0 + timedelta(1))]
    root = etree.fromstring(urlset_xml(merged))
    assert root.xpath("s:url[1]/s:lastmod", namespaces=NS) == []


def test_urls_are_escaped_and_the_output_is_deterministic() -> None:
    tricky = [UrlEntry(f"{BASE}/search/?q=a&b=<c>", T0)]
    data = urlset_xml(tricky)
    assert b"&amp;b=&lt;c&gt;" in data
    assert etree.fromstring(data).xpath("s:url/s:loc/text()", namespaces=NS) == [tricky[0].loc]
    assert plan_sitemaps(reversed(entries(5)), BASE, 2) == plan_sitemaps(entries(5), BASE, 2)


def test_split_size_must_be_positive() -> None:
    with pytest.raises(ValueError):
        plan_sitemaps(entries(1), BASE, 0)


def news(hours_before_newest: list[float], newest: datetime = T0) -> list[NewsItem]:
    return [NewsItem(f"{BASE}/n{h}/", f"Story {h}", newest - timedelta(hours=h)) for h in hours_before_newest]


def test_news_window_is_the_48_hours_up_to_the_builds_now_both_ends_included() -> None:
    items = news([0, 1, 47.99, 48, 48.01, 200])
    chosen = select_news(items, 48, 1000, T0)
    assert [i.title for i in chosen] == ["Story 0", "Story 1", "Story 47.99", "Story 48"]
    assert [i.title for i in select_news(items, 48, 1000, T0 + timedelta(hours=47))] == ["Story 0", "Story 1"]


def test_news_window_takes_the_builds_now_not_the_wall_clock_nor_the_newest_story() -> None:
    old = news([0, 10], newest=datetime(2001, 1, 1, tzinfo=UTC))
    assert len(select_news(old, 48, 1000, datetime(2001, 1, 1, 6, tzinfo=UTC))) == 2
    assert select_news(old, 48, 1000, datetime(2001, 1, 3, 1, tzinfo=UTC)) == []  # nothing in the last two days
    assert select_news(news([-1, 0]), 48, 1000, T0)[0].title == "Story 0"  # a later one is not live yet


def test_news_window_compares_instants_across_offsets() -> None:
    tokyo = timezone(timedelta(hours=9))
    newest = NewsItem(f"{BASE}/tokyo/", "Tokyo", datetime(2026, 11, 23, 10, 15, tzinfo=tokyo))  # 01:15 UTC
    edge = NewsItem(f"{BASE}/london/", "London", datetime(2026, 11, 21, 1, 15, tzinfo=UTC))  # exactly 48 h
    out = NewsItem(f"{BASE}/out/", "Out", datetime(2026, 11, 21, 1, 14, tzinfo=UTC))
    now = datetime(2026, 11, 23, 1, 15, tzinfo=UTC)
    assert [i.title for i in select_news([out, edge, newest], 48, 1000, now)] == ["Tokyo", "London"]


def test_news_is_newest_first_capped_and_stable_on_ties() -> None:
    same = [NewsItem(f"{BASE}/{c}/", c, T0) for c in "cab"]
    assert [i.title for i in select_news(same, 48, 1000, T0)] == ["a", "b", "c"]
    many = news([i / 100 for i in range(1500)])
    chosen = select_news(many, 48, 1000, T0)
    assert len(chosen) == 1000
    assert chosen == sorted(chosen, key=lambda i: i.published, reverse=True)
    assert chosen[0].title == "Story 0.0"


def test_empty_site_has_an_empty_but_valid_news_sitemap() -> None:
    assert select_news([], 48, 1000, T0) == []
    root = etree.fromstring(news_sitemap_xml([], "The Daily Diff", "en"))
    assert root.tag == f"{{{SITEMAP_NS}}}urlset" and len(root) == 0


def test_news_sitemap_has_the_google_news_fields() -> None:
    item = NewsItem(f"{BASE}/x/", 'Chips & "dips" <now>', T0)
    root = etree.fromstring(news_sitemap_xml([item], "The Daily Diff", "en"))
    url = root.find("s:url", NS)
    assert url.findtext("s:loc", namespaces=NS) == item.loc
    assert url.findtext("n:news/n:publication/n:name", namespaces=NS) == "The Daily Diff"
    assert url.findtext("n:news/n:publication/n:language", namespaces=NS) == "en"
    assert url.findtext("n:news/n:publication_date", namespaces=NS) == "2026-11-20T12:00:00+00:00"
    assert url.findtext("n:news/n:title", namespaces=NS) == item.title


def test_robots_txt_allows_all_disallows_drafts_and_lists_both_sitemaps() -> None:
    text = robots_txt([f"{BASE}/sitemap.xml", f"{BASE}/news-sitemap.xml"], ["/drafts/"])
    lines = text.splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /drafts/" in lines and "Allow: /" in lines
    assert f"Sitemap: {BASE}/sitemap.xml" in lines and f"Sitemap: {BASE}/news-sitemap.xml" in lines
    assert "Disallow: /news/drafts/" in robots_txt([], ["/drafts/"], "/news")


def test_crawler_files_fit_together() -> None:
    config = load_settings(
        {
            "SITENAME": "The Daily Diff",
            "SITEURL": BASE,
            "DEFAULT_LANG": "en-gb",
            "PLUGINS": ["newsroom", "seo"],
            "SEO_SITEMAP_MAX_URLS": 2,
        }
    )
    files = dict(crawler_files(entries(3), news([0, 49]), config, T0))
    assert list(files) == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "news-sitemap.xml", "robots.txt"]
    robots = files["robots.txt"].decode()
    assert f"Sitemap: {BASE}/sitemap.xml\nSitemap: {BASE}/news-sitemap.xml\n" in robots
    news_root = etree.fromstring(files["news-sitemap.xml"])
    assert news_root.xpath("//n:title/text()", namespaces=NS) == ["Story 0"]
    assert news_root.xpath("//n:language/text()", namespaces=NS) == ["en"]

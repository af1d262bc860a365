"""Sites built with the seo plugin, read back: JSON-LD, cards, canonical URLs, sitemaps, robots.txt."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree
from support import pages
from support.builds import ROOT, build, tree_digest
from support.pages import soup
from support.seo import DIRECT, PLUGINS, article_pages, json_ld, of_type, refused_over, seo_conf, write_small_site

DEV_BASE = "http://127.0.0.1:8000"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
NS = {"s": SITEMAP, "n": NEWS}
SHOWN = "Hack </script><script>alert(1)</script> \u201cquoted\u201d & \u2018single\u2019 <b>bold</b>"  # typeset


def local(output: Path, url: str, base: str = DEV_BASE) -> Path:
    """The file in ``output`` that an absolute URL of the site serves."""
    assert url.startswith(base + "/"), url
    return pages.target_file(output, url[len(base) :])


def meta_tags(doc: BeautifulSoup) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in doc.head.find_all("meta"):
        key = tag.get("property") or tag.get("name")
        if key:
            found.setdefault(key, []).append(tag.get("content", ""))
    return found


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's sample content, built with the seo plugin (and search, as on the real site)."""
    folder = tmp_path_factory.mktemp("seo-sample")
    # built as of the newest sample story's time: the news sitemap's window ends there
    result = build(ROOT / "content", folder / "out", settings=str(seo_conf(folder, NEWSROOM_NOW="2026-11-27T10:00")))
    assert result.returncode == 0, result.stderr
    return folder / "out"


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("seo-small")
    write_small_site(folder / "content")
    conf = seo_conf(folder, SEO_SITEMAP_MAX_URLS=5, NEWSROOM_NOW="2026-11-20T12:00")  # the newest story's time
    result = build(folder / "content", folder / "out", settings=str(conf))
    assert result.returncode == 0, result.stderr
    return folder / "out"


def every_site(request: pytest.FixtureRequest) -> Path:
    return request.getfixturevalue(request.param)


both = pytest.mark.parametrize("built", ["sample", "small"], indirect=True)


@pytest.fixture
def built(request: pytest.FixtureRequest) -> Path:
    return every_site(request)


# ---- JSON-LD --------------------------------------------------------------------------------------------------


@both
def test_every_json_ld_block_on_every_page_parses(built: Path) -> None:
    kinds: dict[str, set[str]] = {}
    for page in pages.html_files(built):
        doc = soup(page)
        for data in json_ld(doc):  # json.loads raises on anything malformed
            assert data["@context"] == "https://schema.org"
            kinds.setdefault(data["@type"], set()).add(page.relative_to(built).as_posix())
    assert kinds["WebSite"] == {"index.html"}
    assert kinds["NewsArticle"] == kinds["BreadcrumbList"]
    assert {p for p in kinds["NewsArticle"] if not p.startswith("drafts/")} == {
        p.relative_to(built).as_posix() for p in article_pages(built)
    }
    assert kinds["ProfilePage"] == {p.relative_to(built).as_posix() for p in built.glob("author/*/index.html")}


@both
def test_news_article_has_what_googles_article_documentation_asks_for(built: Path) -> None:
    for page in article_pages(built):
        doc = soup(page)
        (article,) = of_type(doc, "NewsArticle")
        canonical = doc.head.find("link", rel="canonical")["href"]
        assert local(built, canonical) == page
        assert article["headline"] == doc.find("h1").get_text() and article["headline"]
        assert article["description"] == doc.select_one(".standfirst").get_text()
        assert article["mainEntityOfPage"] == {"@type": "WebPage", "@id": canonical} and article["url"] == canonical
        published = datetime.fromisoformat(article["datePublished"])
        modified = datetime.fromisoformat(article["dateModified"])
        assert published.tzinfo and modified.tzinfo and modified >= published
        assert published == datetime.fromisoformat(doc.select_one(".dates time")["datetime"])
        hero = doc.select_one("figure.hero img")
        if hero:
            assert isinstance(article["image"], list) and article["image"]
            for url in article["image"]:
                assert local(built, url).is_file()
            assert article["image"][0].endswith(hero["src"])
        else:
            assert "image" not in article
        byline = [a.get_text() for a in doc.select(".story-byline .byline a[rel=author]")]
        assert [a["name"] for a in article["author"]] == byline
        for author in article["author"]:
            assert author["@type"] == "Person"
            assert soup(local(built, author["url"])).find("h1").get_text(strip=True) == author["name"]
        publisher = article["publisher"]
        assert publisher["@type"] == "NewsMediaOrganization" and publisher["name"] == "The Daily Diff"
        assert publisher["logo"]["@type"] == "ImageObject"
        logo = local(built, publisher["logo"]["url"])
        assert logo.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert (publisher["logo"]["width"], publisher["logo"]["height"]) == (600, 60)
        assert article["articleSection"] == doc.select_one(".story-meta .section-label").get_text()


@both
def test_breadcrumbs_lead_from_home_through_the_section_to_the_article(built: Path) -> None:
    for page in article_pages(built):
        doc = soup(page)
        (crumbs,) = of_type(doc, "BreadcrumbList")
        items = crumbs["itemListElement"]
        assert [i["position"] for i in items] == [1, 2, 3]
        assert [local(built, i["item"]) for i in items] == [
            built / "index.html",
            pages.target_file(built, doc.select_one(".story-meta .section-label")["href"]),
            page,
        ]
        assert items[1]["name"] == doc.select_one(".story-meta .section-label").get_text()
        assert items[2]["name"] == doc.find("h1").get_text()


def test_website_on_home_and_profile_pages_on_author_pages(sample: Path) -> None:
    (site,) = of_type(soup(sample / "index.html"), "WebSite")
    assert site["url"] == f"{DEV_BASE}/" and site["name"] == "The Daily Diff"
    template = site["potentialAction"]["target"]["urlTemplate"]
    assert template == f"{DEV_BASE}/search/?q={{search_term_string}}"
    assert local(sample, template.split("?")[0]).is_file()
    doc = soup(sample / "author" / "priya-raman" / "index.html")
    (profile,) = of_type(doc, "ProfilePage")
    person = profile["mainEntity"]
    assert person["@type"] == "Person" and person["name"] == doc.find("h1").get_text(strip=True) == "Priya Raman"
    assert local(sample, person["url"]) == sample / "author" / "priya-raman" / "index.html"
    assert person["jobTitle"] == doc.select_one(".author-header .role").get_text(strip=True)
    assert local(sample, person["image"]).is_file()
    assert all(url.startswith("https://") for url in person.get("sameAs", []))
    (guest,) = of_type(soup(sample / "author" / "tomasz-wierzbicki" / "index.html"), "ProfilePage")
    assert guest["mainEntity"]["name"] == "Tomasz Wierzbicki"


# ---- head tags: canonical, Open Graph, Twitter -------------------------------------------------------------------


@both
def test_every_page_has_a_canonical_url_of_its_own_or_asks_not_to_be_indexed(built: Path) -> None:
    for page in pages.html_files(built):
        if page.is_relative_to(built / "pagefind"):
            continue
        doc = soup(page)
        canonical = doc.head.find_all("link", rel="canonical")
        robots = doc.head.find("meta", attrs={"name": "robots"})
        rel = page.relative_to(built).as_posix()
        if rel in ("404.html", "search/index.html") or rel.startswith("drafts/"):
            assert robots and robots["content"] == "noindex", rel
            if not rel.startswith("drafts/"):
                assert not canonical, rel
                continue
        assert len(canonical) == 1, rel
        assert local(built, canonical[0]["href"]) == page, rel
        assert meta_tags(doc)["og:url"] == [canonical[0]["href"]]


@both
def test_open_graph_and_twitter_cards(built: Path) -> None:
    for page in article_pages(built):
        doc = soup(page)
        tags = meta_tags(doc)
        headline = doc.find("h1").get_text()
        assert tags["og:type"] == ["article"] and tags["og:title"] == [headline] == tags["twitter:title"]
        assert tags["og:description"] == [doc.select_one(".standfirst").get_text()]
        assert tags["og:site_name"] == ["The Daily Diff"] and tags["og:locale"] == ["en_GB"]
        assert tags["twitter:site"] == ["@dailydiff"]
        assert tags["article:section"] == [doc.select_one(".story-meta .section-label").get_text()]
        assert tags["article:published_time"] == [doc.select_one(".dates time")["datetime"]]
        assert [t.get_text() for t in doc.select(".story-tags li")] == tags.get("article:tag", [])
        for url in tags["og:image"] + tags["twitter:image"]:
            assert local(built, url).is_file()
        hero = doc.select_one("figure.hero img")
        assert tags["twitter:card"] == ["summary_large_image" if hero else "summary"]
        if hero:
            assert tags["og:image"][0].endswith(hero["src"]) and tags["og:image:alt"] == [hero["alt"]]
    home = meta_tags(soup(built / "index.html"))
    assert home["og:type"] == ["website"] and home["twitter:card"] == ["summary"]
    assert local(built, home["og:image"][0]).is_file()


def test_headline_cannot_break_out_of_json_ld_or_meta_tags(small: Path) -> None:
    page = small / "2026" / "11" / "evil" / "index.html"
    raw = page.read_text(encoding="utf-8")
    doc = soup(page)
    inline = [s for s in doc.find_all("script") if not s.has_attr("src")]
    assert [s.get("type") for s in inline] == ["application/ld+json", "application/ld+json"]  # no injected script
    (article,) = of_type(doc, "NewsArticle")
    assert article["headline"] == SHOWN
    assert of_type(doc, "BreadcrumbList")[0]["itemListElement"][2]["name"] == SHOWN
    tags = meta_tags(doc)
    assert tags["og:title"] == [SHOWN] == tags["twitter:title"]
    assert "<script>alert(1)" not in raw and "<b>bold" not in raw
    assert doc.find("h1").get_text() == SHOWN
    assert article["author"] == [
        {"@type": "Person", "name": "Ada Lovelace", "url": f"{DEV_BASE}/author/ada-lovelace/"},
        {"@type": "Person", "name": "Guest Writer", "url": f"{DEV_BASE}/author/guest-writer/"},
    ]
    assert article["keywords"] == ["a & b"]


def test_modified_date_and_article_without_hero(small: Path) -> None:
    (newest,) = of_type(soup(small / "2026" / "11" / "newest" / "index.html"), "NewsArticle")
    assert newest["datePublished"] == "2026-11-20T12:00:00+00:00"
    assert newest["dateModified"] == "2026-11-20T18:30:00+00:00"
    plain = soup(small / "2026" / "11" / "plain" / "index.html")
    assert "image" not in of_type(plain, "NewsArticle")[0]
    assert local(small, meta_tags(plain)["og:image"][0]) == small / "theme" / "img" / "logo.png"


# ---- sitemaps and robots.txt ----------------------------------------------------------------------------------


def sitemap_locs(output: Path) -> list[str]:
    """Every <loc> of sitemap.xml, following an index into its parts."""
    root = etree.fromstring((output / "sitemap.xml").read_bytes())
    if root.tag == f"{{{SITEMAP}}}sitemapindex":
        locs = []
        for part in root.xpath("s:sitemap/s:loc/text()", namespaces=NS):
            child = etree.fromstring(local(output, part).read_bytes())
            assert child.tag == f"{{{SITEMAP}}}urlset"
            locs.extend(child.xpath("s:url/s:loc/text()", namespaces=NS))
        return locs
    assert root.tag == f"{{{SITEMAP}}}urlset"
    return root.xpath("s:url/s:loc/text()", namespaces=NS)


@both
def test_sitemap_lists_every_public_page_and_every_url_resolves(built: Path) -> None:
    locs = sitemap_locs(built)
    assert len(locs) == len(set(locs)) and locs == sorted(locs)
    files = [local(built, loc) for loc in locs]
    assert all(f.is_file() for f in files)
    assert set(article_pages(built)) <= set(files)
    assert built / "index.html" in files
    assert not any("drafts" in loc for loc in locs)
    assert built / "section" / "security" / "index.html" in files and built / "tag" / "security" / "index.html" in files
    assert any(f.parent.name.startswith("about") for f in files)  # the static page


def test_sitemap_lastmod_is_the_articles_own_date(sample: Path) -> None:
    root = etree.fromstring((sample / "sitemap.xml").read_bytes())
    for url in root.xpath("s:url", namespaces=NS):
        loc, lastmod = url.findtext("s:loc", namespaces=NS), url.findtext("s:lastmod", namespaces=NS)
        page = local(sample, loc)
        if page in article_pages(sample):
            times = [t["datetime"] for t in soup(page).select(".dates time")]
            assert lastmod == times[-1]  # Updated when there is one, else Published


def test_sitemap_splits_into_an_index_past_the_limit(small: Path) -> None:
    root = etree.fromstring((small / "sitemap.xml").read_bytes())
    assert root.tag == f"{{{SITEMAP}}}sitemapindex"
    parts = root.xpath("s:sitemap/s:loc/text()", namespaces=NS)
    assert len(parts) >= 3
    for i, part in enumerate(parts, 1):
        assert part == f"{DEV_BASE}/sitemap-{i}.xml"
        child = etree.fromstring(local(small, part).read_bytes())
        assert 1 <= len(child.xpath("s:url", namespaces=NS)) <= 5
    assert len(sitemap_locs(small)) > 10


def news_entries(output: Path) -> list[tuple[str, str, str, str, str]]:
    root = etree.fromstring((output / "news-sitemap.xml").read_bytes())
    assert root.tag == f"{{{SITEMAP}}}urlset"
    return [
        (
            url.findtext("s:loc", namespaces=NS),
            url.findtext("n:news/n:publication/n:name", namespaces=NS),
            url.findtext("n:news/n:publication/n:language", namespaces=NS),
            url.findtext("n:news/n:publication_date", namespaces=NS),
            url.findtext("n:news/n:title", namespaces=NS),
        )
        for url in root.xpath("s:url", namespaces=NS)
    ]


@both
def test_news_sitemap_has_the_48_hours_before_the_builds_now(built: Path) -> None:
    published = {}
    for page in article_pages(built):
        doc = soup(page)
        published[page] = (datetime.fromisoformat(doc.select_one(".dates time")["datetime"]), doc.find("h1").get_text())
    newest = max(when for when, _ in published.values())
    expected = sorted(
        ((when, title, page) for page, (when, title) in published.items() if when >= newest - timedelta(hours=48)),
        key=lambda item: item[0],
        reverse=True,
    )
    entries = news_entries(built)
    assert [(local(built, e[0]), e[4]) for e in entries] == [(page, title) for _, title, page in expected]
    for _loc, name, language, date, _title in entries:
        assert name == "The Daily Diff" and language == "en"
        assert datetime.fromisoformat(date).tzinfo


def test_news_window_boundary_in_a_built_site(small: Path) -> None:
    titles = [entry[4] for entry in news_entries(small)]
    assert titles == ["Newest story", "No picture", SHOWN, "Exactly two days older"]  # not "A minute too old"


@both
def test_robots_txt(built: Path) -> None:
    lines = (built / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "User-agent: *" and "Allow: /" in lines and "Disallow: /drafts/" in lines
    sitemaps = [line.split(": ", 1)[1] for line in lines if line.startswith("Sitemap: ")]
    assert sitemaps == [f"{DEV_BASE}/sitemap.xml", f"{DEV_BASE}/news-sitemap.xml"]
    assert all(local(built, url).is_file() for url in sitemaps)


def test_published_build_uses_the_public_address(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_small_site(content)
    conf = seo_conf(tmp_path, SITEURL="https://dailydiff.example", DRAFT_SAVE_AS="", PLUGINS=PLUGINS[:-1],
                    DIRECT_TEMPLATES=DIRECT[:-1])  # fmt: skip
    result = build(content, tmp_path / "out", settings=str(conf))
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    base = "https://dailydiff.example"
    assert f"Sitemap: {base}/sitemap.xml" in (out / "robots.txt").read_text()
    doc = soup(out / "2026" / "11" / "newest" / "index.html")
    assert doc.head.find("link", rel="canonical")["href"] == f"{base}/2026/11/newest/"
    assert all(loc.startswith(base + "/") for loc in etree.fromstring((out / "news-sitemap.xml").read_bytes()).xpath(
        "//s:loc/text()", namespaces=NS))  # fmt: skip
    assert not (out / "pagefind").exists() and not (out / "search").exists()
    assert not doc.select(".search-link") and not doc.select("[data-pagefind-body]")
    (site,) = of_type(soup(out / "index.html"), "WebSite")
    assert "potentialAction" not in site  # no search page to point a search box at


# ---- reading time, previous and next -------------------------------------------------------------------------


@both
def test_reading_time_is_shown_near_the_byline(built: Path) -> None:
    for page in article_pages(built):
        doc = soup(page)
        text = doc.select_one(".story-byline .reading-time").get_text()
        minutes = int(text.removesuffix(" min read"))
        words = len(doc.select_one(".story-body").get_text(" ").split())
        assert minutes == max(1, -(-words // 230)) or abs(minutes - words / 230) < 1.5
        assert meta_tags(doc)["twitter:data2"] == [text]


@both
def test_previous_and_next_stay_in_the_section_in_date_order(built: Path) -> None:
    def facts(page: Path) -> tuple[str, datetime, str]:
        doc = soup(page)
        return (
            doc.select_one(".story-meta .section-label").get_text(),
            datetime.fromisoformat(doc.select_one(".dates time")["datetime"]),
            page.parent.name,
        )

    by_section: dict[str, list[tuple[datetime, str, Path]]] = {}
    for page in article_pages(built):
        section, when, slug = facts(page)
        by_section.setdefault(section, []).append((when, slug, page))
    for items in by_section.values():
        items.sort()
        for i, (_when, _slug, page) in enumerate(items):
            nav = soup(page).select_one("nav.story-sequence")
            prev = nav.select_one('a[rel="prev"]') if nav else None
            after = nav.select_one('a[rel="next"]') if nav else None
            want_prev = items[i - 1][2] if i > 0 else None
            want_next = items[i + 1][2] if i + 1 < len(items) else None
            assert (pages.target_file(built, prev["href"]) if prev else None) == want_prev, page
            assert (pages.target_file(built, after["href"]) if after else None) == want_next, page
            if len(items) == 1:
                assert nav is None


def test_equal_dates_are_ordered_by_slug(small: Path) -> None:
    alpha = soup(small / "2026" / "11" / "alpha-tie" / "index.html")
    assert alpha.select_one('nav.story-sequence a[rel="next"]')["href"] == "/2026/11/beta-tie/"
    assert alpha.select_one('nav.story-sequence a[rel="prev"]') is None


def test_the_seo_build_passes_the_sites_own_checks(sample: Path) -> None:
    pages.every_internal_link_and_image_resolves(sample)
    pages.every_page_advertises_feeds_and_lists_pages(sample)
    pages.article_page_has_newsroom_furniture(sample)
    pages.text_from_front_matter_is_escaped(sample)
    pages.every_published_article_is_present_under_its_headline(sample)
    pages.bylines_link_to_author_pages(sample)


def test_pages_load_nothing_from_other_hosts_except_links_that_name_addresses(sample: Path) -> None:
    """The site check with canonical links allowed: like rel=alternate, they name an address and load nothing."""
    for page in pages.html_files(sample):
        doc = soup(page)
        for script in doc.find_all("script", src=True):
            assert script["src"].startswith("/") and script.has_attr("defer"), (page, script)
        for element in doc.find_all(["link", "img", "source", "iframe"]):
            named_only = element.name == "link" and element.get("rel") in (["alternate"], ["canonical"])
            url = element.get("src") or (None if named_only else element.get("href"))
            assert not url or not url.startswith(("http://", "https://", "//")), (page, url)


def test_build_is_deterministic(tmp_path: Path) -> None:
    """Two builds of the same sources in different folders: byte-identical, search index included.
    (No equal dates here: Pelican lists equal-dated stories on list pages in the order it read the files.)"""
    digests = []
    for run in ("a", "b"):
        write_small_site(tmp_path / run / "content", ties=False)
        conf = seo_conf(tmp_path / run, SEO_SITEMAP_MAX_URLS=5)
        result = build(tmp_path / run / "content", tmp_path / run / "out", settings=str(conf))
        assert result.returncode == 0, result.stderr
        site = tree_digest(tmp_path / run / "out")
        digests.append({name: digest for name, digest in site.items() if not name.startswith(".")})  # bookkeeping
    assert digests[0] == digests[1]
    assert any(name.startswith("pagefind/") for name in digests[0])


# ---- start-up checks ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"SEO_TWITTER_SITE": "not a handle"}, "SEO_TWITTER_SITE must be a handle"),
        ({"SEO_PUBLISHER_LOGO": "theme/img/missing.png"}, "SEO_PUBLISHER_LOGO 'theme/img/missing.png' is not a file"),
    ],
)
def test_bad_settings_stop_the_build_and_leave_the_output_alone(
    small: Path, tmp_path: Path, overrides: dict[str, object], message: str
) -> None:
    assert message in refused_over(small, tmp_path, overrides)


def test_site_without_published_articles(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_small_site(content)
    for source in (content / "articles").glob("*.md"):
        if source.stem != "draft":
            source.unlink()
    result = build(content, tmp_path / "out", settings=str(seo_conf(tmp_path)))
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    assert news_entries(out) == []
    assert all(local(out, loc).is_file() for loc in sitemap_locs(out)) and f"{DEV_BASE}/" in sitemap_locs(out)
    assert "the search index was not written" in result.stderr
    assert not (out / "pagefind").exists()
    assert of_type(soup(out / "index.html"), "WebSite")

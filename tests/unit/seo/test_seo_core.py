"""Unit tests of the seo plugin's pure core: reading time, section sequence, URLs, JSON-LD, social tags."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from seo.jsonld import ArticleData, Person, Publisher, breadcrumbs, news_article, profile_page, website
from seo.pages import SeoSite, article_meta
from seo.reading import count_words, reading_minutes
from seo.sequence import Story, in_section_neighbours
from seo.social import SocialImage, social_tags
from seo.urls import absolute, base_path, bcp47, news_language, og_locale, page_path

BASE = "https://dailydiff.example"
T0 = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
PUB = Publisher("The Daily Diff", f"{BASE}/", f"{BASE}/theme/img/logo.png", 600, 60)
LOGO = SocialImage(PUB.logo_url, "The Daily Diff", 600, 60, "image/png")


# ---- reading time ----------------------------------------------------------------------------------------------


def test_words_are_counted_in_the_visible_text() -> None:
    html = "<p>One two&nbsp;three</p><p>four</p><script>var no = 1;</script><h2>Five</h2><pre>six seven</pre>"
    assert count_words(html) == 7
    assert count_words("<p>a</p><p>b</p>") == 2  # tags separate words
    assert count_words("") == 0
    assert count_words("<!-- a comment -->A <STYLE>p { x: y }</STYLE>b <a href='x'>c</a>d") == 4


@pytest.mark.parametrize(
    ("words", "wpm", "minutes"), [(0, 230, 1), (1, 230, 1), (230, 230, 1), (231, 230, 2), (920, 230, 4), (921, 200, 5)]
)
def test_reading_minutes_round_up_and_are_at_least_one(words: int, wpm: int, minutes: int) -> None:
    assert reading_minutes(words, wpm) == minutes


# ---- previous and next in section ----------------------------------------------------------------------------


def story(key: str, section: str, hours: float, slug: str | None = None) -> Story:
    return Story(key, section, T0 + timedelta(hours=hours), slug or key)


def test_neighbours_stay_inside_their_section_and_go_by_date() -> None:
    result = in_section_neighbours(
        [story("s2", "security", 2), story("c1", "cloud", 1), story("s1", "security", 1), story("s3", "security", 3)]
    )
    assert result["s1"] == (None, "s2")
    assert result["s2"] == ("s1", "s3")
    assert result["s3"] == ("s2", None)
    assert result["c1"] == (None, None)  # alone in its section


def test_equal_dates_are_ordered_by_slug_then_key() -> None:
    items = [story("k-b", "x", 0, "b"), story("k-a", "x", 0, "a"), story("k-a2", "x", 0, "a"), story("k-0", "x", -1)]
    result = in_section_neighbours(items)
    assert result["k-0"] == (None, "k-a")
    assert result["k-a"] == ("k-0", "k-a2")
    assert result["k-a2"] == ("k-a", "k-b")
    assert result["k-b"] == ("k-a2", None)
    assert in_section_neighbours(reversed(items)) == result


def test_no_stories_no_neighbours() -> None:
    assert in_section_neighbours([]) == {}


# ---- URLs and language codes -----------------------------------------------------------------------------------


def test_urls_and_languages() -> None:
    assert absolute(BASE, "") == f"{BASE}/"
    assert absolute(BASE, "/2026/11/x/") == f"{BASE}/2026/11/x/"
    assert page_path("index.html") == "" and page_path("tag/x/index.html") == "tag/x/"
    assert page_path("404.html") == "404.html" and page_path("page/2/index.html") == "page/2/"
    assert base_path(BASE) == "" and base_path("https://x.example/news/") == "/news"
    assert bcp47("en-gb") == "en-GB" and bcp47("en") == "en"
    assert og_locale("en-gb") == "en_GB" and og_locale("fr") == "fr"
    assert news_language("en-GB") == "en" and news_language("zh-TW") == "zh-tw" and news_language("pt-BR") == "pt"


# ---- JSON-LD ---------------------------------------------------------------------------------------------------


def article_data(**changes: object) -> ArticleData:
    values: dict[str, object] = {
        "url": f"{BASE}/2026/11/x/",
        "headline": "Headline",
        "description": "Standfirst.",
        "published": T0,
        "modified": T0 + timedelta(hours=3),
        "images": (f"{BASE}/images/x.png",),
        "section": "Security",
        "keywords": ("npm", "supply chain"),
        "authors": (Person("Priya Raman", f"{BASE}/author/priya-raman/"), Person("Dev Okafor", f"{BASE}/author/dev/")),
        "language": "en-GB",
        "word_count": 920,
        "minutes": 4,
    }
    values.update(changes)
    return ArticleData(**values)  # type: ignore[arg-type]


def test_news_article_has_googles_recommended_properties() -> None:
    data = news_article(article_data(), PUB)
    assert json.loads(json.dumps(data)) == data  # plain JSON values only
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == "Headline"
    assert data["image"] == [f"{BASE}/images/x.png"]
    assert data["datePublished"] == "2026-11-20T12:00:00+00:00"
    assert data["dateModified"] == "2026-11-20T15:00:00+00:00"
    assert data["author"] == [
        {"@type": "Person", "name": "Priya Raman", "url": f"{BASE}/author/priya-raman/"},
        {"@type": "Person", "name": "Dev Okafor", "url": f"{BASE}/author/dev/"},
    ]
    assert data["publisher"] == {
        "@type": "NewsMediaOrganization",
        "name": "The Daily Diff",
        "url": f"{BASE}/",
        "logo": {"@type": "ImageObject", "url": f"{BASE}/theme/img/logo.png", "width": 600, "height": 60},
    }
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": f"{BASE}/2026/11/x/"}
    assert data["articleSection"] == "Security" and data["keywords"] == ["npm", "supply chain"]
    assert data["wordCount"] == 920 and data["timeRequired"] == "PT4M"


def test_news_article_without_image_tags_or_author_page_leaves_them_out() -> None:
    data = news_article(article_data(images=(), keywords=(), authors=(Person("Guest Writer"),)), PUB)
    assert "image" not in data and "keywords" not in data
    assert data["author"] == [{"@type": "Person", "name": "Guest Writer"}]


def test_breadcrumbs_are_numbered_from_one() -> None:
    data = breadcrumbs([("Home", f"{BASE}/"), ("Security", f"{BASE}/section/security/"), ("Story", f"{BASE}/s/")])
    assert data["@type"] == "BreadcrumbList"
    assert [(i["position"], i["name"], i["item"]) for i in data["itemListElement"]] == [
        (1, "Home", f"{BASE}/"),
        (2, "Security", f"{BASE}/section/security/"),
        (3, "Story", f"{BASE}/s/"),
    ]
    assert all(i["@type"] == "ListItem" for i in data["itemListElement"])


def test_website_with_and_without_search() -> None:
    with_search = website("The Daily Diff", f"{BASE}/", "News", "en-GB", PUB, f"{BASE}/search/")
    assert with_search["@type"] == "WebSite" and with_search["url"] == f"{BASE}/"
    action = with_search["potentialAction"]
    assert action["target"]["urlTemplate"] == f"{BASE}/search/?q={{search_term_string}}"
    assert action["query-input"] == "required name=search_term_string"
    assert "potentialAction" not in website("The Daily Diff", f"{BASE}/", "News", "en-GB", PUB)


def test_profile_page_has_a_person_as_main_entity() -> None:
    person = Person(
        "Priya Raman",
        f"{BASE}/author/priya-raman/",
        job_title="Security Editor",
        description="Bio.",
        image=f"{BASE}/images/authors/priya.svg",
        same_as=("https://social.example.org/@priya",),
    )
    data = profile_page(person, PUB, "en-GB")
    assert data["@type"] == "ProfilePage" and data["url"] == person.url
    main = data["mainEntity"]
    assert main["@type"] == "Person" and main["name"] == "Priya Raman" and main["url"] == person.url
    assert main["jobTitle"] == "Security Editor" and main["sameAs"] == ["https://social.example.org/@priya"]
    assert main["worksFor"]["name"] == "The Daily Diff"


# ---- social tags and page metadata ------------------------------------------------------------------------------


def site(**changes: object) -> SeoSite:
    values: dict[str, object] = {
        "base": BASE,
        "site_name": "The Daily Diff",
        "description": "Technology news",
        "language": "en-GB",
        "locale": "en_GB",
        "publisher": PUB,
        "logo": LOGO,
        "twitter_site": "@dailydiff",
        "search_url": "search/",
        "home_file": "index.html",
        "noindex": ("404.html", "search/index.html"),
        "profiles": {"priya-raman": Person("Priya Raman", f"{BASE}/author/priya-raman/", image=f"{BASE}/p.png")},
    }
    values.update(changes)
    return SeoSite(**values)  # type: ignore[arg-type]


def tags_of(meta_tags: tuple[tuple[str, str, str], ...]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for _attr, key, value in meta_tags:
        found.setdefault(key, []).append(value)
    return found


def test_social_tags_use_property_for_open_graph_and_name_for_twitter() -> None:
    tags = social_tags(
        kind="website", title="T", description="D", url=f"{BASE}/", site_name="S", locale="en_GB", image=LOGO
    )
    assert all(attr == ("property" if key.startswith(("og:", "article:")) else "name") for attr, key, _ in tags)
    found = tags_of(tags)
    assert found["og:image"] == [LOGO.url] and found["twitter:card"] == ["summary"]
    assert "twitter:site" not in found


def test_article_meta_has_canonical_cards_and_both_json_ld_objects() -> None:
    hero = SocialImage(f"{BASE}/images/x.png", "Alt text", 1200, 675, "image/png")
    meta = article_meta(site(), article_data(), f"{BASE}/section/security/", hero, ("npm", "supply chain"))
    assert meta.canonical == f"{BASE}/2026/11/x/" and meta.robots == ""
    found = tags_of(meta.tags)
    assert found["og:type"] == ["article"] and found["og:url"] == [meta.canonical]
    assert found["og:image"] == [hero.url] and found["og:image:alt"] == ["Alt text"]
    assert found["twitter:card"] == ["summary_large_image"] and found["twitter:site"] == ["@dailydiff"]
    assert found["article:author"] == [f"{BASE}/author/priya-raman/", f"{BASE}/author/dev/"]
    assert found["article:tag"] == ["npm", "supply chain"]
    assert found["article:published_time"] == ["2026-11-20T12:00:00+00:00"]
    assert found["twitter:data2"] == ["4 min read"]
    assert [d["@type"] for d in meta.jsonld] == ["NewsArticle", "BreadcrumbList"]
    crumbs = meta.jsonld[1]["itemListElement"]
    assert [c["item"] for c in crumbs] == [f"{BASE}/", f"{BASE}/section/security/", meta.canonical]


def test_article_without_hero_falls_back_to_the_logo_and_drafts_ask_not_to_be_indexed() -> None:
    meta = article_meta(site(), article_data(images=()), f"{BASE}/section/security/", None, (), draft=True)
    assert meta.robots == "noindex"
    found = tags_of(meta.tags)
    assert found["og:image"] == [LOGO.url] and found["twitter:card"] == ["summary"]


def test_site_pages_home_and_authors() -> None:
    seo = site()
    assert seo.canonical("section/cloud/index.html") == f"{BASE}/section/cloud/"
    plain = seo.page("section/cloud/index.html", "Cloud · The Daily Diff", "")
    assert plain.canonical == f"{BASE}/section/cloud/" and plain.jsonld == ()
    assert tags_of(plain.tags)["og:description"] == ["Technology news"]
    home = seo.home("index.html", "The Daily Diff", "News")
    assert [d["@type"] for d in home.jsonld] == ["WebSite"] and home.canonical == f"{BASE}/"
    assert seo.home("page/2/index.html", "The Daily Diff", "News").jsonld == ()
    author = seo.author("author/priya-raman/index.html", "priya-raman", "Stories by Priya")
    assert [d["@type"] for d in author.jsonld] == ["ProfilePage"]
    assert tags_of(author.tags)["og:type"] == ["profile"] and tags_of(author.tags)["og:image"] == [f"{BASE}/p.png"]
    assert seo.author("author/priya-raman/page/2/index.html", "priya-raman", "x").jsonld == ()
    for noindex in ("404.html", "search/index.html"):
        meta = seo.page(noindex, "Not found", "")
        assert meta.robots == "noindex" and meta.canonical == "" and meta.tags == ()


def test_lazy_page_meta_is_worked_out_once_and_only_when_a_page_reads_it() -> None:
    from seo.describe import LazyMeta  # noqa: PLC0415
    from seo.pages import PageMeta  # noqa: PLC0415

    made = []

    def make() -> PageMeta:
        made.append(1)
        return PageMeta("https://example.com/a/", "", (("property", "og:title", "A"),), ())

    lazy = LazyMeta(make)
    assert made == [] and lazy  # truthy before it is worked out, as the template asks
    assert lazy.canonical == "https://example.com/a/" and lazy.tags[0][2] == "A" and lazy.robots == ""
    assert made == [1] and lazy.resolve() is lazy.resolve()

"""Sites built with the search plugin, read back: the Pagefind bundles, the search page, the marks on articles."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from support import pages
from support.builds import ROOT, article_text, build
from support.pages import soup
from support.seo import DIRECT, article_pages, of_type, refused_over, seo_conf, write_small_site


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's sample content, built with the seo and search plugins."""
    folder = tmp_path_factory.mktemp("search-sample")
    result = build(ROOT / "content", folder / "out", settings=str(seo_conf(folder)))
    assert result.returncode == 0, result.stderr
    return folder / "out"


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("search-small")
    write_small_site(folder / "content")
    result = build(folder / "content", folder / "out", settings=str(seo_conf(folder)))
    assert result.returncode == 0, result.stderr
    return folder / "out"


both = pytest.mark.parametrize("built", ["sample", "small"], indirect=True)


@pytest.fixture
def built(request: pytest.FixtureRequest) -> Path:
    return request.getfixturevalue(request.param)


def search_shards(output: Path) -> dict[str, int]:
    """The bundles pagefind/shards.json lists, in its order, with the number of pages each indexed."""
    names = json.loads((output / "pagefind" / "shards.json").read_text())["shards"]
    counts = {}
    for name in names:
        assert (output / "pagefind" / name / "pagefind.js").is_file(), name
        entry = json.loads((output / "pagefind" / name / "pagefind-entry.json").read_text())
        counts[name] = sum(lang["page_count"] for lang in entry["languages"].values())
    return counts


def indexed_urls(output: Path, bundle: str) -> set[str]:
    """The URLs of the pages a bundle indexed, read from its fragments (gzip, then Pagefind's marker and JSON)."""
    urls = set()
    for fragment in (output / "pagefind" / bundle / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())
        urls.add(json.loads(data[data.index(b"{") :])["url"])
    return urls


def pages_by_year(output: Path) -> dict[str, int]:
    years = Counter(page.relative_to(output).parts[0] for page in article_pages(output))
    return {year: years[year] for year in sorted(years, reverse=True)}


@both
def test_search_index_holds_the_published_articles_only(built: Path) -> None:
    assert search_shards(built) == pages_by_year(built) == {"2026": len(article_pages(built))}
    for page in pages.html_files(built):
        marked = soup(page).select("[data-pagefind-body]")
        is_article = page in article_pages(built)
        assert bool(marked) == is_article, page
        if is_article:
            doc = marked[0]
            assert doc.find("h1")  # Pagefind's result title is the body's first h1
            assert doc.select_one('[data-pagefind-meta="standfirst"]')
            assert doc.select_one('[data-pagefind-meta^="date:"]')


@both
def test_search_page_has_a_plain_form_says_it_needs_javascript_and_is_linked_from_every_page(built: Path) -> None:
    doc = soup(built / "search" / "index.html")
    form = doc.select_one("form#search-form[role=search]")
    assert form["method"] == "get" and pages.target_file(built, form["action"]) == built / "search/index.html"
    assert form.select_one("input[name=q][type=search]") and form.select_one("label[for=search-input]")
    assert "needs JavaScript" in doc.find("noscript").get_text()
    assert pages.target_file(built, form["data-shards"]) == built / "pagefind" / "shards.json"
    (script,) = doc.find_all("script", src=True)
    assert re.fullmatch(r"/theme/js/search\.[0-9a-f]{10}\.js", script["src"]) and script.has_attr("defer")
    assert (built / script["src"].lstrip("/")).is_file()  # published under its content-hashed name only
    for page in pages.html_files(built):
        if page.is_relative_to(built / "pagefind"):
            continue
        page_doc = soup(page)
        assert pages.target_file(built, page_doc.select_one(".masthead a.search-link")["href"]).is_file()
        if page != built / "search" / "index.html":  # search is the only part that needs JavaScript
            assert not [s for s in page_doc.find_all("script", src=True) if "search" in s["src"]], page


def test_search_index_has_one_bundle_per_year_folder_or_one_for_a_flat_site(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_small_site(content, ties=False)
    for name, date in (
        ("last-year", "2025-06-01 09:00"),
        ("older", "2024-02-03 09:00"),
        ("older-2", "2024-03-04 09:00"),
    ):
        (content / "articles" / f"{name}.md").write_text(article_text(f"Story {name}", date, name), encoding="utf-8")
    result = build(content, tmp_path / "years", settings=str(seo_conf(tmp_path)))
    assert result.returncode == 0, result.stderr
    years = tmp_path / "years"
    assert list(search_shards(years).items()) == [("2026", 7), ("2025", 1), ("2024", 2)]  # newest first
    assert search_shards(years) == pages_by_year(years)
    assert sorted(p.name for p in (years / "pagefind").iterdir()) == ["2024", "2025", "2026", "shards.json"]

    flat = {"ARTICLE_URL": "{slug}.html", "ARTICLE_SAVE_AS": "{slug}.html"}  # no folder to shard by
    result = build(content, tmp_path / "flat", settings=str(seo_conf(tmp_path, **flat)))
    assert result.returncode == 0, result.stderr
    assert search_shards(tmp_path / "flat") == {".": 10}
    assert not [p for p in (tmp_path / "flat" / "pagefind").iterdir() if p.name.isdigit()]


def test_a_year_with_more_stories_than_the_limit_is_split_into_parts_each_searched_on_its_own(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_small_site(content, ties=False)  # seven stories of November 2026: more than a month cannot be split
    for name, date in (("winter", "2025-02-01 09:00"), ("spring", "2025-03-04 09:00"), ("autumn", "2025-09-05 09:00")):
        (content / "articles" / f"{name}.md").write_text(article_text(f"Story {name}", date, name), encoding="utf-8")
    result = build(content, tmp_path / "out", settings=str(seo_conf(tmp_path, SEARCH_SHARD_PAGES=2)))
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    assert list(search_shards(out).items()) == [("2026-11", 7), ("2025-h2", 1), ("2025-h1", 2)]  # newest first
    assert sorted(p.name for p in (out / "pagefind").iterdir()) == ["2025-h1", "2025-h2", "2026-11", "shards.json"]
    assert indexed_urls(out, "2025-h1") == {"/2025/02/winter/", "/2025/03/spring/"}
    assert indexed_urls(out, "2025-h2") == {"/2025/09/autumn/"}
    assert indexed_urls(out, "2026-11") == {f"/{p.relative_to(out).parent}/" for p in article_pages(out)} - {
        "/2025/02/winter/",
        "/2025/03/spring/",
        "/2025/09/autumn/",
    }


def test_search_works_without_the_seo_plugin(tmp_path: Path) -> None:
    """Search needs nothing of SEO: the index, the page and the masthead link are there, the SEO files are not."""
    write_small_site(tmp_path / "content")
    conf = seo_conf(tmp_path, PLUGINS=["newsroom", "feeds", "search"])
    result = build(tmp_path / "content", tmp_path / "out", settings=str(conf))
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    assert search_shards(out) == pages_by_year(out)
    doc = soup(out / "2026" / "11" / "newest" / "index.html")
    assert doc.select_one("[data-pagefind-body]") and doc.select_one(".masthead a.search-link")["href"] == "/search/"
    assert soup(out / "search" / "index.html").select_one("form#search-form")
    assert not (out / "sitemap.xml").exists() and not (out / "robots.txt").exists()
    assert not of_type(soup(out / "index.html"), "WebSite")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"DIRECT_TEMPLATES": DIRECT[:-1]}, "PLUGINS has 'search' but DIRECT_TEMPLATES has no 'search'"),
        ({"SEARCH_SHARD_PAGES": 0}, "SEARCH_SHARD_PAGES must be a whole number of 1 or more"),
        ({"SEO_SEARCH": False}, "SEO_SEARCH is no longer read; search is its own plugin now: list 'search' in PLUGINS"),
        (
            {"SEO_SEARCH_SHARD_PAGES": 2},
            "SEO_SEARCH_SHARD_PAGES is no longer read; search is its own plugin now: rename it",
        ),
    ],
)
def test_bad_search_settings_stop_the_build_and_leave_the_output_alone(
    small: Path, tmp_path: Path, overrides: dict[str, object], message: str
) -> None:
    assert message in refused_over(small, tmp_path, overrides)

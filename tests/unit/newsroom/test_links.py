"""Links to files of the site in a body: found with Pelican's own pattern, refused outside content/."""

from __future__ import annotations

import copy
import datetime

import pytest
from engine import intrasite_pattern
from hypothesis import given, settings
from hypothesis import strategies as st
from newsroom.links import broken_refs, copied_path, file_links, link_problem
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

PATTERN = intrasite_pattern(DEFAULT_CONFIG["INTRASITE_LINK_REGEX"])
FILES = {"images/hero.png", "images/my photo.png", "articles/other.md", "pages/about.md"}


def problem(url: str, kind: str = "static", source: str = "articles/story.md") -> str | None:
    return link_problem(source, kind, url, FILES.__contains__)


def test_both_spellings_and_any_url_attribute_are_found_as_pelican_finds_them() -> None:
    html = (
        '<p><a href="|static|/../victim.txt">a</a> <img alt="x" src="{attach}../images/hero.png">'
        "<a href='{filename|other.md'>b</a> <a href=\"{tag}security\">c</a> {static}/not/in/an/attribute.png"
        '<img src="{static}/images/a&amp;b.png"></p>'
    )
    assert file_links(html, PATTERN) == [
        ("static", "|static|/../victim.txt", "/../victim.txt"),
        ("attach", "{attach}../images/hero.png", "../images/hero.png"),
        ("filename", "{filename|other.md", "other.md"),
        ("static", "{static}/images/a&b.png", "/images/a&amp;b.png"),
    ]


@pytest.mark.parametrize(
    "url",
    [
        "/../victim.txt",
        "../../victim.txt",
        "/images/../../victim.txt",
        "/images/../images/hero.png",  # Pelican copies '/…' paths as written: no '..' at all there
        "/%2e%2e/victim.txt",
        "%2E%2E/%2e%2e/victim.txt",
        "/%2Fetc/passwd",
        "..\\..\\victim.txt",
        "/images\\..\\..\\victim.txt",
        "/images/%5c..%5c..%5cvictim.txt",
        "&#46;&#46;/&#46;&#46;/victim.txt",
        "/images/hero.png%00",
    ],
)
@pytest.mark.parametrize("kind", ["static", "attach", "filename"])
def test_every_way_out_of_content_is_refused(url: str, kind: str) -> None:
    assert problem(url, kind) == "is outside content/; files from outside the content folder are never published"


@pytest.mark.parametrize("url", ["//evil.example/x.png", "https://evil.example/x.png", "file:///etc/passwd"])
def test_a_url_with_a_host_or_scheme_is_not_a_file_of_the_site(url: str) -> None:
    assert problem(url) == "is not a file of this site"


@pytest.mark.parametrize(
    ("kind", "url"),
    [
        ("static", "/images/hero.png"),
        ("static", "../images/hero.png"),
        ("static", "../images/hero.png?v=2#top"),
        ("attach", "/images/my%20photo.png"),
        ("filename", "other.md"),
        ("filename", "../pages/about.md"),
        ("filename", "/pages/about.md#team"),
    ],
)
def test_links_inside_content_pass(kind: str, url: str) -> None:
    assert problem(url, kind) is None


def test_a_missing_target_names_the_path_pelican_would_use() -> None:
    assert problem("missing.md", "filename") == "but content/articles/missing.md does not exist"
    assert problem("/images/gone.png") == "but content/images/gone.png does not exist"


@pytest.mark.parametrize(
    "url",
    ["/images/hero.png", "../images/hero.png", "/images/my%20photo.png", "/../victim.txt", "../../x.png", "a/./b.png"],
)
def test_the_copied_path_is_the_one_pelican_copies(url: str) -> None:
    config = copy.deepcopy(DEFAULT_CONFIG)
    config["PATH"] = "/site/content"
    article = Article(
        f'<img src="{{static}}{url}">',
        metadata={"title": "T", "date": datetime.datetime(2026, 1, 1)},
        settings=config,
        source_path="/site/content/articles/story.md",
    )
    assert article.get_static_links() == {copied_path("articles/story.md", url)}


def test_problems_name_the_line_the_link_is_written_on() -> None:
    body = "First line.\n\nSee [x](|static|/../victim.txt) and [y]({filename}missing.md).\n"
    html = (
        '<p>First line.</p>\n<p>See <a href="|static|/../victim.txt">x</a> and '
        '<a href="{filename}missing.md">y</a>.</p>'
    )
    problems = broken_refs("articles/story.md", html, body, 12, FILES.__contains__, PATTERN)
    assert [p.format() for p in problems] == [
        "articles/story.md:14: error: links to |static|/../victim.txt, which is outside content/; "
        "files from outside the content folder are never published. "
        "Fix: link only to files under content/ (images in content/images/), "
        "relative to this file or to content/ with a leading /, without '..' out of it, '\\' or '%2e'.",
        "articles/story.md:14: error: links to {filename}missing.md, but content/articles/missing.md does not exist. "
        "Fix: correct the path; it is relative to this file, or to content/ when it starts with /.",
    ]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(st.sampled_from("./\\%2eE5cC0&#;a"), max_size=24))
def test_no_accepted_link_is_copied_from_outside_content(url: str) -> None:
    """Whatever the spelling, an accepted static link is a file of the content folder."""
    files = {"a", "a/a", ".a", "a/.a"}
    if link_problem("a/story.md", "static", url, files.__contains__) is None:
        assert copied_path("a/story.md", url) in files


def test_a_kept_reading_is_not_reused_under_another_link_pattern(tmp_path) -> None:
    from newsroom.readings import fingerprint  # noqa: PLC0415

    code = tmp_path / "code.py"
    code.write_text("x = 1")
    pipes_only = fingerprint("UTC", {}, [], [code], r"\|(?P<what>.*?)\|")
    assert pipes_only != fingerprint("UTC", {}, [], [code], DEFAULT_CONFIG["INTRASITE_LINK_REGEX"])

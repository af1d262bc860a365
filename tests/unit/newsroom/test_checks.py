"""Unit tests for newsroom.checks: URL collisions and pages that never got written."""

from __future__ import annotations

import itertools

from common.errors import Problem
from newsroom.checks import missing_pages, url_collisions

RESERVED = {"index.html": "'index' page", "archives.html": "'archives' page"}


def test_distinct_paths_are_fine() -> None:
    claims = [("2026/11/a/index.html", "articles/a.md"), ("2026/11/b/index.html", "articles/b.md")]
    assert url_collisions(claims, RESERVED) == []


def test_no_claims_no_problems() -> None:
    assert url_collisions([], RESERVED) == []


def test_two_sources_on_one_path_each_name_the_other() -> None:
    problems = url_collisions([("x/index.html", "b.md"), ("x/index.html", "a.md")], {})
    assert problems == [
        Problem(
            "a.md",
            None,
            "Slug",
            "has the same URL (x/index.html) as b.md.",
            "give one of them a different Slug (or Date).",
        ),
        Problem(
            "b.md",
            None,
            "Slug",
            "has the same URL (x/index.html) as a.md.",
            "give one of them a different Slug (or Date).",
        ),
    ]


def test_three_way_collision_names_all_other_sources() -> None:
    problems = url_collisions([("p.html", "c.md"), ("p.html", "a.md"), ("p.html", "b.md")], {})
    assert [(p.path, p.message) for p in problems] == [
        ("a.md", "has the same URL (p.html) as b.md, c.md."),
        ("b.md", "has the same URL (p.html) as a.md, c.md."),
        ("c.md", "has the same URL (p.html) as a.md, b.md."),
    ]


def test_leading_slash_is_normalised_before_comparing() -> None:
    problems = url_collisions([("/about/index.html", "pages/a.md"), ("about/index.html", "pages/b.md")], {})
    assert [p.path for p in problems] == ["pages/a.md", "pages/b.md"]
    assert "(about/index.html)" in problems[0].message


def test_content_on_a_reserved_path_is_reported_for_every_source() -> None:
    problems = url_collisions([("index.html", "pages/home.md")], RESERVED)
    message = "its page would overwrite the 'index' page (index.html)."
    assert problems == [Problem("pages/home.md", None, "Slug", message, "choose another Slug.")]


def test_reserved_path_with_leading_slash_and_two_sources_gives_reserved_errors_only() -> None:
    problems = url_collisions([("/archives.html", "b.md"), ("archives.html", "a.md")], RESERVED)
    assert [(p.path, p.message) for p in problems] == [
        ("a.md", "its page would overwrite the 'archives' page (archives.html)."),
        ("b.md", "its page would overwrite the 'archives' page (archives.html)."),
    ]


def test_order_is_by_path_then_source_whatever_the_input_order() -> None:
    claims = [
        ("z.html", "z2.md"),
        ("a.html", "a2.md"),
        ("z.html", "z1.md"),
        ("a.html", "a1.md"),
        ("index.html", "home.md"),
        ("ok.html", "ok.md"),
    ]
    expected = url_collisions(claims, RESERVED)
    assert [p.path for p in expected] == ["a1.md", "a2.md", "home.md", "z1.md", "z2.md"]
    for permutation in itertools.permutations(claims):
        assert url_collisions(list(permutation), RESERVED) == expected


def test_pages_the_build_does_not_write_claim_no_url() -> None:
    drafts = [("", "articles/draft-1.md"), ("", "articles/draft-2.md"), ("", "pages/draft.md")]
    assert url_collisions([*drafts, ("2026/11/a/index.html", "articles/a.md")], RESERVED) == []
    problems = url_collisions([*drafts, ("drafts/x/index.html", "d1.md"), ("drafts/x/index.html", "d2.md")], {})
    assert [p.path for p in problems] == ["d1.md", "d2.md"]


def test_claims_can_be_any_iterable() -> None:
    assert len(url_collisions(iter([("p", "a"), ("p", "b")]), {})) == 2


# -- missing_pages --------------------------------------------------------------------


def test_every_published_source_written_and_on_disk_is_fine() -> None:
    written = {"a.md": "a/index.html", "b.md": "b/index.html", "draft.md": "drafts/d.html"}
    assert missing_pages(["a.md", "b.md"], written, ["a/index.html", "b/index.html"]) == []


def test_published_source_missing_from_the_article_list_is_reported() -> None:
    problems = missing_pages(["a.md"], {}, [])
    assert [(p.path, p.field, p.message) for p in problems] == [
        ("a.md", None, "was read but is missing from the site's article list.")
    ]
    assert problems[0].fix.startswith("report this as a bug")


def test_written_page_absent_from_disk_is_reported_with_its_target() -> None:
    problems = missing_pages(["a.md"], {"a.md": "2026/a/index.html"}, [])
    assert [p.message for p in problems] == ["should have been written to 2026/a/index.html, but was not."]


def test_missing_pages_are_sorted_by_source_and_exists_may_be_a_generator() -> None:
    written = {"b.md": "b.html", "c.md": "c.html"}
    problems = missing_pages({"c.md", "a.md", "b.md"}, written, (p for p in ["b.html"]))
    assert [p.path for p in problems] == ["a.md", "c.md"]
    assert all(p.severity == "error" for p in problems)


def test_nothing_published_nothing_missing() -> None:
    assert missing_pages([], {"a.md": "a.html"}, []) == []

"""Unit tests for newsroom.authors: the author registry and generated profiles."""

from __future__ import annotations

from typing import Any

import pytest
from common.errors import Problem
from newsroom.authors import KEYS, Link, Profile, parse_registry, profile_for
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

FILES = {"images/authors/ada.jpg", "images/authors/alan.png"}


def slug(text: str) -> str:
    return slugify(text, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])


def parse(*entries: Any, **tables: Any) -> tuple[dict[str, Profile], list[Problem]]:
    data = {"author": list(entries), **tables}
    return parse_registry(data, "authors.toml", slug, FILES.__contains__)


def fields(problems: list[Problem]) -> list[str | None]:
    return [p.field for p in problems]


def test_full_entry_becomes_a_profile() -> None:
    profiles, problems = parse(
        {
            "name": "  Ada   Lovelace ",
            "role": " Security\n Editor ",
            "bio": "First para.\n\nSecond\n  para.\n\n\n",
            "photo": "/images/authors/ada.jpg",
            "links": [
                {"label": " Web  site ", "url": "https://ada.example  "},
                {"label": "Mail", "url": "mailto:a@b.c"},
            ],
        }
    )
    assert problems == []
    assert profiles == {
        "ada-lovelace": Profile(
            name="Ada Lovelace",
            slug="ada-lovelace",
            role="Security Editor",
            bio=("First para.", "Second para."),
            photo="images/authors/ada.jpg",
            links=(Link("Web site", "https://ada.example"), Link("Mail", "mailto:a@b.c")),
            registered=True,
        )
    }


def test_name_only_entry_gets_defaults() -> None:
    profiles, problems = parse({"name": "Alan Turing"})
    assert problems == []
    assert profiles["alan-turing"] == Profile("Alan Turing", "alan-turing")


def test_explicit_valid_slug_is_used() -> None:
    profiles, _ = parse({"name": "Ada Lovelace", "slug": "ada"})
    assert list(profiles) == ["ada"]


def test_profiles_keep_file_order() -> None:
    profiles, _ = parse({"name": "Zed"}, {"name": "Amy"}, {"name": "Max"})
    assert list(profiles) == ["zed", "amy", "max"]


def test_empty_registry_is_fine() -> None:
    assert parse_registry({}, "authors.toml", slug, FILES.__contains__) == ({}, [])


def test_unknown_top_level_tables_are_reported() -> None:
    profiles, problems = parse({"name": "Ada"}, writers=[], extra={})
    assert list(profiles) == ["ada"]
    assert [p.message for p in problems] == ["unknown tables ['extra', 'writers']."]
    assert problems[0].path == "authors.toml" and problems[0].fix == "list authors as [[author]] tables."


@pytest.mark.parametrize("value", [{"name": "Ada"}, "Ada", 3])
def test_author_that_is_not_a_list_of_tables_stops_parsing(value: Any) -> None:
    profiles, problems = parse_registry({"author": value}, "authors.toml", slug, FILES.__contains__)
    assert profiles == {}
    assert [(p.field, p.message) for p in problems] == [("author", "'author' must be a list of tables.")]


def test_entry_that_is_not_a_table_is_skipped() -> None:
    profiles, problems = parse("Ada Lovelace", {"name": "Alan"})
    assert list(profiles) == ["alan"]
    assert [(p.field, p.message) for p in problems] == [("author[0]", "is not a table.")]


def test_unknown_keys_are_reported_sorted_but_the_author_is_kept() -> None:
    profiles, problems = parse({"name": "Ada", "twitter": "@ada", "email": "a@b.c"})
    assert list(profiles) == ["ada"]
    assert fields(problems) == ["author[0].email", "author[0].twitter"]
    assert problems[0].message == "unknown key." and problems[0].fix == f"use only {', '.join(KEYS)}."


@pytest.mark.parametrize("entry", [{}, {"name": ""}, {"name": "   "}, {"name": 42}, {"role": "Editor"}])
def test_missing_name_is_reported_and_the_entry_skipped(entry: dict[str, Any]) -> None:
    profiles, problems = parse(entry)
    assert profiles == {}
    assert [(p.field, p.message) for p in problems] == [("author[0].name", "is missing.")]


@pytest.mark.parametrize("bad", ["Ada Lovelace", "ada lovelace", "ADA", "ada!", 7, ["ada"]])
def test_bad_explicit_slug_is_reported_with_the_generated_one(bad: Any) -> None:
    profiles, problems = parse({"name": "Ada Lovelace", "slug": bad})
    assert profiles == {}
    assert fields(problems) == ["author[0].slug"]
    assert problems[0].message == f"'{bad}' is not a valid slug."
    assert problems[0].fix == "use 'ada-lovelace' or leave it out."


def test_explicit_slug_must_be_unchanged_by_the_site_slugify() -> None:
    profiles, problems = parse({"name": "Ada Lovelace", "slug": "ada_lovelace"})  # Pelican's slugify keeps '_'
    assert problems == [] and list(profiles) == ["ada_lovelace"]


def test_empty_explicit_slug_falls_back_to_the_name() -> None:
    profiles, problems = parse({"name": "Ada Lovelace", "slug": ""})
    assert problems == [] and list(profiles) == ["ada-lovelace"]


def test_name_with_an_empty_slug_is_reported() -> None:
    profiles, problems = parse({"name": "!!!"})
    assert profiles == {} and fields(problems) == ["author[0].slug"]


def test_duplicate_slug_keeps_the_first_author() -> None:
    profiles, problems = parse({"name": "Ada Lovelace"}, {"name": "ada  lovelace", "role": "Other"})
    assert profiles["ada-lovelace"].role == ""
    assert [(p.field, p.message) for p in problems] == [("author[1].slug", "'ada-lovelace' is used by two authors.")]


def test_duplicate_explicit_slug_is_reported() -> None:
    _, problems = parse({"name": "Ada", "slug": "x"}, {"name": "Alan", "slug": "x"})
    assert fields(problems) == ["author[1].slug"]


@pytest.mark.parametrize(
    "photo", ["images/authors/nobody.jpg", "../images/authors/ada.jpg", "images/../images/authors/ada.jpg"]
)
def test_missing_or_escaping_photo_is_reported_and_dropped(photo: str) -> None:
    profiles, problems = parse({"name": "Ada", "photo": photo})
    assert profiles["ada"].photo == ""
    assert [(p.field, p.message) for p in problems] == [("author[0].photo", f"content/{photo} does not exist.")]


@pytest.mark.parametrize("key", ["role", "bio", "photo"])
def test_non_text_values_are_reported_and_blanked(key: str) -> None:
    profiles, problems = parse({"name": "Ada", key: ["not", "text"]})
    assert getattr(profiles["ada"], key) in ("", ())
    assert [(p.field, p.message) for p in problems] == [(f"author[0].{key}", "must be text.")]


@pytest.mark.parametrize(
    ("bio", "paragraphs"),
    [
        ("", ()),
        ("One.", ("One.",)),
        ("One\nline.\n\nTwo.", ("One line.", "Two.")),
        ("\n\nOne.\n\n\n\n", ("One.",)),
        ('The word "breakthrough" -- Ada\'s.', ("The word \u201cbreakthrough\u201d \u2013 Ada\u2019s.",)),
    ],
)
def test_bio_is_split_into_paragraphs(bio: str, paragraphs: tuple[str, ...]) -> None:
    profiles, _ = parse({"name": "Ada", "bio": bio})
    assert profiles["ada"].bio == paragraphs


@pytest.mark.parametrize("url", ["https://a.example", "http://a.example", "mailto:ada@example.com"])
def test_allowed_link_schemes(url: str) -> None:
    profiles, problems = parse({"name": "Ada", "links": [{"label": "L", "url": url}]})
    assert problems == [] and profiles["ada"].links == (Link("L", url),)


@pytest.mark.parametrize(
    "link",
    [
        {"label": "X", "url": "javascript:alert(1)"},
        {"label": "X", "url": "JavaScript:alert(1)"},
        {"label": "X", "url": "data:text/html,<script>"},
        {"label": "X", "url": "//evil.example"},
        {"label": "X", "url": "ftp://a.example"},
        {"label": "X", "url": "a.example"},
        {"label": "X"},
        {"url": "https://a.example"},
        {"label": 1, "url": "https://a.example"},
        {"label": "X", "url": 5},
        "https://a.example",
        ["X", "https://a.example"],
    ],
)
def test_bad_links_are_reported_and_dropped_while_good_ones_stay(link: Any) -> None:
    good = {"label": "Site", "url": "https://ok.example"}
    profiles, problems = parse({"name": "Ada", "links": [link, good]})
    assert profiles["ada"].links == (Link("Site", "https://ok.example"),)
    assert [(p.field, p.message) for p in problems] == [
        ("author[0].links", f"{link!r} needs a label and an http(s) or mailto: url.")
    ]


@pytest.mark.parametrize("links", [{"label": "X", "url": "https://a.example"}, "https://a.example"])
def test_links_must_be_a_list(links: Any) -> None:
    profiles, problems = parse({"name": "Ada", "links": links})
    assert profiles["ada"].links == ()
    assert [(p.field, p.message) for p in problems] == [("author[0].links", "must be a list.")]


@pytest.mark.parametrize("label", ["", "   "])
def test_link_with_a_blank_label_is_reported(label: str) -> None:
    profiles, problems = parse({"name": "Ada", "links": [{"label": label, "url": "https://a.example"}]})
    assert profiles["ada"].links == ()
    assert fields(problems) == ["author[0].links"]


def test_problems_from_several_entries_are_all_reported() -> None:
    _, problems = parse({"name": ""}, {"name": "Ada", "zzz": 1}, {"name": "Bob", "photo": "nope.png"})
    assert fields(problems) == ["author[0].name", "author[1].zzz", "author[2].photo"]
    assert all(p.path == "authors.toml" and p.line is None and p.fix for p in problems)


def test_profile_for_returns_the_registered_profile() -> None:
    ada = Profile("Ada Lovelace", "ada-lovelace", role="Editor")
    assert profile_for("Ada", "ada-lovelace", {"ada-lovelace": ada}) is ada


def test_profile_for_makes_a_plain_unregistered_profile() -> None:
    assert profile_for("Guest Writer", "guest-writer", {}) == Profile("Guest Writer", "guest-writer", registered=False)

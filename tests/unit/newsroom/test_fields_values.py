"""Unit tests for newsroom.fields.validate: the value rules of dates, bylines, sections, tags, slug, status."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from common.errors import Problem
from newsroom.fields import validate
from newsroom.frontmatter import split_front_matter
from newsroom.values import Result
from support.fields import LONDON, VOCAB

BASE = {"Title": "A headline", "Date": "2026-11-28 09:30", "Authors": "Ada Lovelace", "Category": "Security"}


def check(kind: str = "article", **fields: str | None) -> Result:
    meta = {**BASE, **fields} if kind == "article" else {"Title": "About", **fields}
    text = "\n".join(f"{k}: {v}" for k, v in meta.items() if v is not None) + "\n\nBody.\n"
    return validate(split_front_matter(text), "articles/story.md", kind, VOCAB)


def only(result: Result, field: str) -> Problem:
    assert len(result.problems) == 1, [p.format() for p in result.problems]
    assert result.problems[0].field == field
    return result.problems[0]


# -- Date and Modified ------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("Date", "28/11/2026", "'28/11/2026' is not an ISO 8601 date"),
        ("Date", "2026-02-30 10:00", "'2026-02-30 10:00' is not a real date or time"),
        ("Modified", "yesterday", "'yesterday' is not an ISO 8601 date"),
        ("Modified", "2026-11-28T09:30+25:00", "out of range"),
    ],
)
def test_bad_dates_are_reported_on_their_field(key: str, value: str, message: str) -> None:
    result = check(**{key: value})
    problem = only(result, key)
    assert message in problem.message and problem.message.endswith(".")
    assert problem.fix == "use the form 2026-11-28 09:30 or 2026-11-28T09:30:00+01:00."
    assert key.lower() not in result.metadata


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-03-29 01:30", "does not exist in Europe/London (clocks go forward); it is read as 01:30 UTC."),
        ("2026-10-25 01:30", "happens twice in Europe/London (clocks go back); the first one is used."),
    ],
)
def test_clock_change_times_build_with_a_warning(value: str, message: str) -> None:
    result = check(Date=value)
    (problem,) = result.problems
    assert (problem.severity, problem.field) == ("warning", "Date")
    assert message in problem.message and "UTC offset" in problem.fix
    assert result.metadata["date"].tzinfo is not None


def test_modified_is_parsed_in_the_site_zone() -> None:
    result = check(Modified="2026-11-29 08:00")
    assert result.problems == []
    assert result.metadata["modified"] == datetime(2026, 11, 29, 8, 0, tzinfo=LONDON)


@pytest.mark.parametrize("modified", ["2026-11-28 09:30", "2026-11-28T09:30:00Z", "2026-11-28T09:00:00-01:00"])
def test_modified_equal_or_later_than_date_is_fine(modified: str) -> None:
    assert check(Modified=modified).problems == []


@pytest.mark.parametrize("modified", ["2026-11-28 09:29", "2026-11-27", "2026-11-28T09:30:00+01:00"])
def test_modified_earlier_than_date_is_reported(modified: str) -> None:
    problem = only(check(Modified=modified), "Modified")
    assert problem.message == "Modified is earlier than Date."
    assert problem.line == 5


def test_modified_earlier_on_a_page_is_fine_without_date() -> None:
    assert check(kind="page", Modified="2000-01-01").problems == []


def test_dates_are_compared_as_instants_across_offsets() -> None:
    result = check(Date="2026-06-01 10:00", Modified="2026-06-01T09:30:00+00:00")  # 09:00Z then 09:30Z
    assert result.problems == []
    assert result.metadata["modified"] - result.metadata["date"] == timedelta(minutes=30)
    assert result.metadata["modified"].tzinfo == UTC


# -- Authors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("Ada Lovelace", ["Ada Lovelace"]),
        ("Ada Lovelace, Alan Turing", ["Ada Lovelace", "Alan Turing"]),
        ("  Ada   Lovelace ,Alan\tTuring  ", ["Ada Lovelace", "Alan Turing"]),
        ("Ada Lovelace\n    Alan Turing", ["Ada Lovelace", "Alan Turing"]),
        ("Zoë Ångström", ["Zoë Ångström"]),
    ],
)
def test_authors_become_a_clean_list_of_names(value: str, names: list[str]) -> None:
    result = check(Authors=value)
    assert result.problems == []
    assert result.metadata["authors"] == names


@pytest.mark.parametrize("value", ["Ada Lovelace,, Alan Turing", "Ada Lovelace,", ", Ada Lovelace"])
def test_empty_author_in_the_byline_is_reported_and_the_rest_kept(value: str) -> None:
    result = check(Authors=value)
    problem = only(result, "Authors")
    assert problem.message == "the byline has an empty name (two commas in a row, or a comma at the end)."
    assert "Ada Lovelace" in result.metadata["authors"]


def test_byline_of_only_commas_is_reported_and_gives_no_authors() -> None:
    result = check(Authors=",,")
    assert [p.message for p in result.problems] == [
        "the byline has an empty name (two commas in a row, or a comma at the end)."
    ]
    assert "authors" not in result.metadata


@pytest.mark.parametrize("value", ["Ada Lovelace, Ada Lovelace", "Ada Lovelace, ada   LOVELACE"])
def test_author_named_twice_is_reported(value: str) -> None:
    problem = only(check(Authors=value), "Authors")
    assert problem.message == "an author is named twice in the byline."
    assert problem.fix == "name each author once."


def test_two_spellings_with_the_same_author_slug_are_reported() -> None:
    problem = only(check(Authors="Zoë Smith, Zoe Smith"), "Authors")
    assert problem.message == "an author is named twice in the byline."


@pytest.mark.parametrize("name", ["!!!", "🙂"])
def test_author_name_with_an_empty_slug_is_reported(name: str) -> None:
    problem = only(check(Authors=f"Ada Lovelace, {name}"), "Authors")
    assert problem.message == f"the author name '{name}' makes an empty URL slug."
    assert problem.line == 3


# -- Category ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "section"),
    [
        ("Security", "Security"),
        ("security", "Security"),
        ("SECURITY", "Security"),
        ("  Security  ", "Security"),
        ("World News", "World News"),
        ("world news", "World News"),
        ("world", "World News"),
        ("WORLD", "World News"),
    ],
)
def test_category_matches_a_section_by_name_or_slug_in_any_case(value: str, section: str) -> None:
    result = check(Category=value)
    assert result.problems == []
    assert result.metadata["category"] == section


def test_unknown_category_suggests_the_nearest_section_and_lists_all() -> None:
    result = check(Category="Securty")
    problem = only(result, "Category")
    assert problem.message == "'Securty' is not a section of this site."
    assert problem.fix == (
        "did you mean 'Security'? Sections: Science, Security, World News (declared in NEWSROOM_SECTIONS)."
    )
    assert "category" not in result.metadata


def test_unknown_category_without_a_near_match_only_lists_sections() -> None:
    problem = only(check(Category="Sport"), "Category")
    assert problem.fix == "Sections: Science, Security, World News (declared in NEWSROOM_SECTIONS)."


# -- Tags and Summary -------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "tags"),
    [
        ("privacy, law", ["privacy", "law"]),
        ("Privacy, privacy, PRIVACY", ["Privacy"]),
        ("Open Source, open-source, open   source", ["Open Source"]),
        ("  machine   learning ,ai", ["machine learning", "ai"]),
        ("a,, b,", ["a", "b"]),
        ("one\n    two", ["one", "two"]),
    ],
)
def test_tags_are_cleaned_and_deduplicated_by_slug_keeping_the_first_spelling(value: str, tags: list[str]) -> None:
    result = check(Tags=value)
    assert result.problems == []
    assert result.metadata["tags"] == tags


def test_tag_with_an_empty_slug_is_reported_and_the_others_kept() -> None:
    result = check(Tags="privacy, !!!, law")
    problem = only(result, "Tags")
    assert problem.message == "the tag '!!!' makes an empty URL slug."
    assert result.metadata["tags"] == ["privacy", "law"]


@pytest.mark.parametrize(
    ("value", "summary"),
    [
        ("A  short\tstandfirst. ", "A short standfirst."),
        ("First line\n    second line", "First line second line"),
    ],
)
def test_summary_whitespace_is_collapsed(value: str, summary: str) -> None:
    assert check(Summary=value).metadata["summary"] == summary


# -- Slug ---------------------------------------------------------------------------


@pytest.mark.parametrize("slug", ["story", "my-story-2", "2026", "a1-b2-c3", "x"])
def test_valid_article_slugs_are_kept(slug: str) -> None:
    result = check(Slug=f"  {slug} ")
    assert result.problems == [] and result.metadata["slug"] == slug


@pytest.mark.parametrize(
    ("slug", "fix"),
    [
        ("My Story", "use 'my-story'."),
        ("a--b", "use 'a-b'."),
        ("x.y", "use 'xy'."),
        ("Café", "use 'cafe'."),
        ("!!!", "use lower-case letters, digits and single hyphens."),
    ],
)
def test_invalid_slug_is_reported_with_a_suggestion(slug: str, fix: str) -> None:
    result = check(Slug=slug)
    problem = only(result, "Slug")
    assert problem.message == f"the slug '{slug}' is not lower-case letters, digits and hyphens."
    assert problem.fix == fix
    assert "slug" not in result.metadata


@pytest.mark.parametrize("slug", ["my_story", "-story-", "story-", "A_B"])
def test_suggested_slug_is_itself_a_valid_slug(slug: str) -> None:
    problem = only(check(Slug=slug), "Slug")
    if problem.fix.startswith("use '"):  # a concrete suggestion must pass the rule it was offered for
        suggestion = problem.fix.removeprefix("use '").removesuffix("'.")
        assert check(Slug=suggestion).problems == [], f"{slug!r} -> suggested {suggestion!r}"


def test_numeric_page_slug_would_clash_with_archives() -> None:
    result = check(kind="page", Slug="2026")
    problem = only(result, "Slug")
    assert problem.message == "the page slug '2026' is a number and would clash with the archives."
    assert "slug" not in result.metadata


def test_page_slug_with_digits_and_letters_is_fine() -> None:
    assert check(kind="page", Slug="2026-review").metadata["slug"] == "2026-review"


# -- Status and Featured -------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("published", "published"),
        ("Draft", "draft"),
        ("HIDDEN", "hidden"),
        ("  draft ", "draft"),
    ],
)
def test_status_values_are_case_insensitive(value: str, status: str) -> None:
    assert check(Status=value).metadata["status"] == status


@pytest.mark.parametrize("value", ["pending", "publish", "drafts", "yes"])
def test_unknown_status_is_reported(value: str) -> None:
    problem = only(check(Status=value), "Status")
    assert problem.message == f"unknown status '{value}'."
    assert problem.fix == "use one of: published, draft, hidden."


def test_page_status_is_validated_too() -> None:
    assert check(kind="page", Status="hidden").metadata["status"] == "hidden"
    assert only(check(kind="page", Status="secret"), "Status")


@pytest.mark.parametrize(
    ("value", "featured"),
    [
        ("yes", True),
        ("Yes", True),
        ("TRUE", True),
        ("true ", True),
        ("no", False),
        ("False", False),
    ],
)
def test_featured_accepts_yes_no_true_false(value: str, featured: bool) -> None:
    result = check(Featured=value)
    assert result.problems == [] and result.metadata["featured"] is featured


@pytest.mark.parametrize("value", ["maybe", "1", "0", "y", "on"])
def test_featured_refuses_other_values(value: str) -> None:
    result = check(Featured=value)
    problem = only(result, "Featured")
    assert problem.message == f"'{value}' is not yes or no."
    assert problem.fix == "write 'Featured: yes' or remove the line."
    assert "featured" not in result.metadata

"""Unit tests for common.errors (problem messages, the build report) and newsroom.editorial (warnings)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from common.errors import ContentErrors, Problem, SettingsError
from newsroom.authors import Profile
from newsroom.editorial import warnings_for
from newsroom.fields import validate
from newsroom.frontmatter import split_front_matter
from newsroom.values import Vocabulary

# -- Problem.format --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (Problem("a.md", 3, "Date", "is bad.", "fix it."), "a.md:3: error: [Date] is bad. Fix: fix it."),
        (Problem("a.md", None, "Date", "is bad.", "fix it."), "a.md:1: error: [Date] is bad. Fix: fix it."),
        (Problem("a.md", 3, None, "is bad.", "fix it."), "a.md:3: error: is bad. Fix: fix it."),
        (Problem("a.md", 3, "Date", "is bad."), "a.md:3: error: [Date] is bad."),
        (Problem("a.md", 0, "", "is bad."), "a.md:1: error: is bad."),
        (
            Problem("authors.toml", None, "author[2].photo", "missing.", "add it.", "warning"),
            "authors.toml:1: warning: [author[2].photo] missing. Fix: add it.",
        ),
    ],
)
def test_problem_format_names_file_line_field_message_and_fix(problem: Problem, text: str) -> None:
    assert problem.format() == text


def test_problem_defaults_to_error_severity_and_is_hashable() -> None:
    problem = Problem("a.md", 1, "Title", "m")
    assert problem.severity == "error" and problem.fix == ""
    assert len({problem, Problem("a.md", 1, "Title", "m")}) == 1


# -- ContentErrors ------------------------------------------------------------------------


def test_report_counts_errors_and_files_and_sorts_by_file_then_line() -> None:
    errors = ContentErrors(
        [
            Problem("b.md", 2, "Date", "bad date.", "fix."),
            Problem("a.md", 9, "Tags", "bad tag."),
            Problem("a.md", 1, "Title", "bad title."),
        ]
    )
    assert [p.path for p in errors.problems] == ["a.md", "a.md", "b.md"]
    assert errors.report() == (
        "3 errors in 2 files:\n"
        "a.md:1: error: [Title] bad title.\n"
        "a.md:9: error: [Tags] bad tag.\n"
        "b.md:2: error: [Date] bad date. Fix: fix."
    )
    assert str(errors) == errors.report()


@pytest.mark.parametrize(
    ("problems", "head"),
    [
        ([Problem("a.md", 1, None, "x")], "1 error in 1 file:"),
        ([Problem("a.md", 1, None, "x"), Problem("a.md", 2, None, "y")], "2 errors in 1 file:"),
        ([Problem("a.md", 1, None, "x"), Problem("b.md", 1, None, "y")], "2 errors in 2 files:"),
        ([], "0 errors in 0 files:"),
    ],
)
def test_report_head_uses_singular_and_plural(problems: list[Problem], head: str) -> None:
    assert ContentErrors(problems).report().splitlines()[0] == head


def test_content_errors_copy_the_list_they_are_given() -> None:
    given = [Problem("b.md", 1, None, "x"), Problem("a.md", 1, None, "y")]
    errors = ContentErrors(given)
    assert [p.path for p in given] == ["b.md", "a.md"]
    assert errors.problems is not given


def test_report_sorts_problems_without_a_line_in_different_files() -> None:
    errors = ContentErrors([Problem("b.md", None, "Title", "m"), Problem("a.md", 4, "Tags", "m")])
    assert [p.path for p in errors.problems] == ["a.md", "b.md"]


@pytest.mark.parametrize(
    "problems",
    [
        [Problem("a.md", 4, "Catgory", "unknown field."), Problem("a.md", None, "Category", "missing.")],
        [Problem("authors.toml", None, None, "unknown tables."), Problem("authors.toml", None, "author[0].name", "x")],
    ],
)
def test_report_sorts_problems_with_and_without_line_or_field_in_one_file(problems: list[Problem]) -> None:
    report = ContentErrors(problems).report()
    assert report.startswith("2 errors in 1 file:")


def test_a_typo_in_a_required_key_can_be_reported() -> None:
    vocab = Vocabulary(ZoneInfo("UTC"), {"security": "Security"}, lambda path: True, slugify=str.lower)
    text = "Title: A\nDate: 2026-01-01\nAuthors: Ada\nCatgory: Security\n\nBody\n"
    result = validate(split_front_matter(text), "articles/a.md", "article", vocab)
    assert [(p.line, p.field) for p in result.problems] == [(4, "Catgory"), (None, "Category")]
    assert "2 errors in 1 file" in ContentErrors(result.problems).report()


def test_settings_error_is_an_exception() -> None:
    assert issubclass(SettingsError, Exception)


# -- editorial.warnings_for -----------------------------------------------------------------


@dataclass(frozen=True)
class Byline:
    name: str
    slug: str

    def __str__(self) -> str:
        return self.name


REGISTRY = {"ada-lovelace": Profile("Ada Lovelace", "ada-lovelace")}
COMPLETE: dict[str, Any] = {
    "authors": [Byline("Ada Lovelace", "ada-lovelace")],
    "image": "images/hero.png",
    "image_alt": "A storm",
    "image_credit": "Photo: X",
    "tags": ["weather"],
}


def warn(**changes: Any) -> list[tuple[str | None, str]]:
    meta = {k: v for k, v in {**COMPLETE, **changes}.items() if v is not None}
    found = warnings_for("articles/a.md", "article", meta, REGISTRY)
    assert all(p.severity == "warning" and p.path == "articles/a.md" and p.line is None and p.fix for p in found)
    return [(p.field, p.message) for p in found]


def test_complete_article_has_no_warnings() -> None:
    assert warn() == []


def test_pages_never_get_editorial_warnings() -> None:
    assert warnings_for("pages/about.md", "page", {}, {}) == []


def test_unregistered_author_is_named_in_the_warning() -> None:
    authors = [Byline("Ada Lovelace", "ada-lovelace"), Byline("Guest Writer", "guest-writer")]
    assert warn(authors=authors) == [
        ("Authors", "'Guest Writer' is not in the author registry; the byline gets a plain author page.")
    ]


def test_article_without_authors_gets_no_author_warning() -> None:
    assert warn(authors=[]) == []


def test_derived_summary_is_a_warning() -> None:
    assert warn(summary_derived=True) == [("Summary", "no standfirst; the first paragraph is used instead.")]
    assert warn(summary_derived=False) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"image_alt": None}, [("Image_Alt", "the hero image has no alt text.")]),
        ({"image_alt": ""}, [("Image_Alt", "the hero image has no alt text.")]),
        ({"image_credit": None}, [("Image_Credit", "the hero image has no credit.")]),
        (
            {"image_alt": None, "image_credit": None},
            [("Image_Alt", "the hero image has no alt text."), ("Image_Credit", "the hero image has no credit.")],
        ),
        ({"image": None}, [("Image", "no hero image.")]),
        ({"image": None, "image_alt": None, "image_credit": None}, [("Image", "no hero image.")]),
    ],
)
def test_hero_image_warnings(changes: dict[str, Any], expected: list[tuple[str, str]]) -> None:
    assert warn(**changes) == expected


@pytest.mark.parametrize("tags", [None, []])
def test_article_without_tags_is_warned(tags: list[str] | None) -> None:
    assert warn(tags=tags) == [("Tags", "no tags; the story will not appear on any topic page.")]


def test_all_warnings_come_in_a_fixed_order() -> None:
    fields = [f for f, _ in warn(authors=[Byline("X", "x")], summary_derived=True, image=None, tags=None)]
    assert fields == ["Authors", "Summary", "Image", "Tags"]

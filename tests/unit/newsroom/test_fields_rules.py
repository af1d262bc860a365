"""Unit tests for newsroom.fields.validate: required fields, unknown and duplicate keys, layout mistakes."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from common.errors import Problem
from common.settings import nearest
from newsroom.fields import ARTICLE_FIELDS, PAGE_FIELDS, validate
from newsroom.frontmatter import split_front_matter
from newsroom.values import Result, Vocabulary, split_list
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

LONDON = ZoneInfo("Europe/London")
IMAGES = frozenset({"images/hero.png"})
VOCAB = Vocabulary(
    zone=LONDON,
    sections={"security": "Security", "science": "Science", "world news": "World News", "world": "World News"},
    image_exists=IMAGES.__contains__,
    image_candidates=lambda: sorted(IMAGES),
    slugify=lambda text: slugify(text, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]),
)
BASE = {"Title": "A headline", "Date": "2026-11-28 09:30", "Authors": "Ada Lovelace", "Category": "Security"}


def source(body: str = "Body text.", **fields: str | None) -> str:
    meta = {**BASE, **fields}
    return "\n".join(f"{k}: {v}" for k, v in meta.items() if v is not None) + f"\n\n{body}\n"


def check(text: str, kind: str = "article") -> Result:
    return validate(split_front_matter(text), "articles/story.md", kind, VOCAB)


def only(result: Result) -> Problem:
    assert len(result.problems) == 1, [p.format() for p in result.problems]
    return result.problems[0]


# -- a clean file ----------------------------------------------------------------


def test_minimal_valid_article_has_typed_metadata_and_no_problems() -> None:
    result = check(source())
    assert result.problems == []
    assert result.metadata == {
        "title": "A headline",
        "date": datetime(2026, 11, 28, 9, 30, tzinfo=LONDON),
        "authors": ["Ada Lovelace"],
        "category": "Security",
    }


def test_plain_string_fields_are_kept_as_written() -> None:
    result = check(
        source(
            Kicker="Exclusive",
            Source="Reuters",
            Correction="An earlier version erred.",
            Image_Caption="A caption",
            Image_Credit="Photo: X",
            Image_Alt="Alt",
        )
    )
    assert result.problems == []
    assert result.metadata["kicker"] == "Exclusive"
    assert result.metadata["image_alt"] == "Alt"
    assert result.metadata["correction"] == "An earlier version erred."


def test_keys_are_case_insensitive() -> None:
    result = check("TITLE: A\ndate: 2026-11-28 09:30\nAUTHORS: Ada\ncategory: security\n\nBody\n")
    assert result.problems == []
    assert result.metadata["category"] == "Security"


def test_minimal_valid_page_needs_only_a_title() -> None:
    result = check("Title: About us\n\nWe are a newsroom.\n", kind="page")
    assert result.problems == [] and result.metadata == {"title": "About us"}


# -- required fields -------------------------------------------------------------


@pytest.mark.parametrize("label", ["Title", "Date", "Authors", "Category"])
def test_article_without_a_required_field_is_reported_by_its_canonical_name(label: str) -> None:
    problem = only(check(source(**{label: None})))
    assert problem == Problem(
        "articles/story.md",
        None,
        label,
        f"'{label}' is missing or empty.",
        f"add a line '{label}: …' at the top of the file.",
    )


@pytest.mark.parametrize(("label", "line"), [("Title", 1), ("Date", 2), ("Authors", 3), ("Category", 4)])
def test_empty_required_field_is_reported_on_its_line(label: str, line: int) -> None:
    problem = only(check(source(**{label: "   "})))
    assert (problem.field, problem.line, problem.message) == (label, line, f"'{label}' is missing or empty.")


def test_every_missing_required_field_is_reported_at_once() -> None:
    result = check("Summary: only this\n\nBody\n")
    assert [p.field for p in result.problems] == ["Title", "Date", "Authors", "Category"]


def test_page_without_title_is_reported() -> None:
    problem = only(check("Summary: s\n\nBody\n", kind="page"))
    assert (problem.field, problem.message) == ("Title", "'Title' is missing or empty.")


@pytest.mark.parametrize("key", ["Date", "Authors", "Author", "Category", "Tags", "Featured", "Kicker"])
def test_article_only_fields_are_unknown_on_pages(key: str) -> None:
    problem = only(check(f"Title: About\n{key}: x\n\nBody\n", kind="page"))
    assert problem.message == f"unknown field '{key}'."
    assert (problem.field, problem.line) == (key, 2)


def test_field_lists_match_the_documented_vocabulary() -> None:
    assert set(PAGE_FIELDS) < set(ARTICLE_FIELDS)
    assert "Author" not in ARTICLE_FIELDS


# -- unknown and duplicate keys --------------------------------------------------


@pytest.mark.parametrize(
    ("key", "guess"),
    [
        ("Catgory", "Category"),
        ("Titel", "Title"),
        ("Sumary", "Summary"),
        ("Image-Alt", "Image_Alt"),
        ("imagealt", "Image_Alt"),
        ("Tag", "Tags"),
        ("Feature", "Featured"),
        ("Modfied", "Modified"),
    ],
)
def test_unknown_key_suggests_the_nearest_field(key: str, guess: str) -> None:
    result = check(source(**{key: "x"}))
    problem = next(p for p in result.problems if p.field == key)
    assert problem.message == f"unknown field '{key}'."
    assert problem.fix == f"did you mean '{guess}'?"
    assert problem.line == 5


def test_unknown_key_with_no_near_field_points_to_the_readme() -> None:
    problem = only(check(source(Xyzzy="1")))
    assert problem.fix == "see the list of fields in the README."


def test_unknown_key_value_is_not_kept() -> None:
    assert "catgory" not in check(source(Catgory="x")).metadata


def test_duplicate_key_is_reported_with_both_lines_and_first_value_wins() -> None:
    text = source(Summary="first").replace("\n\n", "\nsummary: second\n\n", 1)
    result = check(text)
    problem = only(result)
    assert problem.message == "'Summary' is given twice (lines 5 and 6)."
    assert (problem.field, problem.line, problem.fix) == ("summary", 6, "keep one of them.")
    assert result.metadata["summary"] == "first"


def test_author_alias_is_read_as_authors() -> None:
    result = check(source(Authors=None, Author="Ada Lovelace"))
    assert result.problems == []
    assert result.metadata["authors"] == ["Ada Lovelace"]


def test_author_and_authors_together_are_a_duplicate() -> None:
    problem = only(check(source(Author="Alan Turing")))
    assert problem.message == "'Authors' is given twice (lines 3 and 5)."


# -- blank line inside the front-matter and stray lines ---------------------------


def test_known_fields_after_a_blank_line_are_reported_with_the_blank_line_number() -> None:
    text = source(body="Tags: privacy, law\nSummary: A standfirst.\n\nThe story.")
    problem = only(check(text))
    assert problem.line == 6 and problem.field == "Tags"
    assert problem.message == "Tags, Summary after a blank line would be printed in the body, not read as front-matter."
    assert problem.fix == "remove the blank line at line 5."


def test_alias_after_a_blank_line_is_also_detected() -> None:
    result = check(source(Authors=None, body="Author: Ada Lovelace"))
    assert [(p.field, p.line) for p in result.problems] == [("Author", 5), ("Authors", None)]
    assert result.problems[0].message.startswith("Author after a blank line")


def test_body_opening_with_an_unknown_key_is_not_a_leak() -> None:
    assert check(source(body="Note: this is prose that starts with a colon.")).problems == []


def test_no_leak_report_when_the_file_has_no_front_matter_at_all() -> None:
    result = check("\nTitle: A\n", kind="page")
    assert [p.message for p in result.problems] == ["'Title' is missing or empty."]


@pytest.mark.parametrize(
    "text",
    [
        "---\nTitle: A\n---\nSummary: s\n\nBody\n",
        "---\nTitle: A\n---\n\nSummary: s\n\nBody\n",
    ],
)
def test_leak_after_a_fenced_front_matter_does_not_point_at_the_fence(text: str) -> None:
    problem = only(check(text, kind="page"))
    # line 3 is the closing '---', not a blank line: the fix says to move the fields above it
    assert problem.fix == "move them above line 3."
    assert "closing '---' (line 3)" in problem.message


def test_stray_line_is_reported_where_the_front_matter_stops() -> None:
    text = "Title: A\nDate: 2026-11-28 09:30\nthis line has no colon\nAuthors: Ada\nCategory: Security\n\nBody\n"
    result = check(text)
    stray = result.problems[0]
    assert (stray.line, stray.field) == (3, None)
    assert stray.message == "'this line has no colon' is not a 'Key: value' line, so the front-matter stops here."
    assert stray.fix.startswith("write it as 'Key: value'")
    assert {p.field for p in result.problems[1:]} == {"Authors", "Category"}


def test_stray_line_text_is_trimmed_to_sixty_characters() -> None:
    problem = check(source().replace("\n\n", "\n" + "x" * 100 + "\n\n", 1)).problems[0]
    assert problem.message.startswith("'" + "x" * 60 + "' is not")


# -- title ------------------------------------------------------------------------


def test_title_whitespace_is_collapsed() -> None:
    assert check(source(Title="  Big   news\ttoday ")).metadata["title"] == "Big news today"


@pytest.mark.parametrize("title", ["!!!", "🙂🙂", "?"])
def test_title_that_makes_an_empty_slug_needs_a_slug_line(title: str) -> None:
    problem = only(check(source(Title=title)))
    assert (problem.field, problem.line) == ("Title", 1)
    assert problem.message == f"the title '{title}' makes an empty URL slug."
    assert problem.fix == "add a 'Slug:' line with lower-case letters and hyphens."


@pytest.mark.parametrize("slug_first", [True, False])
def test_title_with_empty_slug_is_fine_when_a_slug_is_given(slug_first: bool) -> None:
    text = "Slug: bang\nTitle: !!!\n" if slug_first else "Title: !!!\nSlug: bang\n"
    result = check(text + "\nBody\n", kind="page")
    assert result.problems == [] and result.metadata == {"title": "!!!", "slug": "bang"}


def test_title_with_empty_slug_and_an_invalid_slug_reports_both() -> None:
    result = check("Title: !!!\nSlug: Bad Slug\n\nBody\n", kind="page")
    assert sorted(p.field for p in result.problems) == ["Slug", "Title"]


# -- helpers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a, b", ["a", "b"]),
        ("a\nb", ["a", "b"]),
        ("a,,b", ["a", "", "b"]),
        ("", [""]),
        (" a ,b ,", ["a", "b", ""]),
    ],
)
def test_split_list(value: str, expected: list[str]) -> None:
    assert split_list(value) == expected


def test_nearest_is_case_insensitive_and_returns_the_original_spelling() -> None:
    assert nearest("SECURTY", ["Security", "Science"]) == "Security"
    assert nearest("zzz", ["Security"]) is None
    assert nearest("x", []) is None

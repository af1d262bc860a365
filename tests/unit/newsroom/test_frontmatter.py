"""Unit tests for newsroom.frontmatter: splitting fields from body, keeping line numbers."""

from __future__ import annotations

import pytest
from newsroom.frontmatter import Field, Split, leading_key_lines, split_front_matter


def pairs(split: Split) -> list[tuple[str, str, int]]:
    return [(f.key, f.value, f.line) for f in split.fields]


def test_fields_then_blank_line_then_body() -> None:
    split = split_front_matter("Title: Hello\nDate: 2026-11-28\n\nFirst paragraph.\n")
    assert pairs(split) == [("Title", "Hello", 1), ("Date", "2026-11-28", 2)]
    assert split.body == "First paragraph.\n"
    assert split.body_line == 4
    assert split.stray_line is None and split.stray_text == ""


def test_body_without_trailing_newline_keeps_none() -> None:
    assert split_front_matter("Title: A\n\nBody").body == "Body"


def test_field_name_is_lower_case_and_key_keeps_spelling() -> None:
    field = split_front_matter("IMAGE_Alt: x\n").fields[0]
    assert field.key == "IMAGE_Alt" and field.name == "image_alt"


@pytest.mark.parametrize(
    ("line", "key", "value"),
    [
        ("Title:Hello", "Title", "Hello"),
        ("Title :  Hello  ", "Title", "Hello"),
        ("Title\t:\tHello", "Title", "Hello"),
        ("Image_Alt: a: b", "Image_Alt", "a: b"),
        ("x-y_2: v", "x-y_2", "v"),
        ("Summary:", "Summary", ""),
        ("Source: https://example.com/a", "Source", "https://example.com/a"),
    ],
)
def test_key_value_line_forms(line: str, key: str, value: str) -> None:
    assert pairs(split_front_matter(line + "\n")) == [(key, value, 1)]


@pytest.mark.parametrize("continuation", ["    second line", "        second line", "\tsecond line"])
def test_indented_lines_continue_the_previous_value(continuation: str) -> None:
    split = split_front_matter(f"Summary: first line\n{continuation}\nTitle: T\n\nBody\n")
    assert pairs(split) == [("Summary", "first line\nsecond line", 1), ("Title", "T", 3)]
    assert split.body_line == 5


def test_indented_key_value_is_a_continuation_not_a_new_field() -> None:
    split = split_front_matter("Summary: a\n    Title: b\n")
    assert pairs(split) == [("Summary", "a\nTitle: b", 1)]


def test_continuation_of_an_empty_value_has_no_leading_newline() -> None:
    assert pairs(split_front_matter("Authors:\n    Ada Lovelace\n")) == [("Authors", "Ada Lovelace", 1)]


def test_text_with_no_front_matter_is_all_body() -> None:
    split = split_front_matter("Just a paragraph.\nAnother line.\n")
    assert split.fields == ()
    assert split.body == "Just a paragraph.\nAnother line.\n"
    assert split.body_line == 1
    assert split.stray_line is None


def test_indented_first_line_is_body_not_a_continuation() -> None:
    split = split_front_matter("    code block\n")
    assert split.fields == () and split.body == "    code block\n" and split.stray_line is None


def test_leading_blank_line_means_no_front_matter() -> None:
    split = split_front_matter("\nTitle: A\n")
    assert split.fields == ()
    assert split.body == "Title: A\n"
    assert split.body_line == 2


@pytest.mark.parametrize("text", ["", "\n"])
def test_empty_text(text: str) -> None:
    split = split_front_matter(text)
    assert split.fields == () and split.stray_line is None


def test_front_matter_only_file() -> None:
    split = split_front_matter("Title: A\nDate: 2026-01-01")
    assert len(split.fields) == 2 and split.body == "" and split.body_line == 3


@pytest.mark.parametrize(
    ("text", "line", "stray"),
    [
        ("Title: A\nthis is prose\nmore prose\n", 2, "this is prose"),
        ("Title: A\nDate: x\n  two-space indent\n", 3, "  two-space indent"),
        ("Title: A\n- item\n", 2, "- item"),
        ("Title: A\n2026-01-01: x\n", 2, "2026-01-01: x"),
    ],
)
def test_a_non_key_line_ends_the_front_matter_and_is_reported(text: str, line: int, stray: str) -> None:
    split = split_front_matter(text)
    assert split.stray_line == line
    assert split.stray_text == stray
    assert split.body.startswith(stray)
    assert split.body_line == line


def test_crlf_line_endings_are_handled() -> None:
    split = split_front_matter("Title: A\r\nDate: B\r\n\r\nBody\r\n")
    assert pairs(split) == [("Title", "A", 1), ("Date", "B", 2)]
    assert split.body.strip() == "Body"


# -- fenced front-matter ---------------------------------------------------------


@pytest.mark.parametrize("end", ["---", "...", "---   "])
def test_fenced_front_matter(end: str) -> None:
    split = split_front_matter(f"---\nTitle: A\nDate: B\n{end}\nBody text\n")
    assert pairs(split) == [("Title", "A", 2), ("Date", "B", 3)]
    assert split.body == "Body text\n"
    assert split.body_line == 5


def test_blank_line_inside_a_fence_still_ends_the_front_matter() -> None:
    split = split_front_matter("---\nTitle: A\n\nDate: B\n---\n")
    assert pairs(split) == [("Title", "A", 2)]
    assert split.body.startswith("Date: B")
    assert split.body_line == 4


def test_horizontal_rule_is_not_a_fence_end_without_opening_fence() -> None:
    split = split_front_matter("Title: A\n---\n")
    assert split.stray_line == 2 and split.stray_text == "---"


# -- leading_key_lines -----------------------------------------------------------


def test_leading_key_lines_reports_keys_at_the_start_of_the_body_with_file_lines() -> None:
    found = leading_key_lines("Tags: a, b\nSummary: s\n\nProse.\nKey: not leading\n", first_line=6)
    assert found == [Field("Tags", "a, b", 6), Field("Summary", "s", 7)]


def test_leading_key_lines_skips_blank_lines_before_the_first_paragraph() -> None:
    assert leading_key_lines("\n\nTags: a\n", first_line=4) == [Field("Tags", "a", 6)]


@pytest.mark.parametrize("body", ["Prose first.\nTags: a\n", "", "\n\n", "    Tags: indented\n"])
def test_leading_key_lines_finds_nothing_when_the_body_opens_with_prose(body: str) -> None:
    assert leading_key_lines(body, first_line=1) == []


def test_leading_key_lines_stops_at_the_first_non_key_line() -> None:
    found = leading_key_lines("A: 1\nprose\nB: 2\n", first_line=1)
    assert [f.key for f in found] == ["A"]

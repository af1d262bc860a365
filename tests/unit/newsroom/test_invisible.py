"""Unit tests for invisible characters in front-matter and the author registry: refused, named, located."""

from __future__ import annotations

import tomllib

import pytest
from newsroom import invisible
from newsroom.authors import parse_registry
from newsroom.fields import validate
from newsroom.frontmatter import split_front_matter
from support.fields import VOCAB

HEAD = "Title: Apple buys Intel\nDate: 2026-11-28 09:30\nAuthors: Ada Lovelace\nCategory: Security\nTags: cloud\n"


@pytest.mark.parametrize(
    "char",
    ["\u202a", "\u202e", "\u2066", "\u2069", "\u200e", "\u200f", "\u061c", "\u200b", "\u200c", "\u200d", "\u2060",
     "\ufeff", "\u00ad", "\u2028", "\u3164", "\U000e0041"],
)  # fmt: skip
def test_bidi_controls_and_invisible_characters_are_found(char: str) -> None:
    assert invisible.positions(f"ab{char}c") == [(2, char)]
    assert invisible.remove(f"ab{char}c") == "abc"


def test_visible_text_and_emoji_variation_selectors_are_left_alone() -> None:
    assert invisible.positions("Café – “quoted” ❤\ufe0f 東京 عربي") == []


def test_a_description_names_each_character_where_it_is_and_what_it_does() -> None:
    message, fix = invisible.describe("Title: Apple \u202ebuys Intel")
    assert message == (
        "has an invisible character: RIGHT-TO-LEFT OVERRIDE (U+202E) after 'Title: Apple'; it changes the "
        "order in which the text is shown."
    )
    assert fix == "delete it: retype the text around it, or paste as plain text."
    message, fix = invisible.describe("\u200ba\u200bb\u200bc\u200bd")
    assert message.startswith("has 4 invisible characters: ZERO WIDTH SPACE (U+200B) at the start; ")
    assert "after 'a'" in message and " and 1 more; they split words" in message
    assert fix.startswith("delete them")


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        (HEAD.replace("Apple buys", "Apple \u202ebuys"), 1, "Title"),
        (HEAD.replace("Ada Lovelace", "Ada\u200b Lovelace"), 3, "Authors"),
        (HEAD.replace("Tags: cloud", "Tags: cloud,\n    se\u00adcurity"), 6, "Tags"),
        ("\u200b" + HEAD, 1, "Title"),
        (HEAD.replace("Category:", "Category\u200b:"), 4, "Category"),
        (HEAD + "Kicker: Exclusive\u2066\n", 6, "Kicker"),
    ],
)
def test_every_front_matter_field_refuses_them_on_their_line(text: str, line: int, field: str) -> None:
    result = validate(split_front_matter(text + "\nBody.\n"), "articles/a.md", "article", VOCAB)
    assert [(p.line, p.field, p.severity) for p in result.problems] == [(line, field, "error")]
    assert "invisible character" in result.problems[0].message
    assert result.metadata["title"] == "Apple buys Intel"  # read without them: no knock-on errors


def test_the_body_keeps_them_an_emoji_with_a_joiner_is_legitimate() -> None:
    split = split_front_matter(HEAD + "\nA developer 👩\u200d💻 at work.\n")
    assert split.hidden == () and "👩\u200d💻" in split.body
    assert validate(split, "articles/a.md", "article", VOCAB).problems == []


def test_the_author_registry_refuses_them_in_every_text_with_its_line() -> None:
    text = (
        '[[author]]\nname = "Ada Lovelace"\nrole = "Security\u200b Editor"\n'
        'bio = """\nFirst.\n\nSecond \u202eline.\n"""\n'
        'links = [{ label = "Web\u2060site", url = "https://a.example/" }]\n'
    )
    _, problems = parse_registry(tomllib.loads(text), "authors.toml", str.lower, lambda p: True, text=text)
    assert [(p.line, p.field) for p in problems] == [
        (3, "author[0].role"),
        (7, "author[0].bio"),
        (9, "author[0].links"),
    ]
    assert "RIGHT-TO-LEFT OVERRIDE (U+202E) after 'Second'" in problems[1].message
    escaped = '[[author]]\nname = "Ada\\u200bLovelace"\n'
    _, problems = parse_registry(tomllib.loads(escaped), "authors.toml", str.lower, lambda p: True, text=escaped)
    assert [(p.line, p.field) for p in problems] == [(None, "author[0].name")]  # written as an escape: no line

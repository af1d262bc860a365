"""RELATED_* settings: defaults, and every malformed value stops the build with a clear message."""

from __future__ import annotations

import pytest
from common.errors import SettingsError
from related import settings
from related.model import Config
from related.text import html_to_text, normalise, only_separators, stem, words


def test_defaults_are_the_cores_defaults() -> None:
    loaded = settings.load({})
    assert loaded.config == Config()
    assert loaded.heading == "Related stories"
    assert loaded.config.count == 4


def test_values_are_read_without_touching_the_settings_dict() -> None:
    given = {"RELATED_COUNT": 6, "RELATED_WEIGHT_TAGS": 0.5, "RELATED_FIELD_WEIGHTS": {"title": 2, "body": 1}}
    before = repr(given)
    loaded = settings.load(given)
    assert loaded.config.count == 6
    assert loaded.config.weight_tags == 0.5
    assert loaded.config.field_weights == {"title": 2.0, "summary": 0.0, "body": 1.0}
    assert repr(given) == before


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"RELATED_COUNT": 0}, "RELATED_COUNT must be a whole number of 1 or more"),
        ({"RELATED_COUNT": "4"}, "RELATED_COUNT must be a whole number"),
        ({"RELATED_COUNT": True}, "RELATED_COUNT must be a whole number"),
        ({"RELATED_WEIGHT_TEXT": -1}, "RELATED_WEIGHT_TEXT must be 0 or more"),
        ({"RELATED_WEIGHT_TIME": "high"}, "RELATED_WEIGHT_TIME must be a number"),
        ({"RELATED_WEIGHT_SECTION": float("nan")}, "RELATED_WEIGHT_SECTION must be a number"),
        ({"RELATED_HALF_LIFE_DAYS": 0}, "RELATED_HALF_LIFE_DAYS must be more than 0"),
        ({"RELATED_MAX_POSTINGS": 0}, "RELATED_MAX_POSTINGS must be a whole number"),
        ({"RELATED_HEADING": " "}, "RELATED_HEADING must be non-empty text"),
        ({"RELATED_FIELD_WEIGHTS": {"headline": 3}}, "unknown fields ['headline']"),
        ({"RELATED_FIELD_WEIGHTS": {"title": 0, "body": 0}}, "at least one of title, summary, body"),
        ({"RELATED_FIELD_WEIGHTS": [3, 2, 1]}, "RELATED_FIELD_WEIGHTS must be a dict"),
        ({"RELATED_WEIGHT_TEXT": 0, "RELATED_WEIGHT_TAGS": 0}, "cannot both be 0"),
        ({"RELATED_WEIGHTS_TAGS": 1}, "unknown setting RELATED_WEIGHTS_TAGS; did you mean RELATED_WEIGHT_TAGS?"),
        ({"RELATED_CACHE": "yes"}, "RELATED_CACHE must be True or False"),
    ],
)
def test_invalid_settings_raise_one_clear_error(given: dict, expected: str) -> None:
    with pytest.raises(SettingsError) as caught:
        settings.load(given)
    assert expected in str(caught.value)
    assert str(caught.value).startswith("Related settings are not valid")


def test_all_problems_are_reported_together() -> None:
    with pytest.raises(SettingsError) as caught:
        settings.load({"RELATED_COUNT": -1, "RELATED_MIN_SCORE": -2, "RELATED_NOPE": 1, "RELATED_WORKER_FROM": 0})
    message = str(caught.value)
    assert "RELATED_COUNT" in message and "RELATED_MIN_SCORE" in message and "RELATED_NOPE" in message
    assert "RELATED_WORKER_FROM must be a whole number of 1 or more" in message


# -- words to terms ------------------------------------------------------------------------------------


def test_words_fold_case_accents_and_punctuation() -> None:
    assert words("Fernández’s “Tickwise” 4.7.1 co-founder") == [
        "fernandez",
        "s",
        "tickwise",
        "4",
        "7",
        "1",
        "co",
        "founder",
    ]
    assert words("Привет, мир") == ["привет", "мир"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("£5bn deal — “Zürich”", ["5bn", "deal", "zurich"]),  # symbols and punctuation outside ASCII separate
        ("NAÏVE Café", ["naive", "cafe"]),  # composed accents: folded
        ("cafe\u0301s", ["cafe", "s"]),  # already decomposed: the accent separates, as it always did
        ("Ⅻ Ⓐpple", ["xii", "apple"]),  # compatibility characters: folded to ASCII
        ("a\udc80b", ["a", "b"]),  # a lone surrogate (an undecodable byte kept by surrogateescape)
        ("Straße im Bau", ["straße", "im", "bau"]),  # letters of no ASCII equivalent: kept
        ("\u212aelvin €10 for Øresund", ["kelvin", "10", "for", "øresund"]),
        ("£5BN Deal, 3–4 PM “Q3” ’26", ["5bn", "deal", "3", "4", "pm", "q3", "26"]),  # separators only: ASCII lowered
        ("Wait… WHAT", ["wait", "what"]),  # an ellipsis decomposes to dots: separators all the same
        ("ΟΔΟΣ ΑΘΗΝΑΣ", ["οδος", "αθηνας"]),  # capitals outside ASCII: lower-cased, final sigma and all
    ],
)
def test_words_outside_ascii(text: str, expected: list[str]) -> None:
    assert words(text) == expected


@pytest.mark.parametrize(
    ("others", "separators"),
    [("£€–—“”’", True), ("", True), ("…", False), ("é", False), ("Σ", False), ("\u212a", False), ("²", False)],
)
def testonly_separators_when_no_character_is_a_letter_or_digit_changes_case_or_decomposes(
    others: str, separators: bool
) -> None:
    assert only_separators(others) is separators


def test_terms_drop_stop_words_digits_and_fold_plurals() -> None:
    assert [normalise(w) for w in ("the", "said", "2026", "x", "tokens", "companies", "boxes", "status")] == [
        None,
        None,
        None,
        None,
        "token",
        "company",
        "box",
        "status",
    ]
    assert stem("analysis") == "analysis" and stem("gas") == "gas" and stem("virus") == "virus"


def test_html_to_text_keeps_words_only() -> None:
    assert html_to_text("<p>A &amp; B<br>c&nbsp;d <a href='/x'>link</a></p>").split() == [
        "A",
        "&",
        "B",
        "c",
        "d",
        "link",
    ]

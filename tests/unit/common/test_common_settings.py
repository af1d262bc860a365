"""One way every plugin reads its settings: the prefix, the defaults, and a "did you mean" for a typo."""

from __future__ import annotations

from common.settings import nearest, read

DEFAULTS = {"MAX_ITEMS": 50, "CACHE": True, "TAG_AUTHORITY": ""}


def test_unset_settings_take_their_defaults_and_set_ones_their_values() -> None:
    errors: list[str] = []
    raw = read({"FEEDS_CACHE": False, "SITENAME": "x", "FEEDSX": 1}, "FEEDS_", DEFAULTS, errors)
    assert raw == {"MAX_ITEMS": 50, "CACHE": False, "TAG_AUTHORITY": ""} and errors == []


def test_a_typo_names_the_nearest_setting_and_anything_else_lists_them_all() -> None:
    errors: list[str] = []
    read({"FEEDS_MAX_ITEM": 10, "FEEDS_PAYWALL": 1}, "FEEDS_", DEFAULTS, errors)
    assert errors == [
        "unknown setting FEEDS_MAX_ITEM; did you mean FEEDS_MAX_ITEMS?",
        "unknown setting FEEDS_PAYWALL; known: FEEDS_MAX_ITEMS, FEEDS_CACHE, FEEDS_TAG_AUTHORITY.",
    ]


def test_a_retired_setting_says_what_to_do_instead() -> None:
    errors: list[str] = []
    read({"FEEDS_STYLESHEET": "x.xsl"}, "FEEDS_", DEFAULTS, errors, {"STYLESHEET": "remove it."})
    assert errors == ["FEEDS_STYLESHEET is no longer read; remove it."]


def test_nearest_ignores_case_and_gives_nothing_when_nothing_is_close() -> None:
    assert nearest("hardwear", ["Hardware", "Security"]) == "Hardware"
    assert nearest("Politics", ["Hardware", "Security"]) is None

"""Unit tests for newsroom.settings.load: defaults, validation, and one error listing every problem."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from common.errors import SettingsError
from newsroom.settings import DEFAULTS, NewsroomSettings, Section, load

SECTIONS = [
    {"name": "Security", "slug": "security", "description": "  Breaches and defences. "},
    {"name": "World News", "slug": "world"},
]
DROP = object()  # marks a setting to leave out
NOW = datetime(2026, 12, 7, 9, 30, tzinfo=ZoneInfo("Europe/London"))  # the build's "now", when the clock is asked


def settings(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"SITENAME": "The Daily Test", "TIMEZONE": "Europe/London", "NEWSROOM_SECTIONS": SECTIONS}
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not DROP}


def errors(**overrides: Any) -> list[str]:
    with pytest.raises(SettingsError) as info:
        load(settings(**overrides))
    text = str(info.value)
    assert text.startswith("Newsroom settings are not valid:\n  ")
    return [line.removeprefix("  ") for line in text.splitlines()[1:]]


def test_defaults_apply_when_only_sections_are_given() -> None:
    config = load(settings(), clock=lambda: NOW)
    assert config == NewsroomSettings(
        sections=(Section("Security", "security", "Breaches and defences."), Section("World News", "world", "")),
        authors_file="authors.toml",
        tags_file="tags.toml",
        tip_email="",
        home_section_count=4,
        sidebar_count=5,
        home_latest_count=6,
        related_count=4,
        standfirst_words=40,
        copyright_holder="The Daily Test",
        zone=ZoneInfo("Europe/London"),
        embed_hosts=tuple(sorted(DEFAULTS["EMBED_HOSTS"])),
        body_cache=True,
        now=NOW,
        scheduled_previews=False,
    )


def test_embed_hosts_and_body_cache_are_checked() -> None:
    config = load(settings(NEWSROOM_EMBED_HOSTS=["b.example", "a.example"], NEWSROOM_BODY_CACHE=False))
    assert (config.embed_hosts, config.body_cache) == (("a.example", "b.example"), False)
    assert errors(NEWSROOM_EMBED_HOSTS="a.example", NEWSROOM_BODY_CACHE="no") == [
        "NEWSROOM_BODY_CACHE must be True or False, not 'no'.",
        "NEWSROOM_EMBED_HOSTS must be a list of host names such as 'player.vimeo.com', not 'a.example'.",
    ]


@pytest.mark.parametrize("name", ["CACHE_CONTENT", "LOAD_CONTENT_CACHE"])
def test_pelicans_pickled_content_cache_stays_off(name: str) -> None:
    assert load(settings(**{name: False})).body_cache
    (message,) = errors(**{name: True})
    assert message.startswith(f"{name} must be False: Pelican's own cache is a pickle")


def test_every_setting_can_be_overridden() -> None:
    config = load(
        settings(
            NEWSROOM_AUTHORS_FILE="people.toml",
            NEWSROOM_TIP_EMAIL="tips@example.com",
            NEWSROOM_HOME_SECTION_COUNT=2,
            NEWSROOM_SIDEBAR_COUNT=7,
            NEWSROOM_RELATED_COUNT=1,
            NEWSROOM_STANDFIRST_WORDS=12,
            NEWSROOM_COPYRIGHT_HOLDER="Test Media Ltd",
            TIMEZONE="America/New_York",
        )
    )
    assert (config.authors_file, config.tip_email, config.copyright_holder) == (
        "people.toml",
        "tips@example.com",
        "Test Media Ltd",
    )
    assert (config.home_section_count, config.sidebar_count, config.related_count, config.standfirst_words) == (
        2,
        7,
        1,
        12,
    )
    assert config.zone == ZoneInfo("America/New_York")


@pytest.mark.parametrize("zone", [DROP, None, ""])
def test_missing_timezone_means_utc(zone: object) -> None:
    assert load(settings(TIMEZONE=zone)).zone == ZoneInfo("UTC")


def test_copyright_holder_without_sitename_is_empty() -> None:
    assert load(settings(SITENAME=DROP)).copyright_holder == ""


def test_sections_may_be_a_tuple_and_lookup_maps_names_and_slugs() -> None:
    config = load(settings(NEWSROOM_SECTIONS=tuple(SECTIONS)))
    assert config.section_lookup() == {"security": "Security", "world news": "World News", "world": "World News"}


def test_non_newsroom_settings_are_ignored() -> None:
    load(settings(NEWSROOMX="x", SOMETHING_ELSE=1, newsroom_lower="y"))


def test_unknown_newsroom_setting_names_the_nearest_or_lists_the_known_ones() -> None:
    [message] = errors(NEWSROOM_SECTION_COUNT=3)
    assert message == "unknown setting NEWSROOM_SECTION_COUNT; did you mean NEWSROOM_HOME_SECTION_COUNT?"
    [message] = errors(NEWSROOM_PAYWALL=True)
    known = ", ".join("NEWSROOM_" + k for k in DEFAULTS)
    assert message == f"unknown setting NEWSROOM_PAYWALL; known: {known}."


@pytest.mark.parametrize("value", [DROP, None, (), [], "Security", {"name": "Security"}])
def test_sections_must_be_a_non_empty_list(value: Any) -> None:
    [message] = errors(NEWSROOM_SECTIONS=value)
    assert message.startswith("NEWSROOM_SECTIONS must list the site's sections, e.g. [{'name': 'Security'")


@pytest.mark.parametrize("item", [{"slug": "x"}, {"name": ""}, {"name": "  "}, {"name": 3, "slug": "x"}, "Security"])
def test_section_without_a_name_is_reported_by_index(item: Any) -> None:
    assert errors(NEWSROOM_SECTIONS=[SECTIONS[0], item]) == ["NEWSROOM_SECTIONS[1] needs a 'name' (text)."]


@pytest.mark.parametrize("slug", [None, "", "World", "world news", "world_news", "-world", "world-", "a--b", 5])
def test_section_with_a_bad_slug_is_reported(slug: Any) -> None:
    item = {"name": "World"} if slug is None else {"name": "World", "slug": slug}
    assert errors(NEWSROOM_SECTIONS=[item]) == [
        "NEWSROOM_SECTIONS[0] (World): 'slug' must be lower-case letters, digits and hyphens."
    ]


def test_section_with_unknown_keys_is_reported() -> None:
    item = {"name": "World", "slug": "world", "colour": "red", "url": "/w/"}
    assert errors(NEWSROOM_SECTIONS=[item]) == [
        "NEWSROOM_SECTIONS[0] (World): unknown keys ['colour', 'url']; use name, slug, description."
    ]


def test_section_name_is_stripped_and_description_stringified() -> None:
    config = load(settings(NEWSROOM_SECTIONS=[{"name": "  World ", "slug": "world", "description": 42}]))
    assert config.sections == (Section("World", "world", "42"),)


@pytest.mark.parametrize(
    ("second", "message"),
    [
        ({"name": "Other", "slug": "security"}, "NEWSROOM_SECTIONS: two sections share the slug 'security'."),
        ({"name": "security", "slug": "sec"}, "NEWSROOM_SECTIONS: two sections share the name 'security'."),
        ({"name": " Security ", "slug": "sec"}, "NEWSROOM_SECTIONS: two sections share the name 'Security'."),
    ],
)
def test_duplicate_section_names_or_slugs_are_reported(second: dict[str, str], message: str) -> None:
    assert errors(NEWSROOM_SECTIONS=[SECTIONS[0], second]) == [message]


@pytest.mark.parametrize("key", ["HOME_SECTION_COUNT", "SIDEBAR_COUNT", "RELATED_COUNT", "STANDFIRST_WORDS"])
@pytest.mark.parametrize("value", [0, -1, True, False, 2.0, "4", None])
def test_counts_must_be_whole_numbers_of_one_or_more(key: str, value: Any) -> None:
    assert errors(**{f"NEWSROOM_{key}": value}) == [
        f"NEWSROOM_{key} must be a whole number of 1 or more, not {value!r}."
    ]


@pytest.mark.parametrize("key", ["AUTHORS_FILE", "TIP_EMAIL", "COPYRIGHT_HOLDER"])
@pytest.mark.parametrize("value", [None, 1, ["a"]])
def test_text_settings_must_be_text(key: str, value: Any) -> None:
    assert errors(**{f"NEWSROOM_{key}": value}) == [f"NEWSROOM_{key} must be text, not {value!r}."]


@pytest.mark.parametrize(
    "email",
    ["tips", "tips@", "@example.com", "tips@example", "a b@example.com", "tips@@example.com", "tips@example.com extra"],
)
def test_tip_email_must_look_like_an_address(email: str) -> None:
    assert errors(NEWSROOM_TIP_EMAIL=email) == [f"NEWSROOM_TIP_EMAIL '{email}' is not an e-mail address."]


@pytest.mark.parametrize("email", ["tips@example.com", "news.desk+tips@mail.example.co.uk"])
def test_valid_tip_email_is_kept(email: str) -> None:
    assert load(settings(NEWSROOM_TIP_EMAIL=email)).tip_email == email


@pytest.mark.parametrize("zone", ["Mars/Olympus", "GMT+25", "Europe/London ", "../etc/passwd", "/etc/localtime"])
def test_bad_timezone_is_reported(zone: str) -> None:
    assert errors(TIMEZONE=zone) == [f"TIMEZONE '{zone}' is not an IANA time zone such as 'Europe/London'."]


@pytest.mark.parametrize("zone", [5, ["Europe/London"]])
def test_non_text_timezone_is_reported_as_a_settings_error(zone: Any) -> None:
    [message] = errors(TIMEZONE=zone)
    assert message.startswith("TIMEZONE ")


def test_all_problems_are_reported_together_in_one_error() -> None:
    messages = errors(
        NEWSROOM_BOGUS=1,
        NEWSROOM_TIP_EMAIL="nope",
        TIMEZONE="Nowhere/City",
        NEWSROOM_SIDEBAR_COUNT=0,
        NEWSROOM_STANDFIRST_WORDS=True,
        NEWSROOM_AUTHORS_FILE=3,
        NEWSROOM_SECTIONS=[{"name": "A", "slug": "Bad"}, {"slug": "b"}, {"name": "C", "slug": "c", "x": 1}],
    )
    assert messages == [
        "unknown setting NEWSROOM_BOGUS; known: " + ", ".join("NEWSROOM_" + k for k in DEFAULTS) + ".",
        "NEWSROOM_AUTHORS_FILE must be text, not 3.",
        "NEWSROOM_TIP_EMAIL 'nope' is not an e-mail address.",
        "TIMEZONE 'Nowhere/City' is not an IANA time zone such as 'Europe/London'.",
        "NEWSROOM_SECTIONS[0] (A): 'slug' must be lower-case letters, digits and hyphens.",
        "NEWSROOM_SECTIONS[1] needs a 'name' (text).",
        "NEWSROOM_SECTIONS[2] (C): unknown keys ['x']; use name, slug, description.",
        "NEWSROOM_SIDEBAR_COUNT must be a whole number of 1 or more, not 0.",
        "NEWSROOM_STANDFIRST_WORDS must be a whole number of 1 or more, not True.",
    ]


def test_settings_error_is_raised_not_returned_and_input_is_not_mutated() -> None:
    given = settings(NEWSROOM_SIDEBAR_COUNT=0)
    snapshot = repr(given)
    with pytest.raises(SettingsError):
        load(given)
    assert repr(given) == snapshot


def test_shared_setting_checks_name_the_setting_and_the_rule() -> None:
    from common.errors import true_or_false, whole_number  # noqa: PLC0415

    errors: list[str] = []
    assert whole_number("X_COUNT", 3, errors) == 3 and whole_number("X_AGE", 0, errors, minimum=0) == 0
    assert errors == []
    assert whole_number("X_COUNT", True, errors) == 1 and whole_number("X_MAX", 60_000, errors, maximum=50_000) == 1
    assert whole_number("X_AGE", -1, errors, minimum=0) == 1 and whole_number("X_N", "5", errors) == 1
    assert true_or_false("X_ON", True, errors) and not true_or_false("X_ON", "yes", errors)
    assert errors == [
        "X_COUNT must be a whole number of 1 or more, not True.",
        "X_MAX must be a whole number of 1 or more and at most 50,000, not 60000.",
        "X_AGE must be a whole number of 0 or more, not -1.",
        "X_N must be a whole number of 1 or more, not '5'.",
        "X_ON must be True or False, not 'yes'.",
    ]

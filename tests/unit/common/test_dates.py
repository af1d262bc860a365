"""Unit tests for common.dates: strict ISO 8601 parsing and locale-free formatting."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from common.dates import MONTHS, DateError, format_date, parse_date, parse_date_with_note

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
UTC_ZONE = ZoneInfo("UTC")


# -- accepted forms ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-28", datetime(2026, 11, 28, 0, 0, tzinfo=LONDON)),
        ("2026-11-28 09:30", datetime(2026, 11, 28, 9, 30, tzinfo=LONDON)),
        ("2026-11-28T09:30", datetime(2026, 11, 28, 9, 30, tzinfo=LONDON)),
        ("2026-11-28 09:30:15", datetime(2026, 11, 28, 9, 30, 15, tzinfo=LONDON)),
        ("  2026-11-28 09:30  ", datetime(2026, 11, 28, 9, 30, tzinfo=LONDON)),
    ],
)
def test_dates_without_offset_are_read_in_the_site_zone(text: str, expected: datetime) -> None:
    parsed = parse_date(text, LONDON)
    assert parsed == expected
    assert parsed.tzinfo is LONDON


def test_summer_date_without_offset_gets_the_daylight_saving_offset() -> None:
    parsed = parse_date("2026-07-01 12:00", LONDON)
    assert parsed.utcoffset() == timedelta(hours=1)
    assert parsed.astimezone(UTC) == datetime(2026, 7, 1, 11, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("2026-11-28T09:30:00Z", timedelta(0)),
        ("2026-11-28 09:30Z", timedelta(0)),
        ("2026-11-28T09:30:00+00:00", timedelta(0)),
        ("2026-11-28T09:30:00+01:00", timedelta(hours=1)),
        ("2026-11-28T09:30-05:00", timedelta(hours=-5)),
        ("2026-11-28T09:30+0530", timedelta(hours=5, minutes=30)),
        ("2026-11-28T09:30+05", timedelta(hours=5)),
        ("2026-11-28 09:30 +01:00", timedelta(hours=1)),
        ("2026-11-28T09:30-00:30", timedelta(minutes=-30)),
        ("2026-11-28T09:30+23:59", timedelta(hours=23, minutes=59)),
    ],
)
def test_explicit_offsets_win_over_the_site_zone(text: str, offset: timedelta) -> None:
    parsed = parse_date(text, NEW_YORK)
    assert parsed.utcoffset() == offset
    assert parsed.replace(tzinfo=None) == datetime(2026, 11, 28, 9, 30)


def test_z_means_utc() -> None:
    assert parse_date("2026-11-28T09:30:00Z", LONDON).tzinfo is UTC


def test_explicit_offset_is_accepted_even_inside_a_local_gap() -> None:
    parsed = parse_date("2026-03-29T01:30:00+00:00", LONDON)
    assert parsed == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def test_utc_site_zone_has_no_gaps_or_folds() -> None:
    assert parse_date("2026-03-29 01:30", UTC_ZONE) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert parse_date("2026-10-25 01:30", UTC_ZONE).utcoffset() == timedelta(0)


# -- refused forms -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "28/11/2026",
        "11/28/2026",
        "2026-11",
        "2026/11/28",
        "26-11-28",
        "28 November 2026",
        "November 28, 2026",
        "2026-11-28 9:30",
        "2026-11-28 09",
        "2026-11-28T09:30:00.5",
        "2026-11-28 09:30 GMT",
        "2026-11-28 09:30 Europe/London",
        "2026-11-28Z",
        "2026-11-28 09:30+1",
        "2026-11-28  09:30",
        "2026-11-28 09:30:00 +01:00 extra",
        "tomorrow",
    ],
)
def test_loose_or_malformed_dates_are_refused_with_a_format_hint(text: str) -> None:
    with pytest.raises(DateError, match="is not an ISO 8601 date; write it as YYYY-MM-DD HH:MM"):
        parse_date(text, LONDON)


@pytest.mark.parametrize(
    "text",
    [
        "2026-02-30",
        "2026-13-01",
        "2026-00-10",
        "2025-02-29",
        "2026-11-28 24:00",
        "2026-11-28 09:60",
        "2026-11-28 09:30:61",
    ],
)
def test_impossible_calendar_values_are_refused(text: str) -> None:
    with pytest.raises(DateError, match="is not a real date or time"):
        parse_date(text, LONDON)


def test_leap_day_in_a_leap_year_is_accepted() -> None:
    assert parse_date("2028-02-29", LONDON).day == 29


@pytest.mark.parametrize("text", ["2026-11-28T09:30+24:00", "2026-11-28T09:30+05:60", "2026-11-28T09:30-99"])
def test_out_of_range_offsets_are_refused(text: str) -> None:
    with pytest.raises(DateError, match="out of range"):
        parse_date(text, LONDON)


@pytest.mark.parametrize(
    ("text", "zone", "utc"),
    [
        ("2026-03-29 01:00", LONDON, "01:00"),
        ("2026-03-29 01:30", LONDON, "01:30"),
        ("2026-03-29 01:59:59", LONDON, "01:59"),
        ("2026-03-08 02:30", NEW_YORK, "07:30"),
    ],
)
def test_local_times_in_the_spring_forward_gap_use_the_offset_before_the_change(
    text: str, zone: ZoneInfo, utc: str
) -> None:
    value, note = parse_date_with_note(text, zone)
    assert f"{value.astimezone(UTC):%H:%M}" == utc
    assert re.search(r"does not exist in .* \(clocks go forward\); it is read as \d\d:\d\d UTC", note)
    assert parse_date(text, zone) == value


@pytest.mark.parametrize(
    ("text", "zone", "offset"),
    [
        ("2026-10-25 01:00", LONDON, timedelta(hours=1)),
        ("2026-10-25 01:30", LONDON, timedelta(hours=1)),
        ("2026-11-01 01:30", NEW_YORK, timedelta(hours=-4)),
    ],
)
def test_local_times_that_happen_twice_are_read_as_the_first(text: str, zone: ZoneInfo, offset: timedelta) -> None:
    value, note = parse_date_with_note(text, zone)
    assert value.utcoffset() == offset
    assert re.search(r"happens twice in .* \(clocks go back\); the first one is used", note)


def test_ordinary_local_times_and_explicit_offsets_have_no_note() -> None:
    assert parse_date_with_note("2026-10-25 03:30", LONDON)[1] is None
    assert parse_date_with_note("2026-10-25T01:30:00+00:00", LONDON)[1] is None


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("2026-03-29 00:59", timedelta(0)),
        ("2026-03-29 02:00", timedelta(hours=1)),
        ("2026-10-25 00:59", timedelta(hours=1)),
        ("2026-10-25 02:00", timedelta(0)),
    ],
)
def test_times_just_outside_the_daylight_saving_changes_are_accepted(text: str, offset: timedelta) -> None:
    assert parse_date(text, LONDON).utcoffset() == offset


def test_ambiguous_time_with_explicit_offset_picks_that_instant() -> None:
    first = parse_date("2026-10-25T01:30:00+01:00", LONDON)
    second = parse_date("2026-10-25T01:30:00+00:00", LONDON)
    assert second - first == timedelta(hours=1)


def test_error_message_quotes_the_stripped_input() -> None:
    with pytest.raises(DateError, match=r"^'28/11/2026' is not"):
        parse_date("  28/11/2026 ", LONDON)


def test_date_error_is_a_value_error() -> None:
    assert issubclass(DateError, ValueError)


# -- format_date ---------------------------------------------------------------


def test_months_are_the_twelve_english_names() -> None:
    assert len(MONTHS) == 12 and MONTHS[0] == "January" and MONTHS[-1] == "December"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2026, 11, 4, 16, 0, tzinfo=LONDON), "4 November 2026"),
        (datetime(2026, 1, 31, tzinfo=UTC), "31 January 2026"),
        (datetime(2026, 12, 1), "1 December 2026"),
    ],
)
def test_format_date_is_day_month_year_without_leading_zero(value: datetime, expected: str) -> None:
    assert format_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2026, 11, 4, 16, 0, tzinfo=LONDON), "4 November 2026, 16:00 GMT"),
        (datetime(2026, 7, 4, 9, 5, tzinfo=LONDON), "4 July 2026, 09:05 BST"),
        (datetime(2026, 7, 4, 9, 5, tzinfo=NEW_YORK), "4 July 2026, 09:05 EDT"),
        (datetime(2026, 7, 4, 9, 5, tzinfo=UTC), "4 July 2026, 09:05 UTC"),
        (datetime(2026, 7, 4, 9, 5, tzinfo=timezone(timedelta(hours=2))), "4 July 2026, 09:05 UTC+02:00"),
        (datetime(2026, 7, 4, 9, 5), "4 July 2026, 09:05"),
    ],
)
def test_format_date_with_time_adds_clock_and_zone_abbreviation(value: datetime, expected: str) -> None:
    assert format_date(value, with_time=True) == expected


def test_parse_then_format_round_trip() -> None:
    assert format_date(parse_date("2026-11-28 09:30", LONDON), with_time=True) == "28 November 2026, 09:30 GMT"

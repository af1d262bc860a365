"""Strict ISO 8601 date parsing for front-matter (pure: no clock)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo

_DATE_RE = re.compile(
    r"""^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})
        (?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?
           \s?(?P<tz>Z|[+-]\d{2}(?::?\d{2})?)?
        )?$""",
    re.VERBOSE | re.ASCII,
)

FORMAT_HINT = (
    "write it as YYYY-MM-DD HH:MM (site time zone) or with an offset, "
    "e.g. 2026-11-28 09:30 or 2026-11-28T09:30:00+00:00"
)


class DateError(ValueError):
    """The text is not a date we accept; the message says why and how to fix it."""


def _offset(text: str) -> timezone:
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise DateError(f"the UTC offset {text} is out of range")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def parse_date(text: str, site_zone: tzinfo) -> datetime:
    """Parse a front-matter date into an aware datetime.

    Dates without an offset are read in ``site_zone``. Loose forms that Pelican
    would guess at (month-first, missing day, zone names) are refused. A local
    time that a daylight-saving change makes ambiguous is resolved the way
    ``daylight_saving_note`` describes.
    """
    return parse_date_with_note(text, site_zone)[0]


def parse_date_with_note(text: str, site_zone: tzinfo) -> tuple[datetime, str | None]:
    """``parse_date`` plus a note when the local time falls in a clock change."""
    value = text.strip()
    match = _DATE_RE.match(value)
    if not match:
        raise DateError(f"'{value}' is not an ISO 8601 date; {FORMAT_HINT}")
    parts = match.groupdict()
    try:
        naive = datetime(
            int(parts["y"]),
            int(parts["m"]),
            int(parts["d"]),
            int(parts["H"] or 0),
            int(parts["M"] or 0),
            int(parts["S"] or 0),
        )
    except ValueError as exc:
        raise DateError(f"'{value}' is not a real date or time ({exc})") from None
    if parts["tz"]:
        return naive.replace(tzinfo=_offset(parts["tz"])), None
    return naive.replace(tzinfo=site_zone), daylight_saving_note(naive, site_zone, value)


def daylight_saving_note(naive: datetime, zone: tzinfo, shown: str) -> str | None:
    """Explain how a local time at a clock change is read, or None for an ordinary time.

    A time that happens twice (clocks go back) is read as the first of the two, and a
    time that does not exist (clocks go forward) with the offset in force just before
    the change; both are Python's ``fold=0`` rule, so the result never varies.
    """
    first = naive.replace(tzinfo=zone, fold=0)
    round_trip = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if round_trip != naive:
        return (
            f"'{shown}' does not exist in {zone} (clocks go forward); it is read as {first.astimezone(UTC):%H:%M} UTC"
        )
    if first.utcoffset() != naive.replace(tzinfo=zone, fold=1).utcoffset():
        return f"'{shown}' happens twice in {zone} (clocks go back); the first one is used"
    return None


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_date(value: datetime, with_time: bool = False) -> str:
    """'4 November 2026' or '4 November 2026, 16:00 GMT', the same in every locale."""
    text = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    if with_time:
        text += f", {value:%H:%M} {value.tzname() or ''}".rstrip()
    return text

"""The one place "now" comes from (no Pelican import; pure but for ``now``).

Time is an input: the build (scheduled stories, the news sitemap's window, the Most Read
ranking) and ``make most-read`` (which sets aside page views dated after now) take the
moment from here. It is the system clock, unless ``NEWSDESK_NOW`` (or ``newsdesk build
--now``) names another, for tests, for previews ("the site as of Thursday 09:00") and to
replay an old day's logs exactly as they were ingested then:

    NEWSDESK_NOW=2026-11-23T07:45:00Z make most-read LOGS=access.log
    make publish NOW=2026-12-10T09:00
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from datetime import UTC, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .dates import DateError, parse_date
from .errors import SettingsError

ENV = "NEWSDESK_NOW"
HINT = (
    "give a date and time such as 2026-12-10T09:00 (site time zone), 2026-12-10T09:00+00:00, "
    "or whole seconds since 1970"
)


class ClockError(SettingsError):
    """A "now" was given, but not as a moment."""


def moment(text: str, zone: tzinfo = UTC) -> datetime:
    """The moment ``text`` names: ISO 8601 (without an offset, a time in ``zone``) or whole
    seconds since 1970. Raises ``ClockError`` saying what to write instead."""
    value = text.strip()
    if value.isascii() and value.isdigit():
        return datetime.fromtimestamp(int(value), UTC).astimezone(zone)
    try:
        return parse_date(value, zone)
    except DateError as exc:  # the front-matter hint after ';' speaks of Date: lines
        raise ClockError(f"{str(exc).split(';')[0]}; {HINT}") from None


def parse(text: str, zone: tzinfo = UTC) -> int:
    """``moment`` in whole seconds since 1970."""
    return int(moment(text, zone).timestamp())


def now(environ: Mapping[str, str] | None = None, zone: tzinfo = UTC) -> int:
    """Now, in whole seconds since 1970: ``NEWSDESK_NOW`` when set, else the system clock."""
    given = (os.environ if environ is None else environ).get(ENV, "")
    if not given.strip():
        return int(time.time())
    try:
        return parse(given, zone)
    except ClockError as exc:
        raise ClockError(f"{ENV}: {exc}. Fix: set it so, or unset it to use the system clock.") from None


def site_zone(settings: Mapping[str, Any], errors: list[str]) -> ZoneInfo:
    """The site's TIMEZONE (UTC when unset); a bad one is added to ``errors``."""
    zone_name = settings.get("TIMEZONE") or "UTC"
    try:
        if not isinstance(zone_name, str):
            raise ValueError(zone_name)
        return ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        errors.append(f"TIMEZONE '{zone_name}' is not an IANA time zone such as 'Europe/London'.")
        return ZoneInfo("UTC")

"""The one place "now" comes from (standard library only; Pelican is not imported).

Time is an input: whatever reads the clock (the Most Read ingest, which refuses page views
dated after now, and the build, which ranks them) asks ``now()``. It is the system clock,
unless ``NEWSDESK_NOW`` names another moment, for tests, for previews, and to replay an old
day's logs exactly as they were ingested then:

    NEWSDESK_NOW=2026-11-23T07:45:00Z make most-read LOGS=access.log
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from datetime import datetime

from .errors import SettingsError

ENV = "NEWSDESK_NOW"


class ClockError(SettingsError):
    """``NEWSDESK_NOW`` is set, but not to a moment."""


def parse(text: str) -> int:
    """Seconds since 1970 from an ISO 8601 time with its offset (``2026-11-23T07:45:00Z``,
    ``2026-11-23 08:45+01:00``) or from whole seconds since 1970 (``1795419900``)."""
    text = text.strip()
    if text.isascii() and text.isdigit():
        return int(text)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise ClockError(
            f"{ENV} must be a time with its offset, such as 2026-11-23T07:45:00Z, or whole seconds since 1970, "
            f"not {text!r}. Fix: set it so, or unset it to use the system clock."
        )
    return int(moment.timestamp())


def now(environ: Mapping[str, str] | None = None) -> int:
    """Now, in whole seconds since 1970: ``NEWSDESK_NOW`` when set, else the system clock."""
    given = (os.environ if environ is None else environ).get(ENV, "")
    return parse(given) if given.strip() else int(time.time())

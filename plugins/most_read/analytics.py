"""Analytics exports as CSV: path, hour or day, views (pure).

    path,day,views
    /2026/11/maintainers-pull-poisoned-release/,2026-11-18,1204

    path,hour,views
    /2026/11/maintainers-pull-poisoned-release/?utm_source=rss,2026-11-18T07:00:00Z,412

The header names the columns (any order; other columns are ignored). ``path`` is a path
or a full URL, normalised like a log line's; ``day`` is ``YYYY-MM-DD`` or ``YYYYMMDD``,
``hour`` an ISO 8601 time (``2026-11-18T07:00``, ``2026-11-18 07:00:00+01:00``, ``…Z``) or
``YYYYMMDDHH`` (GA4's dateHour); without an offset both are read in the site's TIMEZONE.
A row whose hour or day starts after ``not_after`` (now, and the allowance for clock skew)
is set aside and counted, like a log line dated after now.
Rows that fall on the same article and hour (or day) are added up, so that
``/x/?utm_source=a`` and ``/x`` make one count. ``views`` is a whole number.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from .future import NEVER, Ahead
from .paths import request_key

HOUR, DAY = 3600, 86400
REASONS = ("no_header", "malformed", "bad_time", "bad_views", "bad_path", "not_article")
MAX_VIEWS = 10**12
MAX_FIELD = 4096
_DAY = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})$")
_DATE_HOUR = re.compile(r"^(\d{4})(\d{2})(\d{2})(\d{2})$")


@dataclass(frozen=True)
class CsvSettings:
    article: re.Pattern[str]
    zone: ZoneInfo
    site_path: str = ""
    not_after: int = NEVER


@dataclass
class CsvTally:
    rows: int = 0
    views: int = 0
    rejected: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REASONS, 0))
    first_rejects: list[tuple[str, int, str]] = field(default_factory=list)
    future: Ahead = field(default_factory=Ahead)  # rows dated after now

    def reject(self, reason: str, source: str, line: int) -> None:
        self.rejected[reason] += 1
        if len(self.first_rejects) < 5:
            self.first_rejects.append((source, line, reason))


def _local(moment: datetime, zone: ZoneInfo) -> int:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return int(moment.timestamp())


def parse_period(text: str, unit: str, zone: ZoneInfo) -> int | None:
    """The start (seconds since 1970) of the hour or day ``text`` names, or None."""
    text = text.strip()
    try:
        if unit == "day":
            found = _DAY.match(text)
            if not found:
                return None
            year, month, day = (int(g) for g in found.groups())
            return _local(datetime(year, month, day), zone)
        found = _DATE_HOUR.match(text)
        if found:
            year, month, day, hour = (int(g) for g in found.groups())
            return _local(datetime(year, month, day, hour), zone)
        if len(text) < 13:
            return None
        moment = datetime.fromisoformat(text).replace(minute=0, second=0, microsecond=0)
    except ValueError:
        return None
    return _local(moment, zone)


def read_csv(data: bytes, settings: CsvSettings, tally: CsvTally, source: str = "") -> list[tuple[int, str, int, int]]:
    """(start, article key, length, views) rows, summed per article and period."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        tally.reject("malformed", source, 0)
        return []
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in next(reader, [])]
    unit = "hour" if "hour" in header else "day"
    if "path" not in header or "views" not in header or unit not in header:
        tally.reject("no_header", source, 1)
        return []
    columns = header.index("path"), header.index(unit), header.index("views")
    length = HOUR if unit == "hour" else DAY
    sums: dict[tuple[int, str], int] = {}
    try:
        for row in reader:
            line = reader.line_num
            if not row or not any(cell.strip() for cell in row):
                continue
            tally.rows += 1
            if len(row) < len(header) or any(len(cell) > MAX_FIELD for cell in row):
                tally.reject("malformed", source, line)
                continue
            path, period, views = (row[i].strip() for i in columns)
            start = parse_period(period, unit, settings.zone)
            if start is None:
                tally.reject("bad_time", source, line)
                continue
            if start > settings.not_after:
                tally.future.add(source, line)
                continue
            if not (views.isascii() and views.isdigit()) or int(views) > MAX_VIEWS:
                tally.reject("bad_views", source, line)
                continue
            key = request_key(path, settings.site_path) if path.startswith("/") or "://" in path else None
            if key is None:
                tally.reject("bad_path", source, line)
                continue
            if not settings.article.match(key):
                tally.reject("not_article", source, line)
                continue
            sums[(start, key)] = sums.get((start, key), 0) + int(views)
    except csv.Error:
        tally.reject("malformed", source, reader.line_num)
    tally.views += sum(sums.values())
    return [(start, key, length, views) for (start, key), views in sorted(sums.items())]

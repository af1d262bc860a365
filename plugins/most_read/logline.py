"""One access-log line in Combined or Common Log Format, as plain fields (pure).

    203.0.113.9 - - [18/Nov/2026:07:45:12 +0000] "GET /2026/11/x/?utm_source=rss HTTP/1.1" 200 5120 "-" "Mozilla/5.0 …"

Common Log Format stops after the size; Combined adds the referrer and the user agent;
quoted fields after those (nginx's forwarded-for, say) are ignored, and so are the ident,
user, size and referrer. Quotes inside a field may be escaped as ``\\"`` (Apache) or
``\\x22`` (nginx).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

_QUOTED = r'"([^"\\]*(?:\\.[^"\\]*)*)"'
LINE = re.compile(rf"(\S+) \S+ \S+ \[([^\]]*)\] {_QUOTED} (\d{{3}}) \S+(?: {_QUOTED} {_QUOTED})?", re.ASCII)
_HEAD = re.compile(r"(\S+) \S+ \S+ \[([^\]]*)\] \Z", re.ASCII)
MONTHS = {m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1)}  # fmt: skip
CACHE_LIMIT = 100_000

Fields = tuple[str, str, str, str, str | None]  # (client IP, time stamp, request line, status, user agent)


@dataclass(frozen=True)
class LogLine:
    client_ip: str
    time: int  # seconds since 1970, UTC
    method: str  # "" when the request line is not "METHOD TARGET [PROTOCOL]"
    target: str
    status: int
    user_agent: str | None  # None in Common Log Format


def _fields_slow(text: str) -> Fields | None:
    found = LINE.match(text)
    if found is None:
        return None
    ip, stamp, request, status, _referer, agent = found.groups()
    return ip, stamp, request, status, agent


def _digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def fields(text: str) -> Fields | None:
    """The fields of a line, or None when it is not in Combined or Common Log Format.

    The usual Combined line (no backslash, a 26-character time stamp) is cut with
    ``str.split`` and slices; any other goes through ``LINE``. Both read a well-formed line
    the same way: the tests hold them to it.
    """
    if "\\" not in text:
        parts = text.split('"')
        count = len(parts)
        if count >= 7 and count % 2 and parts[4] == " ":
            head, codes = parts[0], parts[2]  # 'IP ident user [stamp] ', ' 200 5120 '
            space = head.find(" ")
            if (
                0 < space < len(head) - 32
                and head[-30:-28] == " ["
                and head[-2:] == "] "
                and codes[:1] == " "
                and codes[4:5] == " "
                and codes[-1:] == " "
                and codes[1:4].isascii()
                and codes[1:4].isdigit()
                and codes[5:-1]
                and " " not in codes[5:-1]
            ):
                return head[:space], head[-28:-2], parts[1], codes[1:4], parts[5]
    return _fields_slow(text)


class TimeParser:
    """``18/Nov/2026:07:45:12 +0100`` -> seconds since 1970 (UTC), or None; caches each minute."""

    def __init__(self) -> None:
        self._minutes: dict[str, int | None] = {}

    @staticmethod
    def minute_start(text: str) -> int | None:
        """The start of the minute of a time stamp (its seconds are not looked at), or None.

        ``text`` is the stamp, ``18/Nov/2026:07:45:12 +0000``, or the stamp in its brackets with
        a space either side, `` [18/Nov/2026:07:45:12 +0000] ``, as the hot loop has it.
        """
        if len(text) == 30 and text[:2] == " [" and text[-2:] == "] ":
            text = text[2:-2]
        if len(text) != 26 or text[17] != ":":
            return None
        try:
            day, month, year = text[:11].split("/")
            clock, zone = text[12:17], text[21:]
            if len(day) != 2 or len(year) != 4 or not _digits(day + year + clock[:2] + clock[3:]):
                return None
            hour, minute = int(clock[:2]), int(clock[3:])
            if text[11] != ":" or clock[2] != ":" or text[20] != " " or hour > 23 or minute > 59:
                return None
            if len(zone) != 5 or zone[0] not in "+-" or not _digits(zone[1:]):
                return None
            offset = int(zone[1:3]) * 3600 + int(zone[3:]) * 60
            if offset > 14 * 3600 or int(zone[3:]) > 59:
                return None
            start = datetime(int(year), MONTHS[month], int(day), hour, minute, tzinfo=UTC)
        except (ValueError, KeyError):
            return None
        return int(start.timestamp()) - (offset if zone[0] == "+" else -offset)

    def __call__(self, text: str) -> int | None:
        if len(text) != 26 or text[17] != ":":
            return None
        seconds = text[18:20]
        if not _digits(seconds) or seconds > "60":
            return None
        minute_key = text[:17] + text[20:]
        start = self._minutes.get(minute_key, -1)
        if start == -1:
            if len(self._minutes) > CACHE_LIMIT:  # hostile input never grows the cache without bound
                self._minutes.clear()
            start = self._minutes[minute_key] = self.minute_start(text)
        if start is None:
            return None
        return start + min(int(seconds), 59)  # a leap second counts as the second before it


def split_request(request: str) -> tuple[str, str]:
    """``GET /x HTTP/1.1`` -> ("GET", "/x"); anything else -> ("", "")."""
    parts = request.split(" ")
    if len(parts) in (2, 3) and parts[0].isalpha() and parts[0].isupper() and parts[1]:
        return parts[0], parts[1]
    return "", ""


def parse(text: str, parse_time: TimeParser | None = None) -> LogLine | str:
    """A parsed line, or the reason it was rejected: "malformed" or "bad_time"."""
    found = fields(text)
    if found is None:
        return "malformed"
    ip, stamp, request, status, agent = found
    moment = (parse_time or TimeParser())(stamp)
    if moment is None:
        return "bad_time"
    method, target = split_request(request)
    return LogLine(ip, moment, method, target, int(status), agent)

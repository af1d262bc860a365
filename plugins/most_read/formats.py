"""CDN and JSON access logs, one line at a time, as plain records (pure).

Besides Combined and Common Log Format (``logline.py``), the ingest reads:

* ``cloudfront``: CloudFront standard logs (W3C extended: ``#Version`` and ``#Fields``
  header lines, then tab-separated fields; the user agent is URL-encoded);
* ``cloudflare``: Cloudflare Logpush ``http_requests`` JSON lines (``ClientIP``,
  ``ClientRequestMethod``, ``ClientRequestURI``, ``EdgeResponseStatus``,
  ``ClientRequestUserAgent``, ``EdgeStartTimestamp``);
* ``fastly``: Fastly JSON log lines in the shape docs/most-read.md gives (``timestamp``,
  ``client_ip``, ``method``, ``url``, ``status``, ``user_agent``);
* ``nginx-json``: nginx ``log_format … escape=json`` lines (``remote_addr``,
  ``time_iso8601`` or ``time_local``, ``request`` or ``request_method`` and ``request_uri``,
  ``status``, ``http_user_agent``).

Each line gives a ``Record`` or the reason it is set aside (``malformed``, ``bad_time``);
``detect`` names the format of a file from its first line, and a file whose first record
does not fit its format stops the ingest with ``FormatError`` (file, line, what was expected).
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Callable
from datetime import datetime
from urllib.parse import unquote

from .logline import TimeParser

Record = tuple[str, int, str, str, str, str | None]  # (client IP, time, method, target, status, user agent)
Parse = Callable[[str], "Record | str"]
FORMATS = ("auto", "combined", "cloudfront", "cloudflare", "fastly", "nginx-json")
JSON_KEYS = {  # the keys each JSON format must carry: time, client IP, method, target, status, user agent
    "cloudflare": ("EdgeStartTimestamp", "ClientIP", "ClientRequestMethod", "ClientRequestURI",
                   "EdgeResponseStatus", "ClientRequestUserAgent"),
    "fastly": ("timestamp", "client_ip", "method", "url", "status", "user_agent"),
    "nginx-json": ("time_iso8601", "remote_addr", "request_method", "request_uri", "status", "http_user_agent"),
}  # fmt: skip
CLOUDFRONT_FIELDS = ("date", "time", "c-ip", "cs-method", "cs-uri-stem", "sc-status", "cs(User-Agent)")


_SCAN = json.JSONDecoder().scan_once  # (text, index) -> (value, end); what json.loads runs inside
_STATUS_TEXT = {code: str(code) for code in range(100, 1000)}  # a JSON number status, as the log line has it


class FormatError(Exception):
    """A log that is not in the format chosen or detected for it."""

    def __init__(self, source: str, line: int, why: str) -> None:
        self.source, self.line, self.why = source, line, why
        super().__init__(
            f"{source}:{line}: {why}. Fix: give the log's format with --log-format "
            f"({', '.join(FORMATS[1:])}), or leave it out to detect it from the first line"
        )

    def __reduce__(self) -> tuple[type[FormatError], tuple[str, int, str]]:
        return FormatError, (self.source, self.line, self.why)  # as a worker process sends it back


def detect(first: str, source: str, line: int) -> str:
    """The format of a log from its first non-blank line."""
    if first.startswith("#"):
        return "cloudfront"
    if first.startswith("{"):
        try:
            keys = json.loads(first)
        except ValueError:
            raise FormatError(source, line, "a line starting with { that is not JSON") from None
        for name in ("cloudflare", "nginx-json", "fastly"):
            if isinstance(keys, dict) and JSON_KEYS[name][1] in keys:
                return name
        raise FormatError(source, line, "a JSON log line with none of ClientIP, remote_addr or client_ip")
    return "combined"


def _status(value: object) -> str | None:
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    return text if isinstance(text, str) and len(text) == 3 and text.isascii() and text.isdigit() else None


def _epoch(value: object, local: TimeParser) -> int | None:
    """An ISO 8601 time with an offset, nginx's ``$time_local``, or seconds (ms, µs, ns) since 1970."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        while value >= 10**11:  # milliseconds, microseconds or nanoseconds: Cloudflare's unix formats
            value //= 1000
        return value
    if not isinstance(value, str):
        return None
    if len(value) == 26 and value[2] == "/":
        return local(value)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return int(moment.timestamp()) if moment.tzinfo is not None else None


class JsonLines:
    """One JSON object a line, with the keys of ``JSON_KEYS[name]`` (nginx: or ``time_local``, ``request``)."""

    def __init__(self, name: str) -> None:
        self.name, self.keys = name, JSON_KEYS[name]
        self.local = TimeParser()
        self.last_time: str | None = None  # the time of the previous line, and what it was read as
        self.last_moment: int | None = None

    def first(self, text: str, source: str, line: int) -> None:
        """Check the first record: a file in another shape stops the ingest here."""
        try:
            found = json.loads(text)
        except ValueError:
            raise FormatError(source, line, f"not a JSON line, as a {self.name} log has") from None
        missing = [key for key in self.keys if not isinstance(found, dict) or key not in found]
        if self.name == "nginx-json" and isinstance(found, dict):
            alternatives = {"time_iso8601": "time_local", "request_method": "request", "request_uri": "request"}
            missing = [key for key in missing if alternatives.get(key) not in found]
        if missing:
            raise FormatError(source, line, f"a {self.name} log line needs the key(s) {', '.join(missing)}")

    def __call__(self, text: str) -> Record | str:
        try:  # the C scanner on the whole line, as json.loads ends up doing, without its checks around it
            found, end = _SCAN(text, 0)
        except (StopIteration, ValueError):
            end = -1
        if end != len(text):  # space around the object, or no object: json.loads says what it is
            try:
                found = json.loads(text)
            except ValueError:
                return "malformed"
        if not isinstance(found, dict):
            return "malformed"
        when, ip, method, target, status, agent = map(found.get, self.keys)
        if self.name == "nginx-json":
            when = found.get("time_local") if when is None else when
            if method is None and target is None and isinstance(found.get("request"), str):
                method, _, target = found["request"].partition(" ")
                target = target.rsplit(" ", 1)[0] if target.count(" ") == 1 else target
        status = _STATUS_TEXT.get(status) if status.__class__ is int else _status(status)
        if not (isinstance(ip, str) and isinstance(method, str) and isinstance(target, str) and status):
            return "malformed"
        if agent is not None and not isinstance(agent, str):
            return "malformed"
        if when.__class__ is str and when == self.last_time:  # lines of the same second, one after another
            moment = self.last_moment
        else:
            moment = _epoch(when, self.local)
            if when.__class__ is str:
                self.last_time, self.last_moment = when, moment
        if moment is None:
            return "bad_time"
        return ip, moment, method, target, status, agent or "-"


class CloudFront:
    """CloudFront standard logs: ``#Fields:`` names the tab-separated columns of the lines after it."""

    def __init__(self) -> None:
        self.columns: tuple[int, ...] | None = None
        self.width = 0
        self._minutes: dict[str, int | None] = {}
        self._agents: dict[str, str] = {}  # as logged (URL-encoded) -> decoded

    def agent(self, logged: str) -> str:
        found = self._agents.get(logged)
        if found is None:
            if len(self._agents) > 100_000:
                self._agents.clear()
            found = self._agents[logged] = unquote(logged) if "%" in logged else logged
        return found

    def header(self, text: str, source: str, line: int) -> None:
        """A ``#`` line: ``#Fields:`` sets the columns; a field the count needs missing stops the ingest."""
        if not text.startswith("#Fields:"):
            return
        names = text[len("#Fields:") :].split()
        missing = [name for name in CLOUDFRONT_FIELDS if name not in names]
        if missing:
            raise FormatError(source, line, f"CloudFront #Fields without {', '.join(missing)}")
        self.columns, self.width = tuple(names.index(name) for name in CLOUDFRONT_FIELDS), len(names)

    def first(self, text: str, source: str, line: int) -> None:
        if self.columns is None:
            raise FormatError(source, line, "a CloudFront log line before any #Fields header")

    def minute(self, day: str, clock: str) -> int | None:
        key = day + clock[:5]
        found = self._minutes.get(key, -1)
        if found == -1:
            if len(self._minutes) > 100_000:
                self._minutes.clear()
            try:
                moment = datetime.strptime(key, "%Y-%m-%d%H:%M")
                found = calendar.timegm(moment.timetuple()) if len(day) == 10 and clock[2:3] == ":" else None
            except ValueError:
                found = None
            self._minutes[key] = found
        return found

    def __call__(self, text: str) -> Record | str:
        parts = text.split("\t")
        if self.columns is None or len(parts) != self.width:
            return "malformed"
        day, clock, ip, method, target, status, agent = (parts[i] for i in self.columns)
        start = self.minute(day, clock)
        seconds = clock[6:]
        if start is None or len(clock) != 8 or clock[5] != ":" or not seconds.isdigit() or seconds > "60":
            return "bad_time"
        if _status(status) is None:
            return "malformed"
        return ip, start + min(int(seconds), 59), method, target, status, self.agent(agent)


def parser(name: str) -> JsonLines | CloudFront:
    """The line reader of a format other than Combined."""
    return CloudFront() if name == "cloudfront" else JsonLines(name)

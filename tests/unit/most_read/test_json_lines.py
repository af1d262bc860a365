"""A JSON log line is read as ``json.loads`` reads it, whatever shortcut the reader takes: space
around the object, extra data, statuses as numbers of other types, the same time on lines in a row."""

from __future__ import annotations

import calendar
import json

import pytest
from most_read.formats import JsonLines

AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0"


def fastly(**changes: object) -> str:
    record = {"timestamp": "2026-11-18T07:45:12Z", "client_ip": "203.0.113.9", "method": "GET",
              "url": "/2026/11/x/", "status": 200, "user_agent": AGENT, **changes}  # fmt: skip
    return json.dumps(record, separators=(",", ":"))


MOMENT = calendar.timegm((2026, 11, 18, 7, 45, 12, 0, 0, 0))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (fastly(), ("203.0.113.9", MOMENT, "GET", "/2026/11/x/", "200", AGENT)),
        ("  " + fastly() + " \t", ("203.0.113.9", MOMENT, "GET", "/2026/11/x/", "200", AGENT)),
        (fastly(status="304"), ("203.0.113.9", MOMENT, "GET", "/2026/11/x/", "304", AGENT)),
        (fastly() + " {}", "malformed"),
        (fastly() + "}", "malformed"),
        (fastly()[:-1], "malformed"),
        ("[" + fastly() + "]", "malformed"),
        (fastly(status=200.0), "malformed"),
        (fastly(status=True), "malformed"),
        (fastly(status=20), "malformed"),
        (fastly(status=-10), "malformed"),
        (fastly(status=[200]), "malformed"),
        (fastly(timestamp="2026-11-18T25:45:12Z"), "bad_time"),
        (fastly(timestamp=True), "bad_time"),
        (fastly(timestamp=MOMENT * 1000), ("203.0.113.9", MOMENT, "GET", "/2026/11/x/", "200", AGENT)),
    ],
)
def test_a_line_reads_as_json_loads_reads_it(text: str, expected: object) -> None:
    assert JsonLines("fastly")(text) == expected


def test_the_same_time_on_lines_in_a_row_and_then_another() -> None:
    read = JsonLines("fastly")
    times = ["2026-11-18T07:45:12Z", "2026-11-18T07:45:12Z", "2026-11-18T08:45:12+01:00", "2026-11-18T07:45:13Z"]
    moments = [read(fastly(timestamp=t))[1] for t in times]  # type: ignore[index]
    assert moments == [MOMENT, MOMENT, MOMENT, MOMENT + 1]
    assert read(fastly(timestamp="2026-11-18T07:45:13")) == "bad_time"  # no offset, even after a good one
    assert read(fastly(timestamp=1)) == ("203.0.113.9", 1, "GET", "/2026/11/x/", "200", AGENT)

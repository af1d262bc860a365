"""CloudFront, Cloudflare, Fastly and nginx JSON logs: read, detected, and counted exactly as Combined lines."""

from __future__ import annotations

import calendar
import json
import time

import crawleruseragents
import pytest
from most_read.counting import Classifier, Rules, Tally
from most_read.formats import CloudFront, FormatError, JsonLines, detect
from most_read.ingest import _feeder
from most_read.paths import article_pattern

from bench.cdn_log import CLOUDFRONT_FIELDS, FORMATS, render

T0 = calendar.timegm((2026, 11, 18, 7, 45, 0, 0, 0, 0))
READER = "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0"
BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
REQUESTS = [  # (client IP, time, method, target, status, user agent): every rule once
    ("203.0.113.9", T0, "GET", "/2026/11/x/?utm_source=rss", "200", READER),  # a view
    ("203.0.113.9", T0 + 20, "GET", "/2026/11/x/", "304", READER),  # a reload within 30 s: the same view
    ("203.0.113.9", T0 + 90, "GET", "/2026/11/x/index.html", "200", READER),  # a new view
    ("2001:db8::7", T0 + 5, "GET", "/2026/11/%79/", "200", READER),  # an escaped article path, IPv6
    ("198.51.100.4", T0 + 6, "GET", "/2026/11/x/", "200", BOT),  # a crawler
    ("198.51.100.5", T0 + 7, "GET", "/2026/11/x/", "200", "-"),  # no user agent: a script
    ("198.51.100.6", T0 + 8, "HEAD", "/2026/11/x/", "200", READER),  # not a GET
    ("198.51.100.7", T0 + 9, "GET", "/2026/11/x/", "404", READER),  # not answered 200/304
    ("198.51.100.8", T0 + 10, "GET", "/tag/security/", "200", READER),  # not an article
    ("198.51.100.9", T0 + 11, "GET", "/2026/11/%ff/", "200", READER),  # a path that is not UTF-8: rejected
    ("198.51.100.10", T0 + 86_400, "GET", "/2026/11/z/", "200", READER),  # dated after now: set aside
    ("198.51.100.11", T0 - 86_400 * 90, "GET", "/2026/11/z/", "200", READER),  # older than the store keeps
]
RULES = Rules(
    article_pattern("{date:%Y}/{date:%m}/{slug}/"), crawleruseragents.is_crawler, b"salt",
    not_before=T0 - 86_400 * 62, not_after=T0 + 300,
)  # fmt: skip
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def combined(ip: str, moment: int, method: str, target: str, status: str, agent: str) -> str:
    y, mo, d, h, mi, s, *_ = time.gmtime(moment)
    stamp = f"{d:02d}/{MONTHS[mo - 1]}/{y}:{h:02d}:{mi:02d}:{s:02d} +0000"
    return f'{ip} - - [{stamp}] "{method} {target} HTTP/1.1" {status} 512 "-" "{agent}"'


def lines_of(log_format: str) -> list[str]:
    if log_format == "combined":
        return [combined(*request) for request in REQUESTS]
    head = ["#Version: 1.0", f"#Fields: {CLOUDFRONT_FIELDS}"] if log_format == "cloudfront" else []
    return head + [render(request, log_format) for request in REQUESTS]


def count(lines: list[str], log_format: str = "auto") -> tuple[Tally, list]:
    tally = Tally()
    feed = _feeder(Classifier(RULES), log_format, lines, "access.log")
    return tally, feed(lines, tally)


@pytest.mark.parametrize("log_format", FORMATS)
def test_every_format_counts_as_combined_does(log_format: str) -> None:
    expected_tally, expected_hits = count(lines_of("combined"))
    tally, hits = count(lines_of(log_format))
    assert hits == expected_hits and len(hits) == 4  # the same hits: time, article key, client pseudonym
    assert tally.skipped == expected_tally.skipped == {
        "bot": 2, "method": 1, "status": 1, "not_article": 1, "too_old": 1,
    }  # fmt: skip
    assert tally.rejected == expected_tally.rejected and tally.rejected["bad_path"] == 1
    assert tally.lines == expected_tally.lines == len(REQUESTS)
    assert tally.future.count == 1
    header = 2 if log_format == "cloudfront" else 0  # the file's own line numbers, headers included
    assert tally.future.first == ("access.log", 11 + header)
    assert tally.first_rejects == [("access.log", 10 + header, "bad_path")]


@pytest.mark.parametrize("log_format", FORMATS)
def test_each_format_is_detected_from_its_first_line(log_format: str) -> None:
    assert detect(lines_of(log_format)[0], "a.log", 1) == log_format
    assert detect(combined(*REQUESTS[0]), "a.log", 1) == "combined"


@pytest.mark.parametrize(
    ("log_format", "lines", "where", "says"),
    [
        ("cloudfront", [combined(*REQUESTS[0])], "a.log:1", "before any #Fields header"),
        ("cloudfront", ["#Version: 1.0", "#Fields: date time c-ip"], "a.log:2", "without cs-method"),
        ("fastly", ['{"timestamp": "2026-11-18T07:45:00Z", "client_ip": "192.0.2.1"}'], "a.log:1", "method, url"),
        ("nginx-json", ["", combined(*REQUESTS[0])], "a.log:2", "not a JSON line"),
        ("auto", ['{"path": "/x", "views": 3}'], "a.log:1", "none of ClientIP"),
        ("auto", ["{not json"], "a.log:1", "not JSON"),
    ],
)
def test_a_log_in_another_format_stops_with_file_line_and_fix(
    log_format: str, lines: list[str], where: str, says: str
) -> None:
    with pytest.raises(FormatError) as caught:
        tally = Tally()
        _feeder(Classifier(RULES), log_format, lines, "a.log")(lines, tally)
    message = str(caught.value)
    assert message.startswith(where + ":") and says in message and "--log-format" in message


def test_bad_lines_after_the_first_are_counted_not_fatal() -> None:
    good = render(REQUESTS[0], "cloudflare")
    record = json.loads(good)
    lines = [
        good,
        "{truncated",  # the live log's last line, still being written
        json.dumps({**record, "EdgeStartTimestamp": "yesterday"}),
        json.dumps({**record, "EdgeResponseStatus": "OK"}),
        "",
        json.dumps({**record, "EdgeStartTimestamp": (T0 + 100) * 10**9}),  # Logpush's unixnano
    ]
    tally, hits = count(lines)
    assert tally.lines == 5 and len(hits) == 2 and hits[1][0] == T0 + 100
    assert tally.first_rejects == [("access.log", 2, "malformed"), ("access.log", 3, "bad_time"),
                                   ("access.log", 4, "malformed")]  # fmt: skip


def test_nginx_time_local_and_split_request_fields() -> None:
    reader = JsonLines("nginx-json")
    line = {"time_local": "18/Nov/2026:08:45:00 +0100", "remote_addr": "192.0.2.1", "request_method": "GET",
            "request_uri": "/2026/11/x/", "status": 200, "http_user_agent": READER}  # fmt: skip
    assert reader(json.dumps(line)) == ("192.0.2.1", T0, "GET", "/2026/11/x/", "200", READER)
    assert reader(json.dumps({**line, "time_local": "18/Nov/2026:08:45:00"})) == "bad_time"


def test_cloudfront_decodes_the_user_agent_and_checks_each_field() -> None:
    reader = CloudFront()
    reader.header(f"#Fields: {CLOUDFRONT_FIELDS}", "a.log", 1)
    fields = render(REQUESTS[0], "cloudfront").split("\t")
    assert reader("\t".join(fields))[5] == READER
    assert reader("\t".join(fields[:-1])) == "malformed"
    assert reader("\t".join(["2026-11-31", *fields[1:]])) == "bad_time"
    assert reader("\t".join([fields[0], "07:61:00", *fields[2:]])) == "bad_time"
    assert reader("\t".join([*fields[:8], "000", *fields[9:]]))[4] == "000"  # a client that went away: a status

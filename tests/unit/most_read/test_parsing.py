"""Unit tests of most_read's pure parsing: log lines, time stamps, request paths, ARTICLE_URL shapes."""

from __future__ import annotations

import calendar

import pytest
from most_read.logline import LogLine, TimeParser, _fields_slow, fields, parse, split_request
from most_read.paths import article_pattern, key, request_key, url_key

UA = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
COMBINED = f'203.0.113.9 - - [18/Nov/2026:07:45:12 +0000] "GET /2026/11/x/?utm_source=rss HTTP/1.1" 200 5120 "-" "{UA}"'


def utc(*when: int) -> int:
    return calendar.timegm((*when, 0, 0, 0))


def test_combined_line() -> None:
    assert parse(COMBINED) == LogLine(
        "203.0.113.9", utc(2026, 11, 18, 7, 45, 12), "GET", "/2026/11/x/?utm_source=rss", 200, UA
    )


def test_common_line_has_no_user_agent() -> None:
    line = '203.0.113.9 - frank [18/Nov/2026:07:45:12 +0000] "GET /2026/11/x/ HTTP/1.0" 304 -'
    assert parse(line) == LogLine("203.0.113.9", utc(2026, 11, 18, 7, 45, 12), "GET", "/2026/11/x/", 304, None)


@pytest.mark.parametrize(
    ("zone", "hour"),
    [("+0000", 7), ("+0100", 6), ("-0500", 12), ("+0530", 2), ("+1400", -7), ("-1200", 19)],
)
def test_offsets_give_utc(zone: str, hour: int) -> None:
    line = COMBINED.replace("+0000", zone)
    minutes = 15 if zone == "+0530" else 45
    expected = utc(2026, 11, 18, 0, 0, 0) + hour * 3600 + minutes * 60 + 12
    assert parse(line).time == expected  # type: ignore[union-attr]


def test_the_same_instant_in_two_zones_is_the_same_time() -> None:
    london = parse(COMBINED.replace("18/Nov/2026:07:45:12 +0000", "01/Jul/2026:08:45:12 +0100"))
    new_york = parse(COMBINED.replace("18/Nov/2026:07:45:12 +0000", "01/Jul/2026:03:45:12 -0400"))
    assert london.time == new_york.time == utc(2026, 7, 1, 7, 45, 12)  # type: ignore[union-attr]


def test_leap_second_counts_as_the_second_before() -> None:
    assert TimeParser()("31/Dec/2016:23:59:60 +0000") == utc(2016, 12, 31, 23, 59, 59)


@pytest.mark.parametrize(
    "stamp",
    [
        "30/Feb/2026:07:45:12 +0000",  # no such day
        "18/Foo/2026:07:45:12 +0000",
        "18/Nov/2026:24:00:00 +0000",
        "18/Nov/2026:07:60:00 +0000",
        "18/Nov/2026:07:45:61 +0000",
        "18/Nov/2026:07:45:12 +9999",
        "18/Nov/2026:07:45:12 0000",
        "18/Nov/2026 07:45:12 +0000",
        "2026-11-18T07:45:12Z",
        "18/Nov/2026:07:45:1² +0000",
        "１8/Nov/2026:07:45:12 +0000",
        "",
    ],
)
def test_bad_times_are_rejected(stamp: str) -> None:
    assert TimeParser()(stamp) is None


def test_time_parser_reuses_minutes() -> None:
    parser = TimeParser()
    first = parser("18/Nov/2026:07:45:12 +0000")
    assert parser("18/Nov/2026:07:45:59 +0000") == first + 47  # type: ignore[operator]
    assert parser("18/Nov/2026:07:45:59 +0100") == first + 47 - 3600  # type: ignore[operator]


@pytest.mark.parametrize(
    ("line", "agent", "target"),
    [
        # Apache escapes a quote as \" and nginx as \x22; both stay escaped in the fields
        (
            f'1.2.3.4 - - [18/Nov/2026:07:45:12 +0000] "GET /a/ HTTP/1.1" 200 1 "-" "Bot \\"x\\" {UA}"',
            f'Bot \\"x\\" {UA}',
            "/a/",
        ),
        (
            '1.2.3.4 - - [18/Nov/2026:07:45:12 +0000] "GET /a\\x22b/ HTTP/1.1" 200 1 "-" "UA\\x22"',
            "UA\\x22",
            "/a\\x22b/",
        ),
        # nginx with $http_x_forwarded_for and $request_time after the user agent
        (
            f'1.2.3.4 - - [18/Nov/2026:07:45:12 +0000] "GET /a/ HTTP/2.0" 200 1 "https://r/" "{UA}" "10.0.0.1" 0.004',
            UA,
            "/a/",
        ),
        # IPv6 client, a user name, HTTP/0.9 request line
        (f'2001:db8::1 - alice [18/Nov/2026:07:45:12 +0000] "GET /a/" 200 1 "-" "{UA}"', UA, "/a/"),
    ],
)
def test_unusual_but_valid_lines(line: str, agent: str, target: str) -> None:
    parsed = parse(line)
    assert isinstance(parsed, LogLine)
    assert (parsed.user_agent, parsed.target) == (agent, target)


@pytest.mark.parametrize(
    "line",
    [
        "",
        "garbage",
        '1.2.3.4 - - [18/Nov/2026:07:45:12 +0000] "GET /a/ HTTP/1.1" 2000 1 "-" "ua"',
        '1.2.3.4 - - [18/Nov/2026:07:45:12 +0000] "GET /a/ HTTP/1.1" abc 1 "-" "ua"',
        '1.2.3.4 - - 18/Nov/2026:07:45:12 +0000 "GET /a/ HTTP/1.1" 200 1 "-" "ua"',
        '1.2.3.4 [18/Nov/2026:07:45:12 +0000] "GET /a/ HTTP/1.1" 200 1 "-" "ua"',
        '1.2.3.4 - - [18/Nov/2026:07:45:12 +0000] "GET /a/ HTTP/1.1 200 1 "-" "ua"',
        '{"time": "2026-11-18T07:45:12Z", "path": "/a/"}',
        '<script>alert(1)</script> - - [x] "GET / HTTP/1.1" 200 1 "-" "-"',
    ],
)
def test_malformed_lines(line: str) -> None:
    assert parse(line) in ("malformed", "bad_time")
    assert fields(line) == _fields_slow(line)


def test_fast_and_slow_readers_agree_on_every_usual_line() -> None:
    lines = [
        COMBINED,
        COMBINED.replace('"-"', '"https://news.example/?q=a b"'),
        COMBINED.replace(" 200 ", " 404 "),
        COMBINED.replace(" 5120 ", " - "),
        COMBINED.replace("GET", "HEAD"),
        COMBINED.replace("203.0.113.9", "2001:db8:4860:4801::31"),
        COMBINED.replace(f'"{UA}"', '""'),
        COMBINED.replace(f'"{UA}"', '"-"'),
        COMBINED + ' "extra" "fields"',
    ]
    for line in lines:
        assert fields(line) == _fields_slow(line) is not None, line


def test_split_request() -> None:
    assert split_request("GET /x HTTP/1.1") == ("GET", "/x")
    assert split_request("GET /x") == ("GET", "/x")
    for bad in ("-", "", "\\x16\\x03\\x01", "GET", "get /x HTTP/1.1", "GET  /x HTTP/1.1", "GET /x HTTP/1.1 extra"):
        assert split_request(bad) == ("", "")


@pytest.mark.parametrize(
    "target",
    [
        "/2026/11/x/",
        "/2026/11/x",
        "/2026/11/x/index.html",
        "/2026/11/x/index.htm",
        "/2026/11/x/?utm_source=rss&utm_medium=feed",
        "/2026/11/x/#comments",
        "/2026/11/x?a=1#b",
        "//2026//11/x/",
        "/2026/11/%78/",
        "/%32026/11/x/",
        "http://dailydiff.example/2026/11/x/",
        "https://dailydiff.example:8443/2026/11/x/?a",
    ],
)
def test_every_spelling_of_an_article_path_has_one_key(target: str) -> None:
    assert request_key(target) == "/2026/11/x"


def test_percent_encoded_unicode_and_bad_escapes() -> None:
    assert request_key("/2026/11/caf%C3%A9/") == "/2026/11/café"
    assert request_key("/2026/11/caf%c3%a9/") == "/2026/11/café"
    assert request_key("/2026/11/%ff/") is None  # not UTF-8
    assert request_key("/2026/11/%00x/") is None  # a control character
    assert request_key("/2026/11/x\x1b[31m/") is None
    assert request_key("*") is None
    assert request_key("javascript:alert(1)") is None
    assert request_key("/" + "a" * 5000) is None


def test_site_path_is_removed() -> None:
    assert request_key("/news/2026/11/x/", "/news") == "/2026/11/x"
    assert request_key("/news", "/news") == "/"
    assert request_key("/2026/11/x/", "/news") == ""
    assert request_key("/newsroom/2026/11/x/", "/news") == ""


def test_key_and_url_key() -> None:
    assert key("/") == "/"
    assert key("/index.html") == "/"
    assert key("/x.html") == "/x.html"
    assert url_key("2026/11/x/") == url_key("/2026/11/x/") == "/2026/11/x"
    assert url_key("2026/11/caf%C3%A9/") == "/2026/11/café"


@pytest.mark.parametrize(
    ("article_url", "matches", "misses"),
    [
        (
            "{date:%Y}/{date:%m}/{slug}/",
            ["/2026/11/x", "/2026/1/x"],
            ["/", "/2026/11", "/tag/x", "/theme/css/site.css", "/2026/11/x/page/2", "/author/x/page"],
        ),
        ("{slug}.html", ["/x.html", "/a-b-c.html"], ["/x", "/tag/x.html", "/x.htm"]),
        ("{date:%Y/%m/%d}/{slug}.html", ["/2026/11/18/x.html"], ["/2026/11/x.html", "/2026/11/18/x"]),
        ("posts/{slug}/index.html", ["/posts/x"], ["/posts", "/x", "/posts/x/y"]),
        ("{category}/{slug}/", ["/security/x"], ["/security", "/a/b/c"]),
        ("{date:%Y}/{date:%b}/{slug}/", ["/2026/Nov/x"], ["/2026/11/x"]),
    ],
)
def test_article_pattern_follows_article_url(article_url: str, matches: list[str], misses: list[str]) -> None:
    pattern = article_pattern(article_url)
    assert all(pattern.match(k) for k in matches), pattern.pattern
    assert not any(pattern.match(k) for k in misses), pattern.pattern

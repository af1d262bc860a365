"""Unit tests of most_read's counting rules: what is a view, and the 30-second rule."""

from __future__ import annotations

import gzip
import io
import random

import crawleruseragents
import pytest
from most_read.counting import MAX_LINE, Classifier, Rules, Tally, client_id, count_views
from most_read.ingest import open_log, read_lines
from most_read.logline import parse
from most_read.paths import request_key
from support.most_read import FIREFOX, GOOGLEBOT, RULES, SAFARI, T0, classify, line


def views(lines: list[str]) -> dict[str, int]:
    hits, _ = classify(lines)
    counted, _ = count_views(sorted(hits))
    result: dict[str, int] = {}
    for (_hour, key), n in counted.items():
        result[key] = result.get(key, 0) + n
    return result


# -- what a view is ----------------------------------------------------------------------------


def test_a_reader_fetching_an_article_is_a_view() -> None:
    hits, tally = classify([line()])
    assert [(h[0], h[1]) for h in hits] == [(T0, "/2026/11/x")]
    assert tally.lines == 1 and tally.hits == 1


@pytest.mark.parametrize("status", [200, 304])
def test_200_and_304_count(status: int) -> None:
    assert views([line(status=status)]) == {"/2026/11/x": 1}


@pytest.mark.parametrize("status", [206, 301, 302, 400, 403, 404, 410, 499, 500, 503])
def test_other_statuses_do_not(status: int) -> None:
    hits, tally = classify([line(status=status)])
    assert hits == [] and tally.skipped["status"] == 1


@pytest.mark.parametrize("method", ["HEAD", "POST", "OPTIONS", "PUT"])
def test_only_get_counts(method: str) -> None:
    hits, tally = classify([line(method=method)])
    assert hits == [] and tally.skipped["method"] == 1


@pytest.mark.parametrize(
    "agent",
    [
        GOOGLEBOT,
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.0; +https://openai.com/gptbot)",
        "curl/8.8.0",
        "python-requests/2.32.3",
        "Wget/1.21.4",
        "-",
        "",
    ],
)
def test_bots_and_scripts_do_not_count(agent: str) -> None:
    hits, tally = classify([line(agent=agent)])
    assert hits == [] and tally.skipped["bot"] == 1


@pytest.mark.parametrize("agent", [FIREFOX, SAFARI, "Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/126.0 Mobile"])
def test_browsers_count(agent: str) -> None:
    assert len(classify([line(agent=agent)])[0]) == 1


def test_common_log_format_has_no_agent_to_check() -> None:
    assert len(classify([line(agent=None)])[0]) == 1


def test_query_string_fragment_and_spelling_do_not_split_an_article() -> None:
    lines = [
        line("/2026/11/x/?utm_source=rss", ip="1.1.1.1"),
        line("/2026/11/x", ip="1.1.1.2"),
        line("/2026/11/x/index.html", ip="1.1.1.3"),
        line("/2026/11/%78/", ip="1.1.1.4"),
        line("/2026/11/x/#top", ip="1.1.1.5"),
    ]
    assert views(lines) == {"/2026/11/x": 5}


def test_pages_that_are_not_articles() -> None:
    paths = ["/", "/section/security/", "/tag/x/", "/theme/css/site.css", "/feeds/all.atom.xml", "/2026/11/"]
    hits, tally = classify([line(p) for p in paths])
    assert hits == [] and tally.skipped["not_article"] == len(paths)


def test_site_path_of_siteurl() -> None:
    rules = Rules(RULES.article, RULES.is_bot, site_path="/news")
    hits, tally = classify([line("/news/2026/11/x/"), line("/2026/11/x/")], rules)
    assert [h[1] for h in hits] == ["/2026/11/x"] and tally.skipped["not_article"] == 1


def test_hits_before_the_kept_period_are_refused() -> None:
    rules = Rules(RULES.article, RULES.is_bot, not_before=T0 + 60)
    hits, tally = classify([line(seconds=0), line(seconds=60)], rules)
    assert [h[0] for h in hits] == [T0 + 60] and tally.skipped["too_old"] == 1


def test_numbered_keys() -> None:
    numbers: dict[str, int] = {}
    rules = Rules(RULES.article, RULES.is_bot, number=lambda k: numbers.setdefault(k, len(numbers) + 7))
    hits, _ = classify([line("/2026/11/x/"), line("/2026/11/y/"), line("/2026/11/x/?a")], rules)
    assert [h[1] for h in hits] == [7, 8, 7]


def test_numbers_are_never_mistaken_for_reasons() -> None:
    rules = Rules(RULES.article, RULES.is_bot, number=lambda k: 1)  # 1 is also the index of "method"
    hits, tally = classify([line(status=404), line(method="HEAD"), line("/tag/x/"), line()], rules)
    assert [h[1] for h in hits] == [1]
    assert (tally.skipped["status"], tally.skipped["method"], tally.skipped["not_article"]) == (1, 1, 1)


def test_client_is_a_salted_hash_of_ip_and_agent() -> None:
    a = client_id(b"salt", "203.0.113.9", FIREFOX)
    assert a == client_id(b"salt", "203.0.113.9", FIREFOX)
    assert a != client_id(b"pepper", "203.0.113.9", FIREFOX)
    assert a != client_id(b"salt", "203.0.113.9", SAFARI)
    assert a != client_id(b"salt", "203.0.113.8", FIREFOX)
    assert -(2**63) <= a < 2**63


# -- the 30-second rule --------------------------------------------------------------------------


@pytest.mark.parametrize(("gap", "expected"), [(0, 1), (1, 1), (29, 1), (30, 1), (31, 2), (3600, 2)])
def test_a_repeat_within_30_seconds_is_the_same_view(gap: int, expected: int) -> None:
    assert views([line(seconds=0), line(seconds=gap)]) == {"/2026/11/x": expected}


def test_a_chain_of_quick_reloads_is_one_view() -> None:
    assert views([line(seconds=s) for s in (0, 20, 40, 60, 80)]) == {"/2026/11/x": 1}
    assert views([line(seconds=s) for s in (0, 20, 40, 71, 80)]) == {"/2026/11/x": 2}


def test_the_rule_is_per_client_and_per_article() -> None:
    lines = [
        line(seconds=0),
        line(seconds=5, ip="203.0.113.10"),  # another address
        line(seconds=6, agent=SAFARI),  # another browser on the same address
        line("/2026/11/y/", seconds=7),  # another article
        line(seconds=8, status=304),  # a conditional reload: the same view
        line("/2026/11/x/?utm_source=rss", seconds=9),  # the query string does not make it another page
    ]
    assert views(lines) == {"/2026/11/x": 3, "/2026/11/y": 1}


def test_a_bot_hit_in_between_changes_nothing() -> None:
    assert views([line(seconds=0), line(seconds=10, agent=GOOGLEBOT), line(seconds=25)]) == {"/2026/11/x": 1}


def test_count_views_buckets_by_hour_and_respects_since() -> None:
    hits = [(T0 - 10, "k", 1), (T0 + 5, "k", 1), (T0 + 100, "k", 1), (T0 + 3600, "k", 2)]
    counted, repeats = count_views(hits, since=T0)
    hour = T0 - T0 % 3600
    assert counted == {(hour, "k"): 1, (hour + 3600, "k"): 1} and repeats == 1


def test_count_views_needs_only_time_order() -> None:
    rng = random.Random(7)
    hits = sorted({(T0 + rng.randrange(3000), rng.choice("abc"), rng.randrange(4)) for _ in range(2000)})
    counted, repeats = count_views(hits)
    expected_views = 0
    for key in "abc":
        for client in range(4):
            times = sorted(t for t, k, c in hits if (k, c) == (key, client))
            expected_views += sum(1 for i, t in enumerate(times) if i == 0 or t - times[i - 1] > 30)
    assert sum(counted.values()) == expected_views and expected_views + repeats == len(hits)


# -- lines that are not log lines ----------------------------------------------------------------


def test_malformed_hostile_and_long_lines_are_counted_and_skipped() -> None:
    good = line().encode()
    lines = [
        good,
        b"not a log line at all",
        b"\xff\xfe\x00garbage" + good,  # not UTF-8
        good.replace(b"Firefox", b"Fire\xc3\x28fox"),  # invalid UTF-8 inside the user agent
        good + b"x" * MAX_LINE,  # absurdly long
        line("/2026/11/x/\x00").encode(),  # a NUL in the path
        line('/2026/11/<script>alert("x")</script>/').encode(),
        line("/2026/11/x%ff/").encode(),  # a path that is not UTF-8 once decoded
        line("/2026/11/x%0a/").encode(),  # a newline hidden in an escape
        good.replace(b"18/Nov/2026", b"31/Nov/2026"),
        good.replace(b"07:45:00", b"07:45:99"),
        b"\x1b[2J\x1b[H" * 50,
        b"   ",
        b"",
        good,
    ]
    hits, tally = classify(lines)
    assert len(hits) == 2
    assert tally.lines == 13  # blank lines are not lines
    assert tally.rejected == {"too_long": 1, "not_utf8": 2, "malformed": 3, "bad_time": 2, "bad_path": 3}
    assert all(len(reject) == 3 and reject[0] == "test.log" for reject in tally.first_rejects)
    assert [r[1] for r in tally.first_rejects] == [2, 3, 4, 5, 6]


def test_the_fast_path_reads_lines_as_the_reference_parser_does() -> None:
    """Every line of a varied sample, classified by the hot loop and by logline.parse() plus the rules."""
    rng = random.Random(3)
    paths = ["/2026/11/x/", "/2026/11/y/?a=1", "/", "/tag/t/", "/2026/11/%ff/", "/2026/11/z/index.html"]
    agents = [FIREFOX, SAFARI, GOOGLEBOT, "curl/8.8.0", "-", "", 'quo\\"te']
    sample = []
    for i in range(3000):
        text = line(
            rng.choice(paths),
            seconds=rng.randrange(100_000),
            ip=rng.choice(["1.2.3.4", "2001:db8::1", "5.6.7.8"]),
            agent=rng.choice([*agents, None]),
            status=rng.choice([200, 200, 304, 404, 301]),
            method=rng.choice(["GET", "GET", "HEAD", "POST"]),
            zone=rng.choice(["+0000", "+0100", "-0430"]),
        )
        if i % 50 == 0:
            text = text.replace(" 512", " -")
        sample.append(text)
    hits, tally = classify(sample)
    expected, bad_paths = [], 0
    for text in sample:
        parsed = parse(text)
        assert not isinstance(parsed, str)
        agent = parsed.user_agent
        bot = agent is not None and (agent in ("", "-") or crawleruseragents.is_crawler(agent))
        if bot or parsed.method != "GET" or parsed.status not in (200, 304):
            continue
        key = request_key(parsed.target)
        if key is None:
            bad_paths += 1
        elif RULES.article.match(key):
            expected.append((parsed.time, key))
    assert [(h[0], h[1]) for h in hits] == expected
    assert tally.rejected == {"too_long": 0, "not_utf8": 0, "malformed": 0, "bad_time": 0, "bad_path": bad_paths}
    assert bad_paths > 0 and len(expected) > 100


# -- reading files ---------------------------------------------------------------------------------


def test_read_lines_bounds_memory_and_marks_long_lines() -> None:
    good = line().encode()
    data = b"\n".join([good, b"y" * 50_000, good, b"z" * 20_000]) + b"\n" + good  # no newline at the end
    blocks = list(read_lines(io.BytesIO(data), block_size=4096))
    flat = [item for block in blocks for item in block]
    assert all(len(item) <= 4096 + MAX_LINE + 1 for item in flat)
    assert [item for item in flat if len(item) <= MAX_LINE] == [good.decode()] * 3
    hits, tally = classify_blocks(blocks)
    assert len(hits) == 3 and tally.rejected["too_long"] == 2 and tally.lines == 5


def classify_blocks(blocks: list) -> tuple[list, Tally]:
    tally, classifier, hits = Tally(), Classifier(RULES), []
    for block in blocks:
        hits.extend(classifier.feed(block, tally, "x"))
    return hits, tally


@pytest.mark.parametrize("block_size", [7, 64, 1 << 20])
def test_read_lines_whatever_the_block_size(block_size: int) -> None:
    text = "\n".join(line(seconds=i * 60) for i in range(40)) + "\n"
    blocks = list(read_lines(io.BytesIO(text.encode()), block_size=block_size))
    assert [item for block in blocks for item in block] == text.splitlines()


def test_gzip_is_recognised_by_its_content(tmp_path) -> None:
    body = ("\n".join(line(seconds=i * 60) for i in range(10)) + "\n").encode()
    (tmp_path / "access.log.2.gz").write_bytes(gzip.compress(body))
    (tmp_path / "access.log.3").write_bytes(gzip.compress(body))  # rotated without the .gz name
    (tmp_path / "access.log").write_bytes(body)
    for name in ("access.log.2.gz", "access.log.3", "access.log"):
        with open_log(str(tmp_path / name)) as handle:
            assert b"".join(handle.read().splitlines(keepends=True)) == body

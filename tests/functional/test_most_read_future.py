"""Page views dated after now: a server whose clock is years ahead, an export with a 2099 row, and a
store that an older version let such views into. Through the real command, with the clock set by
NEWSDESK_NOW; and the pure pieces (the clock, the rules) on their own."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from common.clock import ClockError, now, parse
from most_read.analytics import CsvSettings, CsvTally, read_csv
from most_read.counting import Rules
from most_read.paths import article_pattern
from support.builds import run_newsdesk, write_conf
from support.most_read import (
    CLOCK,
    DAY,
    HOUR,
    NOW,
    RULES,
    T0,
    YEAR,
    built_site,
    classify,
    fourth_day,
    line,
    most_read,
    published,
    rows,
    run,
    three_days,
    write_log,
)


def test_a_line_or_row_dated_after_now_is_set_aside_and_deletes_nothing(tmp_path: Path, conf: Path) -> None:
    output, db = tmp_path / "output", tmp_path / "pv.sqlite3"
    built_site(output)
    assert run(conf, output, "--logs", str(write_log(tmp_path / "access.log.1", three_days()))).returncode == 0
    assert published(output)[0] == [("/2026/11/x/", 30), ("/2026/11/y/", 12)]

    # web3's clock is ten years ahead; an analytics export carries a row dated 2099
    web3 = write_log(tmp_path / "web3.log", [line("/2026/11/x/", seconds=3 * DAY, ip="203.0.113.50"),
                                             line("/2026/11/z/", seconds=10 * YEAR, ip="203.0.113.51")])  # fmt: skip
    export = tmp_path / "export.csv"
    export.write_text("path,day,views\n/2026/11/z/,2099-01-01,1\n/2026/11/z/,2026-11-20,3\n", encoding="utf-8")
    result = run(conf, output, "--logs", str(web3), "--csv", str(export))
    assert result.returncode == 0, result.stderr
    err = result.stderr
    assert f"dated after now, set aside: 1 log line (first {web3}:2), 1 analytics row (first {export}:2)" in err
    assert "now is 2026-11-23T07:45:00Z" in err and "check the clock of the server" in err
    assert "views counted:            +1" in err and "dropped" not in err
    ranked, window = published(output)  # the window ends with web3's valid line, not ten years on
    assert ranked == [("/2026/11/x/", 31), ("/2026/11/y/", 12), ("/2026/11/z/", 3)]
    assert window["end"] == "2026-11-21T08:00:00Z"
    assert rows(db, "SELECT COUNT(*), MAX(time) FROM hits") == [(43, T0 + 3 * DAY)]

    # traffic that comes later is counted, and nothing counted before is gone
    result = run(conf, output, "--logs", str(write_log(tmp_path / "access.log", fourth_day())))
    assert result.returncode == 0, result.stderr
    assert "views counted:            +20" in result.stderr and "0 older than the store keeps" in result.stderr
    ranked, window = published(output)
    assert ranked == [("/2026/11/y/", 32), ("/2026/11/x/", 31), ("/2026/11/z/", 3)]
    assert window["end"] == "2026-11-22T09:00:00Z"
    assert rows(db, "SELECT COUNT(*) FROM hits") == [(63,)]
    assert rows(db, "SELECT SUM(views) FROM log_views") == [(63,)]
    assert rows(db, "SELECT COUNT(*) FROM csv_views") == [(1,)]


def poison(db: Path) -> None:
    """What an older version left after ingesting one line dated ten years ahead and a 2099 CSV row:
    the future rows, and the valid hits pruned against the future."""
    future = T0 + 10 * YEAR
    with sqlite3.connect(db) as connection:
        (x,) = connection.execute("SELECT id FROM paths WHERE path = '/2026/11/x'").fetchone()
        connection.execute("INSERT INTO paths (id, path) VALUES (?, '/2026/11/z')", (x + 100,))
        connection.execute("INSERT INTO hits VALUES (?, ?, 7)", (future, x + 100))
        connection.execute("INSERT INTO log_views VALUES (?, ?, 1)", (future - future % HOUR, x + 100))
        connection.execute("INSERT INTO csv_views VALUES (4070908800, ?, 86400, 1)", (x + 100,))  # 2099-01-01
        cutoff = future - 62 * DAY - (future - 62 * DAY) % DAY
        connection.execute("DELETE FROM hits WHERE time < ?", (cutoff,))
        connection.execute("INSERT OR REPLACE INTO meta VALUES ('kept_from', ?)", (str(cutoff),))


def test_a_store_holding_future_rows_is_healed(tmp_path: Path, conf: Path) -> None:
    output, db = tmp_path / "output", tmp_path / "pv.sqlite3"
    built_site(output)
    assert run(conf, output, "--logs", str(write_log(tmp_path / "access.log.1", three_days()))).returncode == 0
    hours = rows(db, "SELECT * FROM log_views ORDER BY start, path")
    poison(db)

    refreshed = run(conf, output)  # a refresh alone: the future rows neither move the window nor rank
    assert refreshed.returncode == 0, refreshed.stderr
    assert published(output)[0] == [("/2026/11/x/", 30), ("/2026/11/y/", 12)]
    result = run(conf, output, "--logs", str(write_log(tmp_path / "access.log", fourth_day())))
    assert result.returncode == 0, result.stderr
    assert "dated after now, dropped from the store: 1 hits, 1 hourly counts, 1 analytics rows" in result.stderr
    assert "views counted:            +20" in result.stderr and "0 older than the store keeps" in result.stderr
    ranked, window = published(output)
    assert ranked == [("/2026/11/y/", 32), ("/2026/11/x/", 30)] and window["end"] == "2026-11-22T09:00:00Z"
    assert rows(db, f"SELECT * FROM log_views WHERE start < {T0 + 3 * DAY} ORDER BY start, path") == hours
    assert rows(db, f"SELECT COUNT(*) FROM hits WHERE time > {NOW}") == [(0,)]
    assert rows(db, "SELECT COUNT(*) FROM csv_views") == [(0,)]


def test_a_build_ignores_future_rows_in_the_store(make_site, tmp_path: Path) -> None:
    content = make_site(count=3)
    db = tmp_path / "pv.sqlite3"
    conf = write_conf(tmp_path, PLUGINS=["newsroom", "feeds", "most_read"], MOST_READ_DB=str(db))
    reads = [line("/2026/11/story-number-1/", seconds=i * 60, ip=f"192.0.2.{i}") for i in range(3)]
    assert run(conf, tmp_path / "none", "--logs", str(write_log(tmp_path / "a.log", reads))).returncode == 0
    with sqlite3.connect(db) as connection:  # an older version stored a view of story 2 dated 2036
        connection.execute("INSERT INTO paths (id, path) VALUES (99, '/2026/11/story-number-2')")
        connection.execute("INSERT INTO log_views VALUES (?, 99, 1)", (T0 + 10 * YEAR - T0 % HOUR,))
    result = run_newsdesk("build", "--settings", str(conf), "--input", str(content), "--output",
                          str(tmp_path / "out"), env=CLOCK)  # fmt: skip
    assert result.returncode == 0, result.stderr
    ranked, window = published(tmp_path / "out")
    assert ranked == [("/2026/11/story-number-1/", 3)] and window["end"] == "2026-11-18T08:00:00Z"


def test_the_clock_and_the_allowance_are_checked(tmp_path: Path, conf: Path) -> None:
    bad_clock = most_read("--settings", str(conf), env={"NEWSDESK_NOW": "next tuesday"})
    assert bad_clock.returncode == 2 and "NEWSDESK_NOW" in bad_clock.stderr and "Traceback" not in bad_clock.stderr
    bad_setting = most_read("--settings", str(write_conf(tmp_path, MOST_READ_CLOCK_SKEW_MINUTES=-5)))
    assert bad_setting.returncode == 2 and "MOST_READ_CLOCK_SKEW_MINUTES must be a whole number" in bad_setting.stderr


def test_the_allowance_for_clock_skew(tmp_path: Path) -> None:
    conf = write_conf(tmp_path, MOST_READ_DB=str(tmp_path / "pv.sqlite3"), MOST_READ_CLOCK_SKEW_MINUTES=10)
    skewed = [line(seconds=5 * DAY + 9 * 60, ip="192.0.2.1"), line(seconds=5 * DAY + 11 * 60, ip="192.0.2.2")]
    result = run(conf, tmp_path / "output", "--logs", str(write_log(tmp_path / "a.log", skewed)))
    assert "views counted:            +1" in result.stderr and "set aside: 1 log line" in result.stderr


# -- the pure pieces ------------------------------------------------------------------------------


def test_the_clock_reads_a_moment_as_the_build_does() -> None:
    assert parse("2026-11-23T07:45:00Z") == parse("2026-11-23 08:45+01:00") == parse(str(NOW)) == NOW
    assert parse("2026-11-23T07:45:00") == NOW  # without an offset: in the site's zone (here UTC)
    for bad in ("next tuesday", "-5", "23/Nov/2026:07:45:00 +0000"):
        with pytest.raises(ClockError, match="is not an ISO 8601 date; give a date and time such as"):
            parse(bad)
    assert now({"NEWSDESK_NOW": CLOCK["NEWSDESK_NOW"]}) == NOW
    assert abs(now({"NEWSDESK_NOW": " "}) - time.time()) < 60  # unset or blank: the system clock


def test_a_hit_after_the_limit_is_set_aside_with_its_line() -> None:
    rules = Rules(RULES.article, RULES.is_bot, not_after=T0 + 60)
    lines = [line(seconds=60), line(seconds=61, ip="192.0.2.2"), line(seconds=10 * YEAR, ip="192.0.2.3")]
    hits, tally = classify(lines, rules)
    assert [hit[0] for hit in hits] == [T0 + 60]  # the limit itself is allowed
    assert tally.future.count == 2 and tally.future.first == ("test.log", 2)
    assert sum(tally.rejected.values()) == 0 and tally.hits == 1


def test_an_export_row_after_the_limit_is_set_aside() -> None:
    settings = CsvSettings(article_pattern("{date:%Y}/{date:%m}/{slug}/"), ZoneInfo("UTC"), "", not_after=T0)
    data = (
        b"path,hour,views\n/2026/11/x/,2026-11-18T07:00Z,4\n/2026/11/x/,2026-11-18T08:00Z,5\n"
        b"/2026/11/y/,2099-01-01T00:00Z,1\n"
    )
    tally = CsvTally()
    assert read_csv(data, settings, tally, "export.csv") == [(T0 - T0 % HOUR, "/2026/11/x", HOUR, 4)]
    assert tally.future.count == 2 and tally.future.first == ("export.csv", 3) and tally.views == 4

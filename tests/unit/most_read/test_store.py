"""The page-view store: ingesting twice, rotated logs that overlap, CSV imports, pruning, reading."""

from __future__ import annotations

import gzip
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

import crawleruseragents
import pytest
from most_read.analytics import CsvSettings
from most_read.counting import Rules
from most_read.ingest import Report, ingest_csv, ingest_logs
from most_read.paths import article_pattern
from most_read.store import Store, StoreError, read_views
from support.most_read import GOOGLEBOT, SAFARI, T0, line

PATTERN = article_pattern("{date:%Y}/{date:%m}/{slug}/")
HOUR = 3600


def ingest(store: Store, *files: Path, keep_days: int = 62) -> Report:
    report = Report()
    rules = Rules(PATTERN, crawleruseragents.is_crawler, store.salt, "", store.kept_from, store.number)
    ingest_logs(store, [str(f) for f in files], rules, keep_days, report)
    return report


def views(store: Store) -> dict[str, int]:
    rows = store.db.execute(
        "SELECT paths.path, SUM(views) FROM log_views JOIN paths ON paths.id = log_views.path GROUP BY paths.path"
    )
    return dict(rows)


def hourly(store: Store) -> list[tuple]:
    return store.db.execute("SELECT start, path, views FROM log_views ORDER BY start, path").fetchall()


def write(path: Path, lines: list[str], gz: bool = False) -> Path:
    data = ("\n".join(lines) + "\n").encode()
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def day_of_traffic() -> list[str]:
    """Six readers and a crawler over one day, with reloads; time-ordered like a real log."""
    lines = []
    for minute in range(0, 24 * 60, 7):
        for reader in range(6):
            path = f"/2026/11/{'xyz'[(minute + reader) % 3]}/"
            seconds = minute * 60 + reader * 3
            lines.append(line(path, seconds=seconds, ip=f"198.51.100.{reader}"))
            if reader == 2:
                lines.append(line(path + "?utm_source=rss", seconds=seconds + 12, ip=f"198.51.100.{reader}"))
        lines.append(line("/2026/11/x/", seconds=minute * 60, agent=GOOGLEBOT))
    lines.sort(key=lambda text: text.split("[", 1)[1][:20])
    return lines


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path / "data" / "pv.sqlite3")
    yield opened
    opened.close()


def test_a_fresh_store(store: Store, tmp_path: Path) -> None:
    assert (tmp_path / "data" / "pv.sqlite3").is_file()
    assert store.newest() is None and read_views(store, 7) == (None, [])
    assert len(store.salt) == 16


def test_ingesting_the_same_file_twice_changes_nothing(store: Store, tmp_path: Path) -> None:
    log = write(tmp_path / "access.log", day_of_traffic())
    first = ingest(store, log)
    before = hourly(store)
    second = ingest(store, log)
    assert first.views_added == sum(views(store).values()) > 0
    assert second.views_added == 0 and second.new_hits == 0 and second.tally.hits == first.tally.hits
    assert hourly(store) == before


def test_rotated_logs_that_overlap_count_each_view_once(store: Store, tmp_path: Path, tmp_path_factory) -> None:
    lines = day_of_traffic()
    third = len(lines) // 3
    # access.log.2.gz has the first half; access.log.1 the middle (overlapping both); access.log the rest
    old = write(tmp_path / "access.log.2.gz", lines[: third * 2], gz=True)
    middle = write(tmp_path / "access.log.1", lines[third : third * 2 + 50])
    new = write(tmp_path / "access.log", lines[third * 2 :])
    report = ingest(store, new, middle, old)  # newest first, as `make most-read LOGS=…` lists them
    whole = Store.open(tmp_path_factory.mktemp("whole") / "pv.sqlite3")
    once = ingest(whole, write(tmp_path / "all.log", lines))
    assert hourly(store) == hourly(whole)
    assert report.new_hits == once.new_hits == once.tally.hits
    assert report.tally.hits - report.new_hits > third // 2  # the overlap, recognised hit by hit
    assert views(store) == views(whole) and sum(views(store).values()) > 100


def test_a_late_file_can_join_two_views_into_one(store: Store, tmp_path: Path) -> None:
    """The 30-second rule over all the hits, whatever order the files came in."""
    write(tmp_path / "a.log", [line(seconds=0), line(seconds=50)])
    write(tmp_path / "b.log", [line(seconds=25)])
    ingest(store, tmp_path / "a.log")
    assert views(store) == {"/2026/11/x": 2}
    ingest(store, tmp_path / "b.log")
    assert views(store) == {"/2026/11/x": 1}


def test_views_are_bucketed_by_hour(store: Store, tmp_path: Path) -> None:
    hour = T0 - T0 % HOUR
    lines = [line(seconds=s, ip=f"192.0.2.{s % 200}") for s in (-HOUR, 0, 60, HOUR, 2 * HOUR + 1)]
    ingest(store, write(tmp_path / "a.log", lines))
    counts = [(start, n) for start, _path, n in hourly(store)]
    assert counts == [(hour - HOUR, 1), (hour, 2), (hour + HOUR, 1), (hour + 2 * HOUR, 1)]
    assert store.newest() == hour + 3 * HOUR


def test_pruning_keeps_hourly_views_and_refuses_older_lines(store: Store, tmp_path: Path) -> None:
    day = 86400
    old = [line(seconds=-10 * day + s, ip="192.0.2.1") for s in (0, 100)]
    new = [line(seconds=s, ip="192.0.2.2") for s in (0, 100)]
    report = ingest(store, write(tmp_path / "a.log", old + new), keep_days=5)
    assert report.pruned == 2 and store.kept_from > T0 - 10 * day
    assert views(store) == {"/2026/11/x": 4}
    again = ingest(store, tmp_path / "a.log", keep_days=5)
    assert again.tally.skipped["too_old"] == 2 and again.views_added == 0
    assert views(store) == {"/2026/11/x": 4}


def test_csv_import_is_idempotent_and_sums_spellings(store: Store, tmp_path: Path) -> None:
    export = tmp_path / "ga4.csv"
    export.write_text(
        "path,day,views\n"
        "/2026/11/x/,2026-11-17,10\n"
        "/2026/11/x/?utm_source=rss,2026-11-17,5\n"
        "https://dailydiff.example/2026/11/x,2026-11-18,7\n"
        "/2026/11/y/,20261118,3\n"
        "/,2026-11-18,999\n"
        "/2026/11/z/,2026-13-01,1\n"
        "/2026/11/z/,2026-11-18,-1\n"
        "/2026/11/z/,2026-11-18\n",
        encoding="utf-8",
    )
    settings = CsvSettings(PATTERN, ZoneInfo("Europe/London"))
    report = Report()
    ingest_csv(store, [str(export)], settings, report)
    ingest_csv(store, [str(export)], settings, Report())
    rows = store.db.execute(
        "SELECT start, paths.path, length, views FROM csv_views JOIN paths ON paths.id = csv_views.path"
    )
    midnight = T0 - T0 % 86400  # 18 Nov 2026 00:00 UTC, which is 00:00 in London in November
    assert sorted(rows) == [
        (midnight - 86400, "/2026/11/x", 86400, 15),
        (midnight, "/2026/11/x", 86400, 7),
        (midnight, "/2026/11/y", 86400, 3),
    ]
    assert report.csv.rows == 8 and report.csv.views == 25
    assert report.csv.rejected == {
        "no_header": 0, "malformed": 1, "bad_time": 1, "bad_views": 1, "bad_path": 0, "not_article": 1
    }  # fmt: skip
    assert store.newest() == midnight + 86400


def test_csv_hours_and_time_zones(store: Store, tmp_path: Path) -> None:
    export = tmp_path / "hours.csv"
    export.write_text(
        "views,path,hour,extra\n"
        "1,/2026/07/a/,2026-07-01T08:00:00+01:00,x\n"  # 07:00 UTC
        "2,/2026/07/a/,2026-07-01 08:59,x\n"  # naive: London (BST) -> 07:00 UTC, the same hour
        "4,/2026/07/a/,2026070108,x\n"  # GA4 dateHour, London -> 07:00 UTC
        "8,/2026/07/a/,2026-07-01T07:30:00Z,x\n",  # 07:00 UTC
        encoding="utf-8",
    )
    ingest_csv(store, [str(export)], CsvSettings(PATTERN, ZoneInfo("Europe/London")), Report())
    seven = 1782889200  # 2026-07-01T07:00:00Z
    assert store.db.execute("SELECT start, length, views FROM csv_views").fetchall() == [(seven, 3600, 15)]


def test_a_csv_without_its_columns_is_refused(store: Store, tmp_path: Path) -> None:
    export = tmp_path / "bad.csv"
    export.write_text("page,date,count\n/2026/11/x/,2026-11-18,4\n", encoding="utf-8")
    report = Report()
    ingest_csv(store, [str(export)], CsvSettings(PATTERN, ZoneInfo("UTC")), report)
    assert report.csv.rejected["no_header"] == 1 and store.newest() is None


def test_logs_and_csv_are_read_together(store: Store, tmp_path: Path) -> None:
    ingest(store, write(tmp_path / "a.log", [line(), line("/2026/11/y/", agent=SAFARI)]))
    export = tmp_path / "e.csv"
    export.write_text("path,hour,views\n/2026/11/x/,2026-11-18T08:00:00Z,5\n", encoding="utf-8")
    ingest_csv(store, [str(export)], CsvSettings(PATTERN, ZoneInfo("UTC")), Report())
    newest, buckets = read_views(store, 7, decay=True)
    hour = T0 - T0 % HOUR
    assert newest == hour + 2 * HOUR
    assert sorted(buckets) == [("/2026/11/x", hour, 1), ("/2026/11/x", hour + HOUR, 5), ("/2026/11/y", hour, 1)]
    _, per_article = read_views(store, 7)  # without decay, SQL adds each article's views up
    assert sorted(per_article) == [("/2026/11/x", hour, 6), ("/2026/11/y", hour, 1)]
    _, one_hour = read_views(store, 1 / 24)  # the last hour only
    assert one_hour == [("/2026/11/x", hour + HOUR, 5)]


def test_missing_and_unreadable_files(store: Store, tmp_path: Path) -> None:
    (tmp_path / "truncated.gz").write_bytes(gzip.compress(("\n".join(day_of_traffic()) + "\n").encode())[:-200])
    report = ingest(store, tmp_path / "missing.log", tmp_path / "truncated.gz", tmp_path)
    assert [name for name, _ in report.unreadable] == [
        str(tmp_path / "missing.log"),
        str(tmp_path / "truncated.gz"),
        str(tmp_path),
    ]
    assert report.tally.lines > 100  # what the truncated file held before it broke still counts


def test_read_only_opening(tmp_path: Path) -> None:
    assert Store.open_readonly(tmp_path / "none.sqlite3") is None
    (tmp_path / "text.sqlite3").write_text("not a database", encoding="utf-8")
    with pytest.raises(StoreError):
        Store.open_readonly(tmp_path / "text.sqlite3")
    other = sqlite3.connect(tmp_path / "other.sqlite3")
    other.execute("CREATE TABLE t (x)")
    other.close()
    with pytest.raises(StoreError):
        Store.open_readonly(tmp_path / "other.sqlite3")
    Store.open(tmp_path / "pv.sqlite3").close()
    readonly = Store.open_readonly(tmp_path / "pv.sqlite3")
    assert readonly is not None and readonly.newest() is None
    with pytest.raises(sqlite3.OperationalError):
        readonly.set_meta("x", "y")
    readonly.close()

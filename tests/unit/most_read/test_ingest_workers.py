"""The ingest on worker processes counts exactly what the line-by-line reader counts in one process:
generated logs in every format, gzip'd, with every awkward line, read in small blocks so that many
blocks go to the workers; the same tally, the same line numbers, the same store."""

from __future__ import annotations

import gzip
import random
import sqlite3
from pathlib import Path

import crawleruseragents
import pytest
from most_read import workers
from most_read.counting import Rules
from most_read.formats import FormatError
from most_read.future import not_after
from most_read.ingest import Report, ingest_logs
from most_read.paths import article_pattern
from most_read.store import Store
from support.most_read import FIREFOX, GOOGLEBOT, SAFARI, T0, line

from bench.cdn_log import CLOUDFRONT_FIELDS, FORMATS, render

PATHS = ["/2026/11/x/", "/2026/11/x/?utm_source=rss", "/2026/11/y/#comments", "/2026/11/%78/", "//2026//11/y/",
         "http://dailydiff.example/2026/11/z/", "/2026/11/z/index.html", "/", "/feeds/all.atom.xml",
         "/theme/css/style.css", "/2026/11/%ff/", "/wp-login.php"]  # fmt: skip
AGENTS = [FIREFOX, SAFARI, GOOGLEBOT, "-", "curl/8.5.0"]
NOW = T0 + 2 * 86400


def requests(count: int, seed: int) -> list[tuple[str, int, str, str, str, str]]:
    dice = random.Random(seed)
    moment, found = T0, []
    for _ in range(count):
        moment += dice.choice((0, 1, 5, 20, 31, 400))
        when = moment + 30 * 86400 if dice.random() < 0.01 else moment  # a server whose clock runs ahead
        method = dice.choice(("GET",) * 8 + ("HEAD", "POST"))
        status = dice.choice(("200",) * 6 + ("304", "404", "301"))
        found.append(
            (f"203.0.113.{dice.randrange(1, 9)}", when, method, dice.choice(PATHS), status, dice.choice(AGENTS))
        )
    return found


def text(request: tuple[str, int, str, str, str, str], log_format: str) -> str:
    if log_format != "combined":
        return render(request, log_format)
    ip, moment, method, target, status, agent = request
    return line(target, seconds=moment - T0, ip=ip, agent=agent, status=int(status), method=method)


def awkward(log_format: str, dice: random.Random) -> bytes:
    """A line that is not a usual one: cut, blank, a bad time, too long, not UTF-8, another shape."""
    good = text(("203.0.113.7", T0, "GET", "/2026/11/x/", "200", FIREFOX), log_format)
    return dice.choice([
        good[: len(good) // 2].encode(), b"", b"   ", good.replace("07:45:00", "25:45:00").encode(),
        good.encode() + b"x" * 9000, good.encode().replace(b"Firefox", b"Fire\xfffox"), b"not a log line at all",
        good.replace("GET", 'G\\"ET').encode(), good.encode() + b"\r",
    ])  # fmt: skip


def write_log(path: Path, log_format: str, count: int = 3000, seed: int = 27) -> Path:
    dice = random.Random(seed)
    lines = [f"#Version: 1.0\n#Fields: {CLOUDFRONT_FIELDS}".encode()] if log_format == "cloudfront" else []
    for n, request in enumerate(requests(count, seed)):
        if n % 37 == 5:
            lines.append(awkward(log_format, dice))
        if log_format == "cloudfront" and n == count // 2:
            lines.append(f"#Fields: {CLOUDFRONT_FIELDS}".encode())  # a second header, mid-file
        lines.append(text(request, log_format).encode() + (b"\r" if n % 11 == 3 else b""))
    path.write_bytes(gzip.compress(b"\n".join(lines) + b"\n"))
    return path


def ingest(log: Path, store_path: Path, processes: int) -> tuple[Report, list, list]:
    store = Store.open(store_path)
    report = Report()
    rules = Rules(article_pattern("{date:%Y}/{date:%m}/{slug}/"), crawleruseragents.is_crawler, b"salt", "",
                  0, store.number, not_after(NOW, 5))  # fmt: skip
    with store.transaction():
        ingest_logs(store, [str(log)], rules, 62, report, processes=processes, block_size=2048)
    store.close()
    with sqlite3.connect(store_path) as db:
        hits = db.execute("SELECT time, paths.path, client FROM hits JOIN paths ON paths.id = hits.path").fetchall()
        views = db.execute(
            "SELECT start, paths.path, views FROM log_views JOIN paths ON paths.id = log_views.path"
        ).fetchall()
    return report, sorted(hits), sorted(views)


def same(one: tuple[Report, list, list], two: tuple[Report, list, list]) -> None:
    (first, hits, views), (second, hits2, views2) = one, two
    assert second.tally == first.tally  # lines, hits, every reason, the first rejected lines, views dated after now
    assert (second.new_hits, second.views_added, second.repeats) == (first.new_hits, first.views_added, first.repeats)
    assert second.unreadable == first.unreadable and second.files == first.files
    assert hits2 == hits and views2 == views


@pytest.mark.parametrize("log_format", ["combined", *FORMATS])
def test_workers_count_as_one_process_does(tmp_path: Path, log_format: str, monkeypatch: pytest.MonkeyPatch) -> None:
    log = write_log(tmp_path / f"access.{log_format}.log.gz", log_format)
    alone = ingest(log, tmp_path / "one.sqlite3", processes=1)
    started = []
    start = workers.Workers.start
    monkeypatch.setattr(workers.Workers, "start", lambda *args: started.append(start(*args)) or started[-1])
    same(alone, ingest(log, tmp_path / "two.sqlite3", processes=2))
    assert len(started) == 1 and started[0] is not None  # the blocks did go to worker processes
    tally = alone[0].tally
    assert tally.hits > 200 and tally.future.count > 5 and sum(tally.rejected.values()) > 30
    assert all(tally.skipped[name] for name in ("bot", "method", "status", "not_article"))
    assert len(tally.first_rejects) == 5 and all(tally.rejected.values())  # every reason, bad time included


@pytest.mark.parametrize("log_format", ["combined", "cloudflare"])
def test_a_cut_gzip_file_keeps_the_same_lines_either_way(tmp_path: Path, log_format: str) -> None:
    whole = write_log(tmp_path / "whole.gz", log_format).read_bytes()
    log = tmp_path / "access.log.gz"
    log.write_bytes(whole[: len(whole) * 2 // 3])
    alone = ingest(log, tmp_path / "one.sqlite3", processes=1)
    same(alone, ingest(log, tmp_path / "two.sqlite3", processes=2))
    assert alone[0].unreadable and alone[0].unreadable[0][0] == str(log) and alone[0].tally.hits > 100


def test_a_bad_header_in_a_worker_is_named_by_the_files_line(tmp_path: Path) -> None:
    log = tmp_path / "cf.log.gz"
    lines = [f"#Version: 1.0\n#Fields: {CLOUDFRONT_FIELDS}"] + [render(r, "cloudfront") for r in requests(400, 3)]
    lines.insert(300, "#Fields: date time c-ip")  # the count's fields missing, far from the start
    log.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    messages = []
    for processes in (1, 2):
        with pytest.raises(FormatError) as caught:
            ingest(log, tmp_path / f"{processes}.sqlite3", processes)
        messages.append(str(caught.value))
    assert messages[0] == messages[1] and messages[0].startswith(f"{log}:302: CloudFront #Fields without")


def test_damaged_gzip_data_names_the_file_never_a_crash(tmp_path: Path) -> None:
    whole = write_log(tmp_path / "whole.gz", "combined", count=1500).read_bytes()
    dice, said = random.Random(5), set()
    for n in range(12):  # damage three bytes somewhere: zlib finds a bad code, a bad distance or a bad CRC
        data = bytearray(whole)
        at = dice.randrange(20, len(data) - 10)
        data[at : at + 3] = bytes(dice.randrange(256) for _ in range(3))
        log = tmp_path / f"damaged{n}.log.gz"
        log.write_bytes(bytes(data))
        report = ingest(log, tmp_path / f"{n}.sqlite3", processes=1)[0]
        assert [name for name, _ in report.unreadable] in ([str(log)], [])
        said.update(why.split(": ", 1)[1].split(" (")[0] for _, why in report.unreadable)
    assert "damaged gzip data" in said  # what the standard library's gzip raised as zlib.error, unreported

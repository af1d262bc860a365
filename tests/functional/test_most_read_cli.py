"""`make most-read` (python -m newsdesk.most_read): summary, hostile input, refresh of a built site."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from support.builds import ROOT, write_conf
from support.most_read import GOOGLEBOT, SAFARI, built_site, line, most_read

HOSTILE = [
    '203.0.113.66 - - [18/Nov/2026:07:45:00 +0000] "GET /2026/11/<script>alert(1)</script>/ HTTP/1.1" 200 1 "-" "x"',
    "<img src=x onerror=alert(document.cookie)>",
    "\x1b]0;pwned\x07\x1b[2J",
    "A" * 20_000,
]


def test_ingest_summary_and_refresh(tmp_path: Path, conf: Path) -> None:
    output = tmp_path / "output"
    built_site(output)
    lines = [line(seconds=i * 60, ip=f"192.0.2.{i}") for i in range(5)]
    lines += [line("/2026/11/y/", seconds=i * 60, ip=f"192.0.2.{i}", agent=SAFARI) for i in range(3)]
    lines += [line(seconds=10, agent=GOOGLEBOT), line(seconds=20, status=404), line("/tag/x/", seconds=30)]
    lines += [line(seconds=61, ip="192.0.2.1"), *HOSTILE]
    log = tmp_path / "access.log"
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "access.log.1.gz").write_bytes(gzip.compress(log.read_bytes()))  # a rotated copy: nothing new

    result = most_read(
        "--settings", str(conf), "--output", str(output), "--logs", str(log), str(tmp_path / "access.log.1.gz")
    )
    assert result.returncode == 0, result.stderr
    err = result.stderr
    assert "lines read:               32" in err
    assert "views counted:            +8" in err
    assert "already ingested 9" in err and "repeats within 30 s 1" in err
    assert "bots and crawlers:        2" in err
    assert "4 not an article, 2 status other than 200/304, 0 not GET" in err
    assert "rejected:                 6 (too long 2, not utf8 0, malformed 4," in err
    assert f"first rejected: {log}:14 (malformed)" in err
    for text in ("<script>", "<img", "onerror", "\x1b", "AAAA", "pwned"):
        assert text not in err and text not in result.stdout  # a line's text never reaches the terminal

    document = json.loads((output / "most-read.json").read_text(encoding="utf-8"))
    assert [item["url"] for item in document["items"]] == ["/2026/11/x/", "/2026/11/y/"]
    assert [item["views"] for item in document["items"]] == [5, 3]
    assert document["window"]["days"] == 7 and document["ranked"]
    assert "rewrote" in err and not (output / ".most-read.json.tmp").exists()


def test_again_changes_nothing(tmp_path: Path, conf: Path) -> None:
    output = tmp_path / "output"
    built_site(output)
    log = tmp_path / "access.log"
    log.write_text("\n".join(line(seconds=i * 40, ip=f"192.0.2.{i % 3}") for i in range(50)) + "\n", encoding="utf-8")
    first = most_read("--settings", str(conf), "--output", str(output), "--logs", str(log))
    published = (output / "most-read.json").read_bytes()
    store = (tmp_path / "pv.sqlite3").read_bytes()
    second = most_read("--settings", str(conf), "--output", str(output), "--logs", str(log))
    assert first.returncode == second.returncode == 0
    assert "views counted:            +0" in second.stderr
    assert (output / "most-read.json").read_bytes() == published
    assert len((tmp_path / "pv.sqlite3").read_bytes()) == len(store)


def test_csv_and_stdin(tmp_path: Path, conf: Path) -> None:
    output = tmp_path / "output"
    built_site(output)
    export = tmp_path / "plausible.csv"
    export.write_text("path,day,views\n/2026/11/z/,2026-11-18,40\n/2026/11/y/,2026-11-18,4\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "newsdesk.most_read", "--settings", str(conf), "--output", str(output),
         "--logs", "-", "--csv", str(export)],
        cwd=ROOT, input=line() + "\n", capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "analytics rows: 2, views 44" in result.stderr
    items = json.loads((output / "most-read.json").read_text(encoding="utf-8"))["items"]
    assert [(i["url"], i["views"]) for i in items] == [("/2026/11/z/", 40), ("/2026/11/y/", 4), ("/2026/11/x/", 1)]


def test_before_any_build_and_without_data(tmp_path: Path, conf: Path) -> None:
    result = most_read("--settings", str(conf), "--output", str(tmp_path / "nothing"))
    assert result.returncode == 0 and "build the site (make html)" in result.stderr
    built_site(tmp_path / "output")
    result = most_read("--settings", str(conf), "--output", str(tmp_path / "output"))
    assert "warning: Most read: no page views" in result.stderr
    document = json.loads((tmp_path / "output" / "most-read.json").read_text(encoding="utf-8"))
    assert not document["ranked"] and document["heading"] == "Latest stories" and document["window"] is None


def test_errors(tmp_path: Path, conf: Path) -> None:
    missing = most_read("--settings", str(conf), "--logs", str(tmp_path / "missing.log"))
    assert missing.returncode == 1 and "missing.log: No such file or directory" in missing.stderr
    bad = write_conf(tmp_path, MOST_READ_COUNT=0)
    result = most_read("--settings", str(bad))
    assert result.returncode == 2 and "MOST_READ_COUNT must be a whole number" in result.stderr
    (tmp_path / "notadb").write_text("hello", encoding="utf-8")
    result = most_read("--settings", str(conf), "--db", str(tmp_path / "notadb"))
    assert result.returncode == 2 and "is not a page-view store" in result.stderr


def test_bot_pattern_for_sql_engines() -> None:
    result = most_read("--bot-pattern")
    assert result.returncode == 0 and "Googlebot" in result.stdout and result.stdout.count("|") > 500
    pattern = re.compile(result.stdout.strip())
    assert pattern.search("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)")
    assert not pattern.search("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
    athena = most_read("--bot-pattern", "athena").stdout.strip()
    assert athena.startswith("'") and athena[1:-1].replace("''", "'") == result.stdout.strip()
    clickhouse = most_read("--bot-pattern", "clickhouse").stdout.strip()
    assert clickhouse[1:-1].replace("\\'", "'").replace("\\\\", "\\") == result.stdout.strip()
    assert most_read("--bot-pattern", "bigquery").stdout.startswith('r"')


@pytest.mark.skipif(sys.platform == "win32", reason="builds lock their output folder on POSIX systems")
def test_a_refresh_waits_for_a_build_writing_the_site(tmp_path: Path, conf: Path) -> None:
    from newsdesk.safety import build_lock  # noqa: PLC0415

    output = tmp_path / "output"
    built_site(output)
    log = tmp_path / "access.log"
    log.write_text("\n".join(line(seconds=i * 60, ip=f"192.0.2.{i}") for i in range(3)) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "newsdesk.most_read", "--settings", str(conf), "--output", str(output)]
    waiting = "Another build or Most Read refresh is writing"
    with build_lock(output, pytest.fail):
        refresh = subprocess.Popen([*command, "--logs", str(log)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
        said: list[str] = []
        reader = threading.Thread(target=lambda: said.extend(iter(refresh.stderr.readline, "")), daemon=True)
        reader.start()
        deadline = time.monotonic() + 120  # the log is ingested meanwhile, however slow the machine
        while not any(waiting in s for s in said) and refresh.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        # it waits for the build to finish: the site is not touched while the lock is held
        assert refresh.poll() is None and not (output / "most-read.json").exists(), "".join(said)
    refresh.wait(timeout=120)
    reader.join(timeout=10)
    errors = "".join(said)
    assert refresh.returncode == 0, errors
    assert waiting in errors and "rewrote" in errors
    assert (output / "most-read.json").is_file()

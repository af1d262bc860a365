"""`make most-read` over gzip'd CDN and JSON logs: the same counts as the Combined log, and a clear stop
on a log that is not in its format, with the store left as it was."""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from support.builds import ROOT, write_conf

from bench.cdn_log import FORMATS, convert

AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0"
BOT = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"
NOW = {"NEWSDESK_NOW": "2026-11-19T00:00:00Z"}


def combined_log() -> list[str]:
    """Two hours of a small site: readers, reloads, a crawler, errors, list pages."""
    lines = []
    for i in range(400):
        minute, second = divmod(i * 17, 60)
        stamp = f"18/Nov/2026:{7 + minute // 60:02d}:{minute % 60:02d}:{second:02d} +0000"
        path = f"/2026/11/{'xyz'[i % 3]}/" if i % 5 else "/tag/security/"
        agent = BOT if i % 11 == 0 else AGENT
        status = 404 if i % 13 == 0 else 200
        lines.append(f'192.0.2.{i % 7} - - [{stamp}] "GET {path} HTTP/1.1" {status} 512 "-" "{agent}"\n')
    return lines


def most_read(conf: Path, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "newsdesk.most_read", "--settings", str(conf), "--output", "none", *args]
    return subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, env={**os.environ, **NOW}, timeout=120, check=False
    )


def counts(summary: str) -> list[str]:
    """The summary's count lines, without the file names and times that differ between runs."""
    return [line for line in summary.splitlines() if re.match(r"  (lines|views|bots|not counted|rejected)", line)]


@pytest.mark.parametrize("log_format", FORMATS)
def test_a_gzipped_cdn_log_counts_as_its_combined_log(tmp_path: Path, log_format: str) -> None:
    combined, cdn = tmp_path / "access.log", tmp_path / f"{log_format}.log.gz"
    combined.write_text("".join(combined_log()), encoding="utf-8")
    with gzip.open(cdn, "wt", encoding="utf-8") as handle:
        handle.writelines(convert(combined_log(), log_format))
    reference = most_read(write_conf(tmp_path, MOST_READ_DB=str(tmp_path / "a.sqlite3")), "--logs", str(combined))
    result = most_read(write_conf(tmp_path, MOST_READ_DB=str(tmp_path / "b.sqlite3")), "--logs", str(cdn))
    assert reference.returncode == result.returncode == 0, result.stderr
    assert counts(result.stderr) == counts(reference.stderr) and "views counted:            +" in result.stderr
    assert re.search(r"parse rate: +[\d,]+ lines/s", result.stderr)


def test_a_log_in_the_wrong_format_stops_and_stores_nothing(tmp_path: Path) -> None:
    conf = write_conf(tmp_path, MOST_READ_DB=str(tmp_path / "pv.sqlite3"))
    good, odd = tmp_path / "access.log", tmp_path / "odd.log"
    good.write_text("".join(combined_log()), encoding="utf-8")
    odd.write_text('{"path": "/2026/11/x/", "views": 3}\n', encoding="utf-8")
    assert most_read(conf, "--logs", str(good)).returncode == 0
    before = hashlib.sha256((tmp_path / "pv.sqlite3").read_bytes()).hexdigest()
    for args in (["--logs", str(good), str(odd)], ["--log-format", "cloudfront", "--logs", str(good)]):
        result = most_read(conf, *args)
        assert result.returncode == 2
        name = str(odd) if str(odd) in args else str(good)
        assert f"error: {name}:1: " in result.stderr and "--log-format" in result.stderr
        assert "nothing was stored" in result.stderr
        assert hashlib.sha256((tmp_path / "pv.sqlite3").read_bytes()).hexdigest() == before

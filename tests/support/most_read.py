"""Most Read: access-log lines and analytics rows to count, the ``most-read`` command, and a store to read back."""

from __future__ import annotations

import calendar
import hashlib
import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import crawleruseragents
from most_read.counting import Classifier, Rules, Tally
from most_read.output import index_document
from most_read.paths import article_pattern
from most_read.ranking import Article
from support.builds import ROOT, run_module

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Version/17.5 Mobile Safari/604.1"
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
RULES = Rules(article_pattern("{date:%Y}/{date:%m}/{slug}/"), crawleruseragents.is_crawler, b"salt")
T0 = calendar.timegm((2026, 11, 18, 7, 45, 0, 0, 0, 0))


def line(
    path: str = "/2026/11/x/",
    *,
    seconds: int = 0,
    ip: str = "203.0.113.9",
    agent: str | None = FIREFOX,
    status: int = 200,
    method: str = "GET",
    zone: str = "+0000",
) -> str:
    moment = T0 + seconds
    stamp = f"{_clf_time(moment)} {zone}"
    tail = "" if agent is None else f' "-" "{agent}"'
    return f'{ip} - - [{stamp}] "{method} {path} HTTP/1.1" {status} 512{tail}'


def _clf_time(moment: int) -> str:
    t = __import__("time").gmtime(moment)
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    return f"{t.tm_mday:02d}/{months[t.tm_mon - 1]}/{t.tm_year}:{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d}"


def classify(lines: list[str] | list[bytes], rules: Rules = RULES) -> tuple[list, Tally]:
    tally = Tally()
    return Classifier(rules).feed(lines, tally, "test.log"), tally


def most_read(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return run_module("newsdesk.most_read", *args, env=env, timeout=120)


def built_site(output: Path) -> None:
    """An output folder as a build leaves it: the article index the refresh ranks from."""
    output.mkdir(parents=True, exist_ok=True)
    articles = [
        Article(f"/2026/11/{s}", f"2026/11/{s}/", f"Story {s}", "security", "Security", None, T0 - 86400)
        for s in ("x", "y", "z")
    ]
    (output / "most-read-articles.json").write_bytes(index_document(articles, ""))


DAY, HOUR, YEAR = 86400, 3600, 365 * 86400
NOW = T0 + 5 * DAY
CLOCK = {"NEWSDESK_NOW": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(NOW))}  # 2026-11-23T07:45:00Z


def write_log(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def three_days() -> list[str]:
    """Ten readers of x and four of y each day: 30 and 12 views."""
    lines = []
    for day in range(3):
        lines += [line("/2026/11/x/", seconds=day * DAY + i * 60, ip=f"192.0.2.{i}") for i in range(10)]
        lines += [line("/2026/11/y/", seconds=day * DAY + i * 60 + 5, ip=f"192.0.2.{i}") for i in range(4)]
    return lines


def fourth_day() -> list[str]:
    """Twenty readers of y on the fourth day."""
    return [line("/2026/11/y/", seconds=4 * DAY + i * 60, ip=f"198.51.100.{i}") for i in range(20)]


def run(conf: Path, output: Path, *args: str) -> subprocess.CompletedProcess:
    result = most_read("--settings", str(conf), "--output", str(output), *args, env=CLOCK)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def published(output: Path) -> tuple[list[tuple[str, int]], dict | None]:
    document = json.loads((output / "most-read.json").read_text(encoding="utf-8"))
    return [(item["url"], item["views"]) for item in document["items"]], document["window"]


def rows(db: Path, query: str) -> list[tuple]:
    with sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True) as connection:
        return connection.execute(query).fetchall()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def generated_traffic(out: Path, *, articles: int, seed: int, lines: int, days: int) -> Path:
    """A generated site of ``articles`` and ``lines`` of its traffic over ``days`` (readers, reloads, crawlers,
    noise) in ``out``: content/ and access.log."""
    args = ["--articles", str(articles), "--out", str(out), "--seed", str(seed), "--url-template",
            "{year}/{month}/{slug}/", "--pageviews", str(out / "access.log"), "--pv-lines", str(lines),
            "--pv-days", str(days), "-q"]  # fmt: skip
    subprocess.run([sys.executable, "-m", "bench.corpus", *args], cwd=ROOT, check=True, timeout=300)
    return out

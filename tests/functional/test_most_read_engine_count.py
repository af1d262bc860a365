"""The benchmark's whole count in chDB and DuckDB (bench/engine_count.py) counts what the ingest counts: the same
views for every article in every hour, from the same generated log in each format, gzip'd."""

from __future__ import annotations

import gzip
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from support.builds import ROOT, write_conf
from support.most_read import generated_traffic

from bench.cdn_log import FORMATS, convert
from bench.most_read_bench import index_from_corpus

NOW = {"NEWSDESK_NOW": "2030-01-01T00:00:00Z"}


@pytest.fixture(scope="module")
def traffic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 articles, four days of their traffic (20,000 lines) in every format, and the site's URL table."""
    out = generated_traffic(tmp_path_factory.mktemp("engine-count"), articles=300, seed=4, lines=20000, days=4)
    lines = (out / "access.log").read_text(encoding="utf-8").splitlines(keepends=True)
    with gzip.open(out / "access.combined.log.gz", "wt", encoding="utf-8") as target:
        target.writelines(lines)
    for log_format in FORMATS:
        with gzip.open(out / f"access.{log_format}.log.gz", "wt", encoding="utf-8") as target:
            target.writelines(convert(lines, log_format))
    index_from_corpus(out / "content", out / "site")
    return out


@pytest.fixture(scope="module")
def ingested(traffic: Path) -> dict[tuple[str, int], int]:
    """(article key, hour) -> views, as `make most-read` stores them from the Combined log."""
    conf = write_conf(traffic, MOST_READ_DB=str(traffic / "store.sqlite3"))
    command = [sys.executable, "-m", "newsdesk.most_read", "--settings", str(conf), "--output", str(traffic / "site"),
               "--logs", str(traffic / "access.combined.log.gz")]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env={**os.environ, **NOW}, check=False)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(traffic / "store.sqlite3") as store:
        rows = store.execute("SELECT p.path, v.start, v.views FROM log_views AS v JOIN paths AS p ON p.id = v.path")
        return {(path, start): views for path, start, views in rows}


@pytest.mark.parametrize("log_format", ["combined", *FORMATS])
@pytest.mark.parametrize("engine", ["chdb", "duckdb"])
def test_an_engine_counts_the_views_the_ingest_counts(
    tmp_path: Path, traffic: Path, ingested: dict[tuple[str, int], int], engine: str, log_format: str
) -> None:
    pytest.importorskip(engine)
    hourly = tmp_path / "hourly.csv"
    command = [sys.executable, "-m", "bench.engine_count", "--engine", engine, "--format", log_format,
               "--index", str(traffic / "site" / "most-read-articles.json"), "--hourly", str(hourly),
               str(traffic / f"access.{log_format}.log.gz")]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    counted = {}
    for row in hourly.read_text(encoding="utf-8").splitlines():
        key, hour, views = row.rsplit(",", 2)
        counted[key, int(hour)] = int(views)
    assert len(ingested) > 1000 and sum(ingested.values()) > 5000
    assert counted == ingested

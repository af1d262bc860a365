"""The SQL of docs/most-read.md, run on embedded engines (ClickHouse's through chDB, DuckDB's own) over a
generated log: their hourly CSV, fed to `make most-read CSV=…`, gives the list that ingesting the log gives."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from most_read.dialects import bot_pattern
from support.builds import ROOT, write_conf
from support.most_read import generated_traffic

from bench.most_read_bench import index_from_corpus

DOCS = ROOT / "docs" / "most-read.md"
NOW = {"NEWSDESK_NOW": "2030-01-01T00:00:00Z"}


def documented_sql(engine: str) -> str:
    """The ```sql block that follows the paragraph starting with **ENGINE** in docs/most-read.md."""
    found = re.search(rf"^\*\*{engine}\*\*.*?```sql\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.M | re.S)
    assert found, f"docs/most-read.md has no SQL for {engine}"
    return found.group(1)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 articles and five days of their traffic (30,000 lines: readers, reloads, crawlers, noise)."""
    return generated_traffic(tmp_path_factory.mktemp("engines"), articles=300, seed=3, lines=30000, days=5)


def most_read(folder: Path, corpus: Path, store: str, *args: str) -> dict:
    """Ingest into a new store, rank for the corpus's site, and return its most-read.json."""
    site = folder / f"site-{store}"
    index_from_corpus(corpus / "content", site)
    conf = write_conf(folder, MOST_READ_DB=str(folder / f"{store}.sqlite3"))
    command = [sys.executable, "-m", "newsdesk.most_read", "--settings", str(conf), "--output", str(site), *args]
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, env={**os.environ, **NOW}, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads((site / "most-read.json").read_text(encoding="utf-8"))


def hourly(db: Path, table: str) -> dict[tuple[int, str], int]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute(f"SELECT v.start, p.path, v.views FROM {table} AS v JOIN paths AS p ON p.id = v.path")
        return {(start, path): views for start, path, views in rows}


def run_clickhouse(log: Path, out: Path) -> None:
    from chdb import session  # noqa: PLC0415 - 0.5 GB engine: only in this test

    script = documented_sql("ClickHouse").replace("<BOTS>", bot_pattern("clickhouse"))
    *setup, query = [part for part in script.replace("'access.log'", f"'{log}'").split(";\n") if part.strip()]
    engine = session.Session()
    for statement in setup:
        engine.query(statement)
    query = query.strip().rstrip(";").removesuffix("FORMAT CSVWithNames")
    out.write_bytes(engine.query(query, "CSVWithNames").bytes())


def run_duckdb(log: Path, out: Path) -> None:
    import duckdb  # noqa: PLC0415

    script = documented_sql("DuckDB").replace("<BOTS>", bot_pattern("duckdb"))
    duckdb.connect().execute(script.replace("'access.log'", f"'{log}'").replace("'hourly.csv'", f"'{out}'"))


@pytest.mark.parametrize("engine", ["ClickHouse", "DuckDB"])
def test_the_documented_sql_gives_the_list_the_ingest_gives(tmp_path: Path, corpus: Path, engine: str) -> None:
    log, csv = corpus / "access.log", tmp_path / "hourly.csv"
    (run_clickhouse if engine == "ClickHouse" else run_duckdb)(log, csv)
    header, *rows = csv.read_text(encoding="utf-8").splitlines()
    assert header.replace('"', "") == "path,hour,views" and len(rows) > 1000
    from_log = most_read(tmp_path, corpus, "log", "--logs", str(log))
    from_csv = most_read(tmp_path, corpus, "csv", "--csv", str(csv))
    assert from_log["ranked"] and len(from_log["items"]) >= 5
    assert from_csv["items"] == from_log["items"] and from_csv["window"] == from_log["window"]
    assert from_csv["sections"] == from_log["sections"]
    # not only the top of the list: every article's views in every hour
    assert hourly(tmp_path / "csv.sqlite3", "csv_views") == hourly(tmp_path / "log.sqlite3", "log_views")

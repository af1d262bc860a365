"""Benchmark of the whole Most Read count in embedded SQL engines, against the ingest's target.

    python -m bench.engine_bench [--lines 1000000] [--articles 10000] [--write BENCHMARKS.md]

The generated log, rewritten in each format and gzip'd as ``bench.most_read_bench --formats`` makes
it, is counted by ``bench.engine_count`` in chDB and in DuckDB (each engine that is installed:
``requirements-sql.txt``), one process each, on every core the engines want. Each figure is the whole
command: starting Python, loading the engine, reading the compressed log, the join with the site's
URL table, the crawler check, the 30-second rule and the hourly counts. Wall-clock and CPU seconds
(user + system, the engines' threads included) and the peak RSS of the process.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from bench.benchmarks_file import write_section
from bench.most_read_bench import corpus, format_log, index_from_corpus, measured, print_table

TITLE = "Most Read: embedded engines"
TARGET = 1_000_000  # lines a second, the whole ingest (issue 27)


def installed_engines() -> list[str]:
    return [name for name in ("chdb", "duckdb") if importlib.util.find_spec(name) is not None]


def bench_engines(work: Path, lines: int, articles: int, engines: list[str], runs: int) -> list[tuple[str, str]]:
    """One row per format and engine: lines a second (wall, and per CPU second), peak RSS, views counted; medians
    of ``runs``, the engines taking turns within each run."""
    from bench.cdn_log import FORMATS  # noqa: PLC0415

    data = corpus(work / "corpus", articles, lines, images=False)
    site = work / "engine-site"
    index_from_corpus(data / "content", site)
    index = site / "most-read-articles.json"
    logs = {log_format: format_log(work, data, log_format) for log_format in ("combined", *FORMATS)}
    taken: dict[tuple[str, str], list[tuple[float, float, int, float, int]]] = {}
    for _ in range(runs):
        for log_format, log in logs.items():
            for engine in engines:
                result = work / f"engine-{engine}-{log_format}.json"
                command = [sys.executable, "-m", "bench.engine_count", "--engine", engine, "--format", log_format,
                           "--index", str(index), "--json", str(result), str(log)]  # fmt: skip
                wall, cpu, rss, _errors = measured(*command)
                found = json.loads(result.read_text(encoding="utf-8"))
                taken.setdefault((log_format, engine), []).append((wall, cpu, rss, found["scan_s"], found["views"]))
    rows = []
    for (log_format, engine), figures in taken.items():
        wall, cpu, rss, scan = (statistics.median(column) for column in list(zip(*figures, strict=True))[:4])
        views = {figure[4] for figure in figures}
        rows.append((
            f"{log_format} ({logs[log_format].stat().st_size / 1e6:.0f} MB gzip'd), {engine}",
            f"whole count {lines / wall:,.0f} lines/s ({wall:.1f} s wall, {cpu:.1f} s CPU: {lines / cpu:,.0f} "
            f"lines per CPU second); reading and filtering {scan:.1f} s of it; peak RSS {rss / 1e6:,.0f} MB; "
            f"views {', '.join(f'{v:,}' for v in sorted(views))}",
        ))  # fmt: skip
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.engine_bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=1_000_000, help="log lines in each format")
    parser.add_argument("--articles", type=int, default=10_000, help="articles of the generated site")
    parser.add_argument("--runs", type=int, default=3, help="runs of each count (the medians are reported)")
    parser.add_argument("--write", type=Path, help="put the table into this Markdown file")
    parser.add_argument("--work", type=Path, help="working folder, kept (default: a temporary one, removed)")
    args = parser.parse_args(argv)
    engines = installed_engines()
    if not engines:
        print("bench.engine_bench: neither chdb nor duckdb is installed (requirements-sql.txt); nothing to measure")
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="engine-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        rows = bench_engines(work, args.lines, args.articles, engines, args.runs)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    load = os.getloadavg()[0]
    if args.write:
        note = (f"`python -m bench.engine_bench` (in `make bench`): the generated log of {args.lines:,} lines in each "
                f"format, gzip'd, counted whole by `bench/engine_count.py` in {' and '.join(engines)}, medians of "
                f"{args.runs} runs taking turns, on "
                f"{os.cpu_count()} CPUs (load average {load:.1f} at the end). "
                f"Target: {TARGET:,} lines a second.")  # fmt: skip
        write_section(args.write, TITLE, rows, note)
    print_table("Most Read in embedded engines", "log", rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())

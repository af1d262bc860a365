"""Benchmark of the Most Read pipeline; prints a Markdown table.

    python -m bench.most_read_bench [--lines 1000000] [--articles 10000] [--build-articles 1000] [--runs 3]

1. Ingest: ``make most-read`` (``python -m newsdesk.most_read``) on a generated Combined Log
   Format log of ``--lines`` lines, in one process, into a fresh store; then
   the same log again (nothing new: every hit is recognised).
2. Refresh: a site of ``--articles`` articles whose store holds that log; an hour of new
   traffic is ingested and ``most-read.json`` rewritten. The article index the refresh ranks
   from is written by the plugin's own ``index_document`` from the corpus front-matter
   (``--real-build`` builds the site instead, which takes many minutes at 10,000 articles).
3. Build: ``--build-articles`` articles built with and without the plugin, ``--runs`` times
   each, interleaved; the plugin's own time is read from its log line.

Every command runs as one single-threaded process. Times are wall-clock seconds (best of the
runs) and, for the ingest, the CPU seconds of the process: on a shared machine the CPU time
is the steadier figure.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT))

from bench.benchmarks_file import write_section  # noqa: E402
from newsdesk.conf import write_settings  # noqa: E402

TEMPLATE = "{year}/{month}/{slug}/"


def run(*args: str) -> tuple[float, float, subprocess.CompletedProcess]:
    """Run a command; return its wall-clock and CPU seconds."""
    command = list(args)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), result


def corpus(out: Path, articles: int, lines: int, images: bool) -> Path:
    if not (out / "access.log").exists():
        args = ["--articles", str(articles), "--out", str(out), "--seed", "1", "--url-template", TEMPLATE]
        args += [
            "--pageviews",
            str(out / "access.log"),
            "--pv-truth",
            str(out / "truth.json"),
            "--pv-lines",
            str(lines),
        ]
        run(sys.executable, "-m", "bench.corpus", *args, *(["--images"] if images else []), "-q")
    return out


def conf(work: Path, **settings: object) -> Path:
    return write_settings(work, **settings)


def most_read(settings: Path, output: Path, *logs: Path) -> tuple[float, float, subprocess.CompletedProcess]:
    return run(sys.executable, "-m", "newsdesk.most_read", "--settings", str(settings), "--output", str(output),
               "--logs", *map(str, logs))  # fmt: skip


def index_from_corpus(content: Path, output: Path) -> int:
    """Write most-read-articles.json as the plugin would, from the corpus front-matter."""
    from most_read.output import INDEX_NAME, index_document  # noqa: PLC0415
    from most_read.paths import url_key  # noqa: PLC0415
    from most_read.ranking import Article  # noqa: PLC0415

    zone = ZoneInfo("Europe/London")
    articles = []
    for path in sorted(content.rglob("*.md")):
        meta = {}
        for text in path.read_text(encoding="utf-8").split("\n\n", 1)[0].splitlines():
            name, _, value = text.partition(": ")
            meta[name] = value
        date = datetime.strptime(meta["Date"], "%Y-%m-%d %H:%M").replace(tzinfo=zone)
        url = f"{date:%Y}/{date:%m}/{meta['Slug']}/"
        section = meta["Category"]
        image = meta["Image"].lstrip("/")
        articles.append(
            Article(url_key(url), url, meta["Title"], section.lower(), section, image, int(date.timestamp()))
        )
    output.mkdir(parents=True, exist_ok=True)
    (output / INDEX_NAME).write_bytes(index_document(articles, ""))
    return len(articles)


def new_hour_of_traffic(log: Path, out: Path) -> int:
    """The log's last hour again, an hour later (new hits for the store), as a rotated file would bring."""
    lines = log.read_text(encoding="utf-8").splitlines()
    last = lines[-1].split("[", 1)[1][:14]  # '30/Jun/2025:23'
    tail = [text for text in lines[-20000:] if text.split("[", 1)[1].startswith(last)]
    later = [re.sub(r"\[30/Jun/2025:23:", "[01/Jul/2025:00:", text) for text in tail]
    out.write_text("\n".join(later) + "\n", encoding="utf-8")
    return len(later)


def digest(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.stat().st_size) for p in folder.rglob("*") if p.is_file()
    }


def bench_ingest(work: Path, lines: int, articles: int, runs: int) -> tuple[list[tuple[str, str]], Path, Path]:
    data = corpus(work / "corpus", articles, lines, images=False)
    settings = conf(work, MOST_READ_DB=str(work / "pv.sqlite3"))
    rows = []
    best = None
    for _ in range(runs):  # each into a fresh store; the fastest run is reported
        (work / "pv.sqlite3").unlink(missing_ok=True)
        outcome = most_read(settings, work / "no-output", data / "access.log")
        best = outcome if best is None or outcome[0] < best[0] else best
    wall, cpu, result = best  # type: ignore[misc]
    counted = re.search(r"views counted: +\+([\d,]+)", result.stderr)
    phases = re.search(r"in [\d.]+ s \((.*)\)", result.stderr.splitlines()[0])
    truth = sum(json.loads((data / "truth.json").read_text(encoding="utf-8"))["counts"].values())
    rows.append(
        (f"ingest {lines:,} lines, fresh store (one process, best of {runs})", f"{wall:.2f} s wall, {cpu:.2f} s CPU")
    )
    rows.append(("of which (wall)", phases.group(1) if phases else "?"))
    rows.append(("views counted / true views", f"{counted.group(1) if counted else '?'} / {truth:,}"))
    wall, cpu, result = most_read(settings, work / "no-output", data / "access.log")
    rows.append((f"ingest the same {lines:,} lines again (all recognised)", f"{wall:.2f} s wall, {cpu:.2f} s CPU"))
    rows.append(("store size", f"{(work / 'pv.sqlite3').stat().st_size / 1e6:.1f} MB"))
    return rows, settings, data


def bench_refresh(work: Path, settings: Path, data: Path, real_build: bool) -> list[tuple[str, str]]:
    output = work / "site"
    if real_build:
        wall, _, _ = run(sys.executable, "-m", "newsdesk", "build", "--settings", str(settings), "--input",
                         str(data / "content"), "--output", str(output))  # fmt: skip
        count = len(json.loads((output / "most-read-articles.json").read_text(encoding="utf-8"))["articles"])
        how = f"built ({wall:.0f} s)"
    else:
        count = index_from_corpus(data / "content", output)
        how = "index written from the corpus"
    new = new_hour_of_traffic(data / "access.log", work / "access.log.new")
    before = digest(output)
    wall, _, _ = most_read(settings, output, work / "access.log.new")
    after = digest(output)
    changed = sorted(name for name in after if after[name] != before.get(name))
    rerank, _, _ = run(sys.executable, "-m", "newsdesk.most_read", "--settings", str(settings), "--output", str(output))
    return [
        (f"refresh a {count:,}-article site ({how}): ingest {new:,} new lines + rewrite", f"{wall:.2f} s"),
        ("files rewritten by the refresh", f"{len(changed)} ({', '.join(changed)})"),
        ("re-rank only (no new logs)", f"{rerank:.2f} s"),
    ]


def bench_build(work: Path, articles: int, runs: int) -> list[tuple[str, str]]:
    data = corpus(work / f"build-corpus-{articles}", articles, max(10_000, 20 * articles), images=True)
    store = work / f"build-{articles}.sqlite3"
    store.unlink(missing_ok=True)
    with_plugin = conf(work, PLUGINS=["newsroom", "feeds", "most_read"], MOST_READ_DB=str(store))
    without = conf(work, PLUGINS=["newsroom", "feeds"])
    most_read(with_plugin, work / "no-output", data / "access.log")
    times: dict[str, list[float]] = {"with": [], "without": []}
    plugin_seconds = []
    for index in range(runs + 1):  # the first round warms the disk cache and is not counted
        for label, settings in (("without", without), ("with", with_plugin)):
            out = work / f"build-out-{label}"
            wall, _, result = run(sys.executable, "-m", "newsdesk", "build", "--settings", str(settings), "--input",
                                  str(data / "content"), "--output", str(out), "--verbose")  # fmt: skip
            found = re.search(r"Most read: ranked \d+ articles and wrote \S+ in ([\d.]+) s", result.stderr)
            if index:
                times[label].append(wall)
                if found:
                    plugin_seconds.append(float(found.group(1)))
    best_with, best_without = min(times["with"]), min(times["without"])
    middle_with, middle_without = statistics.median(times["with"]), statistics.median(times["without"])
    own = min(plugin_seconds) if plugin_seconds else float("nan")
    return [
        (
            f"build {articles:,} articles without most_read (best / median of {runs})",
            f"{best_without:.2f} s / {middle_without:.2f} s",
        ),
        (
            f"build {articles:,} articles with most_read (best / median of {runs})",
            f"{best_with:.2f} s / {middle_with:.2f} s",
        ),
        (
            "difference, best / median (noise included)",
            f"{best_with / best_without - 1:+.1%} / {middle_with / middle_without - 1:+.1%}",
        ),
        ("the plugin's own work in the build (its log line)", f"{own:.3f} s = {own / best_without:.2%} of the build"),
    ]


def measured(*args: str) -> tuple[float, float, int, str]:
    """Run a command; its wall-clock and CPU seconds, its own peak RSS in bytes, and its standard error."""
    started = time.perf_counter()
    process = subprocess.Popen(list(args), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    errors = process.stderr.read() if process.stderr else ""
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{errors}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, errors


def format_log(work: Path, data: Path, log_format: str) -> Path:
    """The corpus's generated log in ``log_format``, gzip'd (made once in ``work``)."""
    log = work / f"access.{log_format}.log.gz"
    if not log.exists():
        if log_format == "combined":
            with open(log, "wb") as handle:
                subprocess.run(["gzip", "-6", "-c", str(data / "access.log")], stdout=handle, check=True)
        else:
            run(sys.executable, "-m", "bench.cdn_log", "--format", log_format, str(data / "access.log"), str(log))
    return log


def bench_formats(work: Path, lines: int, articles: int) -> list[tuple[str, str]]:
    """The same log in each format, gzip'd, ingested into a fresh store, counted on worker processes (one a
    core, the default) and in one process: the parse rate, the whole command, its CPU (workers included), memory."""
    from bench.cdn_log import FORMATS  # noqa: PLC0415

    data = corpus(work / "corpus", articles, lines, images=False)
    rows = []
    for log_format in ("combined", *FORMATS):
        log = format_log(work, data, log_format)
        for label, processes in ((f"--processes {os.cpu_count()}", [f"{os.cpu_count()}"]), ("one process", ["1"])):
            store = work / f"formats-{log_format}.sqlite3"
            store.unlink(missing_ok=True)
            settings = conf(work, MOST_READ_DB=str(store))
            command = [sys.executable, "-m", "newsdesk.most_read", "--settings", str(settings), "--output",
                       str(work / "no-output"), "--logs", str(log), "--processes", *processes]  # fmt: skip
            wall, cpu, rss, errors = measured(*command)
            rate = re.search(r"parse rate: +([\d,]+) lines/s \([\d,]+ lines in ([\d.]+) s\)", errors)
            found = re.search(r"views counted: +\+([\d,]+)", errors)
            views = found.group(1) if found else "?"
            rows.append((
                f"{log_format} ({log.stat().st_size / 1e6:.0f} MB gzip'd), {label}",
                f"reading {rate.group(1) if rate else '?'} lines/s ({rate.group(2) if rate else '?'} s); whole command "
                f"{lines / wall:,.0f} lines/s ({wall:.1f} s wall, {cpu:.1f} s CPU: {lines / cpu:,.0f} lines per CPU "
                f"second); peak RSS {rss / 1e6:.0f} MB; views {views}",
            ))  # fmt: skip
    return rows


def print_table(title: str, first_column: str, rows: list[tuple[str, str]]) -> None:
    """The rows as a Markdown table under a line naming the machine and its load."""
    print(f"{title}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end\n")
    print(f"| {first_column} | result |\n| --- | --- |")
    for name, value in rows:
        print(f"| {name} | {value} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.most_read_bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=1_000_000, help="log lines to ingest (0: skip ingest and refresh)")
    parser.add_argument("--articles", type=int, default=10_000, help="articles of the refresh site")
    parser.add_argument("--build-articles", type=int, default=1_000, help="articles of the build comparison (0: skip)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--real-build", action="store_true", help="build the refresh site instead of writing its index")
    parser.add_argument("--formats", action="store_true", help="only ingest the log in each format (lines/s, RSS)")
    parser.add_argument("--write", type=Path, help="with --formats: put the table into this Markdown file")
    parser.add_argument("--work", type=Path, help="working folder, kept (default: a temporary one, removed)")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="most-read-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[str, str]] = []
    try:
        if args.formats:
            rows = bench_formats(work, args.lines, args.articles)
            if args.write:
                from most_read.gunzip import ENGINE  # noqa: PLC0415

                note = (f"`python -m bench.most_read_bench --formats` (in `make bench`): the generated log of "
                        f"{args.lines:,} lines, rewritten in each format by `bench/cdn_log.py` and gzip'd, ingested "
                        f"into a fresh store by `newsdesk.most_read` on {os.cpu_count()} CPUs (load average "
                        f"{os.getloadavg()[0]:.1f} at the end), counted on `--processes {os.cpu_count()}` worker "
                        f"processes and in one (the default); inflate by {ENGINE}. Reading is decompressing and "
                        "counting, its rate the summary's parse rate (wall); the whole command adds storing the hits "
                        "and recounting the "
                        "hours; CPU is the command's and its workers'.")  # fmt: skip
                write_section(args.write, "Most Read: log formats", rows, note)
        elif args.lines:
            rows, settings, data = bench_ingest(work, args.lines, args.articles, args.runs)
            rows += bench_refresh(work, settings, data, args.real_build)
        if args.build_articles and not args.formats:
            rows += bench_build(work, args.build_articles, args.runs)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print_table("Most Read benchmark", "measure", rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``make bench``: the site against bare Pelican on the same generated corpora, in the same run.

For each corpus size it builds, taking turns and several times each: bare Pelican
(default theme and feeds), the site from scratch with a cold body cache, the site
from scratch with a warm cache, and the site again after editing one article.
It prints medians and writes BENCHMARKS.md with a chart (bench/build-time.svg).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from newsdesk.conf import write_settings

from .benchmarks_file import write_head
from .chart import line_chart
from .corpus import generate
from .devserver_bench import report as devserver_report
from .devserver_bench import sample as devserver_sample
from .devserver_bench import save_to_served

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BARE_CONF = """\
PATH = "content"
TIMEZONE = "Europe/London"
SITENAME = "Bare Pelican"
"""


def run(command: list[str], env: dict[str, str] | None = None, cwd: Path = ROOT) -> tuple[float, int, float]:
    """Wall seconds, peak memory (MiB, the largest process) and CPU seconds (user + system, every
    process it waited for) of one command; raises if it fails."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{stderr[-3000:]}")
    return elapsed, usage.ru_maxrss // 1024, usage.ru_utime + usage.ru_stime


def corpus(work: Path, size: int) -> Path:
    folder = work / f"corpus-{size}"
    if not (folder / "done").is_file():
        shutil.rmtree(folder, ignore_errors=True)
        generate(folder, size, seed=1, images=True, pageviews=folder / "access.log", truth=folder / "truth.json",
                 url_template="{year}/{month}/{slug}/")  # fmt: skip
        (folder / "done").write_text("1")
    return folder


def site_conf(work: Path) -> Path:
    return write_settings(work, CACHE_PATH=str(work / "cache"), MOST_READ_DB=str(work / "pageviews.sqlite3"))


def next_hour(log: Path, out: Path) -> int:
    """The log's last hour of hits again, an hour later: the new traffic a refresh ingests."""

    def stamp(line: str) -> str:
        return line.split("[", 1)[1].split("]", 1)[0]  # 30/Jun/2025:23:59:59 +0000

    lines = log.read_text(encoding="utf-8").splitlines()[-50_000:]
    hour = stamp(lines[-1])[:14]
    later = []
    for line in lines:
        old = stamp(line)
        if old.startswith(hour):
            new = datetime.strptime(old, "%d/%b/%Y:%H:%M:%S %z") + timedelta(hours=1)
            later.append(line.replace(f"[{old}]", f"[{new:%d/%b/%Y:%H:%M:%S %z}]", 1))
    out.write_text("\n".join(later) + "\n", encoding="utf-8")
    return len(later)


def bare_build(work: Path, content: Path) -> tuple[float, int, float]:
    shutil.rmtree(work / "bare-out", ignore_errors=True)
    command = [PYTHON, "-m", "pelican", str(content), "-o", str(work / "bare-out"), "-s", str(work / "bare.py"), "-q"]
    return run(command)


def site_builds(work: Path, content: Path, conf: Path, article: Path) -> dict[str, object]:
    """The access log ingested into a fresh page-view store, a cold clean build (``--full``), a warm clean
    build (a first build into an empty output folder with the cache kept: the same sources and page views),
    an incremental build after editing ``article``, and a Most Read refresh with an hour of new traffic."""
    out = work / "out"
    build = [PYTHON, "-m", "newsdesk", "build", "--settings", str(conf), "--input", str(content), "--output", str(out)]
    most_read = [PYTHON, "-m", "newsdesk.most_read", "--settings", str(conf), "--output", str(out), "-q"]
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(work / "cache", ignore_errors=True)
    (work / "pageviews.sqlite3").unlink(missing_ok=True)
    # a newsroom's first build has its page views too: both clean builds show the same Most Read lists
    ingest = run([*most_read, "--logs", str(content.parent / "access.log")])
    cold = run([*build, "--full"])
    shutil.rmtree(out)
    timings = work / "timings.json"
    warm = run(build, env={"NEWSDESK_TIMINGS": str(timings)})  # a first build: no live site, the cache kept
    original = article.read_text()
    article.write_text(original.replace("\n\n", "\n\nAn added sentence for the benchmark.\n\n", 1))
    try:
        edit = run(build)
    finally:
        article.write_text(original)
    hits = next_hour(content.parent / "access.log", work / "next-hour.log")
    refresh = run([*most_read, "--logs", str(work / "next-hour.log")])
    return {"cold": cold, "warm": warm, "edit": edit, "ingest": ingest, "refresh": refresh, "hits": hits,
            "phases": json.loads(timings.read_text())}  # fmt: skip


def measure(size: int, runs: int, work: Path, edits: int) -> dict[str, object]:
    content = corpus(work, size) / "content"
    (work / "bare.py").write_text(BARE_CONF)
    conf = site_conf(work)
    article = sorted(content.rglob("*.md"))[size // 2]
    kinds = ("bare", "cold", "warm", "edit", "ingest", "refresh")
    results: dict[str, list[tuple[float, int, float]]] = {k: [] for k in kinds}
    phases: list[dict[str, float]] = []
    for turn in range(runs):
        site_first = turn % 2 == 1  # take turns: bare first on even runs, the site first on odd ones
        if not site_first:
            results["bare"].append(bare_build(work, content))
        site = site_builds(work, content, conf, article)
        for key in ("cold", "warm", "edit", "ingest", "refresh"):
            results[key].append(site[key])
        phases.append(site["phases"])
        if site_first:
            results["bare"].append(bare_build(work, content))
        print(f"  {size} articles, run {turn + 1}/{runs} done", file=sys.stderr)
    medians = {k: (statistics.median(r[0] for r in v), max(r[1] for r in v), statistics.median(r[2] for r in v))
               for k, v in results.items()}  # fmt: skip
    phase_medians = {k: statistics.median(p.get(k, 0.0) for p in phases) for k in sorted(phases[0])}
    log_lines = sum(1 for _ in (content.parent / "access.log").open(encoding="utf-8"))
    served = save_to_served(content, work / "out", article, edits, conf)  # over the site the builds left
    return {"size": size, "medians": medians, "phases": phase_medians, "runs": runs, "log_lines": log_lines,
            "hits": site["hits"], "served": served}  # fmt: skip


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "unknown CPU")  # fmt: skip
    memory = next((int(line.split()[1]) // 1024 // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)  # fmt: skip
    python = platform.python_version()
    return f"{os.cpu_count()} cores ({model}), {memory} GiB memory, Linux {platform.release()}, Python {python}"


def report(results: list[dict[str, object]], extra: str) -> str:
    columns = [
        "articles", "bare Pelican", "site, cold cache", "site, warm cache", "ratio (warm / bare)",
        "edit one article", "ratio (edit / bare)", "articles/s (bare → site)", "peak memory (bare / site)",
        "CPU s, user + system (bare / site warm)",
    ]  # fmt: skip
    lines = ["| " + " | ".join(columns) + " |", "|" + " ---: |" * len(columns)]
    for r in results:
        m = r["medians"]
        bare, cold, warm, edit = (m[k][0] for k in ("bare", "cold", "warm", "edit"))
        lines.append(
            f"| {r['size']:,} | {bare:.1f} s | {cold:.1f} s | {warm:.1f} s | {warm / bare:.2f} | {edit:.1f} s | "
            f"{edit / bare:.3f} | {r['size'] / bare:.0f} → {r['size'] / warm:.0f} | "
            f"{m['bare'][1]} / {max(m['cold'][1], m['warm'][1])} MiB | {m['bare'][2]:.0f} / {m['warm'][2]:.0f} |"
        )
    lines += [
        "",
        "Most Read (`newsdesk.most_read`, median seconds): ingesting the corpus's access log into a fresh "
        "store, and a refresh that ingests one more hour of traffic and rewrites `most-read.json` without "
        "a rebuild.",
        "",
        "| articles | log lines | ingest | new lines | refresh |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        m = r["medians"]
        ingest, refresh = m["ingest"][0], m["refresh"][0]
        lines.append(f"| {r['size']:,} | {r['log_lines']:,} | {ingest:.1f} s | {r['hits']:,} | {refresh:.2f} s |")
    lines += [
        "",
        "Where a warm clean build of the site spends its time (median seconds; `in:` rows are parts of phases):",
        "",
    ]
    names = sorted({k for r in results for k in r["phases"]}, key=lambda k: (k.startswith("in:"), k))
    lines.append("| phase | " + " | ".join(f"{r['size']:,}" for r in results) + " |")
    lines.append("| --- |" + " ---: |" * len(results))
    for name in names:
        lines.append(f"| {name} | " + " | ".join(f"{r['phases'].get(name, 0):.2f}" for r in results) + " |")
    lines.append("")
    for r in results:
        phases = r["phases"]
        total, main, worker = phases.get("total", 0.0), phases.get("in:feeds", 0.0), phases.get("in:feeds, in a worker")
        share = main / total if total else 0.0
        beside = f", plus {worker:.1f} s in a worker process beside the page rendering" if worker else ""
        lines.append(f"- Feeds at {r['size']:,} articles: {main:.1f} s in the build process ({share:.1%} of the warm "
                     f"build){beside}.")  # fmt: skip
    return "\n".join(lines) + ("\n\n" + extra if extra else "") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated article counts")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", default=str(ROOT / ".newsdesk" / "bench"))
    parser.add_argument("--write", default=str(ROOT / "BENCHMARKS.md"))
    parser.add_argument("--edits", type=int, default=7, help="saves timed with the devserver, per site")
    args = parser.parse_args(argv)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    results = [measure(int(size), args.runs, work, args.edits) for size in args.sizes.split(",")]
    served = [("the sample site", devserver_sample(work, args.edits, site_conf(work)))]
    served += [(f"{r['size']:,} articles", r["served"]) for r in results]
    extra = devserver_report(served, args.edits) + "\n"
    if shutil.which("hugo") is None:
        extra += "Hugo is not installed here (`apt-get install hugo` adds it as a column).\n"
    table = report(results, extra)
    print(table)
    sizes = [r["size"] for r in results]
    chart = line_chart("Build time against article count", "articles", "seconds", sizes, {
        "bare Pelican": [r["medians"]["bare"][0] for r in results],
        "site (warm cache)": [r["medians"]["warm"][0] for r in results],
        "site, one article edited": [r["medians"]["edit"][0] for r in results],
    })  # fmt: skip
    (ROOT / "bench" / "build-time.svg").write_text(chart, encoding="utf-8")
    command = f"make bench BENCH_SIZES={args.sizes} BENCH_RUNS={args.runs}"
    write_head(
        Path(args.write),
        "# Benchmarks\n\n"
        f"Measured with `{command}` on {machine()}. Medians of {args.runs} runs per cell, the two builds taking "
        "turns on the same generated corpus (`bench/corpus.py`, seed 1, with hero images). Bare Pelican is Pelican "
        "4.12 with its default theme and feeds. 'Cold cache' is a clean build with an empty cache folder (no converted "
        "bodies, checked front-matter, term counts or feed entries), `newsdesk build --full`, every page rendered; "
        "'warm cache' a clean build with the cache that build left (`newsdesk build` into an empty output folder, "
        "as a first build or a CI run with its cache restored: unchanged pages are taken from the page store, "
        "photos and compressed siblings linked from the cache); both come after the corpus's access log is "
        "ingested into a fresh page-view store, so they show the same Most Read lists from the same sources; 'edit "
        "one article' an incremental build after adding a sentence to one article, over the warm build's site: it "
        "renders what changed and applies it to the site in place. "
        "Peak memory is that of the largest single "
        "process (the build, a Pagefind run or a worker; the workers are forks that share most of their memory "
        "with the build).\n\n" + table +
        "\n![Build time against article count](bench/build-time.svg)\n",
    )  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``make soak``: the whole pipeline at growing sizes; time and peak memory must grow no faster than linearly.

For each size it generates a corpus with hero images and an access log (2,000,000 lines
at 20,000 articles, in proportion below), ingests the log into a fresh page-view store,
builds the site from scratch with that store (every plugin on), and then refreshes Most
Read. It prints a table and the growth per article relative to the smallest size.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from newsdesk.conf import write_settings

from .corpus import generate
from .run import PYTHON, ROOT, run

LINES_PER_ARTICLE = 100  # 2,000,000 lines at 20,000 articles
HEADER = """
## Scale soak

Measured with `make soak`: after ingesting the corpus's access log into a fresh page-view
store, a cold full build with every plugin, then a Most Read refresh. The last two columns
divide by the article count: a ratio near 1 means linear growth.

"""


def soak(size: int, work: Path) -> dict[str, float]:
    folder = work / f"soak-{size}"
    if not (folder / "done").is_file():
        shutil.rmtree(folder, ignore_errors=True)
        generate(folder, size, seed=2, images=True, pageviews=folder / "access.log",
                 url_template="{year}/{month}/{slug}/", pv_lines=size * LINES_PER_ARTICLE)  # fmt: skip
        (folder / "done").write_text("1")
    db, out, cache = folder / "pageviews.sqlite3", folder / "out", folder / "cache"
    for stale in (db, out, cache):
        shutil.rmtree(stale, ignore_errors=True) if stale.is_dir() else stale.unlink(missing_ok=True)
    conf = write_settings(folder, MOST_READ_DB=str(db), CACHE_PATH=str(cache))
    newsdesk = [PYTHON, "-m", "newsdesk"]
    ingest = run([*newsdesk, "most-read", "--settings", str(conf), "--output", str(out), "--db", str(db), "--logs",
                  str(folder / "access.log"), "--quiet"])  # fmt: skip
    build = run([*newsdesk, "build", "--settings", str(conf), "--input", str(folder / "content"), "--output",
                 str(out), "--full"])  # fmt: skip
    refresh = run([*newsdesk, "most-read", "--settings", str(conf), "--output", str(out), "--db", str(db), "--quiet"])
    return {"size": size, "lines": size * LINES_PER_ARTICLE, "ingest": ingest[0], "ingest_mib": ingest[1],
            "build": build[0], "build_mib": build[1], "refresh": refresh[0]}  # fmt: skip


def table(rows: list[dict[str, float]]) -> str:
    base = rows[0]
    lines = [
        "| articles | log lines | ingest | build (all plugins, cold) | refresh | peak memory (ingest / build) |"
        " build s per 1k articles (vs smallest) | build MiB per 1k articles (vs smallest) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        per_time = r["build"] / r["size"] * 1000
        per_mem = r["build_mib"] / r["size"] * 1000
        time_ratio = per_time / (base["build"] / base["size"] * 1000)
        mem_ratio = per_mem / (base["build_mib"] / base["size"] * 1000)
        lines.append(
            f"| {r['size']:,} | {r['lines']:,} | {r['ingest']:.1f} s | {r['build']:.1f} s | {r['refresh']:.2f} s | "
            f"{r['ingest_mib']} / {r['build_mib']} MiB | {per_time:.2f} s (×{time_ratio:.2f}) | "
            f"{per_mem:.1f} (×{mem_ratio:.2f}) |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="5000,10000,20000")
    parser.add_argument("--work", default=str(ROOT / ".newsdesk" / "soak"))
    parser.add_argument("--write", default="", help="append the table to this Markdown file")
    args = parser.parse_args(argv)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        rows.append(soak(size, work))
        print(f"  soak at {size} articles done", file=sys.stderr)
    text = table(rows)
    print(text)
    if args.write:
        with open(args.write, "a", encoding="utf-8") as handle:
            handle.write(HEADER + text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

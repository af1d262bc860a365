"""Benchmark of the related plugin: speed and memory at 1k/10k/50k articles, precision@3 against a baseline.

    .venv/bin/python bench/related_bench.py [--sizes 1000 10000 50000] [--workdir DIR] [--seed 1]

Corpora come from ``bench/corpus.py`` (``python -m bench.corpus``), or from the shared
``make_corpus.py`` when that is missing, and are kept in ``--workdir`` (default: the system
temporary folder) for the next run.
Each size is timed in a fresh process: reading the Markdown files with a small parser
(not timed as ranking), then the pure ranking as a build runs it (``related.scoring.rank``
without reasons: tokenising, TF-IDF, indexes, every article's list and scores), then once
more with each link's reasons (shared tags and terms), as ``make related-report`` runs it.
Memory is the process's peak resident set size, and the
part of it the ranking added. Quality is precision@3 (the share of the first three links
that stay in the article's own story) on the evaluation set in
``tests/fixtures/related_eval/``, alone and mixed into the synthetic corpora, for our
scoring and for the shared-tag-count baseline most generators use; and on the generated
sets of ``bench/related_sets.py`` (long noisy pages, publisher tags, headlines only,
same-topic events), against plain TF-IDF too. Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT))

from related.evaluate import precision_at, tag_count_baseline, tfidf_baseline  # noqa: E402
from related.model import Config, Doc  # noqa: E402
from related.scoring import rank  # noqa: E402
from related.sources import read_folder  # noqa: E402

from bench.related_sets import make_sets  # noqa: E402

EVAL = ROOT / "tests" / "fixtures" / "related_eval"
SHARED_GENERATOR = ROOT.parent / "shared" / "bench" / "make_corpus.py"
TARGETS = {1000: 1.0, 10000: 15.0, 50000: 90.0}  # seconds, from the issue


def corpus(size: int, workdir: Path, seed: int) -> Path:
    """The content folder of a synthetic corpus of ``size`` articles, generated once."""
    out = workdir / f"corpus-{size}-seed{seed}"
    content = out / "content"
    if not (out / ".complete").exists():
        args = ["--articles", str(size), "--out", str(out), "--seed", str(seed), "-q"]
        if (ROOT / "bench" / "corpus.py").exists():
            command = [sys.executable, "-m", "bench.corpus", *args]
        else:
            command = [sys.executable, str(SHARED_GENERATOR), *args]
        print(f"generating {size} articles: {' '.join(command[1:])}", file=sys.stderr)
        subprocess.run(command, cwd=ROOT, check=True)
        (out / ".complete").write_text("ok\n")
    return content


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def measure(content: Path) -> dict[str, float]:
    """Run in a fresh process: read, then time the ranking alone."""
    started = time.perf_counter()
    docs = read_folder(content)
    read_s = time.perf_counter() - started
    before = _rss_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    ranking = rank(docs, Config(), reasons=False)  # what a build runs: the lists and their scores
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = _rss_mb()  # before the report's ranking, which would raise it
    report_cpu = time.process_time()
    rank(docs, Config())  # what ``make related-report`` runs: every link's shared tags and terms too
    report_cpu = time.process_time() - report_cpu
    kinds: dict[str, int] = {}
    for links in ranking.lists.values():
        for link in links:
            kinds[link.kind] = kinds.get(link.kind, 0) + 1
    full = sum(len(links) == Config().count for links in ranking.lists.values())
    return {
        "articles": len(docs),
        "read_s": read_s,
        "rank_s": wall,
        "cpu_s": cpu,
        "report_cpu_s": report_cpu,
        "peak_mb": peak,
        "rank_mb": peak - before,
        "full_lists": full,
        **{f"links_{k}": v for k, v in sorted(kinds.items())},
    }


def _measure_in_subprocess(content: Path) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--measure", str(content)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout)


def evaluation_set() -> tuple[list[Doc], dict[str, str | None]]:
    docs = read_folder(EVAL / "articles")
    stories = json.loads((EVAL / "stories.json").read_text(encoding="utf-8"))["stories"]
    return docs, {doc.key: stories[doc.slug] for doc in docs}


def quality(extra: list[Doc]) -> tuple[float, float, int]:
    """precision@3 of (ours, baseline) on the evaluation set, mixed into ``extra`` articles.

    The evaluation articles are moved in time to half a year before the corpus's newest
    article, so that they sit among the corpus's own dates.
    """
    docs, story_of = evaluation_set()
    if extra:
        shift = max(d.timestamp for d in extra) - 182 * 86400 - min(d.timestamp for d in docs)
        docs = [dataclasses.replace(d, key=f"eval/{d.key}", timestamp=d.timestamp + shift) for d in docs]
        story_of = {f"eval/{key}": story for key, story in story_of.items()}
    everything = [*extra, *docs]
    ours = {key: [link.key for link in links] for key, links in rank(everything, Config()).lists.items()}
    baseline = tag_count_baseline(everything, Config().count)
    (p_ours, counted), (p_base, _) = precision_at(ours, story_of, 3), precision_at(baseline, story_of, 3)
    return p_ours, p_base, counted


def generated_quality(seed: int = 25) -> list[tuple[str, int, int, float, float, float]]:
    """Per generated set: (name, articles, articles in stories, ours, plain TF-IDF, shared-tag count)."""
    rows = []
    for name, (docs, story_of) in make_sets(seed).items():
        ours = {key: [link.key for link in links] for key, links in rank(docs, Config()).lists.items()}
        p_ours, counted = precision_at(ours, story_of, 3)
        p_tfidf, _ = precision_at(tfidf_baseline(docs, Config().count), story_of, 3)
        p_tags, _ = precision_at(tag_count_baseline(docs, Config().count), story_of, 3)
        rows.append((name, len(docs), counted, p_ours, p_tfidf, p_tags))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "newsdesk-related-bench")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quality-sizes", type=int, nargs="*", default=[1000, 10000], help="corpora to mix into")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return 0
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"Python {sys.version.split()[0]}, pure-Python ranking with the default RELATED_* settings.\n")
    print(
        "| articles | read files (s) | ranking wall (s) | ranking CPU (s) | target (s) | with reasons, CPU (s) "
        "| peak RSS (MB) | added by ranking (MB) | KB per article | full lists |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in args.sizes:
        row = _measure_in_subprocess(corpus(size, args.workdir, args.seed))
        per_article = row["rank_mb"] * 1024 / max(row["articles"], 1)
        target = TARGETS.get(size)
        print(
            f"| {row['articles']:,} | {row['read_s']:.2f} | {row['rank_s']:.2f} | {row['cpu_s']:.2f} "
            f"| {'' if target is None else f'< {target:g}'} | {row['report_cpu_s']:.2f} "
            f"| {row['peak_mb']:.0f} | {row['rank_mb']:.0f} "
            f"| {per_article:.1f} | {row['full_lists']:,} / {row['articles']:,} |",
            flush=True,
        )
    print("\nprecision@3 (share of the first 3 related links that stay in the article's story):\n")
    print("| evaluation set | articles in stories | ours | shared-tag-count baseline |")
    print("| --- | ---: | ---: | ---: |")
    p_ours, p_base, counted = quality([])
    print(f"| alone ({len(evaluation_set()[0])} articles) | {counted} | {p_ours:.3f} | {p_base:.3f} |", flush=True)
    for size in args.quality_sizes:
        extra = read_folder(corpus(size, args.workdir, args.seed))
        p_ours, p_base, counted = quality(extra)
        print(f"| mixed into {size:,} synthetic articles | {counted} | {p_ours:.3f} | {p_base:.3f} |", flush=True)
    print("\nprecision@3 on the generated sets (bench/related_sets.py, the failures of issue #25):\n")
    print("| generated set | articles | in stories | ours | plain TF-IDF | shared-tag count |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, total, counted, p_ours, p_tfidf, p_tags in generated_quality():
        print(f"| {name} | {total} | {counted} | {p_ours:.3f} | {p_tfidf:.3f} | {p_tags:.3f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Every related list of a tree, written down to compare with another tree's: a change meant only to
make the ranking faster must leave every list, score and reason as it was.

    .venv/bin/python -m bench.related_diff dump lists.json [--corpus DIR ...]
    .venv/bin/python -m bench.related_diff compare before.json after.json

``dump`` ranks the evaluation set of ``tests/fixtures/related_eval``, the generated sets of
``bench/related_sets.py`` and each ``--corpus`` content folder three ways: with reasons (as
``make related-report``), without (as a build), and through ``rank_again`` with no memo (as a
build's first ranking), and writes every link with its exact scores. Run it in each tree (a
``git worktree`` of the commit before, say), then ``compare``: it names each set whose lists
differ and exits 1 when any does.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT))

from related.model import Config, Doc, Ranking  # noqa: E402
from related.scoring import rank, rank_again  # noqa: E402
from related.sources import read_folder  # noqa: E402

from bench.related_sets import make_sets  # noqa: E402

EVAL = ROOT / "tests" / "fixtures" / "related_eval" / "articles"


def _written(ranking: Ranking) -> dict[str, Any]:
    lists = {
        key: [[link.key, link.kind, repr(link.score), repr(link.text), repr(link.tags), list(link.shared_terms),
               [[tag, repr(weight)] for tag, weight in link.shared_tags]] for link in links]
        for key, links in ranking.lists.items()
    }  # fmt: skip
    return {"lists": lists, "problems": [[p.key, p.message] for p in ranking.problems]}


def dump(corpora: list[Path]) -> dict[str, Any]:
    sets: dict[str, list[Doc]] = {"related_eval": read_folder(EVAL)}
    sets.update((name, docs) for name, (docs, _) in make_sets(25).items())
    sets.update((str(folder), read_folder(folder)) for folder in corpora)
    found = {}
    for name, docs in sets.items():
        found[f"{name} (report)"] = _written(rank(docs, Config()))
        found[f"{name} (build)"] = _written(rank(docs, Config(), reasons=False))
        found[f"{name} (first build)"] = _written(rank_again(docs, Config())[0])
    return found


def compare(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """One line per set: identical, or how many lists differ and the first of them."""
    lines = []
    for name in sorted(before.keys() | after.keys()):
        old, new = before.get(name), after.get(name)
        if old is None or new is None:
            lines.append(f"{name}: only in {'after' if old is None else 'before'}")
            continue
        keys = old["lists"].keys() | new["lists"].keys()
        changed = sorted(k for k in keys if old["lists"].get(k) != new["lists"].get(k))
        problems = "" if old["problems"] == new["problems"] else ", pin problems differ"
        lines.append(f"{name}: " + (f"{len(changed)} lists differ, first {changed[0]}" if changed else "identical")
                     + problems)  # fmt: skip
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump")
    dumping.add_argument("output", type=Path)
    dumping.add_argument("--corpus", type=Path, action="append", default=[], help="a content folder to rank too")
    comparing = commands.add_parser("compare")
    comparing.add_argument("before", type=Path)
    comparing.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "dump":
        args.output.write_text(json.dumps(dump(args.corpus), sort_keys=True), encoding="utf-8")
        return 0
    lines = compare(*(json.loads(path.read_text(encoding="utf-8")) for path in (args.before, args.after)))
    print("\n".join(lines))
    return 0 if all(line.endswith(": identical") for line in lines) else 1


if __name__ == "__main__":
    sys.exit(main())

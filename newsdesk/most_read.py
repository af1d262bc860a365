"""``make most-read``: ingest access logs and analytics exports, then refresh the published list.

    python -m newsdesk.most_read --logs access.log access.log.1 access.log.2.gz [--csv export.csv]
                                 [--settings pelicanconf.py] [--output output]

Reads the settings file as plain Python (Pelican is not imported: a refresh takes well under
a second), adds the page views to the store (``MOST_READ_DB``), prints a summary, and, when
the site has been built into ``--output``, ranks again from its article index
(``most-read-articles.json``) and rewrites ``most-read.json`` there, atomically. Pages pick up
the fresh list through ``theme/js/most-read.js`` without a rebuild.
"""

from __future__ import annotations

import argparse
import os
import runpy
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

from .safety import build_lock, hold_lock, lock_path

PROJECT = Path(__file__).resolve().parent.parent
PELICAN_DEFAULTS = {"ARTICLE_URL": "{slug}.html", "SITEURL": "", "TIMEZONE": "UTC"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file (default pelicanconf.py)")
    parser.add_argument("--output", default="output", help="the built site to refresh (default output)")
    parser.add_argument("--logs", nargs="*", default=[], metavar="LOG", help="access logs, plain or gzip; - is stdin")
    parser.add_argument("--csv", nargs="*", default=[], metavar="CSV", help="analytics exports: path,hour|day,views")
    parser.add_argument("--db", default=None, help="the page-view store (default: MOST_READ_DB)")
    parser.add_argument(
        "--bot-pattern",
        nargs="?",
        const="raw",
        choices=sorted(LITERALS),
        help="print the crawler user-agent pattern, as a string literal of a SQL dialect if named, and stop",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print only problems")


def read_settings(path: str) -> dict[str, Any]:
    """The upper-case names of a settings file, over the few Pelican defaults this needs."""
    values = runpy.run_path(str(Path(path).resolve()))
    return {**PELICAN_DEFAULTS, **{k: v for k, v in values.items() if k.isupper()}}


LITERALS = {  # the pattern as a string literal that each engine reads back unchanged
    "raw": lambda p: p,
    "athena": lambda p: "'" + p.replace("'", "''") + "'",  # Trino/Presto: no backslash escapes
    "bigquery": lambda p: 'r"' + p + '"',  # a raw string; the pattern has no double quote
    "clickhouse": lambda p: "'" + p.replace("\\", "\\\\").replace("'", "\\'") + "'",
    "spark": lambda p: '"' + p + '"',  # with spark.sql.parser.escapedStringLiterals=true
}


def bot_pattern(dialect: str = "raw") -> str:
    """The maintained crawler list (crawler-user-agents) as one regular expression, RE2 and Java compatible."""
    import crawleruseragents  # noqa: PLC0415 - only when asked

    pattern = "|".join(entry["pattern"] for entry in crawleruseragents.CRAWLER_USER_AGENTS_DATA)
    if '"' in pattern:
        raise ValueError("the crawler list now has a double quote: update the SQL literals")
    return LITERALS[dialect](pattern)


def run(args: argparse.Namespace) -> int:
    if args.bot_pattern:
        print(bot_pattern(args.bot_pattern))
        return 0
    sys.path.insert(0, str(PROJECT / "plugins"))
    from common import clock  # noqa: PLC0415
    from most_read import settings as most_read_settings  # noqa: PLC0415 - needs the plugin path

    started = time.perf_counter()
    try:
        config = most_read_settings.load(read_settings(args.settings))
        now = clock.now(zone=config.zone)
    except (OSError, SyntaxError) as exc:
        print(f"error: cannot read {args.settings}: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        from common.errors import SettingsError  # noqa: PLC0415 - imports Pelican: only on this path

        if not isinstance(exc, SettingsError):
            raise
        print(f"error: {exc}", file=sys.stderr)
        return 2
    from most_read.store import Store, StoreError  # noqa: PLC0415
    from most_read.storefile import trouble  # noqa: PLC0415

    db = args.db or config.db
    waiting = f"Another `make most-read` is writing {db}; waiting for it to finish."
    try:
        with hold_lock(lock_path(Path(db)), waiting, _say):  # two runs take turns on the store, as builds do
            store = Store.open(db)  # checked: a damaged store is reported, and never written
            try:
                return _run(store, config, args, db, now, started)
            finally:
                store.close()
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except sqlite3.Error as exc:  # the ingest was rolled back: the store is as it was
        print(f"error: {trouble(db, exc)}", file=sys.stderr)
        return 2


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _run(store: Any, config: Any, args: argparse.Namespace, db: str, now: int, started: float) -> int:
    """Ingest, summarise and refresh, holding the store. The ingest is one transaction: a run that is
    killed or fails halfway leaves the store as it was, and ingesting the same files again adds them all."""
    from most_read.future import not_after  # noqa: PLC0415
    from most_read.summary import summary  # noqa: PLC0415

    with store.transaction():
        report = _ingest(store, config, args, now)
    report.seconds = time.perf_counter() - started
    if not args.quiet and (args.logs or args.csv):
        print(summary(report, db), file=sys.stderr)
    for name, why in report.unreadable:
        print(f"error: {name}: {why}", file=sys.stderr)
    refreshed = refresh(store, config, Path(args.output), db, not_after(now, config.clock_skew_minutes))
    if not args.quiet:
        print(f"{refreshed} ({time.perf_counter() - started:.2f} s in all)", file=sys.stderr)
    return 1 if report.unreadable else 0


def _ingest(store: Any, config: Any, args: argparse.Namespace, now: int) -> Any:
    """Add the logs and exports to the store. Nothing dated after now (and the allowance for clock skew)
    goes in, and what an older version let in is dropped first, so that it prunes nothing."""
    from most_read import analytics  # noqa: PLC0415
    from most_read.counting import Rules  # noqa: PLC0415
    from most_read.future import not_after  # noqa: PLC0415
    from most_read.ingest import Report, ingest_csv, ingest_logs  # noqa: PLC0415
    from most_read.paths import article_pattern  # noqa: PLC0415

    report = Report(now=now, skew_minutes=config.clock_skew_minutes)
    limit = not_after(now, config.clock_skew_minutes)
    if args.logs or args.csv:
        report.dropped = store.drop_after(limit)
    pattern = article_pattern(config.article_url)
    if args.logs:
        import crawleruseragents  # noqa: PLC0415 - 0.1 s to load: only when there are logs

        rules = Rules(
            pattern, crawleruseragents.is_crawler, store.salt, config.site_path,
            not_before=store.kept_from, number=store.number, not_after=limit,
        )  # fmt: skip
        ingest_logs(store, args.logs, rules, config.keep_hits_days, report)
    if args.csv:
        settings = analytics.CsvSettings(pattern, config.zone, config.site_path, limit)
        ingest_csv(store, args.csv, settings, report)
    return report


def _write_atomic(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    with open(temporary, "wb") as handle:
        handle.write(data)
    os.replace(temporary, path)


def refresh(store: Any, config: Any, output: Path, db: str, not_after: int) -> str:
    """Rank again and rewrite ``most-read.json`` in a built site, from the views not dated after
    ``not_after``; say what happened."""
    from most_read.output import INDEX_NAME, JSON_NAME, BadIndex, most_read_document, read_index  # noqa: PLC0415
    from most_read.ranking import build_lists  # noqa: PLC0415
    from most_read.settings import rank_settings  # noqa: PLC0415
    from most_read.store import read_views  # noqa: PLC0415

    index = output / INDEX_NAME
    if not index.is_file():
        return f"Most read: {index} not found; build the site (make html) to publish the list."
    # a build applying to the site meanwhile would put its own, older list back: take turns with builds
    with build_lock(output.resolve(), lambda message: print(message, file=sys.stderr)):
        try:
            articles, site_path = read_index(index.read_bytes())
        except BadIndex as exc:
            return f"Most read: {index} is not an article index ({exc}); rebuild the site."
        newest, buckets = read_views(store, config.window_days, config.half_life_hours > 0, not_after)
        lists = build_lists(articles, buckets, newest, rank_settings(config), db)
        for warning in lists.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        _write_atomic(output / JSON_NAME, most_read_document(lists, site_path, config.window_days))
    window = f"{lists.window.iso()['start']} to {lists.window.iso()['end']}" if lists.window else "latest stories"
    return f"Most read: rewrote {output / JSON_NAME} ({window}, {len(articles):,} articles)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsdesk most-read", description=__doc__.split("\n\n")[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())

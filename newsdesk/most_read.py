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
import runpy
import sqlite3
import sys
import time
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from .safety import build_lock, hold_lock, lock_path

PROJECT = Path(__file__).resolve().parent.parent
PELICAN_DEFAULTS = {"ARTICLE_URL": "{slug}.html", "SITEURL": "", "TIMEZONE": "UTC"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from most_read.dialects import LITERALS  # noqa: PLC0415 - light: no Pelican, no crawler list
    from most_read.formats import FORMATS  # noqa: PLC0415

    parser.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file (default pelicanconf.py)")
    parser.add_argument("--output", default="output", help="the built site to refresh (default output)")
    parser.add_argument("--logs", nargs="*", default=[], metavar="LOG", help="access logs, plain or gzip; - is stdin")
    parser.add_argument(
        "--log-format",
        default="auto",
        choices=FORMATS,
        help="the logs' format (default auto: each file's first line tells)",
    )
    parser.add_argument(
        "--processes",
        type=int,
        default=1,
        metavar="N",
        help="processes counting the logs' blocks (default 1; 2 or more: worker processes, for idle cores)",
    )
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


def run(args: argparse.Namespace) -> int:
    if args.bot_pattern:
        from most_read.dialects import bot_pattern  # noqa: PLC0415

        print(bot_pattern(args.bot_pattern))
        return 0
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


def _site_lock(output: Path) -> AbstractContextManager[None]:
    return build_lock(output, _say)


def _run(store: Any, config: Any, args: argparse.Namespace, db: str, now: int, started: float) -> int:
    """Ingest, summarise and refresh, holding the store."""
    from most_read.formats import FormatError  # noqa: PLC0415
    from most_read.refresh import ingest, refresh  # noqa: PLC0415
    from most_read.summary import summary  # noqa: PLC0415

    try:
        report = ingest(store, config, args.logs, args.csv, now, args.log_format, args.processes)
    except FormatError as exc:  # the ingest was rolled back: the store is as it was
        _say(f"error: {exc}; nothing was stored")
        return 2
    report.seconds = time.perf_counter() - started
    if not args.quiet and (args.logs or args.csv):
        _say(summary(report, db))
    for name, why in report.unreadable:
        _say(f"error: {name}: {why}")
    refreshed = refresh(store, config, Path(args.output), db, now, _site_lock)
    for warning in refreshed.warnings:
        _say(f"warning: {warning}")
    if not args.quiet:
        _say(f"{refreshed.message} ({time.perf_counter() - started:.2f} s in all)")
    return 1 if report.unreadable else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsdesk most-read", description=__doc__.split("\n\n")[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())

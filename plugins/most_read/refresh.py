"""``make most-read`` without Pelican: page views into the store, then the list of a built site
ranked again from its article index (``most-read-articles.json``) and rewritten in place.

Plain functions over the open store and the settings; the command line around them locks the
store and the site (a lock is handed in as a callable), prints and chooses the exit code.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from common.compress import refresh_siblings

from . import analytics
from .counting import Rules
from .future import not_after as not_after_now
from .ingest import Report, ingest_csv, ingest_logs
from .output import INDEX_NAME, JSON_NAME, BadIndex, read_index
from .paths import article_pattern
from .publish import publish
from .settings import MostReadSettings
from .store import Store

SiteLock = Callable[[Path], AbstractContextManager[object]]  # held while the site's list is rewritten


@dataclass(frozen=True)
class Refreshed:
    message: str  # what happened to the site, in one line
    warnings: tuple[str, ...] = ()  # the ranking's, e.g. latest stories listed for want of views


def ingest(
    store: Store,
    config: MostReadSettings,
    logs: Sequence[str],
    csvs: Sequence[str],
    now: int,
    log_format: str = "auto",
    processes: int = 1,
) -> Report:
    """Add the logs and exports to the store, in one transaction: a run that is killed or fails halfway
    leaves the store as it was, and ingesting the same files again adds them all. Nothing dated after
    now (and the allowance for clock skew) goes in, and what an older version let in is dropped first,
    so that it prunes nothing."""
    report = Report(now=now, skew_minutes=config.clock_skew_minutes)
    limit = not_after_now(now, config.clock_skew_minutes)
    pattern = article_pattern(config.article_url)
    with store.transaction():
        if logs or csvs:
            report.dropped = store.drop_after(limit)
        if logs:
            import crawleruseragents  # noqa: PLC0415 - 0.1 s to load: only when there are logs

            rules = Rules(
                pattern, crawleruseragents.is_crawler, store.salt, config.site_path,
                not_before=store.kept_from, number=store.number, not_after=limit,
            )  # fmt: skip
            ingest_logs(store, list(logs), rules, config.keep_hits_days, report, log_format, processes)
        if csvs:
            settings = analytics.CsvSettings(pattern, config.zone, config.site_path, limit)
            ingest_csv(store, csvs, settings, report)
    return report


def refresh(
    store: Store, config: MostReadSettings, output: Path, store_name: str, now: int, site_lock: SiteLock
) -> Refreshed:
    """Rank again from the views not dated after now (and the skew allowance) and rewrite
    ``most-read.json`` in the site built into ``output``, holding ``site_lock``: a build applying
    to the site meanwhile would put its own, older list back."""
    index = output / INDEX_NAME
    if not index.is_file():
        return Refreshed(f"Most read: {index} not found; build the site (make html) to publish the list.")
    with site_lock(output.resolve()):
        try:
            articles, site_path = read_index(index.read_bytes())
        except BadIndex as exc:
            return Refreshed(f"Most read: {index} is not an article index ({exc}); rebuild the site.")
        limit = not_after_now(now, config.clock_skew_minutes)
        ranking = publish(articles, store, config, limit, site_path, store_name)
        write_atomic(output / JSON_NAME, ranking.document)
    window = ranking.lists.window
    span = f"{window.iso()['start']} to {window.iso()['end']}" if window else "latest stories"
    message = f"Most read: rewrote {output / JSON_NAME} ({span}, {len(articles):,} articles)"
    return Refreshed(message, ranking.lists.warnings)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``path`` through a temporary file beside it: a reader sees the old file or the new, never half.
    Its precompressed siblings, if the build wrote any, are brought up to date first."""
    refresh_siblings(str(path), data)
    temporary = path.with_name(f".{path.name}.tmp")
    with open(temporary, "wb") as handle:
        handle.write(data)
    os.replace(temporary, path)

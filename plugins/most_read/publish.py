"""The one ranking flow, shared by the build and ``make most-read``: the views in the store and the
published articles in, the lists and ``most-read.json`` out (no Pelican, no clock)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .output import most_read_document
from .ranking import Article, Lists, build_lists
from .settings import MostReadSettings, rank_settings
from .store import Store, read_views


@dataclass(frozen=True)
class Ranking:
    lists: Lists
    document: bytes  # most-read.json


def publish(
    articles: Sequence[Article],
    store: Store | None,
    config: MostReadSettings,
    not_after: int,
    site_path: str,
    store_name: str,
) -> Ranking:
    """Rank ``articles`` by the views in ``store`` (None: there is none yet) not dated after ``not_after``.
    ``site_path`` starts the URLs in the document; ``store_name`` names the store in the warnings."""
    newest, buckets = (None, []) if store is None else _views(store, config, not_after)
    lists = build_lists(articles, buckets, newest, rank_settings(config), store_name)
    return Ranking(lists, most_read_document(lists, site_path, config.window_days))


def _views(store: Store, config: MostReadSettings, not_after: int) -> tuple[int | None, list[tuple[str, int, int]]]:
    return read_views(store, config.window_days, config.half_life_hours > 0, not_after)

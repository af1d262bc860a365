"""The thin shell: Pelican's articles and the page-view store in, the lists and two JSON files out."""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from dataclasses import dataclass, field
from typing import Any

from common.errors import Problem
from engine import context_of
from pelican import signals

from . import settings as most_read_settings
from .future import not_after
from .output import INDEX_NAME, JSON_NAME, index_document, template_data
from .paths import url_key
from .publish import Ranking, publish
from .ranking import Article
from .settings import MostReadSettings
from .store import Store, StoreError

log = logging.getLogger(__name__)


@dataclass
class MostReadBuild:
    config: MostReadSettings
    files: dict[str, bytes] = field(default_factory=dict)  # written once the pages are
    count: int = 0
    seconds: float = 0.0


def initialized(pelican: Any) -> None:
    ctx = context_of(pelican)
    ctx.slots["most_read"] = MostReadBuild(most_read_settings.load(pelican.settings))
    ctx.refreshed.connect(article_refreshed)


def article_refreshed(article: Any, generator: Any, changed: frozenset[str]) -> None:
    """The devserver read ``article``'s text again: the lists show headlines, so a new one ranks them again."""
    if "title" in changed:
        article_generator_finalized(generator)


def _article(article: Any) -> Article:
    hero, photo = getattr(article, "hero", None), getattr(article, "photo", None)
    return Article(
        key=url_key(article.url),
        url=article.url,
        title=article.title,
        section=article.category.slug,
        section_name=article.category.name,
        image=photo.small.url if photo else hero.path if hero else None,  # never a photo's original
        published=int(article.date.timestamp()),
    )


def rank_from_store(articles: list[Article], config: MostReadSettings, until: int) -> Ranking:
    """The lists from the store the settings name, opened read-only (none yet: the latest stories)."""
    if os.path.exists(config.db) and not os.path.isfile(config.db):
        raise StoreError("a folder, not a file")
    store = Store.open_readonly(config.db)
    try:
        return publish(articles, store, config, until, config.site_path, config.db)
    finally:
        if store is not None:
            store.close()


def _unreadable(path: str, exc: Exception) -> Problem:
    """The page-view store exists but cannot be read: damaged, or not a store."""
    why = exc.__cause__ or exc  # SQLite's own words
    return Problem(
        path,
        None,
        "MOST_READ_DB",
        f"is not a page-view store that can be read ({why}).",
        "restore it from a backup, or move it aside and count your access logs into a new one with "
        "`make most-read LOGS=…` (without a store, Most Read lists the latest stories).",
    )


def article_generator_finalized(generator: Any) -> None:
    started = time.perf_counter()  # for the log line only: nothing written depends on the clock
    ctx = context_of(generator)
    build: MostReadBuild = ctx.slots["most_read"]
    config = build.config
    articles = [_article(a) for a in generator.articles]
    limit = not_after(int(ctx.now.timestamp()), config.clock_skew_minutes)  # later views: not ranked
    try:
        ranking = rank_from_store(articles, config, limit)
    except (StoreError, sqlite3.DatabaseError) as exc:  # stops the build, with the content's problems
        ctx.problems.append(_unreadable(config.db, exc))
        return
    for warning in ranking.lists.warnings:
        log.warning(warning)
    heroes = {a.url: a.hero for a in generator.articles if getattr(a, "hero", None)}
    build.count = len(articles)
    photos = {a.url: a.photo for a in generator.articles if getattr(a, "photo", None)}
    generator.context["most_read"] = template_data(ranking.lists, heroes, config.site_path, photos)
    build.files = {
        JSON_NAME: ranking.document,
        INDEX_NAME: index_document(articles, config.site_path),
    }
    build.seconds = time.perf_counter() - started


def article_writer_finalized(generator: Any, writer: Any) -> None:
    started = time.perf_counter()
    ctx = context_of(generator)
    build: MostReadBuild = ctx.slots["most_read"]
    for name, data in build.files.items():
        with open(os.path.join(generator.output_path, name), "wb") as handle:
            handle.write(data)
    seconds = build.seconds + time.perf_counter() - started
    ctx.timings["most read"] = seconds  # for the benchmark's phase table
    log.info("Most read: ranked %d articles and wrote %s in %.3f s", build.count, JSON_NAME, seconds)


def connect() -> None:
    signals.initialized.connect(initialized)
    signals.article_generator_finalized.connect(article_generator_finalized)
    signals.article_writer_finalized.connect(article_writer_finalized)

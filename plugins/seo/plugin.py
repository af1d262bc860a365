"""The thin shell: Pelican's signals connected to the pure modules (the site and each article's
meta in ``describe``, the crawler files in ``files``, reading time, the section's sequence)."""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from common.errors import SettingsError
from common.images import dimensions
from engine import AROUND, DERIVED, OWN_PAGE, body_html, context_of
from pelican import signals

from . import settings as seo_settings
from .describe import LazyMeta, describe, logo_file, site_of
from .files import site_crawler_files
from .pages import SeoSite
from .reading import reading_minutes
from .sequence import Story, in_section_neighbours
from .wordcounts import WordCounts

log = logging.getLogger(__name__)


@dataclass
class SeoBuild:
    config: seo_settings.SeoSettings
    logo_size: tuple[int, int]
    word_counts: WordCounts | None = None
    files: Callable[[], list[tuple[str, bytes]]] | None = None  # the crawler files, made once pages are written


def _build(holder: Any) -> SeoBuild:
    return context_of(holder).slots["seo"]


# What this plugin sets on articles (see engine.contract)
SETS = {DERIVED: ("seo_meta",), OWN_PAGE: ("reading_minutes",), AROUND: ("previous_in_section", "next_in_section")}


def initialized(pelican: Any) -> None:
    config = seo_settings.load(pelican.settings)
    with open(logo_file(pelican.settings, config.publisher_logo), "rb") as handle:
        size = dimensions(handle.read(65536))
    if size is None:
        raise SettingsError(f"SEO_PUBLISHER_LOGO {config.publisher_logo!r} is not a readable PNG, JPEG, GIF or WebP.")
    ctx = context_of(pelican)
    ctx.contract.declare_all("seo", SETS)
    ctx.slots["seo"] = SeoBuild(config, size)
    ctx.refreshed.connect(article_refreshed)


def article_generator_finalized(generator: Any) -> None:
    build = _build(generator)
    config = build.config
    site = site_of(generator, config, build.logo_size)
    generator.context["seo"] = site
    published = list(generator.articles)
    neighbours = in_section_neighbours(Story(a.url, a.category.slug, a.date, a.slug) for a in published)
    by_url = {a.url: a for a in published}
    for article in published:
        before, after = neighbours[article.url]
        article.previous_in_section = by_url[before] if before else None
        article.next_in_section = by_url[after] if after else None
    build.word_counts = WordCounts(config.cache_path)
    for article in [*published, *generator.drafts, *generator.hidden_articles]:
        _measure(article, build, site)


def _measure(article: Any, build: SeoBuild, site: SeoSite) -> None:
    # the body as converted: Pelican's ``content`` only rewrites link targets inside tags,
    # which leaves the words alone, and costs a pass over every body to produce
    config, words = build.config, build.word_counts.count(body_html(article))
    article.reading_minutes = reading_minutes(words, config.words_per_minute)
    article.seo_meta = LazyMeta(functools.partial(describe, article, site, config, words, article.reading_minutes))


def article_refreshed(article: Any, generator: Any, changed: frozenset[str]) -> None:
    """The devserver read ``article``'s headline, standfirst and body again: its reading time and meta follow."""
    _measure(article, _build(generator), generator.context["seo"])


def all_generators_finalized(generators: list[Any]) -> None:
    # made at the end, once the pages are written, not before the first page: nothing
    # between changes the URLs and dates they list
    if generators:
        build = _build(generators[0])
        now = context_of(generators[0]).now
        build.files = functools.partial(site_crawler_files, list(generators), build.config, now)


def finalized(pelican: Any) -> None:
    output = os.path.abspath(pelican.output_path)
    build = _build(pelican)
    if build.word_counts is not None:
        build.word_counts.save()
    for name, data in build.files() if build.files is not None else []:
        with open(os.path.join(output, name), "wb") as handle:
            handle.write(data)


def connect() -> None:
    signals.initialized.connect(initialized)
    signals.article_generator_finalized.connect(article_generator_finalized)
    signals.all_generators_finalized.connect(all_generators_finalized)
    signals.finalized.connect(finalized)

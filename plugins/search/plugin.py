"""The thin shell: the search page's data for templates, and the Pagefind index of the written articles."""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from typing import Any

from engine import BuildContext, context_of
from pelican import signals

from . import indexer, keptdocs, scratch, shards
from . import settings as search_settings
from .searchbuild import SearchBuild

log = logging.getLogger(__name__)


@dataclass
class SearchPlan:
    config: search_settings.SearchSettings
    pagefind: str
    pagefind_version: str
    manifest: bytes = b""
    search: SearchBuild | None = None  # the index being built, once the articles are known


def _plan(holder: Any) -> SearchPlan:
    return context_of(holder).slots["search"]


def initialized(pelican: Any) -> None:
    pagefind = indexer.executable()
    plan = SearchPlan(search_settings.load(pelican.settings), pagefind, indexer.version(pagefind))
    ctx = context_of(pelican)
    ctx.slots["search"] = plan
    ctx.page_done.connect(plan_page_done(plan), weak=False)


def plan_page_done(plan: SearchPlan) -> Any:
    def page_done(name: str) -> None:
        if plan.search is not None:
            plan.search.page_done(name)

    return page_done


def generator_init(generator: Any) -> None:
    """The search page, for every template (the masthead's link, the articles' Pagefind marks) and plugin."""
    generator.context["search"] = _plan(generator).config.page


def all_generators_finalized(generators: list[Any]) -> None:
    articles = [a for g in generators if hasattr(g, "articles") and hasattr(g, "categories") for a in g.articles]
    if not articles:  # Pagefind would index every page when none is marked as an article
        log.warning("No published articles: the search index was not written.")
        return
    output = os.path.abspath(generators[0].output_path)
    ctx: BuildContext = context_of(generators[0])
    state = _plan(generators[0])
    config = state.config
    plan = shards.plan({a.save_as for a in articles}, config.shard_pages)
    if config.documents:
        keptdocs.prune(config.documents, [shard.name for shard in plan])
    scratch.sweep(indexer.scratch_folder())  # the search documents a killed build left in memory
    indexer.clear(output)
    state.manifest = shards.manifest(plan)
    state.search = SearchBuild(plan, output, state.pagefind, state.pagefind_version, config.language,
                               lambda: ctx.reuse, lambda: ctx.content_fingerprints, config.documents)  # fmt: skip


def article_writer_finalized(generator: Any, writer: Any) -> None:
    """Every article page is written: the year shards not started yet, and the whole-site one, go now."""
    search = _plan(generator).search
    if search is not None:
        search.pages_written()


def finalized(pelican: Any) -> None:
    ctx, state = context_of(pelican), _plan(pelican)
    search, state.search = state.search, None
    if search is None:
        return
    output = os.path.abspath(pelican.output_path)
    indexing, fingerprints, started = search.indexing, search.fingerprints, search.started
    if indexing is not None:
        with ctx.timed("search index (wait)"):
            done = indexing.finish()
        reuse = ctx.reuse
        for shard, summary, seconds in done:
            log.info("Search index %s: %s, in %.1f s", shard.output_subdir, summary, seconds)
            if reuse is not None and fingerprints[shard.name] is not None:
                reuse.record(shard.output_subdir, fingerprints[shard.name], indexer.bundle_files(output, shard))
        log.info("Search index: %d shard(s) indexed in %.1f s", len(done), time.perf_counter() - started)
    manifest = os.path.join(output, shards.MANIFEST)  # written after the bundles, so that no run removes it
    os.makedirs(os.path.dirname(manifest), exist_ok=True)
    with open(manifest, "wb") as handle:
        handle.write(state.manifest)


def connect() -> None:
    signals.initialized.connect(initialized)
    signals.generator_init.connect(generator_init)
    signals.all_generators_finalized.connect(all_generators_finalized)
    signals.article_writer_finalized.connect(article_writer_finalized)
    signals.finalized.connect(finalized)

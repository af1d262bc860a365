"""The thin shell: the search page's data for templates, and the Pagefind index of the written articles."""

from __future__ import annotations

import logging
import os
import time
from typing import Any

from newsroom.state import STATE as NEWSROOM
from newsroom.state import page_done as newsroom_page_done
from newsroom.state import timed
from pelican import signals

from . import indexer, keptdocs, scratch, shards
from . import settings as search_settings
from .searchbuild import SearchBuild

log = logging.getLogger(__name__)
_STATE: dict[str, Any] = {}


def initialized(pelican: Any) -> None:
    _STATE.clear()
    _STATE["config"] = search_settings.load(pelican.settings)
    _STATE["pagefind"] = indexer.executable()
    _STATE["pagefind_version"] = indexer.version(_STATE["pagefind"])


def generator_init(generator: Any) -> None:
    """The search page, for every template (the masthead's link, the articles' Pagefind marks) and plugin."""
    generator.context["search"] = _STATE["config"].page


def all_generators_finalized(generators: list[Any]) -> None:
    articles = [a for g in generators if hasattr(g, "articles") and hasattr(g, "categories") for a in g.articles]
    if not articles:  # Pagefind would index every page when none is marked as an article
        log.warning("No published articles: the search index was not written.")
        return
    output = os.path.abspath(generators[0].output_path)
    config = _STATE["config"]
    plan = shards.plan({a.save_as for a in articles}, config.shard_pages)
    if config.documents:
        keptdocs.prune(config.documents, [shard.name for shard in plan])
    scratch.sweep(indexer.scratch_folder())  # the search documents a killed build left in memory
    indexer.clear(output)
    _STATE["manifest"] = shards.manifest(plan)
    _STATE["search"] = SearchBuild(plan, output, _STATE["pagefind"], _STATE["pagefind_version"], config.language,
                                   lambda: NEWSROOM.reuse, lambda: NEWSROOM.content_fingerprints,
                                   config.documents)  # fmt: skip


def page_done(name: str) -> None:
    search = _STATE.get("search")
    if search is not None:
        search.page_done(name)


def article_writer_finalized(generator: Any, writer: Any) -> None:
    """Every article page is written: the year shards not started yet, and the whole-site one, go now."""
    search = _STATE.get("search")
    if search is not None:
        search.pages_written()


def finalized(pelican: Any) -> None:
    search = _STATE.pop("search", None)
    if search is None:
        return
    output = os.path.abspath(pelican.output_path)
    indexing, fingerprints, started = search.indexing, search.fingerprints, search.started
    if indexing is not None:
        with timed("search index (wait)"):
            done = indexing.finish()
        reuse = NEWSROOM.reuse
        for shard, summary, seconds in done:
            log.info("Search index %s: %s, in %.1f s", shard.output_subdir, summary, seconds)
            if reuse is not None and fingerprints[shard.name] is not None:
                reuse.record(shard.output_subdir, fingerprints[shard.name], indexer.bundle_files(output, shard))
        log.info("Search index: %d shard(s) indexed in %.1f s", len(done), time.perf_counter() - started)
    manifest = os.path.join(output, shards.MANIFEST)  # written after the bundles, so that no run removes it
    os.makedirs(os.path.dirname(manifest), exist_ok=True)
    with open(manifest, "wb") as handle:
        handle.write(_STATE["manifest"])


def connect() -> None:
    signals.initialized.connect(initialized)
    signals.generator_init.connect(generator_init)
    signals.all_generators_finalized.connect(all_generators_finalized)
    signals.article_writer_finalized.connect(article_writer_finalized)
    newsroom_page_done.connect(page_done)
    signals.finalized.connect(finalized)

"""The search shards of one build, each indexed as soon as its last page is written (shell).

Pelican writes the article pages newest first, so the shards' pages (a year's, or a part of
a big year's) are finished one after another: a shard's Pagefind run starts on the other
core while the older shards and the list pages are still being rendered, instead of after
everything. A shard whose pages are all unchanged is reused from the live site instead.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Mapping
from typing import Any

from . import indexer, shards

log = logging.getLogger(__name__)


class SearchBuild:
    def __init__(self, plan: list[shards.Shard], site: str, binary: str, version: str, language: str,
                 reuse: Callable[[], Any], content: Callable[[], Mapping[str, str]],
                 kept_documents: str = "") -> None:  # fmt: skip
        self.plan = plan
        self.site, self.binary, self.version = site, binary, version
        self.language = language  # the one Pagefind indexes every page in (``--force-language``)
        self._reuse = reuse  # the writer's Reuse, which exists once the pages are being written
        # each page's fingerprint without the stories around it, which search does not index:
        # a page whose related stories changed leaves its shard's bundle as it was
        self._content = content
        self.kept_documents = kept_documents  # where the shards' search documents are kept ("" for nowhere)
        self.waiting = {s.name: set(s.pages) for s in plan}
        self.shard_of = {page: s for s in plan if not s.whole_site for page in s.pages}
        self.fingerprints: dict[str, str | None] = {}
        self.indexing: indexer.Indexing | None = None
        self.started = time.perf_counter()

    def page_done(self, name: str) -> None:
        """A page is written (or reused); its shard may now be complete."""
        shard = self.shard_of.get(name)
        if shard is not None and shard.name in self.waiting:
            waiting = self.waiting[shard.name]
            waiting.discard(name)
            if not waiting:
                self._ready(shard)

    def pages_written(self) -> None:
        """Every page is written: the shards still open (the whole-site one among them) go now."""
        for shard in self.plan:
            if shard.name in self.waiting:
                self._ready(shard)
        stale = [s.name for s in (self.indexing.submitted if self.indexing else [])]
        log.info("Search index: %d shard(s), %d reused unchanged, indexed: %s",
                 len(self.plan), len(self.plan) - len(stale), ", ".join(stale) or "none")  # fmt: skip

    def _ready(self, shard: shards.Shard) -> None:
        del self.waiting[shard.name]
        pages = self._page_fingerprints(shard)
        fingerprint = shards.fingerprint(shard, self.language, self.version, pages)
        self.fingerprints[shard.name] = fingerprint
        reuse = self._reuse()
        if reuse is not None and fingerprint is not None and reuse.try_reuse(shard.output_subdir, fingerprint):
            return  # none of its pages changed: the live site's bundle is still right
        if self.indexing is None:
            self.indexing = indexer.Indexing(
                self.binary, self.site, self.language, self.locate, self.previous_bundle, self.version,
                self.kept_documents,
            ).start()  # fmt: skip
        self.indexing.submit(shard, pages)

    def previous_bundle(self, shard: shards.Shard) -> str | None:
        """The live site's bundle of ``shard``, which its run starts from (``warmstart``)."""
        live = getattr(self._reuse(), "previous", None)
        return None if live is None else os.path.join(str(live), shard.output_subdir)

    def locate(self, page: str) -> str:
        """Where a written page is: in staging, or in the live site when the build kept it there (in place)."""
        staged = os.path.join(self.site, page)
        reuse = self._reuse()
        live = getattr(reuse, "previous", None)
        if live is None or os.path.exists(staged):
            return staged
        return os.path.join(str(live), page)

    def _page_fingerprints(self, shard: shards.Shard) -> Mapping[str, str]:
        known = self._content()
        return {page: known[page] for page in shard.pages if page in known}

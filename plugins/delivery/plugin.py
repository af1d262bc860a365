"""The thin shell: once every file of the build is written, precompress what changed."""

from __future__ import annotations

import logging
from typing import Any

from engine import context_of
from pelican import signals

from . import settings as delivery_settings
from .precompress import precompress

log = logging.getLogger(__name__)


def initialized(pelican: Any) -> None:
    context_of(pelican).slots["delivery"] = delivery_settings.load(pelican.settings)


def finalized(pelican: Any) -> None:
    """Last of the plugins' handlers (``delivery`` comes last in PLUGINS): the others' files are written."""
    ctx = context_of(pelican)
    config = ctx.slots["delivery"]
    reuse = ctx.reuse
    if not config.precompress or reuse is None:
        return
    live = str(reuse.previous) if reuse.previous else None
    with ctx.timed("precompress"):
        cache = (pelican.settings.get("CACHE_PATH") or None) if config.cache else None
        outcome = precompress(str(reuse.staging), live, reuse.in_place, list(reuse.kept), config.encoding, reuse.keep,
                              cache)  # fmt: skip
    log.info(
        "Precompressed %d file(s), took the siblings of %d from the cache, kept those of %d, %d under %d bytes "
        "left as they are.",
        outcome.made, outcome.cached, outcome.kept, outcome.small, config.encoding.min_bytes,
    )  # fmt: skip


def connect() -> None:
    signals.initialized.connect(initialized)
    signals.finalized.connect(finalized)

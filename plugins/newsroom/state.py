"""What the content model learns in one build: its settings, the author registry, the stories read.

It lives in the build's context (``engine.BuildContext``), in the slot named ``newsroom``; the
problems found, the pending work and the timings are the context's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from engine import BuildContext, context_of

from .authors import Profile
from .bodies import Body, BodyStore
from .heroes import HeroSizes
from .readings import Reading, ReadingStore
from .schedule import Scheduled
from .settings import NewsroomSettings


@dataclass
class NewsroomBuild:
    settings: NewsroomSettings | None = None
    content_path: str = ""
    registry: dict[str, Profile] = field(default_factory=dict)
    tag_names: dict[str, str] = field(default_factory=dict)  # the tag registry: display name by slug
    images: frozenset[str] = frozenset()  # files under the content folder, relative, '/'-separated
    published: set[str] = field(default_factory=set)  # source paths of published articles
    scheduled: list[Scheduled] = field(default_factory=list)  # published stories dated after the build's "now"
    withheld: list[tuple[str, str]] = field(default_factory=list)  # (output path, source) of those left out
    links: dict[str, list[str]] = field(default_factory=dict)  # source that is out -> content paths it links to
    written: dict[str, str] = field(default_factory=dict)  # article source path -> output path
    body_fingerprint: str = ""
    bodies: dict[str, Body] = field(default_factory=dict)  # converted bodies by content key
    used_bodies: set[str] = field(default_factory=set)
    body_store: BodyStore = field(default_factory=lambda: BodyStore(None))
    reading_fingerprint: str = ""
    # each source file's reading key and bytes, read once at start-up; the reader takes them from here
    sources: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    readings: dict[str, Reading] = field(default_factory=dict)  # checked front-matter by file content key
    used_readings: set[str] = field(default_factory=set)
    reading_store: ReadingStore = field(default_factory=lambda: ReadingStore(None))
    hero_sizes: HeroSizes = field(default_factory=lambda: HeroSizes(None))  # images' pixel sizes, kept by file


def build_of(holder: Any) -> tuple[BuildContext, NewsroomBuild]:
    """The build's context and the content model's slot in it, for ``holder`` (settings, or an object
    of the build: the Pelican object, a generator, a reader, the writer)."""
    ctx = context_of(holder)
    return ctx, ctx.slot("newsroom", NewsroomBuild)

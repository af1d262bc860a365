"""What one build has learnt so far: settings, the author registry, problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .authors import Profile
from .bodies import Body, BodyStore
from .errors import Problem
from .settings import NewsroomSettings


@dataclass
class BuildState:
    settings: NewsroomSettings | None = None
    content_path: str = ""
    registry: dict[str, Profile] = field(default_factory=dict)
    images: frozenset[str] = frozenset()  # files under the content folder, relative, '/'-separated
    problems: list[Problem] = field(default_factory=list)
    published: set[str] = field(default_factory=set)  # source paths of published articles
    written: dict[str, str] = field(default_factory=dict)  # article source path -> output path
    body_fingerprint: str = ""
    bodies: dict[str, Body] = field(default_factory=dict)  # converted bodies by content key
    used_bodies: set[str] = field(default_factory=set)
    body_store: BodyStore = field(default_factory=lambda: BodyStore(None))
    reuse: Any = None  # the Reuse of this build's writer, for plugins that write files themselves
    site_fingerprint: str = ""

    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


STATE = BuildState()

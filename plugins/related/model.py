"""The plain data the related core takes and gives back (no Pelican, no I/O)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

PUBLISHED = "published"
DRAFT = "draft"
HIDDEN = "hidden"

PINNED = "pinned"
SCORED = "scored"
FALLBACK = "fallback"
LATEST = "latest"


@dataclass(frozen=True)
class Doc:
    """One article as the core sees it.

    ``key`` is unique on the site (the source path); ``slug`` is what editors pin and what
    breaks ties. ``timestamp`` is seconds since the epoch. Only ``published`` articles are
    ever listed; drafts and hidden articles get lists of their own.
    """

    key: str
    slug: str
    title: str
    summary: str = ""
    text: str = ""
    tags: tuple[str, ...] = ()
    section: str = ""
    timestamp: float = 0.0
    status: str = PUBLISHED
    pins: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    """How to score. These are the defaults of the RELATED_* settings (``settings.py`` documents and checks them)."""

    count: int = 4
    weight_text: float = 1.0
    weight_tags: float = 0.1
    weight_section: float = 0.1
    weight_time: float = 0.5
    half_life_days: float = 30.0
    min_score: float = 0.03
    max_postings: int = 20
    terms_per_article: int = 20
    terms_max: int = 64
    furniture_weight: float = 0.1
    name_weight: int = 4
    field_weights: Mapping[str, float] = field(default_factory=lambda: {"title": 3.0, "summary": 2.0, "body": 1.0})


class Link(NamedTuple):
    """One entry of a related list, with the evidence behind it (a tuple: cheap to make by the million)."""

    key: str
    slug: str
    kind: str  # PINNED, SCORED, FALLBACK (latest in the section) or LATEST (latest on the site)
    score: float  # the combined score (0 when there is no evidence)
    text: float  # cosine similarity of the TF-IDF vectors, 0..1
    tags: float  # tag evidence, 0..1
    shared_tags: tuple[tuple[str, float], ...]  # (tag, rarity weight), rarest first
    shared_terms: tuple[str, ...]  # the shared terms that weigh most, strongest first
    same_section: bool
    days_apart: float


@dataclass(frozen=True)
class PinProblem:
    """A ``Related:`` pin that cannot be honoured; the build stops on it."""

    key: str
    message: str
    fix: str


@dataclass(frozen=True)
class Ranking:
    lists: Mapping[str, tuple[Link, ...]]  # Doc.key -> its related list, in order
    problems: tuple[PinProblem, ...] = ()

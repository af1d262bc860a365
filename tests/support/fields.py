"""Front-matter vocabularies for validating fields without a site: one with sections and slugs, one with images."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from newsroom.heroimage import IMAGE_SUFFIXES
from newsroom.values import Vocabulary
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

LONDON = ZoneInfo("Europe/London")
VOCAB = Vocabulary(
    zone=LONDON,
    sections={"security": "Security", "science": "Science", "world news": "World News", "world": "World News"},
    image_exists=lambda path: False,
    slugify=lambda text: slugify(text, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]),
)


FILES = frozenset({"images/hero.png", "images/2026/storm.jpg", "images/LOGO.SVG", "authors/ada.webp"})
ASKED: list[str] = []


def exists(path: str) -> bool:
    ASKED.append(path)
    return path in FILES


IMAGE_VOCAB = Vocabulary(
    zone=ZoneInfo("UTC"),
    sections={"security": "Security"},
    image_exists=exists,
    image_candidates=lambda: sorted(p for p in FILES if p.lower().endswith(IMAGE_SUFFIXES)),
    slugify=str.lower,
)

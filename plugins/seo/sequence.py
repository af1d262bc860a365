"""Previous and next article in the same section, by date then slug (pure)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Story:
    key: str  # unique, e.g. the URL; also the last tie-break
    section: str
    date: datetime
    slug: str


def in_section_neighbours(stories: Iterable[Story]) -> dict[str, tuple[str | None, str | None]]:
    """key -> (previous, next): the older and the newer story of the same section, or None at either end.

    Order within a section is by date, then slug, then key, so equal dates still give one fixed sequence.
    """
    sections: dict[str, list[Story]] = {}
    for story in stories:
        sections.setdefault(story.section, []).append(story)
    result: dict[str, tuple[str | None, str | None]] = {}
    for items in sections.values():
        items.sort(key=lambda s: (s.date, s.slug, s.key))
        for i, story in enumerate(items):
            before = items[i - 1].key if i > 0 else None
            after = items[i + 1].key if i + 1 < len(items) else None
            result[story.key] = (before, after)
    return result

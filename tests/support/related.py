"""Related stories: a story record for the ranking, written in one line."""

from __future__ import annotations

from related.model import Doc

DAY = 86400.0
START = 1_767_225_600.0  # 2026-01-01 00:00 UTC


def doc(slug: str, text: str = "", day: float = 0, section: str = "Security", tags=(), **fields) -> Doc:
    return Doc(
        key=f"articles/{slug}.md",
        slug=slug,
        title=fields.pop("title", slug.replace("-", " ")),
        text=text,
        tags=tuple(tags),
        section=section,
        timestamp=START + day * DAY,
        **fields,
    )

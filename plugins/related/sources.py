"""Plain-text ``Doc`` values from Markdown sources without a Pelican build (benchmark, evaluation set).

The build itself reads articles through Pelican and the newsroom reader (see ``plugin.py``);
this small reader only understands what the benchmark corpora and the evaluation set use:
``Key: value`` front-matter lines up to the first blank line, then a Markdown body.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from .model import PUBLISHED, Doc

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[#>*_`|]+")
_TAG = re.compile(r"<[^>]+>")


def plain_text(markdown: str) -> str:
    """Markdown to words: link and image texts kept, their URLs and the markup dropped."""
    return _MARKUP.sub(" ", _TAG.sub(" ", _LINK.sub(r"\1", markdown)))


def split_list(value: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in value.split(",") if item.strip())


def parse(text: str, key: str) -> Doc:
    """One source file's text as a ``Doc``; ``key`` names it (its path)."""
    head, _, body = text.partition("\n\n")
    meta: dict[str, str] = {}
    for line in head.splitlines():
        name, sep, value = line.partition(":")
        if sep:
            meta[name.strip().lower()] = value.strip()
    date = datetime.fromisoformat(meta.get("date", "1970-01-01").replace(" ", "T"))
    if date.tzinfo is None:
        date = date.replace(tzinfo=UTC)
    title = meta.get("title", "")
    return Doc(
        key=key,
        slug=meta.get("slug") or Path(key).stem,
        title=title,
        summary=meta.get("summary", ""),
        text=plain_text(body),
        tags=split_list(meta.get("tags", "")),
        section=meta.get("category", ""),
        timestamp=date.timestamp(),
        status=meta.get("status", PUBLISHED).lower(),
        pins=split_list(meta.get("related", "")),
    )


def read_folder(folder: Path) -> list[Doc]:
    """Every ``*.md`` under ``folder``, keyed by its path relative to ``folder``, sorted."""
    return [
        parse(path.read_text(encoding="utf-8"), path.relative_to(folder).as_posix())
        for path in sorted(folder.rglob("*.md"))
    ]

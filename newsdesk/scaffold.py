"""``make article``: start a new article file with every field filled in or ready to fill."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from .build import load_settings

TEMPLATE = """\
Title: {title}
Date: {date}
Modified:
Authors: {authors}
Category: {section}
Tags: {tags}
Summary: One or two sentences that tell the reader what happened and why it matters.
Image:
Image_Alt:
Image_Caption:
Image_Credit:
Source:
Kicker:
Featured: no
Correction:
Related:
Id:
Slug: {slug}
Status: draft

Start with the news: who, what, when, where. Set Status to published when the desk has signed it off.

## A subhead

The rest of the story.
"""


def scaffold(settings_file: str, title: str, section: str, authors: str) -> int:
    settings = load_settings(settings_file, {})
    from newsroom.reader import site_slugify  # noqa: PLC0415
    from newsroom.settings import load  # noqa: PLC0415

    config = load(settings)
    slug = site_slugify(settings, title)
    if not slug:
        print("error: the title makes an empty slug; use letters or digits.", file=sys.stderr)
        return 2
    now = datetime.now(ZoneInfo(settings.get("TIMEZONE") or "UTC")).replace(second=0, microsecond=0)
    folder = Path(settings["PATH"]) / "articles" / f"{now:%Y}"
    target = folder / f"{slug}.md"
    if target.exists():
        print(f"error: {target} already exists; choose another title.", file=sys.stderr)
        return 2
    folder.mkdir(parents=True, exist_ok=True)
    names = [s.name for s in config.sections]
    text = TEMPLATE.format(
        title=" ".join(title.split()),
        date=now.strftime("%Y-%m-%d %H:%M"),
        authors=authors or "Your Name",
        section=section or names[0],
        tags="first tag, second tag",
        slug=slug,
    )
    target.write_text(text, encoding="utf-8")
    print(f"Created {target} (Status: draft). Sections: {', '.join(names)}.")
    return 0

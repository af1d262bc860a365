"""``make article``: start a new article file with every field filled in or ready to fill.

The section must be one the site declares and every byline must be in the author
registry (or explicitly allowed as new): a draft that a build would refuse is never
written. Nothing is invented: at a terminal the command asks for what is missing,
anywhere else it says what to pass. Everything the journalist still has to write is
a ``[[placeholder]]`` that ``make check`` and the build recognise.
"""

from __future__ import annotations

import argparse
import os
import sys
import tomllib
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

TEMPLATE = """\
Title: {title}
Date: {date}
Modified:
Authors: {authors}
Category: {section}
Tags: {tags}
Summary: {summary}
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

{lede}

## {subhead}

{rest}
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--title", required=True)
    parser.add_argument("--section", default="", help="one of NEWSROOM_SECTIONS (asked for at a terminal)")
    parser.add_argument("--authors", default="", help="'Name, Name' from the author registry (asked for at a terminal)")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--input", default=None, help="content folder (default: PATH in the settings)")
    parser.add_argument("--new-author", action="store_true", help="allow a byline not in the author registry")


class ScaffoldError(Exception):
    """A one-line reason the article was not created."""


def choose_section(given: str, sections: Mapping[str, str]) -> str:
    """The canonical section for ``given`` (a name or slug, any case)."""
    from common.settings import nearest  # noqa: PLC0415

    found = sections.get(given.strip().lower())
    if found is None:
        known = sorted(set(sections.values()))
        guess = nearest(given, known)
        hint = f"did you mean '{guess}'? " if guess else ""
        raise ScaffoldError(f"'{given}' is not a section of this site: {hint}Sections: {', '.join(known)}.")
    return found


def choose_authors(given: str, registry: Mapping[str, str], slugify: Callable[[str], str], new_author: bool) -> str:
    """The byline for ``given`` ('Name, Name'), each name spelled as the registry does.

    ``registry`` maps slug to name. A name not in it is refused unless ``new_author``.
    """
    from common.settings import nearest  # noqa: PLC0415
    from newsroom.values import split_list  # noqa: PLC0415

    names = [" ".join(n.split()) for n in split_list(given)]
    if not any(names):
        raise ScaffoldError("the byline is empty.")
    if not all(names):
        raise ScaffoldError("the byline has an empty name: separate authors with single commas.")
    chosen: list[str] = []
    for name in names:
        slug = slugify(name)
        if not slug:
            raise ScaffoldError(f"the author name '{name}' has no letters or digits.")
        if slug in registry:
            chosen.append(registry[slug])
        elif new_author:
            chosen.append(name)
        else:
            guess = nearest(name, registry.values())
            hint = f"did you mean '{guess}'? " if guess else ""
            raise ScaffoldError(
                f"'{name}' is not in the author registry: {hint}Add them to the registry first, "
                "or pass NEW_AUTHOR=1 (--new-author) for a byline without a profile."
            )
    if len({slugify(n) for n in chosen}) != len(chosen):
        raise ScaffoldError("an author is named twice in the byline.")
    return ", ".join(chosen)


def render(title: str, date: str, section: str, authors: str, slug: str) -> str:
    from newsroom.placeholders import mark  # noqa: PLC0415

    return TEMPLATE.format(
        title=" ".join(title.split()),
        date=date,
        authors=authors,
        section=section,
        tags=f"{mark('first tag')}, {mark('second tag')}",
        summary=mark("One or two sentences that tell the reader what happened and why it matters."),
        slug=slug,
        lede=mark(
            "Start with the news: who, what, when, where. Set Status to published when the desk has signed it off."
        ),
        subhead=mark("A subhead"),
        rest=mark("The rest of the story."),
    )


def _registry(settings: dict[str, Any], authors_file: str, slugify: Callable[[str], str]) -> dict[str, str]:
    from newsroom.authors import parse_registry  # noqa: PLC0415

    path = Path(settings["PATH"]) / authors_file
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ScaffoldError(f"{path} is not valid TOML ({exc}); run make check.") from exc
    profiles, _ = parse_registry(data, authors_file, slugify, lambda _path: True)
    return {slug: profile.name for slug, profile in profiles.items()}


def _ask(what: str, given: str, flag: str, hint: str, interactive: bool) -> str:
    """``given``, or at a terminal the journalist's answer; never a made-up value."""
    if given.strip():
        return given
    if not interactive:
        raise ScaffoldError(f"no {what} given; pass {flag}='…' ({hint}).")
    try:
        return input(f"{what.capitalize()} ({hint}): ")
    except EOFError as exc:
        raise ScaffoldError(f"no {what} given.") from exc


def scaffold(
    settings_file: str, title: str, section: str, authors: str, input_dir: str | None = None, new_author: bool = False
) -> int:
    from .build import load_settings  # noqa: PLC0415

    overrides = {"PATH": str(Path(input_dir).resolve())} if input_dir else {}
    settings = load_settings(settings_file, overrides)
    from newsroom.reader import site_slugify  # noqa: PLC0415
    from newsroom.settings import load  # noqa: PLC0415

    config = load(settings)
    slug = site_slugify(settings, title)
    slugify = lambda text: site_slugify(settings, text)  # noqa: E731
    interactive = sys.stdin.isatty()
    names = [s.name for s in config.sections]
    now = datetime.now(ZoneInfo(settings.get("TIMEZONE") or "UTC")).replace(second=0, microsecond=0)
    folder = Path(settings["PATH"]) / "articles" / f"{now:%Y}"
    target = folder / f"{slug}.md"
    try:
        if not slug:
            raise ScaffoldError("the title makes an empty slug; use letters or digits.")
        if target.exists():
            raise ScaffoldError(f"{_shown(target)} already exists; choose another title.")
        registry = _registry(settings, config.authors_file, slugify)
        wanted = _ask("section", section, "SECTION", f"one of {', '.join(names)}", interactive)
        section = choose_section(wanted, config.section_lookup())
        byline = _ask("byline", authors, "AUTHORS", "names from the author registry, comma-separated", interactive)
        byline = choose_authors(byline, registry, slugify, new_author)
    except ScaffoldError as exc:
        print(f"error: {exc} Nothing was written.", file=sys.stderr)
        return 2
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(render(title, now.strftime("%Y-%m-%d %H:%M"), section, byline, slug), encoding="utf-8")
    print(f"Created {_shown(target)} (Status: draft). Replace every [[…]] before you publish.")
    return 0


def _shown(path: Path) -> str:
    """``path`` relative to the current folder when it is inside it."""
    relative = os.path.relpath(path.resolve(), Path.cwd())
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()

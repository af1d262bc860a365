"""``{attach}`` only on a file that no other story, hero or author photo uses (pure).

Pelican publishes an attached file next to the story that attaches it, instead of at its
own address under content/. Every other use of the file then points at an address where
nothing is: another story's hero image, its ``{static}`` link, an author's photo, or the
attaching story's own hero. Such an attachment is refused; ``{static}`` keeps the file at
its own address for everyone.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from html import escape
from typing import Any
from urllib.parse import quote, unquote, urlparse

from common.errors import Problem

from .links import copied_path, file_links, line_of, resolve

FIX = "link to it with {static} instead; the file then keeps its own address for every story."
SHOWN = 3  # other uses named in a message


@dataclass(frozen=True)
class Story:
    """What the check needs of an article or page: its source, body HTML and hero image."""

    source: str
    html: str
    hero: str | None


def author_photos(registry: Mapping[str, Any]) -> dict[str, str]:
    """Each author photo's path and the author's name, from the registry's profiles."""
    return {profile.photo: profile.name for profile in registry.values() if profile.photo}


def _spelt(path: str) -> set[str]:
    """How a file's name may stand in body HTML: as it is, HTML-escaped, percent-encoded."""
    name = posixpath.basename(path)
    return {name, escape(name), quote(name)}


def _target(source: str, kind: str, url: str) -> str:
    """The content file a link names (Pelican also finds static files for {filename})."""
    if kind == "filename":
        return resolve(source, unquote(urlparse(url).path))
    return copied_path(source, url)


def _attached(stories: Iterable[Story], pattern: re.Pattern[str]) -> dict[str, list[tuple[str, str]]]:
    """Attached file -> (story, link as written) for each story attaching it."""
    found: dict[str, list[tuple[str, str]]] = {}
    for story in stories:
        if "attach" in story.html:  # Pelican attaches only for the word 'attach': most stories never say it
            for kind, written, url in file_links(story.html, pattern):
                if kind == "attach":
                    found.setdefault(copied_path(story.source, url), []).append((story.source, written))
    return found


def _uses(
    stories: Iterable[Story], attached: Mapping[str, object], pattern: re.Pattern[str]
) -> dict[str, set[tuple[str, str]]]:
    """Attached file -> every (story, how) that uses it."""
    uses: dict[str, set[tuple[str, str]]] = {path: set() for path in attached}
    names = set().union(*(_spelt(path) for path in attached))
    for story in stories:
        if story.hero in uses:
            uses[story.hero].add((story.source, "hero image"))
        if any(name in story.html for name in names):
            for kind, _, url in file_links(story.html, pattern):
                path = _target(story.source, kind, url)
                if path in uses:
                    uses[path].add((story.source, f"{{{kind}}} link"))
    return uses


def _describe(attacher: str, uses: Iterable[tuple[str, str]]) -> str:
    named = []
    for source, how in sorted(uses):
        named.append(f"this story's {how}" if source == attacher else f"{source} ({how})")
    more = f" and {len(named) - SHOWN} more" if len(named) > SHOWN else ""
    return ", ".join(named[:SHOWN]) + more


def shared_attachments(
    stories: list[Story],
    photos: Mapping[str, str],
    pattern: re.Pattern[str],
    body_of: Callable[[str], tuple[str, int] | None],
) -> list[Problem]:
    """A problem for every ``{attach}`` link to a file something else uses too.

    ``photos`` maps an author photo's path to the author's name; ``body_of`` gives a
    story's Markdown body and its first line, to name the line of the link.
    """
    attached = _attached(stories, pattern)
    if not attached:
        return []
    uses = _uses(stories, attached, pattern)
    problems = []
    for path, attachers in sorted(attached.items()):
        for source, written in attachers:
            others = uses[path] - {(source, "{attach} link")}
            described = [_describe(source, others)] if others else []
            if path in photos:
                described.insert(0, f"the author photo of {photos[path]}")
            if not described:
                continue
            body = body_of(source)
            line = line_of(*body, written) if body else None
            verb = "uses" if len(others) + (path in photos) == 1 else "use"
            message = (
                f"attaches {written}, which moves the file next to this story, "
                f"but {', '.join(described)} {verb} it too, and that link would break."
            )
            problems.append(Problem(source, line, None, message, FIX))
    return problems

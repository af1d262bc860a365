"""The author registry: who writes for the site (pure).

The registry is a TOML file of ``[[author]]`` tables. ``parse_registry`` takes the
decoded data and returns profiles keyed by slug plus any problems; bylines not in
the registry get a plain generated profile from ``profile_for``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from common.errors import Problem

from . import invisible
from .copying import StaticRules
from .typography import smarten_text

KEYS = ("name", "slug", "role", "bio", "photo", "links")
LINK_SCHEMES = ("https://", "http://", "mailto:")


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Profile:
    name: str
    slug: str
    role: str = ""
    bio: tuple[str, ...] = ()  # paragraphs of plain text
    photo: str = ""  # path relative to the content folder
    links: tuple[Link, ...] = ()
    registered: bool = True


def _paragraphs(text: str) -> tuple[str, ...]:
    """The biography's paragraphs, with typographic quotes and dashes like the stories'."""
    return tuple(smarten_text(" ".join(p.split())) for p in text.split("\n\n") if p.strip())


def parse_registry(
    data: Mapping[str, Any],
    path: str,
    slugify: Callable[[str], str],
    file_exists: Callable[[str], bool],
    statics: StaticRules | None = None,
    text: str = "",
) -> tuple[dict[str, Profile], list[Problem]]:
    """Profiles by slug and problems; ``statics`` says which files the site copies (a photo must be one),
    ``text`` is the file as written (for the line of an invisible character)."""
    problems: list[Problem] = []

    def bad(index: int, field: str | None, message: str, fix: str, line: int | None = None) -> None:
        where = f"author[{index}].{field}" if field else f"author[{index}]"
        problems.append(Problem(path, line, where, message, fix))

    entries = data.get("author", [])
    extra = sorted(set(data) - {"author"})
    if extra:
        problems.append(Problem(path, None, None, f"unknown tables {extra}.", "list authors as [[author]] tables."))
    if not isinstance(entries, list):
        problems.append(Problem(path, None, "author", "'author' must be a list of tables.", "write [[author]]."))
        return {}, problems
    profiles: dict[str, Profile] = {}
    for i, written in enumerate(entries):
        if not isinstance(written, Mapping):
            bad(i, None, "is not a table.", "write [[author]] followed by key = value lines.")
            continue
        for key in sorted(set(written) - set(KEYS)):
            bad(i, key, "unknown key.", f"use only {', '.join(KEYS)}.")
        for key, value in _strings(written):
            hidden = _invisible(value, text)
            if hidden:
                bad(i, key, *hidden)
        entry = _visible(written)  # read without them, like front-matter: no knock-on errors
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            bad(i, "name", "is missing.", 'add name = "First Last".')
            continue
        name = " ".join(name.split())
        slug = entry.get("slug") or slugify(name)
        if not isinstance(slug, str) or slug != slugify(slug) or not slug:
            bad(i, "slug", f"'{slug}' is not a valid slug.", f"use '{slugify(name)}' or leave it out.")
            continue
        texts = {k: entry.get(k, "") for k in ("role", "bio", "photo")}
        for key, value in texts.items():
            if not isinstance(value, str):
                bad(i, key, "must be text.", f'write {key} = "…".')
                texts[key] = ""
        photo = texts["photo"].lstrip("/")
        if photo and (".." in photo.split("/") or not file_exists(photo)):
            bad(i, "photo", f"content/{photo} does not exist.", "add the file or correct the path (under content/).")
            photo = ""
        reason = statics.why_not_copied(photo) if photo and statics else None
        if reason:
            move = f'move it under {statics.folders()} and write photo = "{statics.suggestion(photo)}".'
            bad(i, "photo", f"content/{photo} would be a broken image: {reason}.", move)
            photo = ""
        links = tuple(_links(entry.get("links", []), i, bad))
        if slug in profiles:
            bad(i, "slug", f"'{slug}' is used by two authors.", "give each author a distinct slug.")
            continue
        profiles[slug] = Profile(name, slug, " ".join(texts["role"].split()), _paragraphs(texts["bio"]), photo, links)
    return profiles, problems


def _strings(entry: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
    """(key, text) of every string an author entry holds, its links' labels and addresses too."""
    for key, value in entry.items():
        if isinstance(value, str):
            yield key, value
        elif isinstance(value, list):
            for link in value:
                if isinstance(link, Mapping):
                    yield from ((key, v) for v in link.values() if isinstance(v, str))


def _visible(value: Any) -> Any:
    """``value`` with the invisible characters of every string in it removed."""
    if isinstance(value, str):
        return invisible.remove(value)
    if isinstance(value, Mapping):
        return {k: _visible(v) for k, v in value.items()}
    return [_visible(v) for v in value] if isinstance(value, list) else value


def _invisible(value: str, text: str) -> tuple[str, str, int | None] | None:
    """The message, fix and line (in the file ``text``, when found there as written) for the
    invisible characters of the line of ``value`` that holds the first of them."""
    found = invisible.positions(value)
    if not found:
        return None
    index = found[0][0]
    start, end = value.rfind("\n", 0, index) + 1, value.find("\n", index)
    message, fix = invisible.describe(value[start:] if end < 0 else value[start:end])
    written = text.find(value[max(start, index - 12) : index + 1]) if text else -1
    return message, fix, (text.count("\n", 0, written) + 1 if written >= 0 else None)


def _links(raw: Any, index: int, bad: Callable[[int, str | None, str, str], None]) -> Iterable[Link]:
    if not isinstance(raw, list):
        bad(index, "links", "must be a list.", 'write links = [{ label = "Website", url = "https://…" }].')
        return
    for link in raw:
        label = link.get("label") if isinstance(link, Mapping) else None
        url = link.get("url") if isinstance(link, Mapping) else None
        url = url.strip() if isinstance(url, str) else None
        if not isinstance(label, str) or not label.strip() or not url or not url.startswith(LINK_SCHEMES):
            bad(
                index,
                "links",
                f"{link!r} needs a label and an http(s) or mailto: url.",
                'write { label = "Website", url = "https://…" }.',
            )
            continue
        yield Link(" ".join(label.split()), url.strip())


def profile_for(name: str, slug: str, registry: Mapping[str, Profile]) -> Profile:
    """The registered profile for a byline, or a plain one for a name not in the registry."""
    return registry.get(slug) or Profile(name=name, slug=slug, registered=False)

"""Tags and bylines that are spelt differently but share one page (pure).

Pelican gives each tag and author the page of its slug, and two names with one slug
share it: ``C++``, ``C`` and ``C#`` all become ``/tag/c/``, titled with whichever name
came last; ``José Pérez`` and ``Jose Perez`` one author page. Spellings that differ only
in case, spaces, hyphens or underscores (``Supply chain``, ``supply-chain``) are one name
written two ways, and share the page as they should; any other difference (punctuation,
accents, symbols) is two names, and the build stops naming both.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from common.errors import Problem

_SEPARATORS = re.compile(r"[\s_-]+")
FIELDS = {"tag": "Tags", "author": "Authors"}
PAGES = {"tag": "topic page", "author": "author page"}
FIXES = {
    "tag": "if they are one topic, spell them the same; if not, rename one so that the names differ in letters or "
    "digits, not only in symbols or accents.",
    "author": "if they are one person, spell the name the same everywhere; if not, tell the names apart in letters "
    "(a middle initial, say), not only in accents or symbols.",
}
SHOWN = 3  # files named for each other spelling; the rest are counted


def spelling(name: str) -> str:
    """What two ways of writing one name have in common: its letters, digits and symbols, in
    lower case, with runs of spaces, hyphens and underscores read as one space."""
    return _SEPARATORS.sub(" ", name.casefold()).strip()


@dataclass(frozen=True)
class NameUse:
    """A tag or byline name as one source file (or the author registry) writes it."""

    kind: str  # "tag" or "author"
    name: str
    slug: str
    source: str
    registered: bool = False  # the name as the author registry spells it


Named = tuple[str, Sequence[Any], Sequence[Any]]  # an article's source, tags and authors (name and slug each)


def shared_pages(articles: Iterable[Named], registry: Mapping[str, str]) -> set[tuple[str, str]]:
    """(kind, slug) of each page that names spelt differently lead to: one pass over the names, no
    sources kept (a 10,000-article site has 60,000 tags and bylines, and nearly always no such page).
    ``registry`` maps an author's slug to the name the registry spells."""
    seen: dict[tuple[str, str], set[str]] = {}
    for _, tags, authors in articles:
        for tag in tags:
            seen.setdefault(("tag", tag.slug), set()).add(tag.name)
        for author in authors:
            seen.setdefault(("author", author.slug), set()).add(author.name)
    for slug, name in registry.items():
        if ("author", slug) in seen:
            seen["author", slug].add(name)
    return {page for page, spelt in seen.items() if len({spelling(name) for name in spelt}) > 1}


def uses_on(articles: Iterable[Named], pages: set[tuple[str, str]]) -> list[NameUse]:
    """Every use, with its file, of a tag or byline that leads to one of ``pages``."""
    found = []
    for source, tags, authors in articles:
        for kind, items in (("tag", tags), ("author", authors)):
            found.extend(NameUse(kind, i.name, i.slug, source) for i in items if (kind, i.slug) in pages)
    return found


def registered(names: Mapping[str, str], source: str) -> list[NameUse]:
    """The author registry's names by slug, as spellings the bylines must follow."""
    return [NameUse("author", name, slug, source, registered=True) for slug, name in names.items()]


def name_collisions(
    uses: Iterable[NameUse], urls: Mapping[str, str], line_of: Callable[[str, str], int | None]
) -> list[Problem]:
    """A problem for each file whose tag or byline shares its page with another spelling.

    ``urls`` maps "tag" and "author" to their URL pattern (``TAG_URL``…); ``line_of(source,
    field)`` finds the line of the field in a file. When the registry spells an author, only
    the bylines spelt otherwise are reported, with the registry's spelling as the fix.
    """
    pages: dict[tuple[str, str], list[NameUse]] = {}
    for use in uses:
        pages.setdefault((use.kind, use.slug), []).append(use)
    problems: list[Problem] = []
    for (kind, slug), found in sorted(pages.items()):
        spellings: dict[str, dict[str, set[str]]] = {}  # spelling -> name -> sources
        for use in found:
            if not use.registered:
                spellings.setdefault(spelling(use.name), {}).setdefault(use.name, set()).add(use.source)
        official = next((u for u in found if u.registered), None)
        if official is None and len(spellings) < 2:
            continue
        page = f"{PAGES[kind]} /{urls[kind].format(slug=slug).lstrip('/')}"
        for key, names in sorted(spellings.items()):
            if official is not None and key == spelling(official.name):
                continue
            for name, sources in sorted(names.items()):
                if official is not None:
                    message = f"'{name}' and '{official.name}' ({official.source}) share the {page}."
                    fix = f"write '{official.name}' as the author registry does, or register '{name}' by another name."
                else:
                    others = "; ".join(
                        f"'{other}' in {_files(where)}"
                        for other_key, other_names in sorted(spellings.items())
                        if other_key != key
                        for other, where in sorted(other_names.items())
                    )
                    message = f"the {kind} '{name}' shares the {page} with {others}."
                    fix = FIXES[kind]
                for source in sorted(sources):
                    problems.append(Problem(source, line_of(source, FIELDS[kind]), FIELDS[kind], message, fix))
    return problems


def _files(sources: set[str]) -> str:
    shown = sorted(sources)[:SHOWN]
    more = len(sources) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more else "")

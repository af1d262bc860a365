"""How each tag is shown (pure).

A story's ``Tags`` line is often typed in lower case ("supply chain"). A tag keeps the name it
was first written with in the build (files in path order); the optional tag registry, a TOML
file of ``[[tag]]`` tables beside the author registry, gives the name to show instead:

    [[tag]]
    name = "Supply chain"      # shown on the tag page, in story footers and feeds
    slug = "supply-chain"      # optional: the name's slug by default

An entry names the tags written the same way up to case, spaces, hyphens and underscores
(``names.spelling``: "supply chain", "Supply-Chain"), so that no address changes and no two
topics merge; a name that would change a tag's slug is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from common.errors import Problem

from . import invisible

KEYS = ("name", "slug")


def parse_tag_registry(
    data: Mapping[str, Any], path: str, slugify: Callable[[str], str]
) -> tuple[dict[str, str], list[Problem]]:
    """Display names by tag slug, and the problems, each naming the entry and the fix."""
    problems: list[Problem] = []
    extra = sorted(set(data) - {"tag"})
    if extra:
        problems.append(Problem(path, None, None, f"unknown tables {extra}.", "list tags as [[tag]] tables."))
    entries = data.get("tag", [])
    if not isinstance(entries, list):
        problems.append(Problem(path, None, "tag", "'tag' must be a list of tables.", "write [[tag]]."))
        return {}, problems
    names: dict[str, str] = {}
    for i, entry in enumerate(entries):
        where = f"tag[{i}]"
        if not isinstance(entry, Mapping):
            problems.append(Problem(path, None, where, "is not a table.", 'write [[tag]] then name = "…".'))
            continue
        for key in sorted(set(entry) - set(KEYS)):
            problems.append(Problem(path, None, f"{where}.{key}", "unknown key.", f"use only {', '.join(KEYS)}."))
        name = entry.get("name")
        if not isinstance(name, str) or not invisible.remove(name).strip():
            problems.append(Problem(path, None, f"{where}.name", "is missing.", 'add name = "Supply chain".'))
            continue
        name = " ".join(invisible.remove(name).split())
        slug = entry.get("slug", slugify(name))
        if not isinstance(slug, str) or not slug or slug != slugify(name):
            fix = f"write the name so that its slug is '{slug}', or leave slug out (it would be '{slugify(name)}')."
            problems.append(Problem(path, None, f"{where}.slug", f"{slug!r} is not the slug of {name!r}.", fix))
            continue
        if slug in names:
            problems.append(
                Problem(path, None, f"{where}.name", f"'{slug}' is named twice.", "keep one entry per tag.")
            )
            continue
        names[slug] = name
    return names, problems

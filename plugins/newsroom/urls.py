"""The URLs a build's articles and pages take, and those the site keeps for itself (shell).

The checking is pure (``checks.url_collisions`` over ``sitepaths``, ``names.name_collisions``);
this gathers its input from Pelican's generators, the plugins the settings load and, for
a message's line number, the source files.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterable, Mapping
from typing import Any

from common.errors import Problem
from common.files import read_bytes

from . import located, names, sitepaths

CONTENT_LISTS = ("articles", "drafts", "hidden_articles", "pages", "hidden_pages", "draft_pages")


def site_paths(settings: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """The output paths and top-level folders the site writes itself, with the folders of the
    plugins in ``PLUGINS`` (loaded by Pelican, or imported here for ``make check``)."""
    plugins = []
    for plugin in settings.get("PLUGINS") or ():
        name = plugin if isinstance(plugin, str) else getattr(plugin, "__name__", "")
        module = sys.modules.get(name) if isinstance(plugin, str) else plugin
        if module is None:
            try:
                module = importlib.import_module(name)
            except ImportError:
                continue  # Pelican reports a plugin it cannot load
        plugins.append((name.rpartition(".")[2], module))
    return sitepaths.reserved_files(settings), sitepaths.site_folders(settings, sitepaths.plugin_folders(plugins))


def claims(generators: Iterable[Any]) -> list[sitepaths.Claim]:
    """Every article and page of every generator, with the path it is written to ('' for none)."""
    found = []
    for generator in generators:
        for attr in CONTENT_LISTS:
            kind = "page" if "pages" in attr else "article"
            for content in getattr(generator, attr, []) or []:
                source = content.get_relative_source_path()
                found.append(sitepaths.claim(generator.settings, kind, content.status, content.save_as, source))
    return found


def written_articles(generators: Iterable[Any]) -> list[names.Named]:
    """Source, tags and bylines of every article the build writes (a draft in ``make publish`` is not)."""
    found = []
    for generator in generators:
        for attr in ("articles", "hidden_articles", "drafts"):
            for article in getattr(generator, attr, []) or []:
                if article.save_as:
                    tags, authors = getattr(article, "tags", []), getattr(article, "authors", [])
                    found.append((article.get_relative_source_path(), tags, authors))
    return found


def name_problems(
    articles: list[names.Named], settings: dict[str, Any], registry: Mapping[str, Any], registry_path: str
) -> list[Problem]:
    """Tags and bylines spelt two ways on one page (``names``), the author registry's spelling included."""
    spelt = {slug: profile.name for slug, profile in registry.items()}
    pages = names.shared_pages(articles, spelt)
    if not pages:
        return []
    official = names.registered({s: spelt[s] for kind, s in pages if kind == "author" and s in spelt}, registry_path)
    patterns = {"tag": settings["TAG_URL"], "author": settings["AUTHOR_URL"]}
    root = settings["PATH"]
    uses = [*names.uses_on(articles, pages), *official]
    return names.name_collisions(uses, patterns, lambda source, field: field_line(root, source, field))


def field_line(root: str, source: str, field: str) -> int | None:
    """The line of ``field`` in the front-matter of ``source`` (under ``root``), read again for a message."""
    try:
        text = read_bytes(os.path.join(root, source)).decode("utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError):
        return None
    return located.field_line(text, field)

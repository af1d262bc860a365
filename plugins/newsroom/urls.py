"""The URLs a build's articles and pages take, and those the site keeps for itself (shell).

The checking is pure (``checks.url_collisions`` over ``sitepaths``); this gathers its
input from Pelican's generators and from the plugins the settings load.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable
from typing import Any

from . import sitepaths

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

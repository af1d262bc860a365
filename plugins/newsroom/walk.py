"""The one walk of the content folder: every file under it, and which are article and page sources.

The build, ``make check`` and ``make related-report`` all start from ``scan_files`` (run once, by
``plugin.prepare``) and tell sources apart with ``markdown_sources``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from common.errors import Problem
from common.files import MARKDOWN_SUFFIXES

__all__ = ["MARKDOWN_SUFFIXES", "markdown_sources", "scan_files"]

SKIP_DIRS = {".git", "__pycache__"}


def scan_files(root: str, problems: list[Problem]) -> frozenset[str]:
    """Every file under the content folder; symbolic links are refused, never followed.

    ``os.scandir`` says what each entry is from the directory listing itself: 20,000 files
    took 20,000 ``lstat`` calls when each was asked about on its own.
    """
    found = []
    pending = [("", root)]
    while pending:
        prefix, folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            if prefix:  # a folder the build cannot read would silently drop its stories
                fix = "make the folder readable, or move its files out."
                problems.append(Problem(prefix.rstrip("/"), None, None, f"could not be read: {exc}.", fix))
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False) and entry.name in SKIP_DIRS:
                continue
            if entry.is_symlink():
                message = "is a symbolic link; links could publish files from outside content/."
                problems.append(Problem(prefix + entry.name, None, None, message, "copy the file in instead."))
            elif entry.is_dir(follow_symlinks=False):
                pending.append((f"{prefix}{entry.name}/", entry.path))
            else:
                found.append(prefix + entry.name)
    return frozenset(found)


def _folders(settings: dict[str, Any], name: str) -> tuple[str, ...]:
    return tuple(p.strip("/") + "/" for p in settings.get(name, []) or [] if p.strip("/"))


def markdown_sources(found: Iterable[str], settings: dict[str, Any]) -> list[tuple[str, str]]:
    """(relative path, "article" or "page") of every Markdown source among ``found``, sorted: files
    under ``PAGE_PATHS`` are pages, the rest articles unless under ``ARTICLE_EXCLUDES``; hidden
    files and folders (a leading dot) are never sources."""
    pages, excluded = _folders(settings, "PAGE_PATHS"), _folders(settings, "ARTICLE_EXCLUDES")
    sources = []
    for rel in sorted(found):
        if not rel.lower().endswith(MARKDOWN_SUFFIXES) or any(part.startswith(".") for part in rel.split("/")):
            continue
        if rel.startswith(pages):
            sources.append((rel, "page"))
        elif not rel.startswith(excluded):
            sources.append((rel, "article"))
    return sources

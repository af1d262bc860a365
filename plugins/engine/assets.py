"""Content-hashed names for the theme's CSS and JavaScript, so that browsers may keep them for a year.

The theme's ``static/css/site.css`` is published as ``theme/css/site.3f2a9c1e5b.css``: the name
carries the first hex digits of the SHA-256 of its bytes, so a changed file gets a new name and
a cached copy is never stale. Pages ask for an asset by its plain name through ``asset_url``
(``{{ asset_url('css/site.css') }}``), which reads the plan (plain name -> published name) from
the template context. The plan is part of every page's fingerprint (the site digest holds the
context), so an edited stylesheet renders again every page that links it. Only the hashed name
is published. Other theme files (images) keep their names.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import posixpath
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import jinja2

HASHED = (".css", ".js")
DIGITS = 10  # hex digits of SHA-256 in a hashed name: 40 bits, one name per version of one file
CONTEXT_KEY = "theme_assets"  # the plan in the template context: plain data, fingerprinted with the site


class UnknownAsset(LookupError):
    def report(self) -> str:
        return f"error: {self}"


def hashed_name(rel: str, data: bytes) -> str:
    """``rel`` with the hash of ``data`` before its extension for CSS and JavaScript; other files keep ``rel``."""
    stem, ext = posixpath.splitext(rel)
    if ext.lower() not in HASHED:
        return rel
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:DIGITS]}{ext}"


def plan(files: Iterable[tuple[str, bytes]]) -> dict[str, str]:
    """Each theme file's plain name ('/'-separated, from the static folder) -> the name it is published under."""
    return {rel: hashed_name(rel, data) for rel, data in sorted(files)}


def theme_files(root: str, paths: Sequence[str], ignore: Sequence[str]) -> list[tuple[str, str]]:
    """(name under the published theme folder, source path) of every file in ``paths`` under ``root``,
    as Pelican's THEME_STATIC_PATHS copy them (a folder's contents, a file by its own name), sorted;
    names matching an IGNORE_FILES pattern are left out, as Pelican leaves them."""
    found: dict[str, str] = {}
    for path in paths:
        source = os.path.join(root, path)
        if os.path.isfile(source):
            found[os.path.basename(path)] = source
            continue
        for folder, dirs, names in os.walk(source):
            dirs[:] = sorted(d for d in dirs if not _ignored(d, ignore))
            for name in names:
                if not _ignored(name, ignore):
                    full = os.path.join(folder, name)
                    found[os.path.relpath(full, source).replace(os.sep, "/")] = full
    return sorted(found.items())


def _ignored(name: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in patterns)


def url(assets: Mapping[str, str], site_url: str, static_dir: str, name: str) -> str:
    """The address of the theme file ``name`` (plain name, as under the theme's static folder)."""
    published = assets.get(name)
    if published is None:
        known = ", ".join(sorted(assets)) or "none"
        raise UnknownAsset(
            f"a template asks for the theme file {name!r}, which the theme's static folder does not have "
            f"(it has: {known}). Fix: correct the name in the template's asset_url(…) call, or add the file."
        )
    folder = static_dir.strip("/")
    return f"{site_url}/{folder}/{published}" if folder else f"{site_url}/{published}"


@jinja2.pass_context
def asset_url(context: Any, name: str) -> str:
    """Templates: ``{{ asset_url('css/site.css') }}`` -> ``/theme/css/site.3f2a9c1e5b.css`` (with SITEURL)."""
    return url(context.get(CONTEXT_KEY) or {}, context.get("SITEURL", ""), context.get("THEME_STATIC_DIR", "theme"),
               name)  # fmt: skip

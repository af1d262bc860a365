"""The search index in shards: one Pagefind bundle per top folder of the article pages (pure).

Article pages are written to ``{year}/{month}/{slug}/index.html``, so the shards are the
years: ``pagefind/2026/``, ``pagefind/2025/``… Each is indexed by its own Pagefind run, so
the build's peak memory is that of the biggest year rather than of the whole archive, and
an edit re-indexes only its year. The search page merges the bundles in the reader's
browser, in the order ``pagefind/shards.json`` lists them. When an indexed page has no
folder (a flat ``slug.html``), the whole site is one bundle in ``pagefind/`` itself.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from newsroom.fingerprints import digest

BUNDLE_DIR = "pagefind"  # the bundles and the manifest, served from the site itself
MANIFEST_NAME = "shards.json"
MANIFEST = f"{BUNDLE_DIR}/{MANIFEST_NAME}"
WHOLE_SITE = "."  # the manifest's name for the single bundle in pagefind/ itself
_SAFE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")  # no glob or URL syntax, no hidden or parent folders
_RESERVED = frozenset({BUNDLE_DIR, MANIFEST_NAME})


@dataclass(frozen=True)
class Shard:
    name: str  # the site's top folder it indexes, e.g. "2026"; WHOLE_SITE for the whole site
    pages: tuple[str, ...]  # the output paths of its indexed pages, sorted

    @property
    def whole_site(self) -> bool:
        return self.name == WHOLE_SITE

    @property
    def output_subdir(self) -> str:
        """Where its bundle goes, relative to the site; also its key in the build's reuse manifest."""
        return BUNDLE_DIR if self.whole_site else f"{BUNDLE_DIR}/{self.name}"

    @property
    def glob(self) -> str:
        """The pages Pagefind reads for it ("" for all of them); pages without data-pagefind-body are skipped."""
        return "" if self.whole_site else f"{self.name}/**/*.html"


def _folder(page: str) -> str:
    head, sep, _ = page.replace("\\", "/").partition("/")
    return head if sep and _SAFE.fullmatch(head) and head not in _RESERVED else ""


def _order(name: str) -> tuple[int, int, str]:
    """Years (any number) newest first, then other folder names alphabetically."""
    return (0, -int(name), name) if name.isdigit() else (1, 0, name)


def plan(pages: Iterable[str]) -> list[Shard]:
    """Group the indexed pages by their top folder, newest year first; one whole-site shard if any has none."""
    pages = sorted(set(pages))
    if not pages:
        return []
    groups: dict[str, list[str]] = {}
    for page in pages:
        folder = _folder(page)
        if not folder:
            return [Shard(WHOLE_SITE, tuple(pages))]
        groups.setdefault(folder, []).append(page)
    return [Shard(name, tuple(groups[name])) for name in sorted(groups, key=_order)]


def fingerprint(shard: Shard, language: str, pagefind_version: str, page_fingerprints: Mapping[str, str]) -> str | None:
    """What a shard's bundle is made from: its pages as rendered, the language and Pagefind's version.

    None when a page's fingerprint is unknown: the shard cannot be reused then. The version
    matters because the bundles of one search must come from one Pagefind: an upgrade
    re-indexes every shard instead of merging old bundles with the new pagefind.js.
    """
    if not all(page in page_fingerprints for page in shard.pages):
        return None
    pages = [(page, page_fingerprints[page]) for page in shard.pages]
    return digest("pagefind", shard.name, language, pagefind_version, pages)


def manifest(shards: Iterable[Shard]) -> bytes:
    """``pagefind/shards.json``: the bundles' folders under pagefind/, the first one loaded first."""
    return (json.dumps({"shards": [s.name for s in shards]}, indent=1) + "\n").encode()

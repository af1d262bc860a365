"""The search index in shards: one Pagefind bundle per year of article pages, or per part of a big year (pure).

Article pages are written to ``{year}/{month}/{slug}/index.html``, so the shards are the
years: ``pagefind/2026/``, ``pagefind/2025/``… A year with more indexed pages than the
limit (``SEARCH_SHARD_PAGES``) is split by its month folders into the fewest equal
parts of the calendar that each stay within it: halves (``2025-h1``, ``2025-h2``),
quarters (``2025-q1``…) or, at most, months (``2025-01``…). Each shard is indexed by its
own Pagefind run, so the build's peak memory is that of the biggest shard rather than of
the whole archive, and an edit re-indexes only its shard: a run's time grows with its
pages, so the limit bounds what an edit costs however much a year holds. The search page
merges the bundles in the reader's browser, in the order ``pagefind/shards.json`` lists
them (newest first); a query reads one index chunk from each bundle, so more shards cost
each search a little more. When an indexed page has no folder (a flat ``slug.html``),
the whole site is one bundle in ``pagefind/`` itself.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from engine import digest

BUNDLE_DIR = "pagefind"  # the bundles and the manifest, served from the site itself
MANIFEST_NAME = "shards.json"
MANIFEST = f"{BUNDLE_DIR}/{MANIFEST_NAME}"
WHOLE_SITE = "."  # the manifest's name for the single bundle in pagefind/ itself
_SAFE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")  # no glob or URL syntax, no hidden or parent folders
_RESERVED = frozenset({BUNDLE_DIR, MANIFEST_NAME})
SHARD_PAGES = 1_500  # default limit of a year's shard before it is split (SEARCH_SHARD_PAGES)
PARTS = ((2, "h{}"), (4, "q{}"), (12, "{:02d}"))  # how a big year is split (halves, quarters, months), named


@dataclass(frozen=True)
class Shard:
    name: str  # the site's top folder it indexes ("2026"), a part of one ("2026-h1"); WHOLE_SITE for the whole site
    pages: tuple[str, ...]  # the output paths of its indexed pages, sorted
    months: tuple[int, ...] = ()  # the month folders of its year it indexes, when only part of the year

    @property
    def whole_site(self) -> bool:
        return self.name == WHOLE_SITE

    @property
    def output_subdir(self) -> str:
        """Where its bundle goes, relative to the site; also its key in the build's reuse manifest."""
        return BUNDLE_DIR if self.whole_site else f"{BUNDLE_DIR}/{self.name}"

    @property
    def glob(self) -> str:
        """Its pages as a Pagefind glob ("" for all of them); for messages, as its runs read a folder of its own."""
        if self.whole_site:
            return ""
        if self.months:
            year = self.name.partition("-")[0]
            return f"{year}/{{{','.join(f'{m:02d}' for m in self.months)}}}/**/*.html"
        return f"{self.name}/**/*.html"


def _folder(page: str) -> str:
    head, sep, _ = page.replace("\\", "/").partition("/")
    return head if sep and _SAFE.fullmatch(head) and head not in _RESERVED else ""


def _order(shard: Shard) -> tuple[int, int, int, str]:
    """Years (any number) newest first, a split year's latest part first; then other folder names alphabetically."""
    if shard.name.isdigit():
        return (0, -int(shard.name), 0, shard.name)
    if shard.months:
        return (0, -int(shard.name.partition("-")[0]), -shard.months[0], shard.name)
    return (1, 0, 0, shard.name)


def _month(page: str) -> int:
    """The month folder a page is in below its year folder (``2026/03/slug/index.html`` -> 3); 0 for none."""
    parts = page.replace("\\", "/").split("/")
    folder = parts[1] if len(parts) > 2 else ""
    return int(folder) if len(folder) == 2 and folder.isdigit() and 1 <= int(folder) <= 12 else 0


def _split(year: str, pages: list[str], limit: int) -> list[Shard]:
    """A year's pages as one shard, or, above ``limit``, in the fewest equal parts of the year that each
    hold at most ``limit`` (months when none do). A year whose pages are not all in month folders stays whole."""
    months = [_month(page) for page in pages]
    if len(pages) <= limit or not year.isdigit() or not all(months):
        return [Shard(year, tuple(pages))]
    for parts, name in PARTS:
        span = 12 // parts
        groups: dict[int, list[str]] = {}
        for page, month in zip(pages, months, strict=True):
            groups.setdefault((month - 1) // span + 1, []).append(page)
        if parts == 12 or max(len(g) for g in groups.values()) <= limit:
            return [
                Shard(
                    f"{year}-{name.format(part)}", tuple(group), tuple(range(part * span - span + 1, part * span + 1))
                )
                for part, group in groups.items()
            ]
    raise AssertionError("months are the last split")  # pragma: no cover


def plan(pages: Iterable[str], limit: int = SHARD_PAGES) -> list[Shard]:
    """Group the indexed pages by their top folder, a year above ``limit`` pages split into parts (``_split``),
    newest first; one whole-site shard if any page has no folder."""
    pages = sorted(set(pages))
    if not pages:
        return []
    groups: dict[str, list[str]] = {}
    for page in pages:
        folder = _folder(page)
        if not folder:
            return [Shard(WHOLE_SITE, tuple(pages))]
        groups.setdefault(folder, []).append(page)
    planned = [shard for name, group in groups.items() for shard in _split(name, group, limit)]
    names = [shard.name for shard in planned]
    if len(set(names)) < len(names):  # a folder named like a part of a split year ("2026-h1"): nothing is split
        planned = [Shard(name, tuple(group)) for name, group in groups.items()]
    return sorted(planned, key=_order)


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

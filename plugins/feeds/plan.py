"""Which feeds the site has and what goes in each (pure)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .entries import Entry, newest_first
from .settings import FeedSettings

FORMATS = {"rss": "rss.xml", "atom": "atom.xml", "json": "json"}
MIME = {"rss": "application/rss+xml", "atom": "application/atom+xml", "json": "application/feed+json"}
PATHS = {
    "site": "feeds/all.{ext}",
    "section": "feeds/section/{slug}.{ext}",
    "tag": "feeds/tag/{slug}.{ext}",
    "author": "feeds/author/{slug}.{ext}",
}


@dataclass(frozen=True)
class Feed:
    kind: str  # site, section, tag or author
    slug: str  # "" for the site-wide feed
    title: str
    name: str  # what readers call it: the site's, section's, tag's or author's name
    home_url: str  # the HTML page this feed follows
    formats: tuple[str, ...]
    entries: tuple[Entry, ...]

    @property
    def key(self) -> str:
        return self.kind if self.kind == "site" else f"{self.kind}:{self.slug}"

    def path(self, fmt: str) -> str:
        return PATHS[self.kind].format(slug=self.slug, ext=FORMATS[fmt])


def plan(entries: Iterable[Entry], config: FeedSettings, home_url: str) -> list[Feed]:
    """Every feed, each with its newest ``max_items`` entries, in a fixed order (kind, slug)."""
    ordered = newest_first(list(entries))
    cap = config.max_items
    site_formats = ("rss", "atom", "json") if config.json else ("rss", "atom")
    feeds = [Feed("site", "", config.site_name, config.site_name, home_url, site_formats, tuple(ordered[:cap]))]
    groups: dict[tuple[str, str], list[Entry]] = {}
    names: dict[tuple[str, str], tuple[str, str]] = {}
    for entry in ordered:
        keys = []
        if config.sections:
            keys.append(("section", entry.section.slug, entry.section.name, entry.section.url))
        if config.tags:
            keys.extend(("tag", t.slug, t.name, t.url) for t in entry.tags)
        if config.authors:
            keys.extend(("author", a.slug, a.name, a.url) for a in entry.authors)
        for kind, slug, name, url in keys:
            bucket = groups.setdefault((kind, slug), [])
            if len(bucket) < cap and (not bucket or bucket[-1] is not entry):  # a tag or author named twice
                bucket.append(entry)
            names.setdefault((kind, slug), (name, url))
    labels = {"section": "{site}: {name}", "tag": "{site}: stories about {name}", "author": "{site}: stories by {name}"}
    for (kind, slug), items in sorted(groups.items()):
        name, url = names[(kind, slug)]
        title = labels[kind].format(site=config.site_name, name=name)
        feeds.append(Feed(kind, slug, title, name, url, ("rss", "atom"), tuple(items)))
    return feeds

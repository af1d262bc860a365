"""What pages link about the feeds, as plain data for the theme (pure).

The subscribe page (``feeds/``) lists every feed the site writes, by family (the whole site,
sections, topics, journalists), each with its addresses to copy into a news reader and the
OPML file of them all. Links are made like every other link of the theme, ``SITEURL`` + path:
absolute on a publish build, from the site root on a development build (so they work on any
host and port).
"""

from __future__ import annotations

from dataclasses import dataclass

from .outline import OPML_PATH
from .plan import MIME, Feed

SAVE_AS = "feeds/index.html"
URL = "feeds/"
TEMPLATE = "subscribe"  # not "feeds": Pelican and this plugin read FEEDS_* names as feed settings
FORMAT_NAMES = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}
_GROUPS = (("site", "everything", "Everything"), ("section", "sections", "Sections"),
           ("tag", "topics", "Topics"), ("author", "journalists", "Journalists"))  # fmt: skip


@dataclass(frozen=True)
class FeedLink:
    format: str  # as readers know it: RSS, Atom, JSON Feed
    href: str
    type: str  # its media type


@dataclass(frozen=True)
class FeedRow:
    name: str
    anchor: str  # the row's id on the subscribe page
    page: str  # href of the HTML page the feed follows
    links: tuple[FeedLink, ...]


@dataclass(frozen=True)
class FeedGroup:
    anchor: str
    heading: str
    feeds: tuple[FeedRow, ...]


@dataclass(frozen=True)
class SubscribePage:
    url: str  # href of the page itself
    opml: str  # href of the OPML file of every feed
    count: int  # feeds listed (each in one to three formats)
    groups: tuple[FeedGroup, ...]  # only families with at least one feed


def anchor(feed: Feed) -> str:
    return "all" if feed.kind == "site" else f"{feed.kind}-{feed.slug}"  # never a family's id (everything, topics…)


def alternate_links(feed: Feed, siteurl: str) -> list[dict[str, str]]:
    """A feed's ``<link rel="alternate">`` data, one per format."""
    return [{"type": MIME[fmt], "title": f"{feed.title} ({FORMAT_NAMES[fmt]})",
             "href": f"{siteurl}/{feed.path(fmt)}", "format": fmt} for fmt in feed.formats]  # fmt: skip


def _row(feed: Feed, siteurl: str, site_url: str) -> FeedRow:
    page = siteurl + feed.home_url[len(site_url) :] if feed.home_url.startswith(site_url) else feed.home_url
    name = f"Every story from {feed.name}" if feed.kind == "site" else feed.name
    links = tuple(FeedLink(FORMAT_NAMES[fmt], f"{siteurl}/{feed.path(fmt)}", MIME[fmt]) for fmt in feed.formats)
    return FeedRow(name, anchor(feed), page, links)


def subscribe_page(feeds: list[Feed], siteurl: str, site_url: str) -> SubscribePage:
    """The page's data: ``siteurl`` is SITEURL (links), ``site_url`` the absolute base the feeds were planned with."""
    groups = []
    for kind, group_anchor, heading in _GROUPS:
        rows = tuple(_row(feed, siteurl, site_url) for feed in feeds if feed.kind == kind)
        if rows:
            groups.append(FeedGroup(group_anchor, heading, rows))
    return SubscribePage(f"{siteurl}/{URL}", f"{siteurl}/{OPML_PATH}", len(feeds), tuple(groups))


def follow_links(feeds: list[Feed], siteurl: str) -> dict[str, str]:
    """Each feed's key -> its row on the subscribe page, for the pages it follows to link to."""
    return {feed.key: f"{siteurl}/{URL}#{anchor(feed)}" for feed in feeds}

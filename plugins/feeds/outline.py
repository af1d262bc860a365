"""An OPML 2.0 file listing every feed, for readers that import a whole subscription list (pure)."""

from __future__ import annotations

from lxml import etree

from .plan import Feed
from .settings import FeedSettings

OPML_PATH = "feeds/all.opml"
_GROUPS = (("section", "Sections"), ("tag", "Tags"), ("author", "Authors"))


def _outline(parent: etree._Element, feed: Feed, config: FeedSettings) -> None:
    # RSS for every feed: the format every reader follows; text and title are the feed's own title
    etree.SubElement(parent, "outline", text=feed.title, title=feed.title, type="rss",
                     xmlUrl=f"{config.site_url}/{feed.path('rss')}", htmlUrl=feed.home_url)  # fmt: skip


def opml(feeds: list[Feed], config: FeedSettings) -> bytes:
    """The site's feed first, then one group each for sections, tags and authors, in the feeds' order.

    No date: the same feeds give the same bytes."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = f"{config.site_name}: every feed"
    body = etree.SubElement(root, "body")
    for feed in feeds:
        if feed.kind == "site":
            _outline(body, feed, config)
    for kind, label in _GROUPS:
        group = etree.SubElement(body, "outline", text=label)
        for feed in feeds:
            if feed.kind == kind:
                _outline(group, feed, config)
        if not len(group):
            body.remove(group)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)

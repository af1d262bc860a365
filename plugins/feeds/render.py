"""Feed documents from planned feeds: RSS 2.0 and Atom 1.0 with feedgen, JSON Feed 1.1 with json.

Building returns bytes and never touches the disk or the clock: every date in a
feed comes from its items, so unchanged content gives identical files.
"""

from __future__ import annotations

import json
from datetime import datetime

from feedgen.ext.base import BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from .cap import Fitted, fit
from .entries import Entry, byline, xml_text
from .pieces import EPOCH, Pieces, extend, serialize
from .plan import MIME, Feed
from .settings import FeedSettings

ATOM_NS = "http://www.w3.org/2005/Atom"


class _Hub(BaseExtension):
    """Announces a WebSub hub in RSS (feedgen writes only the self link there)."""

    hub = ""

    def extend_ns(self) -> dict[str, str]:
        return {"atom": ATOM_NS}

    def extend_rss(self, rss_feed: etree._Element) -> etree._Element:
        channel = rss_feed[0]
        link = etree.SubElement(channel, f"{{{ATOM_NS}}}link")
        link.attrib.update({"rel": "hub", "href": self.hub})
        return rss_feed


def feed_url(config: FeedSettings, feed: Feed, fmt: str) -> str:
    return f"{config.site_url}/{feed.path(fmt)}"


def updated(entries: tuple[Entry, ...]) -> datetime:
    return max((e.updated for e in entries), default=EPOCH)


def _generator(
    feed: Feed, config: FeedSettings, fmt: str, entries: tuple[Entry, ...], first: datetime
) -> FeedGenerator:
    fg = FeedGenerator()
    extend(fg)
    fg.id(f"tag:{config.tag_authority},{first:%Y-%m-%d}:/{feed.path('atom').rsplit('.', 2)[0]}")
    fg.title(xml_text(feed.title))
    fg.subtitle(xml_text(config.description) or xml_text(feed.title))
    fg.link(href=feed_url(config, feed, fmt), rel="self", type=MIME[fmt])
    if config.websub_hub:
        fg.link(href=config.websub_hub, rel="hub")
        fg.register_extension("websub", _Hub, atom=False, rss=True)
        fg.websub.hub = config.websub_hub
    fg.link(href=feed.home_url, rel="alternate")  # last: feedgen uses the last link as RSS <link>
    fg.language(config.language)
    fg.generator("Newsdesk")
    fg.updated(updated(entries))
    return fg


def add(fg: FeedGenerator, entry: Entry, fmt: str) -> None:
    """Add ``entry`` to ``fg`` as feedgen writes it in ``fmt``."""
    fe = fg.add_entry(order="append")
    fe.id(entry.id)
    fe.guid(entry.id, permalink=False)
    fe.title(xml_text(entry.title))
    fe.link(href=entry.url, rel="alternate", type="text/html")
    fe.summary(xml_text(entry.summary))
    # RSS carries the body as content:encoded in CDATA; Atom as escaped HTML (type="html").
    fe.content(xml_text(entry.content_html), type="CDATA" if fmt == "rss" else "html")
    fe.published(entry.published)
    fe.updated(entry.updated)
    names = [xml_text(person.name) for person in entry.authors]
    for name, person in zip(names, entry.authors, strict=True):
        fe.author({"name": name, "uri": person.url})  # Atom: one <author> each (RSS: none, it has no e-mail)
    if names:
        fe.dc.dc_creator(byline(names))  # RSS: the byline as printed, what readers show
        fe.newsdesk.credits = names  # RSS: every co-author as a media:credit
    for term in (entry.section, *entry.tags):
        fe.category({"term": term.slug, "label": xml_text(term.name), "scheme": term.url})
    if entry.image:
        image = entry.image
        size = {"width": str(image.width), "height": str(image.height)} if image.width else {}
        fe.media.content({"url": image.url, "type": image.type, "medium": "image",
                          "fileSize": str(image.length), **size}, group=None)  # fmt: skip
        fe.media.thumbnail({"url": image.url, **size}, group=None)
        fe.enclosure(image.url, str(image.length), image.type)
    fe.newsdesk.links = fe.link()  # feedgen drops their rel, type and length in Atom: see extensions.py


def reference_document(
    feed: Feed, fmt: str, config: FeedSettings, entries: tuple[Entry, ...], first: datetime
) -> bytes:
    """The feed exactly as feedgen writes it with every entry added; the fast path must give these bytes."""
    fg = _generator(feed, config, fmt, entries, first)
    for entry in entries:
        add(fg, entry, fmt)
    return serialize(fg, fmt)


_CLOSING = {"rss": b"  </channel>", "atom": b"</feed>"}


def _assembled(feed: Feed, fmt: str, config: FeedSettings, entries: tuple[Entry, ...], first: datetime,
               pieces: Pieces) -> bytes:  # fmt: skip
    head = serialize(_generator(feed, config, fmt, entries, first), fmt)
    cut = head.rindex(_CLOSING[fmt])
    pieces.prepare(entries, fmt, config)
    body = b"".join(pieces.entry(e, fmt, config) for e in entries)
    return head[:cut] + body + head[cut:]


def json_feed(feed: Feed, config: FeedSettings, entries: tuple[Entry, ...], first: datetime) -> bytes:
    del first  # JSON Feed has no feed-level ID
    document: dict[str, object] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": feed.home_url,
        "feed_url": feed_url(config, feed, "json"),
        "description": config.description,
        "language": config.language,
    }
    for key in ("icon", "favicon"):
        if getattr(config, key):
            document[key] = f"{config.site_url}/{getattr(config, key)}"
    if config.websub_hub:
        document["hubs"] = [{"type": "WebSub", "url": config.websub_hub}]
    document["items"] = [_json_item(e) for e in entries]
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _json_item(entry: Entry) -> dict[str, object]:
    authors = [{"name": p.name, "url": p.url} for p in entry.authors]
    item: dict[str, object] = {
        "id": entry.id,
        "url": entry.url,
        "title": entry.title,
        "summary": entry.summary,
        "content_html": entry.content_html,
        "date_published": entry.published.isoformat(),
        "date_modified": entry.updated.isoformat(),
        "authors": authors,
        "tags": [entry.section.name, *(t.name for t in entry.tags)],
    }
    if authors:  # JSON Feed 1.0 readers know only "author": the one person, or the byline as printed
        item["author"] = authors[0] if len(authors) == 1 else {"name": byline([p.name for p in entry.authors])}
    if entry.image:
        item["image"] = entry.image.url
    return item


def _json_item_size(entry: Entry) -> int:
    """An item's share of a JSON Feed: its lines, indented two levels deep, and the separator after it."""
    text = json.dumps(_json_item(entry), ensure_ascii=False, indent=1)
    return len(text.encode("utf-8")) + 2 * (text.count("\n") + 1) + 2


def render_fitted(feed: Feed, fmt: str, config: FeedSettings, first: datetime, pieces: Pieces | None = None
                  ) -> Fitted[Entry]:  # fmt: skip
    """The feed document within ``max_bytes`` (``cap``), with the items kept and those too large for any feed."""
    pieces = pieces or Pieces(add)

    def document(entries: tuple[Entry, ...]) -> bytes:
        if fmt == "json":
            return json_feed(feed, config, entries, first)
        return _assembled(feed, fmt, config, entries, first, pieces)

    def size(entry: Entry) -> int:
        return _json_item_size(entry) if fmt == "json" else len(pieces.entry(entry, fmt, config))

    return fit(feed.entries, document, size, config.max_bytes)


def render(feed: Feed, fmt: str, config: FeedSettings, first: datetime, pieces: Pieces | None = None) -> bytes:
    """The feed document, with as many of its newest items as fit ``max_bytes``."""
    return render_fitted(feed, fmt, config, first, pieces).document

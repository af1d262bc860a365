"""Our own feedgen entry extension: what feedgen 1.0.0 does not write itself (pure, on lxml elements)."""

from __future__ import annotations

from feedgen.ext.base import BaseEntryExtension
from lxml import etree

MEDIA_NS = "http://search.yahoo.com/mrss/"
_LINK_ATTRIBUTES = ("rel", "type", "hreflang", "title", "length")


class NewsdeskEntry(BaseEntryExtension):
    """Restores the attributes of an Atom entry's links, and credits each author of an RSS item.

    RSS readers show one ``dc:creator`` (feedparser and newsboat keep the last of several),
    so an item's ``dc:creator`` is the printed byline and each person is a Media RSS
    ``media:credit`` with the role "author" (``credits``, in the byline's order).

    feedgen 1.0.0 (the newest release) writes every Atom entry link with its ``href``
    only: its ``atom_entry`` reuses one variable for the link's data and its element
    (upstream issues lkiesow/python-feedgen#135 and #143, open). A link without ``rel``
    is an alternate link, so the hero image's enclosure became a second article link.
    ``links`` is the entry's link data in the order feedgen writes the elements.
    """

    def __init__(self) -> None:
        self.links: list[dict[str, str]] = []
        self.credits: list[str] = []

    def extend_rss(self, item: etree._Element) -> etree._Element:
        for name in self.credits:
            credit = etree.SubElement(item, f"{{{MEDIA_NS}}}credit", role="author", scheme="urn:ebu")
            credit.text = name
        return item

    def extend_atom(self, entry: etree._Element) -> etree._Element:
        # feedgen makes the entry's elements without a namespace; the document's default one applies
        written = [child for child in entry if etree.QName(child).localname == "link"]
        if len(written) != len(self.links):
            raise AssertionError(f"feedgen wrote {len(written)} Atom links for {len(self.links)}")
        for element, link in zip(written, self.links, strict=True):
            if element.get("href") != link["href"]:
                raise AssertionError(f"feedgen wrote the Atom link {element.get('href')} for {link['href']}")
            for name in _LINK_ATTRIBUTES:
                if link.get(name):
                    element.set(name, link[name])
        return entry

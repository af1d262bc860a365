"""What Pagefind reads of a page: the element marked ``data-pagefind-body``, alone (pure).

Pagefind parses the whole page but indexes only that element (and the ``data-pagefind-*``
attributes inside it). Given a document holding just the element it writes the same bundle,
byte for byte (tested), with about a fifth less CPU (6.7 s instead of 8.6 s for a year of
2,273 pages): an article page is three times the size of its story. Where the element
cannot be cut out with certainty (no mark, the mark written twice, unbalanced tags), the
page is given whole, and so it is when the element holds no ``<h1>`` or one comes before
it: Pagefind titles a result with the page's first ``<h1>``.
"""

from __future__ import annotations

import re

MARK = "data-pagefind-body"
_NAME = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)")
_H1 = re.compile(r"<h1[\s>]", re.IGNORECASE)


def search_document(html: str) -> str:
    """The page reduced to its ``data-pagefind-body`` element, or the page itself."""
    mark = html.find(MARK)
    if mark < 0 or html.find(MARK, mark + len(MARK)) >= 0:
        return html
    start = html.rfind("<", 0, mark)
    name = _NAME.match(html, start) if start >= 0 else None
    if name is None or ">" in html[start:mark]:
        return html
    tags = re.compile(rf"<(/?){re.escape(name.group(1))}(?=[\s>/])", re.IGNORECASE)
    depth = 0
    for tag in tags.finditer(html, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            end = html.find(">", tag.end())
            element = html[start : end + 1]
            if end < 0 or not _H1.search(element) or _H1.search(html, 0, start):
                return html
            return f"<!doctype html>\n<html><body>{element}</body></html>\n"
    return html

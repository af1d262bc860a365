"""Photos in a story's body (pure): each ``<img>`` of a raster file of the site becomes a ``<picture>``.

The body is the converted HTML before Pelican rewrites its links, so a photo of the site is still
written ``{static}path`` (or ``|static|path``): relative to the story's own file, or to the content
folder with a leading ``/``. Such an ``<img>`` is replaced by a ``<picture>`` of the photo's
derivatives, with its width and height, lazy-loaded, keeping the ``alt``, ``title`` and ``class`` the
author wrote; the page then never names the original. ``linked`` tells which files a body still links
(a download link to the full photo, say): those are published too, re-encoded without metadata.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from html import escape, unescape
from urllib.parse import unquote, urlparse

from engine import Picture

IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ATTRIBUTE = re.compile(r"""([^\s"'=<>/]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
LINK = re.compile(r"""(?:\{(static|attach)\}|\|(static|attach)\|)([^"'\s>]+)""")
KEPT = ("alt", "title", "class", "id")


def _target(source: str, url: str) -> str:
    """The content-relative path of a link ``url`` written in the story at ``source`` (content-relative)."""
    path = unquote(urlparse(unescape(url)).path)
    if path.startswith("/"):
        return posixpath.normpath(path.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), path))


def attributes(tag: str) -> dict[str, str]:
    """An HTML tag's attributes by lower-case name, their escapes undone (the first of a repeated name)."""
    found: dict[str, str] = {}
    for match in ATTRIBUTE.finditer(tag[len("<img") :]):
        value = next((v for v in match.group(2, 3, 4) if v is not None), "")
        found.setdefault(match.group(1).lower(), unescape(value))
    return found


def images(html: str, source: str) -> list[str]:
    """The content-relative path of each file of the site a body's ``<img>`` shows, in order, once each."""
    found: dict[str, None] = {}
    if "static" not in html:  # no ``{static}`` link: no photo of the site, and no case-blind scan of the body
        return []
    for tag in IMG.findall(html):
        link = LINK.fullmatch(attributes(tag).get("src", ""))
        if link and (link.group(1) or link.group(2)) == "static":
            found[_target(source, link.group(3))] = None
    return list(found)


def may_link(html: str) -> bool:
    """Whether ``html`` may link a file of the site at all (a quick test before ``linked``'s scan)."""
    return "static" in html or "attach" in html


def linked(html: str, source: str) -> set[str]:
    """The content-relative paths of every file of the site that ``html`` links (any tag, any attribute)."""
    return {_target(source, match.group(3)) for match in LINK.finditer(html)}


def picture_html(pic: Picture, kept: Mapping[str, str]) -> str:
    """A ``<picture>`` of ``pic``: the theme's picture markup, lazy-loaded, with the author's ``kept`` attributes."""
    sources = "".join(
        f'<source type="{escape(kind)}" srcset="{escape(srcset)}" sizes="{escape(pic.sizes)}">'
        for kind, srcset in pic.sources
    )
    extra = "".join(f' {name}="{escape(kept[name])}"' for name in KEPT if name in kept and name != "alt")
    return (
        f'<picture>{sources}<img src="{escape(pic.src)}" srcset="{escape(pic.srcset)}" sizes="{escape(pic.sizes)}"'
        f' alt="{escape(kept.get("alt", ""))}"{extra} width="{pic.width}" height="{pic.height}"'
        ' loading="lazy" decoding="async"></picture>'
    )


def rewrite(html: str, source: str, pictures: Mapping[str, Picture]) -> str:
    """``html`` with each ``<img>`` of a photo in ``pictures`` (by content-relative path) made a ``<picture>``."""

    def replace(match: re.Match[str]) -> str:
        kept = attributes(match.group(0))
        link = LINK.fullmatch(kept.get("src", ""))
        if not link or (link.group(1) or link.group(2)) != "static":
            return match.group(0)
        pic = pictures.get(_target(source, link.group(3)))
        return match.group(0) if pic is None else picture_html(pic, kept)

    return IMG.sub(replace, html)

"""Links to other files of the site inside an article body (pure).

Pelican rewrites ``{filename}other.md``, ``{static}img.png`` and ``{attach}file`` (also spelt
``|static|img.png``, or any mix of the two) in the converted HTML into URLs, and copies every
``{static}`` and ``{attach}`` target into the output. A target that does not exist only earns
a warning and leaves a broken link on the live site; one written with ``..`` was copied from
beside the content folder to beside the output folder. Every such link is found here with
Pelican's own pattern, in the HTML Pelican rewrites, so that the build stops before it writes
anything.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from html import unescape
from urllib.parse import unquote, urlparse

from common.errors import Problem

FILE_KINDS = frozenset({"filename", "static", "attach"})
OUTSIDE_FIX = (
    "link only to files under content/ (images in content/images/), relative to this file "
    "or to content/ with a leading /, without '..' out of it, '\\' or '%2e'."
)


def file_links(html: str, pattern: re.Pattern[str]) -> list[tuple[str, str, str]]:
    """(kind, as written, URL) of every link to a file of the site in ``html``, in order.

    The URL is what follows the marker, as it stands in the HTML (Pelican reads that);
    "as written" is the marker and URL with the HTML escapes undone, as in the source.
    """
    found = []
    for match in pattern.finditer(html):
        if match.group("what") in FILE_KINDS:
            found.append((match.group("what"), unescape(match.group("path")), match.group("value")))
    return found


def copied_path(source: str, url: str) -> str:
    """The content-relative path Pelican copies for a ``{static}`` or ``{attach}`` link in ``source``
    (``Content.get_static_links``): not normalized when it starts with ``/``."""
    path = urlparse(url).path
    path = path[1:] if path.startswith("/") else resolve(source, path)
    return path.replace("%20", " ")


def resolve(source: str, target: str) -> str:
    """The content-relative path Pelican looks up for ``target`` written in ``source``."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _spellings(url: str) -> set[str]:
    """The paths Pelican may take from ``url``: as written, percent-decoded, HTML-unescaped."""
    path = urlparse(url).path
    return {path, unquote(path), urlparse(unescape(url)).path, unquote(urlparse(unescape(url)).path)}


def _leaves_content(source: str, path: str) -> bool:
    if "\\" in path or "\0" in path:
        return True
    if path.startswith("/"):  # from content/, not normalized by Pelican: no '..' at all
        rest = path[1:]
        return rest.startswith("/") or ".." in rest.split("/")
    joined = resolve(source, path)
    return joined == ".." or joined.startswith("../")


def link_problem(source: str, kind: str, url: str, exists: Callable[[str], bool]) -> str | None:
    """What is wrong with a ``kind`` link to ``url`` in ``source``, or None when it is fine."""
    parts = urlparse(url)
    if parts.scheme or parts.netloc:
        return "is not a file of this site"
    if any(_leaves_content(source, path) for path in _spellings(url)):
        return "is outside content/; files from outside the content folder are never published"
    if kind == "filename":
        wanted = resolve(source, unquote(parts.path))
        found = any(exists(resolve(source, path)) for path in sorted(_spellings(url)))
    else:
        wanted = copied_path(source, url)
        found = exists(wanted)
    return None if found else f"but content/{wanted} does not exist"


def line_of(body: str, first_line: int, written: str) -> int | None:
    """The line of ``body`` (whose first line is ``first_line``) holding ``written``, if any."""
    for offset, line in enumerate(body.splitlines()):
        if written in line:
            return first_line + offset
    return None


def broken_refs(
    source: str, html: str, body: str, first_line: int, exists: Callable[[str], bool], pattern: re.Pattern[str]
) -> list[Problem]:
    """A problem for every link in ``html`` (converted from ``body``) that Pelican could not
    resolve, or that would read or write outside the content and output folders."""
    problems = []
    for kind, written, url in file_links(html, pattern):
        wrong = link_problem(source, kind, url, exists)
        if wrong is None:
            continue
        if wrong.startswith("but"):
            fix = "correct the path; it is relative to this file, or to content/ when it starts with /."
            message = f"links to {written}, {wrong}."
        else:
            fix = OUTSIDE_FIX
            message = f"links to {written}, which {wrong}."
        problems.append(Problem(source, line_of(body, first_line, written), None, message, fix))
    return problems

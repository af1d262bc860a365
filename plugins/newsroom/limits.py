"""Bodies nested too deep or holding too many links, measured before Markdown runs (pure).

Python-Markdown parses a nested list by recursion: a list nested about 250 deep ended
the build with a bare RecursionError naming no file. Quotes and raw HTML nested
thousands deep converted, but the sanitizer's time grows with the square of the depth
(10,000 nested elements: 1.3 s; 100,000: 170 s), and the publish checks' HTML parser
(libxml2) refuses a page nested more than 256 elements deep. Links cost Markdown about
0.2 ms each up to 2,000 in one body, then more and more per link (0.35 ms at 10,000,
0.44 at 20,000; 100,000 took 73 s). A real article nests a few levels and has well
under 500 links, so the limits below are far from it and far from the failures.

A few searches over the text find the links and the lines and tags that could be too
deep (about 25 us for a 4 KB story); only those are looked at closely, leaving out fenced
code and code spans. The file is refused with its line before any conversion.
"""

from __future__ import annotations

import re

from common.errors import Problem

MAX_DEPTH = 32  # lists and quotes inside each other; also raw HTML elements inside each other
MAX_LINKS = 2_000  # links and images in one body

# fenced code (``` or ~~~, in a list or quote too), whose text Markdown leaves alone
_FENCED = re.compile(r"\n[ \t>]*(`{3,}|~{3,})[^\n]*\n.*?\n[ \t>]*\1", re.DOTALL)
_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
# A line nests no deeper than the length of its run of marker and indentation characters (a tab is
# one level, four spaces one, each marker at least one character): only such runs are looked at.
# Every pattern here starts with a fixed character, which the regular expression engine finds fast.
_DEEP_PREFIX = re.compile(rf"\n[ \t>*+\-.)0-9]{{{MAX_DEPTH + 1},}}")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])([^<>]*)>")
_LINK = re.compile(r"\](?=[(\[])|<(?=(?:https?|ftp|mailto):|a\s)", re.IGNORECASE)  # where each link is
_RAW_LINK = re.compile(r"<(?:https?:|ftp:|mailto:|a\s)", re.IGNORECASE)
# elements that never hold others, or whose end tag is implied by the next one: they add no depth
FLAT = frozenset(
    "area base br col embed hr img input link meta param source track wbr "
    "p li dt dd tr td th thead tbody tfoot option optgroup colgroup rb rt rtc rp".split()
)


def _depth(line: str) -> int:
    """How many lists and quotes a line opens or sits in: 0 when it has no marker."""
    depth, rest = 0, line.expandtabs(4)
    while True:
        stripped = rest.lstrip(" ")
        levels = (len(rest) - len(stripped)) // 4  # indentation nests a marker in the lists above
        marker = _MARKER.match(stripped)
        if stripped.startswith(">"):
            depth, rest = depth + 1 + levels, stripped[1:]
        elif marker is not None:
            depth, rest = depth + 1 + levels, stripped[marker.end() :]
        else:
            return depth


def _deepest_line(text: str) -> tuple[int, int]:
    """(depth, offset of the line) of the most deeply nested list or quote line of ``text``."""
    deepest = (0, 0)
    for match in _DEEP_PREFIX.finditer(text):
        start = match.start() + 1
        end = text.find("\n", start)
        depth = _depth(text[start : end if end >= 0 else len(text)])
        deepest = max(deepest, (depth, -start))
    return deepest[0], -deepest[1]


def _deepest_html(text: str) -> tuple[int, int]:
    """(depth, offset) where raw HTML elements of ``text`` are nested deepest."""
    depth, deepest = 0, (0, 0)
    for match in _TAG.finditer(text):
        closing, name, attributes = match.groups()
        if name.lower() in FLAT or attributes.endswith("/"):
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        deepest = max(deepest, (depth, -match.start()))
    return deepest[0], -deepest[1]


def _blank(match: re.Match[str]) -> str:
    """The matched text as blank lines, so that offsets after it stay on their lines."""
    return "\n" * match.group().count("\n")


def body_problems(path: str, body: str, first_line: int) -> list[Problem]:
    """What in ``body`` (starting on line ``first_line`` of ``path``) is past the limits."""

    def line(text: str, offset: int) -> int:
        return first_line + text.count("\n", 0, offset)

    problems = []
    body = "\n" + body  # every line starts after a line end; line() counts from the next
    first_line -= 1
    text = _FENCED.sub(_blank, body) if "```" in body or "~~~" in body else body
    depth, offset = _deepest_line(text)
    if depth > MAX_DEPTH:
        message = f"the list or quote here is nested {depth} levels deep; the site allows {MAX_DEPTH}."
        fix = f"flatten it to at most {MAX_DEPTH} lists and quotes inside each other."
        problems.append(Problem(path, line(text, offset), None, message, fix))
    if len(_TAG.findall(text)) > MAX_DEPTH:  # fewer tags cannot nest deeper
        spans = _CODE_SPAN.sub(lambda m: " " * len(m.group()), text)
        depth, offset = _deepest_html(spans)
        if depth > MAX_DEPTH:
            message = f"the HTML here is nested {depth} elements deep; the site allows {MAX_DEPTH}."
            fix = "close the elements opened above it, or remove the extra nesting."
            problems.append(Problem(path, line(spans, offset), None, message, fix))
    count = body.count("](") + body.count("][") + (len(_RAW_LINK.findall(body)) if "<" in body else 0)
    if count > MAX_LINKS:
        beyond = next(m for n, m in enumerate(_LINK.finditer(body)) if n == MAX_LINKS)
        message = f"the body has {count:,} links; the site allows {MAX_LINKS:,} in one article."
        fix = f"split the story, or link to one page that lists them (this line holds link {MAX_LINKS + 1:,})."
        problems.append(Problem(path, line(body, beyond.start()), None, message, fix))
    return problems

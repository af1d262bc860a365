"""Placeholder text: what ``make article`` writes for the journalist to replace (pure).

The scaffold wraps every stand-in in ``[[`` and ``]]`` (``[[first tag]]``, ``[[The rest of
the story.]]``), and the checks look for that marker and nothing else, so the two cannot
drift apart. A marker counts only when it opens with a letter and stands on its own: code
spans, fenced code blocks and indexing such as ``rows[[0]]`` or ``df[[name]]`` are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from common.errors import Problem

from .frontmatter import Field, Split, lines_of

OPEN, CLOSE = "[[", "]]"
_MARKER = re.compile(r"(?<![\w\]])\[\[(?P<text>[^\W\d_][^\[\]\n]*)\]\]")
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(?P<ticks>`+).*?(?P=ticks)")


@dataclass(frozen=True)
class Placeholder:
    line: int
    field: str | None  # the front-matter key as written; None in the body
    text: str  # as written, markers included


def mark(text: str) -> str:
    """``text`` as a placeholder the checks will recognise."""
    return f"{OPEN}{text}{CLOSE}"


def is_placeholder(value: str) -> bool:
    """Whether ``value`` (a tag, a name) is one placeholder and nothing else."""
    match = _MARKER.fullmatch(value.strip())
    return match is not None


def first_in(text: str) -> str | None:
    match = _MARKER.search(_CODE_SPAN.sub("", text))
    return match.group(0) if match else None


def find(fields: Iterable[Field], body: str, body_line: int) -> list[Placeholder]:
    """The first placeholder on every line that has one, in the front-matter then the body."""
    found: list[Placeholder] = []
    for f in fields:
        if OPEN not in f.value:
            continue
        for offset, line in enumerate(lines_of(f.value)):  # continuation lines follow the key's line
            hit = first_in(line)
            if hit:
                found.append(Placeholder(f.line + offset, f.key, hit))
    if OPEN not in body:
        return found  # most stories: no line to look at
    fence = ""
    for offset, line in enumerate(lines_of(body)):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group("fence")[0] == fence[0] and len(opened.group("fence")) >= len(fence):
                fence = ""
            continue
        if opened:
            fence = opened.group("fence")
            continue
        hit = first_in(line)
        if hit:
            found.append(Placeholder(body_line + offset, None, hit))
    return found


def placeholder_problems(split: Split, path: str, draft: bool) -> list[Problem]:
    """Stand-in text left in a file: an error on a story that goes live, a warning on a draft."""
    when = "before the story is published" if draft else "or the story cannot go live"
    return [
        Problem(
            path,
            found.line,
            found.field,
            f"{found.text} is placeholder text from make article.",
            f"replace it with the story's own words (or delete it) {when}.",
            "warning" if draft else "error",
        )
        for found in find(split.fields, split.body, split.body_line)
    ]

"""Links to other files of the site inside an article body (pure).

Pelican rewrites ``{filename}other.md``, ``{static}img.png`` and ``{attach}file``
into URLs; a target that does not exist only earns a warning and leaves a broken
link on the live site. We find every such reference so the build can stop instead.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from .errors import Problem

_REF = re.compile(r"""\{(filename|static|attach)\}([^\s)"'>\]]+)""")


def intrasite_refs(body: str, first_line: int) -> list[tuple[int, str, str]]:
    """(line, kind, target) for every ``{kind}target`` in ``body``."""
    found = []
    for offset, line in enumerate(body.splitlines()):
        for match in _REF.finditer(line):
            target = match.group(2).split("#", 1)[0].split("?", 1)[0]
            found.append((first_line + offset, match.group(1), target))
    return found


def resolve(source: str, target: str) -> str:
    """The content-relative path Pelican looks up for ``target`` written in ``source``."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def broken_refs(source: str, body: str, first_line: int, exists: Callable[[str], bool]) -> list[Problem]:
    problems = []
    for line, kind, target in intrasite_refs(body, first_line):
        path = resolve(source, target)
        if path.startswith("..") or not exists(path):
            message = f"links to {{{kind}}}{target}, but content/{path} does not exist."
            fix = "correct the path; it is relative to this file, or to content/ when it starts with /."
            problems.append(Problem(source, line, None, message, fix))
    return problems

"""Where a reported problem is, in a form a reader can click: ``path:line:``.

Problems are found with paths relative to the content folder, and some checks (two
stories on one URL, the editorial warnings) know the field but not its line. Before
they are shown, each gets the path as seen from the current folder (the repository
root, where ``make`` runs) and a line: the field's own line when the file has it,
otherwise line 1, where the front-matter starts (so a missing field points there).
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Iterable

from common.errors import Problem

from .fields import ALIASES
from .frontmatter import lines_of, split_front_matter

_TOML_ENTRY = re.compile(r"^author\[(?P<index>\d+)\]")
_TOML_SYNTAX = re.compile(r"\(at line (?P<line>\d+)")  # how tomllib says where a syntax error is


def shown_path(content_path: str, rel: str, cwd: str | None = None) -> str:
    """``rel`` (inside the content folder) relative to ``cwd`` when it lies inside it, else absolute."""
    full = os.path.normpath(os.path.join(content_path, rel))
    relative = os.path.relpath(full, cwd or os.getcwd())
    if relative == ".." or relative.startswith(".." + os.sep):
        return full.replace(os.sep, "/")
    return relative.replace(os.sep, "/")


def field_line(text: str, field: str) -> int | None:
    """The line of ``field`` (``Authors``, also when written ``Author:``) in the front-matter of ``text``."""
    wanted = field.lower()
    return next((f.line for f in split_front_matter(text).fields if ALIASES.get(f.name, f.name) == wanted), None)


def line_of(problem: Problem, text: str) -> int:
    """The line ``problem`` is about in ``text``: its field's line, or 1 when the file lacks it."""
    if problem.path.endswith(".toml"):
        syntax = _TOML_SYNTAX.search(problem.message)
        if syntax:
            return int(syntax.group("line"))
        entry = _TOML_ENTRY.match(problem.field or "")
        if entry:
            headers = [n for n, line in enumerate(lines_of(text), 1) if line.strip() == "[[author]]"]
            index = int(entry.group("index"))
            return headers[index] if index < len(headers) else 1
        return 1
    return (field_line(text, problem.field) if problem.field else None) or 1


def located(problems: Iterable[Problem], content_path: str, read: Callable[[str], str] | None = None) -> list[Problem]:
    """``problems`` sorted, each with the path to show and a line."""
    texts: dict[str, str] = {}

    def text_of(rel: str) -> str:
        if rel not in texts:
            try:
                texts[rel] = read(rel) if read else _read(os.path.join(content_path, rel))
            except (OSError, UnicodeDecodeError):
                texts[rel] = ""
        return texts[rel]

    shown = []
    for problem in sorted(problems):
        line = problem.line or line_of(problem, text_of(problem.path))
        shown.append(dataclasses.replace(problem, path=shown_path(content_path, problem.path), line=line))
    return shown


def _read(path: str) -> str:
    with open(path, encoding="utf-8-sig") as handle:
        return handle.read()

"""``make check``'s report in the forms people and CI systems read (pure).

- ``text``: one ``path:line: severity: [Field] message Fix: …`` line per problem, as
  the build prints them; terminals and editors turn ``path:line`` into a link.
- ``github``: GitHub Actions workflow commands (``::error file=…,line=…,title=…::…``),
  which GitHub shows on the changed lines of a pull request.
- ``json``: one object of the shape ``JSON_VERSION`` names, documented in
  docs/workflow.md, for any other system.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

FORMATS = ("text", "github", "json")
JSON_VERSION = 1


class Shown(Protocol):
    """A located problem (``common.errors.Problem`` after ``located``)."""

    path: str
    line: int | None
    field: str | None
    message: str
    fix: str
    severity: str

    def format(self) -> str: ...


def default_format(environ: Mapping[str, str]) -> str:
    """``github`` inside a GitHub Actions job, ``text`` anywhere else."""
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_command(problem: Shown) -> str:
    """One workflow command; data and properties escaped as GitHub's toolkit does."""
    title = f"{problem.field}" if problem.field else "newsdesk check"
    message = problem.message + (f" Fix: {problem.fix}" if problem.fix else "")
    properties = f"file={_escape_property(problem.path)},line={problem.line or 1},title={_escape_property(title)}"
    return f"::{problem.severity} {properties}::{_escape_data(message)}"


def as_json(problems: Sequence[Shown], files_checked: int) -> str:
    data: dict[str, Any] = {
        "version": JSON_VERSION,
        "files_checked": files_checked,
        "errors": sum(p.severity == "error" for p in problems),
        "warnings": sum(p.severity == "warning" for p in problems),
        "problems": [
            {
                "file": p.path,
                "line": p.line or 1,
                "field": p.field or None,
                "severity": p.severity,
                "message": p.message,
                "fix": p.fix,
            }
            for p in problems
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def render(problems: Sequence[Shown], files_checked: int, fmt: str) -> str:
    """The whole report on standard output in ``fmt`` ('' when text has nothing to say)."""
    if fmt == "json":
        return as_json(problems, files_checked)
    if fmt == "github":
        return "\n".join(github_command(p) for p in problems)
    return "\n".join(p.format() for p in problems)

"""Split a Markdown source into front-matter fields and body (pure).

The format is Pelican's: ``Key: value`` lines at the top of the file, lines
indented by four or more spaces continue the previous value, and the first
blank line ends the front-matter. Unlike Python-Markdown's meta extension we
keep line numbers and report what a silent parser would swallow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import invisible

_KEY_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_-]*)[ \t]*:[ \t]*(?P<value>.*)$")
_CONTINUATION = re.compile(r"^(?: {4,}|\t)(?P<value>.*)$")
_FENCE = re.compile(r"^-{3}\s*$")
_FENCE_END = re.compile(r"^(?:-{3}|\.{3})\s*$")


@dataclass(frozen=True)
class Field:
    key: str  # as written
    value: str
    line: int

    @property
    def name(self) -> str:
        return self.key.lower()


@dataclass(frozen=True)
class Split:
    fields: tuple[Field, ...]
    body: str
    body_line: int  # 1-based line where the body starts
    stray_line: int | None = None  # a non-blank line that ended the front-matter
    stray_text: str = ""
    end_line: int | None = None  # the blank line or closing '---' that ended it
    closed_by_fence: bool = False  # True when end_line is a closing '---'
    # (line number, line as written) of front-matter lines that held invisible characters; the
    # fields are read without them (``invisible``), and the checks refuse them
    hidden: tuple[tuple[int, str], ...] = ()


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def lines_of(text: str) -> list[str]:
    """Split on line ends only: str.splitlines() would also break at U+2028, \\x0b and friends."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def strip_control(text: str) -> str:
    """Remove invisible control characters (pasted text carries them; XML and HTML cannot)."""
    return _CONTROL.sub("", text)


def split_front_matter(text: str) -> Split:
    """Return the fields and the body of ``text``."""
    lines = lines_of(text)
    if lines and lines[-1] == "":
        lines.pop()
    index = 0
    fenced = bool(lines) and bool(_FENCE.match(lines[0]))
    if fenced:
        index = 1
    fields: list[Field] = []
    stray_line: int | None = None
    stray_text = ""
    end_line: int | None = None
    closed_by_fence = False
    hidden: list[tuple[int, str]] = []
    while index < len(lines):
        line = invisible.remove(lines[index])
        if line != lines[index] and line.strip():
            hidden.append((index + 1, lines[index]))
        closed_by_fence = fenced and bool(_FENCE_END.match(line))
        if closed_by_fence or not line.strip():
            end_line = index + 1
            index += 1
            break
        key_match = _KEY_LINE.match(line)
        cont = _CONTINUATION.match(line)
        if cont and fields:
            last = fields[-1]
            joined = f"{last.value}\n{cont.group('value').strip()}".strip()
            fields[-1] = Field(last.key, joined, last.line)
        elif key_match:
            fields.append(Field(key_match.group("key"), key_match.group("value").strip(), index + 1))
        else:
            if fields:
                stray_line, stray_text = index + 1, line
            if hidden and hidden[-1][0] == index + 1:
                hidden.pop()  # not front-matter: the body's line
            break
        index += 1
    body = "\n".join(lines[index:])
    if text.endswith("\n"):
        body += "\n"
    return Split(tuple(fields), body, index + 1, stray_line, stray_text, end_line, closed_by_fence, tuple(hidden))


def leading_key_lines(body: str, first_line: int) -> list[Field]:
    """``Key: value`` lines that open the body's first paragraph.

    Used to spot a blank line inside the front-matter: the fields after it end
    up printed in the article.
    """
    found: list[Field] = []
    lines = lines_of(body)
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    for offset, line in enumerate(lines[start:]):
        match = _KEY_LINE.match(line)
        if not match:
            break
        found.append(Field(match.group("key"), match.group("value").strip(), first_line + start + offset))
    return found

"""Invisible characters that text pasted from web pages, chat apps and word processors carries (pure).

In a headline, a byline or a tag they are never meant: a right-to-left override shows
"Apple buys Intel" backwards after it, a zero-width space splits a word for search,
sorting and URLs, and neither can be seen in an editor. Front-matter refuses them (the
body keeps them: a zero-width joiner inside an emoji sequence is legitimate there).
"""

from __future__ import annotations

import re
import unicodedata

BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # marks, embeddings, overrides and isolates
ZERO_WIDTH = "\u00ad\u034f\u180e\u200b-\u200d\u2060-\u2064\u206a-\u206f\ufeff"  # spaces, joiners, soft hyphen
OTHER = (
    "\u115f\u1160\u3164\uffa0"  # Hangul fillers: letters that show nothing
    "\u2028\u2029"  # line and paragraph separators: a line break no editor shows as one
    "\ufff9-\ufffb"  # interlinear annotation marks
    "\U000e0001\U000e0020-\U000e007f"  # tag characters
)
_FOUND = re.compile(f"[{BIDI}{ZERO_WIDTH}{OTHER}]")
_BIDI = re.compile(f"[{BIDI}]")
SHOWN = 3  # characters described in one message; the rest are counted


def remove(text: str) -> str:
    return _FOUND.sub("", text)


def positions(text: str) -> list[tuple[int, str]]:
    """(index, character) of every invisible character in ``text``."""
    return [(m.start(), m.group()) for m in _FOUND.finditer(text)]


def name(char: str) -> str:
    """'RIGHT-TO-LEFT OVERRIDE (U+202E)'."""
    return f"{unicodedata.name(char, 'UNNAMED CHARACTER')} (U+{ord(char):04X})"


def describe(line: str) -> tuple[str, str]:
    """What is wrong with a line that holds invisible characters, and the fix (``line`` has some)."""
    found = positions(line)
    shown = []
    for index, char in found[:SHOWN]:
        before = remove(line[:index]).rstrip()[-20:].lstrip()
        shown.append(f"{name(char)} " + (f"after '{before}'" if before else "at the start"))
    more = f" and {len(found) - SHOWN} more" if len(found) > SHOWN else ""
    one = len(found) == 1
    count = "an invisible character" if one else f"{len(found)} invisible characters"
    ending = "s" if one else ""
    if any(_BIDI.match(c) for _, c in found):
        effect = f"change{ending} the order in which the text is shown"
    else:
        effect = f"split{ending} words for search, sorting and URLs"
    message = f"has {count}: {'; '.join(shown)}{more}; {'it' if one else 'they'} {effect}."
    fix = f"delete {'it' if one else 'them'}: retype the text around {'it' if one else 'them'}, or paste as plain text."
    return message, fix

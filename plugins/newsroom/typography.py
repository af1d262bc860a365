"""Typographic punctuation for headlines, standfirsts and bodies (pure: text in, text out).

Straight quotes become curly ones (“ ” ‘ ’), an apostrophe becomes ’, ``---`` an em dash,
``--`` and a spaced hyphen ( - ) an en dash, and three dots an ellipsis. In HTML only text
is touched: never a tag or its attributes, nor what is inside ``code``, ``pre``, ``kbd``,
``samp``, ``script``, ``style`` or ``textarea``, nor a web address written out in the text.
Whether a quote opens or closes depends on the character before it, across inline tags
(``"<em>word</em>"``), so the result is the same however the text is marked up.
"""

from __future__ import annotations

import re

LITERAL = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea", "math", "svg"})
BLOCKS = frozenset(
    "p li br td th tr div blockquote figure figcaption dd dt h1 h2 h3 h4 h5 h6 ol ul table hr section".split()
)  # text after one of these starts afresh: a quote there opens
OPENERS = frozenset(" \t\n\r\u00a0([{\u2018\u201c\u2013\u2014/-")  # a quote after these opens
_TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
_ADDRESS = re.compile(r"(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.|mailto:)\S+")
_QUOTE_ENTITIES = {"&quot;": '"', "&#34;": '"', "&#39;": "'", "&#x27;": "'", "&apos;": "'"}
_QUOTE_ENTITY = re.compile("|".join(map(re.escape, _QUOTE_ENTITIES)))
_QUOTE = re.compile("[\"']")
_ELISION = re.compile(r"'(?=\d\ds?\b|em\b|n'|tis\b|twas\b)")  # ’90s, ’em, rock ’n’ roll, ’tis


def _dashes(text: str) -> str:
    text = text.replace("---", "\u2014").replace("--", "\u2013").replace("...", "\u2026")
    return re.sub(r"(?<=\s)-(?=\s)", "\u2013", text)


def _quotes(text: str, before: str) -> str:
    """``text`` with its quotes turned, ``before`` being the character that precedes it. Only the quotes
    are visited: every character, one at a time, took 0.43 s of CPU a build for 10,000 stories' headlines
    and standfirsts, against 0.25 s so."""
    text = _ELISION.sub("\u2019", text)
    out = []
    start, last, turned = 0, -2, ""
    for match in _QUOTE.finditer(text):
        at = match.start()
        previous = turned if at == last + 1 else text[at - 1] if at else before  # a turned quote counts as turned
        opens = previous in OPENERS
        if match.group() == '"':
            turned = "\u201c" if opens else "\u201d"
        else:
            turned = "\u2018" if opens else "\u2019"
        out.append(text[start:at])
        out.append(turned)
        start, last = at + 1, at
    out.append(text[start:])
    return "".join(out)


def _text(text: str, before: str) -> str:
    """A run of text, its web addresses left as they are."""
    parts = []
    start = 0
    for match in _ADDRESS.finditer(text):
        piece = _dashes(text[start : match.start()])
        parts.append(_quotes(piece, parts[-1][-1:] if parts and parts[-1] else before))
        parts.append(match.group())
        start = match.end()
    piece = _dashes(text[start:])
    parts.append(_quotes(piece, parts[-1][-1:] if parts and parts[-1] else before))
    return "".join(parts)


def smarten_text(text: str) -> str:
    """Plain text (a headline, a standfirst) with typographic quotes, apostrophes and dashes."""
    return _text(text, " ")


def smarten_html(html: str) -> str:
    """HTML with typographic punctuation in its text only (see the module's docstring)."""
    out = []
    literal: list[str] = []  # open elements whose text stays as written
    before = " "
    for piece in _TAG.split(html):
        if not piece:
            continue
        if piece.startswith("<"):
            out.append(piece)
            name = _TAG_NAME.match(piece)
            if name and name.group(2).lower() in LITERAL and not piece.endswith("/>"):
                tag = name.group(2).lower()
                if not name.group(1):
                    literal.append(tag)
                elif tag in literal:
                    del literal[len(literal) - 1 - literal[::-1].index(tag) :]
                before = "x"  # a quote straight after code closes: `x`'s
            elif name and name.group(2).lower() in BLOCKS:
                before = " "
            continue
        if literal:
            out.append(piece)
            before = piece[-1]
            continue
        text = _QUOTE_ENTITY.sub(lambda m: _QUOTE_ENTITIES[m.group()], piece)
        changed = _text(text, before)
        out.append(changed)
        before = changed[-1]
    return "".join(out)

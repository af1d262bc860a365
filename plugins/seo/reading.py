"""Reading time from the words of an article's HTML body (pure)."""

from __future__ import annotations

import html
import math
import re

_HIDDEN = re.compile(r"<!--.*?-->|<(script|style|template)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def count_words(body: str) -> int:
    """Whitespace-separated words of the visible text of the HTML ``body`` (a tag separates words)."""
    text = _TAG.sub(" ", _HIDDEN.sub(" ", body))
    return len(html.unescape(text).split())


def reading_minutes(words: int, words_per_minute: int) -> int:
    """Minutes to read ``words`` at ``words_per_minute``, rounded up; at least 1."""
    return max(1, math.ceil(words / words_per_minute))

"""Each body's word count kept between builds, keyed by a hash of the body (shell).

Counting the words of 10,000 bodies for their reading time took about half a second of
every build, on the build's critical path; hashing them takes a tenth of that. The key
also holds a digest of the counting code, so a change to it counts every body afresh.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from engine import KeyedStore, source_digest

from .reading import count_words

FILE_NAME = "seo-word-counts.sqlite3"
_CODE = (Path(__file__).with_name("reading.py"),)


class WordCounts:
    """Word counts by body; ``cache_path`` "" keeps nothing between builds."""

    def __init__(self, cache_path: str) -> None:
        self._store = KeyedStore(os.path.join(cache_path, FILE_NAME) if cache_path else None, "words",
                                 ("count INTEGER NOT NULL",))  # fmt: skip
        self._version = source_digest(_CODE)[:16]
        self.known: dict[str, int] = {}
        for key, (words,) in self._store.load().items():
            if isinstance(words, int) and words >= 0:
                self.known[key] = words
            else:
                self._store.discard(key)
        self.used: dict[str, int] = {}

    def count(self, body: str) -> int:
        key = f"{self._version}:{hashlib.sha256(body.encode('utf-8', 'surrogatepass')).hexdigest()}"
        words = self.used.get(key)
        if words is None:
            words = self.known.get(key)
            if words is None:
                words = count_words(body)
            self.used[key] = words
        return words

    def save(self) -> None:
        """Keep exactly the counts this build used; nothing is written when those were all known."""
        self._store.keep_used(self.used.keys(), self.known.keys(), lambda key: (self.used[key],))

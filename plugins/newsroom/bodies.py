"""Article bodies converted once: Markdown and sanitizing cached by content hash.

A body's HTML depends only on its Markdown text and the conversion settings, so the
cache key is a hash of both (never a file's modification time). On a cold cache
the missing bodies are converted on every core before Pelican starts reading.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from engine import KeyedStore, die_with_parent
from markdown import Markdown

from .sanitize import sanitize
from .typography import smarten_html

CACHE_VERSION = "2"  # bump when the conversion code changes its output (2: typographic quotes and dashes)
PARALLEL_FROM = 64  # fewer missing bodies than this are converted in-process
Body = tuple[str, tuple[str, ...]]  # HTML, and what the sanitizer removed


def fingerprint(markdown_config: Mapping[str, Any], embed_hosts: Iterable[str]) -> str:
    """Everything besides the text that shapes a body's HTML."""
    settings = json.dumps([CACHE_VERSION, markdown_config, sorted(embed_hosts)], sort_keys=True, default=repr)
    return hashlib.sha256(settings.encode()).hexdigest()[:16]


def body_key(body: str, settings_fingerprint: str) -> str:
    return hashlib.sha256(f"{settings_fingerprint}\0{body}".encode()).hexdigest()


def convert(md: Markdown, body: str, embed_hosts: tuple[str, ...]) -> Body:
    md.reset()
    return sanitize(smarten_html(md.convert(body)), embed_hosts)


_WORKER: dict[str, Any] = {}


def _start_worker(config: dict[str, Any], embed_hosts: tuple[str, ...], build: int) -> None:
    die_with_parent(build)  # a killed build must not leave its converters waiting for work for ever
    _WORKER["md"], _WORKER["hosts"] = Markdown(**config), embed_hosts


def _convert_in_worker(item: tuple[str, str]) -> tuple[str, Body]:
    key, body = item
    return key, convert(_WORKER["md"], body, _WORKER["hosts"])


def convert_all(
    items: list[tuple[str, str]], config: dict[str, Any], embed_hosts: tuple[str, ...], processes: int
) -> dict[str, Body]:
    """Convert (key, body) pairs, on several processes when there are many."""
    if len(items) < PARALLEL_FROM or processes < 2:
        md = Markdown(**config)
        return {key: convert(md, body, embed_hosts) for key, body in items}
    with ProcessPoolExecutor(processes, initializer=_start_worker, initargs=(config, embed_hosts, os.getpid())) as pool:
        return dict(pool.map(_convert_in_worker, items, chunksize=max(1, len(items) // (processes * 8))))


class BodyStore:
    """An SQLite file of converted bodies; ``None`` as path keeps nothing between builds.

    The HTML is kept as UTF-8 bytes: its checksum is taken over the bytes SQLite hands back,
    without encoding 10,000 bodies' text again to check them.
    """

    def __init__(self, path: str | None) -> None:
        self._store = KeyedStore(path, "body", ("html BLOB NOT NULL", "notes TEXT NOT NULL"))

    def load(self) -> dict[str, Body]:
        """The kept bodies that match their checksums and read as a body (HTML and a list of notes)."""
        found = {}
        for key, (html, notes) in self._store.load().items():
            try:
                text, removed = html.decode("utf-8", "surrogatepass"), json.loads(notes)
            except (AttributeError, TypeError, ValueError):  # not bytes, or notes that are not JSON
                text, removed = "", None
            if type(removed) is list and all(type(note) is str for note in removed):
                found[key] = (text, tuple(removed))
            else:
                self._store.discard(key)  # converted again, and stored in its place
        return found

    def save(self, bodies: Mapping[str, Body], used: set[str]) -> None:
        """Keep exactly the bodies this build used."""

        def row(key: str) -> tuple[bytes, str] | None:
            if key not in bodies:
                return None
            html, notes = bodies[key]
            return html.encode("utf-8", "surrogatepass"), json.dumps(notes)

        self._store.save(used, row)

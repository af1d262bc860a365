"""Precompressed siblings of a published text file: ``page.html.gz`` and ``page.html.br`` beside ``page.html``.

A web server that finds them (nginx's ``gzip_static`` and ``brotli_static``) sends them to a
browser that accepts the encoding, instead of compressing every response itself. Both are
byte-stable: gzip with no time and no file name in its header, brotli with fixed parameters.
A sibling is written only when it is smaller than the file; a file under ``min_bytes`` gets none.
"""

from __future__ import annotations

import gzip
import os
from dataclasses import dataclass

import brotli

# What a browser reads as text: these compress to a quarter or less. Images, fonts and
# Pagefind's own fragments are compressed already.
TEXT_SUFFIXES = frozenset({".html", ".htm", ".css", ".js", ".mjs", ".xml", ".json", ".svg", ".txt", ".opml", ".xsl"})
SIBLINGS = (".gz", ".br")
GZIP_LEVEL = 9  # zlib's best; zopfli made files 3 % smaller at a 200th of the speed (BENCHMARKS.md)


@dataclass(frozen=True)
class Encoding:
    """How siblings are made; part of what a kept sibling must have been made with."""

    brotli_quality: int = 5
    min_bytes: int = 1024

    def key(self) -> str:
        return f"gzip-{GZIP_LEVEL}/brotli-{self.brotli_quality}-{brotli.version}/min-{self.min_bytes}"


def is_text(rel: str) -> bool:
    """Whether the site file ``rel`` ('/'-separated) is text worth precompressing (the build's own files are not)."""
    name = rel.rpartition("/")[2]  # string methods: asked of every file of the site on every build
    dot = name.rfind(".")
    return dot > 0 and not name.startswith(".") and name[dot:].lower() in TEXT_SUFFIXES


def siblings(data: bytes, encoding: Encoding) -> dict[str, bytes]:
    """Suffix -> compressed bytes, for each encoding that makes ``data`` smaller; none under ``min_bytes``."""
    if len(data) < encoding.min_bytes:
        return {}
    made = {
        ".gz": gzip.compress(data, GZIP_LEVEL, mtime=0),
        ".br": brotli.compress(data, quality=encoding.brotli_quality),
    }
    return {suffix: packed for suffix, packed in made.items() if len(packed) < len(data)}


def write_siblings(path: str, made: dict[str, bytes]) -> None:
    """Write ``made`` beside ``path`` (each through a temporary file), and remove the siblings not in it."""
    for suffix in SIBLINGS:
        target = path + suffix
        if suffix in made:
            temporary = f"{os.path.dirname(target)}/.{os.path.basename(target)}.tmp"
            with open(temporary, "wb") as handle:
                handle.write(made[suffix])
            os.replace(temporary, target)
        else:
            try:
                os.unlink(target)
            except FileNotFoundError:
                pass


def refresh_siblings(path: str, data: bytes, encoding: Encoding | None = None) -> None:
    """``path`` is about to hold ``data`` outside a build (a Most Read refresh): bring the siblings it has
    up to date first, so that no reader is sent the old list compressed. A file without siblings (the
    site is built without them) stays without."""
    if any(os.path.exists(path + suffix) for suffix in SIBLINGS):
        write_siblings(path, siblings(data, encoding or Encoding()))

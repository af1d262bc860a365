"""Hero images' pixel sizes kept between builds, by file, size and modification time (shell).

A hero's width and height come from its file's first bytes: opening and reading 10,000
images took about a third of a second of every build. Kept in the cache, a build asks
each file for its size and modification time only (one ``stat``), as the copying of
static files does, and reads the files that are new or changed.
"""

from __future__ import annotations

import os

from common.images import dimensions
from engine import KeyedStore

HEAD = 4096  # bytes where every format but a JPEG with large metadata keeps its size
JPEG_HEAD = 65536


def read_size(path: str) -> tuple[tuple[int, int] | None, int]:
    """(width, height) or None, and the length in bytes, read from the file."""
    with open(path, "rb") as handle:
        head = handle.read(HEAD)
        size = dimensions(head)
        if size is None and head.startswith(b"\xff\xd8"):
            size = dimensions(head + handle.read(JPEG_HEAD - len(head)))
        return size, os.fstat(handle.fileno()).st_size


def _is_size(size: tuple) -> bool:
    """Whether a kept row is a size: two whole numbers, or two Nones for a file without one."""
    return size == (None, None) or all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in size)


class HeroSizes:
    """Image sizes by file; ``path`` None keeps nothing between builds."""

    def __init__(self, path: str | None) -> None:
        self._store = KeyedStore(path, "hero", ("width INTEGER", "height INTEGER"))
        self.known = {}
        for key, size in self._store.load().items():
            if _is_size(size):
                self.known[key] = size
            else:
                self._store.discard(key)
        self.used: dict[str, tuple[int | None, int | None]] = {}

    def size(self, root: str, rel: str) -> tuple[tuple[int, int] | None, int]:
        """(width, height) or None, and the length in bytes, of the image ``rel`` under ``root``."""
        path = os.path.join(root, rel)
        stat = os.stat(path)
        key = f"{rel}\0{stat.st_size}\0{stat.st_mtime_ns}"
        known = self.used.get(key) or self.known.get(key)
        if known is not None:
            width, height = known
            self.used[key] = (width, height)
            return ((width, height) if width is not None and height is not None else None), stat.st_size
        size, length = read_size(path)
        if length == stat.st_size:  # not changed while it was read: keep it
            self.used[key] = size or (None, None)
        return size, length

    def save(self) -> None:
        """Keep exactly the sizes this build used; nothing is written when those were all known."""
        self._store.keep_used(self.used.keys(), self.known.keys(), lambda key: self.used[key])

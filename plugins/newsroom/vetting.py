"""Every static file checked before it is published, once while it stays the same (shell).

``publishable.vet`` decides from a file's bytes; here the files are read. A file found
publishable as it is is kept in the cache by its content folder, path, size and
modification time (as the live site's copies are recognised) and by the checking code,
so that a build opens only the files that are new or changed: reading the first bytes
of 10,000 hero images took about half a second. Files that were cleaned or refused are checked again on every build.
"""

from __future__ import annotations

import os
from pathlib import Path

from common.errors import Problem
from common.files import same_file_data
from engine import KeyedStore, source_digest

from .publishable import HEAD, needs_whole_file, vet

HERE = Path(__file__).parent
CODE = (HERE / "publishable.py", HERE / "svgclean.py", HERE.parent / "common" / "images.py")


class Vetting:
    """Static files under ``root`` checked for publishing; ``cache`` None keeps nothing between builds."""

    def __init__(self, root: str, cache: str | None, found: frozenset[str] = frozenset()) -> None:
        self._root = root
        self.found = found  # every file under the content folder: only these are published
        self._store = KeyedStore(cache, "vetted", ("verdict TEXT",))
        self._known = set(self._store.load())
        self._used: set[str] = set()
        # the checking code and the content folder (one cache folder may serve several sites)
        self._prefix = f"{source_digest(CODE)[:16]}\0{os.path.abspath(root)}"

    def vet(self, rel: str) -> tuple[bytes | None, list[Problem]]:
        """The bytes to publish for the file ``rel`` (None: the file as it is) and its problems."""
        path = os.path.join(self._root, rel)
        before = os.stat(path)
        key = f"{self._prefix}\0{rel}\0{before.st_size}\0{before.st_mtime_ns}"
        if key in self._known:
            self._used.add(key)
            return None, []
        with open(path, "rb") as handle:
            data = handle.read() if needs_whole_file(rel) else handle.read(HEAD)
            after = os.fstat(handle.fileno())
        cleaned, problems = vet(rel, data)
        if cleaned is None and not problems and same_file_data(before, after):  # not changed while read
            self._used.add(key)
        return cleaned, problems

    def save(self) -> None:
        """Keep the verdicts of the files this build published as they are."""
        self._store.keep_used(self._used, self._known, lambda key: ("publishable",))

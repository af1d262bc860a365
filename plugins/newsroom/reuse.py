"""Reusing unchanged files from the live site instead of rendering them again.

Each build writes a manifest beside its files: for every page (or feed) the
fingerprint of what it was made from and the files it produced. The next build,
which writes into a fresh staging folder, hard-links a file from the live site
when its fingerprint is unchanged, and renders it otherwise. Staging and swap
stay exactly as for a clean build, so a failed build still changes nothing.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

MANIFEST = ".newsdesk-manifest.json"


class Folders:
    """The staging site's folders made so far: each is made once, not once per file in it.
    A folder removed since (a search bundle emptied before it is indexed again) is made again."""

    def __init__(self) -> None:
        self._made: set[str] = set()

    def make(self, folder: str) -> None:
        if folder not in self._made or not os.path.isdir(folder):
            os.makedirs(folder, exist_ok=True)
            self._made.add(folder)


class Reuse:
    def __init__(self, previous: str, staging: str) -> None:
        self.previous = Path(previous) if previous else None
        self.staging = Path(staging)
        self.old: dict[str, dict] = {}
        self.new: dict[str, dict] = {}
        self.reused = self.rendered = 0
        self._folders = Folders()
        if self.previous and (self.previous / MANIFEST).is_file():
            try:
                self.old = json.loads((self.previous / MANIFEST).read_text(encoding="utf-8"))["entries"]
            except (ValueError, KeyError):
                self.old = {}

    def try_reuse(self, key: str, fingerprint: str) -> bool:
        """Link the files ``key`` produced last time into staging, if nothing it depends on changed."""
        entry = self.old.get(key)
        if not self.previous or not entry or entry["fingerprint"] != fingerprint:
            return False
        previous, staging = str(self.previous), str(self.staging)
        sources = [os.path.join(previous, rel) for rel in entry["files"]]
        if not all(os.path.isfile(s) and not os.path.islink(s) for s in sources):
            return False
        for rel, source in zip(entry["files"], sources, strict=True):
            target = os.path.join(staging, rel)
            self._folders.make(os.path.dirname(target))
            try:
                os.link(source, target)
            except OSError:
                shutil.copy2(source, target)
        self.new[key] = entry
        self.reused += 1
        return True

    def record(self, key: str, fingerprint: str, files: list[str]) -> None:
        self.new[key] = {"fingerprint": fingerprint, "files": sorted(files)}
        self.rendered += 1

    def save(self) -> None:
        body = {"entries": dict(sorted(self.new.items()))}
        (self.staging / MANIFEST).write_text(json.dumps(body, indent=0, sort_keys=True) + "\n", encoding="utf-8")

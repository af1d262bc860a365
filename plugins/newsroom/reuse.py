"""Reusing unchanged files from the live site instead of rendering them again.

Each build writes a manifest beside its files: for every page (or feed) the
fingerprint of what it was made from and the files it produced. The next build,
which writes into a fresh staging folder, renders a page whose fingerprint changed
and reuses the live site's files otherwise: it hard-links them into staging, so that
the staged site is complete and is swapped in whole (``make publish``), or, when the
build applies its changes in place (development builds), only names them as ``kept``.
Either way nothing live is touched before the build succeeded.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

MANIFEST = ".newsdesk-manifest.json"


def regular_file(path: str) -> bool:
    """Whether ``path`` is a regular file itself, not a link to one (one system call)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


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
    def __init__(self, previous: str, staging: str, in_place: bool = False) -> None:
        self.previous = Path(previous) if previous else None
        self.staging = Path(staging)
        self.in_place = in_place and self.previous is not None
        self.old: dict[str, dict] = {}
        self.new: dict[str, dict] = {}
        self.kept: list[str] = []  # live files left where they are (in place only)
        self.reused = self.rendered = 0
        self._folders = Folders()
        if self.previous and (self.previous / MANIFEST).is_file():
            try:
                self.old = json.loads((self.previous / MANIFEST).read_text(encoding="utf-8"))["entries"]
            except (ValueError, KeyError):
                self.old = {}

    def try_reuse(self, key: str, fingerprint: str) -> bool:
        """Reuse the files ``key`` produced last time, if nothing it depends on changed: linked into
        staging, or kept where they are when the build applies in place."""
        entry = self.old.get(key)
        if not self.previous or not entry or entry["fingerprint"] != fingerprint:
            return False
        if not all(regular_file(os.path.join(str(self.previous), rel)) for rel in entry["files"]):
            return False
        if self.in_place:
            self.kept.extend(entry["files"])
        else:
            for rel in entry["files"]:
                self._link(rel)
        self.new[key] = entry
        self.reused += 1
        return True

    def keep(self, rel: str) -> None:
        """A file that is not a page (a static file) is unchanged in the live site and stays there."""
        self.kept.append(rel)

    def _link(self, rel: str) -> None:
        source, target = os.path.join(str(self.previous), rel), os.path.join(str(self.staging), rel)
        self._folders.make(os.path.dirname(target))
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)

    def record(self, key: str, fingerprint: str, files: list[str]) -> None:
        self.new[key] = {"fingerprint": fingerprint, "files": sorted(files)}
        self.rendered += 1

    def save(self) -> None:
        body = {"entries": dict(sorted(self.new.items()))}
        # compact: json's C encoder writes no indented JSON (indented, 12,700 pages took 0.09 s, compact 0.03 s)
        text = json.dumps(body, sort_keys=True, separators=(",", ":"))
        (self.staging / MANIFEST).write_text(text + "\n", encoding="utf-8")

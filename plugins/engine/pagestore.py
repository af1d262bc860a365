"""Rendered pages kept in the cache folder, for a build with no live site to reuse from (shell).

A clean build (``make clean`` first, a fresh clone, a CI run with its cache restored) has no
live site whose unchanged pages it could link, yet most of its pages are the very bytes the
last build wrote. Each build keeps what it wrote for every page, feed and search bundle here
(``CACHE_PATH/pages/``): the files by their SHA-256 (``files/ab/abcd…``, hard links to the
files the build published, copies on another file system), and an index of each entry's
fingerprint (the same as the reuse manifest's) and its files with their sizes and hashes. A
build without a live site (not ``--full``, which renders everything) takes a page whose
fingerprint matches from here instead of rendering it: linked into staging under a temporary
name and renamed, never written through.

The cache folder is untrusted input. The index is sealed with a checksum and each entry
checked as the reuse manifest's are (files inside the site only); each stored file is
checked against its size and SHA-256 before it is used, and a page with a file that does
not match is rendered afresh, which the build says in one line. The index is written whole
under a temporary name and renamed, after the files it names are in place, and only then are
the files no entry names removed: a build stopped at any point leaves a store that the next
build can use (an older index, or files it no longer needs, removed next time).
Two builds that share one cache (two output folders) take turns saving, under the store's
lock; a stored file another build removed between its check and its link is rendered afresh.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

from common.checksum import seal
from common.files import file_sha256, holds, place, remove_files_but
from common.locks import hold

from .keyed import notice
from .reuse import load_sealed, manifest_entry

FOLDER = "pages"
INDEX = "index.json"
LOCK = ".lock"  # held by a build while it saves: two builds sharing the cache take turns
KIND = "page store"
_HASH = re.compile(r"[0-9a-f]{64}\Z")


def _entry(value: Any) -> dict[str, Any] | None:
    """A stored entry ``{"fingerprint", "files", "sizes", "hashes"}`` whose files are all inside the site."""
    if not isinstance(value, dict) or set(value) != {"fingerprint", "files", "sizes", "hashes"}:
        return None
    hashes = value["hashes"]
    manifest = manifest_entry({k: value[k] for k in ("fingerprint", "files", "sizes")})
    if manifest is None or not isinstance(hashes, list) or len(hashes) != len(manifest["files"]):
        return None
    return value if all(isinstance(h, str) and _HASH.match(h) for h in hashes) else None


class PageStore:
    """The store under ``cache`` (None: nothing kept); ``serve``: whether this build takes pages from it."""

    def __init__(self, cache: str | None, serve: bool) -> None:
        self.root = os.path.join(cache, FOLDER) if cache else None
        self.serve = serve and self.root is not None
        index = os.path.join(str(self.root), INDEX)  # a file where the folder should be is told when saving
        self.old = load_sealed(index, KIND, _entry, (FileNotFoundError, NotADirectoryError)) if self.root else {}
        self.bad: list[str] = []  # entries whose stored files did not match: rendered afresh

    def blob(self, digest: str) -> str:
        return os.path.join(str(self.root), "files", digest[:2], digest)

    def take(self, key: str, fingerprint: str, staging: str, make_folder: Any) -> dict[str, Any] | None:
        """Put ``key``'s stored files into ``staging`` when it was stored with ``fingerprint`` and every file
        still holds what it did; its manifest entry, or None (render it)."""
        entry = self.old.get(key) if self.serve else None
        if entry is None or entry["fingerprint"] != fingerprint:
            return None
        for size, digest in zip(entry["sizes"], entry["hashes"], strict=True):
            path = self.blob(digest)
            if not holds(path, size, digest):
                self.bad.append(key)
                if len(self.bad) == 1:
                    notice(path, f"a stored file of {key} does not hold what it did", "the page is rendered afresh")
                return None
        placed = []
        try:
            for rel, digest in zip(entry["files"], entry["hashes"], strict=True):
                target = os.path.join(staging, rel)
                make_folder(os.path.dirname(target))
                place(self.blob(digest), target)
                placed.append(target)
        except OSError:  # removed meanwhile by another build sharing the cache: render it
            for target in placed:
                with contextlib.suppress(OSError):
                    os.remove(target)
            return None
        return {"fingerprint": fingerprint, "files": entry["files"], "sizes": entry["sizes"]}

    def save(self, entries: dict[str, dict[str, Any]], where: list[str]) -> None:
        """Keep exactly ``entries`` (key -> manifest entry); the files of one not stored as it is are taken
        from the first folder of ``where`` (staging, then the live site) that has them at their size. Another
        build saving into the same store (one cache, two output folders) waits for this one to end."""
        if self.root is None:
            return
        try:
            os.makedirs(self.root, exist_ok=True)
        except OSError as exc:  # a file where the folder should be
            notice(self.root, f"could not be made ({exc})", "the pages are not kept")
            return
        waiting = f"Another build is saving its pages into {self.root}; waiting for it to finish."
        with hold(Path(self.root, LOCK), waiting, lambda message: print(message, file=sys.stderr)):
            self._save(entries, where)

    def _save(self, entries: dict[str, dict[str, Any]], where: list[str]) -> None:
        kept: dict[str, dict[str, Any]] = {}
        bad = set(self.bad)
        for key, entry in sorted(entries.items()):
            old = self.old.get(key)
            if old is not None and key not in bad and old["fingerprint"] == entry["fingerprint"] \
                    and old["files"] == entry["files"] and old["sizes"] == entry["sizes"]:  # fmt: skip
                kept[key] = old
                continue
            hashes = self._put(entry, where)
            if hashes is not None:
                kept[key] = {**entry, "hashes": hashes}
        text = json.dumps({"entries": kept}, sort_keys=True, separators=(",", ":"))
        path = os.path.join(self.root, INDEX)
        temporary = os.path.join(self.root, f".{INDEX}.{os.getpid()}.tmp")
        try:
            os.makedirs(self.root, exist_ok=True)
            with open(temporary, "w", encoding="utf-8") as handle:
                handle.write(seal(KIND, text))
            os.replace(temporary, path)
        except OSError as exc:  # a full disk, a file where the folder should be: the next build renders more
            notice(path, f"could not be written ({exc})", "the pages are not kept")
            return
        self._prune({digest for entry in kept.values() for digest in entry["hashes"]})

    def _put(self, entry: dict[str, Any], where: list[str]) -> list[str] | None:
        """The files of ``entry`` linked into the store; their hashes, or None when one is not found."""
        hashes = []
        for rel, size in zip(entry["files"], entry["sizes"], strict=True):
            for folder in where:
                source = os.path.join(folder, rel)
                try:
                    if os.lstat(source).st_size != size:
                        continue
                    digest = file_sha256(source)
                    target = self.blob(digest)
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    place(source, target)
                except OSError:
                    continue
                hashes.append(digest)
                break
            else:
                return None
        return hashes

    def _prune(self, keep: set[str]) -> None:
        """Remove the stored files no entry names (and temporary files a stopped build left)."""
        remove_files_but(os.path.join(str(self.root), "files"), keep.__contains__)

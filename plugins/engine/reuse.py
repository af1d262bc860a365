"""Reusing unchanged files from the live site instead of rendering them again.

Each build writes a manifest beside its files: for every page (or feed) the
fingerprint of what it was made from and the files it produced. The next build,
which writes into a fresh staging folder, renders a page whose fingerprint changed
and reuses the live site's files otherwise: it hard-links them into staging, so that
the staged site is complete and is swapped in whole (``make publish``), or, when the
build applies its changes in place (development builds), only names them as ``kept``.
Either way nothing live is touched before the build succeeded.

The manifest is a cache the next build trusts, so it is checked as one: it is sealed with
a checksum (``checksum.seal``), each entry must name files inside the site (a path that
climbs out of it, or names one of the build's own ``.newsdesk-`` files, makes the entry
void), and each file is reused only while it is a regular file of the size it was written
with. A damaged manifest means every page is rendered again, as on a first build. Files named
by a digest of what they hold (the photos' derivatives) are checked instead against one listing of
the live folder, made while the build runs, when the build has one (``by_name``): each must be
listed as a regular file, which costs no system call of its own.

A build with no live site takes unchanged pages from the page store in the cache folder
instead (``pagestore``), and every build keeps what it wrote there.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from common.checksum import seal, unseal

from .keyed import notice

if TYPE_CHECKING:
    from .pagestore import PageStore

MANIFEST = ".newsdesk-manifest.json"
KIND = "reuse manifest"


def regular_file(path: str, size: int | None = None) -> bool:
    """Whether ``path`` is a regular file itself, not a link to one (one system call), of ``size`` bytes if given."""
    try:
        found = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(found.st_mode) and (size is None or found.st_size == size)


def inside(rel: Any) -> bool:
    """Whether ``rel`` names a file in the site: relative, '/'-separated, never climbing out, not the build's own."""
    if type(rel) is not str or not rel or "\\" in rel or "\0" in rel or rel.startswith(".newsdesk-"):
        return False
    wrapped = f"/{rel}/"  # an empty, "." or ".." part shows as "//", "/./" or "/../"
    return "//" not in wrapped and "/./" not in wrapped and "/../" not in wrapped


_ENTRY_KEYS = frozenset({"fingerprint", "files", "sizes"})


def manifest_entry(value: Any) -> dict[str, Any] | None:
    """A manifest entry as written by ``Reuse.record``, or None."""
    if type(value) is not dict or value.keys() != _ENTRY_KEYS:
        return None
    files, sizes = value["files"], value["sizes"]
    if not (isinstance(value["fingerprint"], str) and isinstance(files, list) and isinstance(sizes, list)
            and len(files) == len(sizes) and all(map(inside, files))
            and all(type(n) is int and n >= 0 for n in sizes)):  # JSON's whole numbers, no bool  # fmt: skip
        return None
    return value


def load_sealed(path: str, kind: str, check: Callable[[Any], dict[str, Any] | None],
                absent: tuple[type[OSError], ...] = (FileNotFoundError,)) -> dict[str, dict]:  # fmt: skip
    """The entries of a sealed ``{"entries": {key: entry}}`` file (the manifest, the page store's index) that
    ``check`` passes; saying so when some or all cannot be trusted. A file not there (``absent``) holds none."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except absent:
        return {}
    except (OSError, ValueError) as exc:
        notice(path, f"could not be read ({exc})", "every page is rendered again")
        return {}
    payload = unseal(kind, text)
    try:
        entries = json.loads(payload)["entries"] if payload is not None else None
    except (ValueError, KeyError, TypeError):
        entries = None
    if not isinstance(entries, dict):
        notice(path, "it is damaged, or from an earlier version", "every page is rendered again")
        return {}
    kept = {key: entry for key, value in entries.items() if (entry := check(value)) is not None}
    if len(kept) != len(entries):
        notice(path, f"{len(entries) - len(kept)} entries name files outside the site or are damaged",
               "their pages are rendered again")  # fmt: skip
    return kept


def load_manifest(folder: Path) -> dict[str, dict]:
    """The entries of the manifest in ``folder`` that can be trusted; saying so when some or all cannot."""
    return load_sealed(str(folder / MANIFEST), KIND, manifest_entry)


class Folders:
    """The staging site's folders made so far: each is made once, not once per file in it.
    A folder removed since (a search bundle emptied before it is indexed again) is made again."""

    def __init__(self) -> None:
        self._made: set[str] = set()

    def make(self, folder: str) -> None:
        if folder not in self._made or not os.path.isdir(folder):
            os.makedirs(folder, exist_ok=True)
            self._made.add(folder)


@dataclass(frozen=True)
class WorkDone:
    """Pages and files a worker process reused or rendered, as manifest entries."""

    entries: dict[str, dict]
    kept: list[str]
    reused: int
    rendered: int
    unstored: frozenset[str] = frozenset()  # keys kept out of the page store
    bad: tuple[str, ...] = ()  # keys whose stored files did not match


class LiveListing(Protocol):
    """The live folder's files, listed while the build runs (``newsdesk.overlay.Listing``)."""

    def regular_files(self) -> frozenset[str]: ...


class Reuse:
    def __init__(self, previous: str, staging: str, in_place: bool = False, *, store: PageStore | None = None,
                 listing: LiveListing | None = None) -> None:  # fmt: skip
        self.previous = Path(previous) if previous else None
        self.store = store
        self.unstored: set[str] = set()  # keys whose files have a cache of their own (photos)
        self._listing = listing if self.previous else None
        self._regular: frozenset[str] | None = None
        self.staging = Path(staging)
        self.in_place = in_place and self.previous is not None
        self.old: dict[str, dict] = {}
        self.new: dict[str, dict] = {}
        self.kept: list[str] = []  # live files left where they are (in place only)
        self.reused = self.rendered = 0
        self._folders = Folders()
        if self.previous:
            self.old = load_manifest(self.previous)

    def try_reuse(self, key: str, fingerprint: str, *, stored: bool = True, by_name: bool = False) -> bool:
        """Reuse the files ``key`` produced last time, if nothing it depends on changed: linked into
        staging, or kept where they are when the build applies in place. With no live site, from the
        page store (unless not ``stored``: files with a cache of their own). ``by_name``: its files are
        named by their content, so being listed as regular files of the live folder is enough (one
        ``lstat`` each when there is no listing, as for any other file, whose size is checked too)."""
        if not stored:
            self.unstored.add(key)
        if not self.previous:
            taken = self.store.take(key, fingerprint, str(self.staging), self._folders.make) if stored and \
                self.store is not None else None  # fmt: skip
            if taken is not None:
                self.new[key] = taken
                self.reused += 1
            return taken is not None
        entry = self.old.get(key)
        if not entry or entry["fingerprint"] != fingerprint:
            return False
        if by_name and self._listing is not None:
            if self._regular is None:
                self._regular = self._listing.regular_files()
            if not all(rel in self._regular for rel in entry["files"]):
                return False
        elif not all(regular_file(os.path.join(str(self.previous), rel), size)
                     for rel, size in zip(entry["files"], entry["sizes"], strict=True)):  # fmt: skip
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

    def record(self, key: str, fingerprint: str, files: list[str], stored: bool = True) -> None:
        """``key`` was rendered from ``fingerprint`` into ``files`` (in staging), each kept with its size;
        ``stored``: kept in the page store too."""
        if not stored:
            self.unstored.add(key)
        files = sorted(files)
        sizes = [os.stat(os.path.join(str(self.staging), rel)).st_size for rel in files]
        self.new[key] = {"fingerprint": fingerprint, "files": files, "sizes": sizes}
        self.rendered += 1

    def mark(self) -> tuple[int, int, int]:
        """Where this Reuse's counts stand now, for ``work_since``."""
        return len(self.kept), self.reused, self.rendered

    def work_since(self, keys: list[str], mark: tuple[int, int, int]) -> WorkDone:
        """What was reused and rendered for ``keys`` since ``mark``: a worker forked with a copy of this
        Reuse hands this back, and the build's own Reuse takes it in with ``take``."""
        kept, reused, rendered = mark
        entries = {key: self.new[key] for key in keys}
        bad = tuple(self.store.bad) if self.store is not None else ()
        return WorkDone(entries, self.kept[kept:], self.reused - reused, self.rendered - rendered,
                        frozenset(self.unstored & set(keys)), bad)  # fmt: skip

    def take(self, done: WorkDone) -> None:
        """Record what a worker reused and rendered into the staging folder this Reuse writes."""
        self.new.update(done.entries)
        self.kept.extend(done.kept)
        self.reused += done.reused
        self.rendered += done.rendered
        self.unstored |= done.unstored
        if self.store is not None:
            self.store.bad.extend(key for key in done.bad if key not in self.store.bad)

    def save(self) -> None:
        body = {"entries": dict(sorted(self.new.items()))}
        # compact: json's C encoder writes no indented JSON (indented, 12,700 pages took 0.09 s, compact 0.03 s)
        text = json.dumps(body, sort_keys=True, separators=(",", ":"))
        (self.staging / MANIFEST).write_text(seal(KIND, text), encoding="utf-8")
        if self.store is not None:
            stored = {key: entry for key, entry in self.new.items() if key not in self.unstored}
            self.store.save(stored, [str(self.staging), *([str(self.previous)] if self.previous else [])])

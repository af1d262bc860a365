"""What the photo pipeline keeps between builds (shell): each source's digest and size, and each file made.

A source photo is read once while its size and modification time stay the same: its SHA-256 and
pixel size are kept by path, size and time (one ``stat`` a build, as the content model keeps hero
sizes). A made file is kept under the cache folder by a digest of its published name (which holds
a digest of the source's bytes, the job and the pipeline's code) exactly as it is published, so it
can be hard-linked into the site. What it must hold is kept beside its plan (``memo``): its length,
the SHA-256 of its bytes and the modification time it was last checked with. A file whose size and
time are those is taken as it is (one ``stat``); any other is read and hashed, and one that does
not match (damaged, cut short, or written by something else) is made again, never published.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import tempfile

from engine import KeyedStore, notice, remove_file

Kept = tuple[int, str, int]  # a made file's length, the SHA-256 of its bytes, its modification time (ns)


class Sources:
    """Source photos' (sha256, width, height) by path, size and modification time; ``path`` None keeps nothing."""

    def __init__(self, path: str | None) -> None:
        self._store = KeyedStore(path, "photo_sources", ("sha TEXT", "width INTEGER", "height INTEGER"))
        self.known = {k: v for k, v in self._store.load().items() if _is_row(v)}
        self.used: dict[str, tuple[str, int, int]] = {}
        self._roots: dict[str, str] = {}

    def key(self, root: str, rel: str) -> str:
        found = os.stat(os.path.join(root, rel))
        whole = self._roots.get(root) or self._roots.setdefault(root, os.path.abspath(root))
        return f"{whole}\0{rel}\0{found.st_size}\0{found.st_mtime_ns}"

    def get(self, key: str) -> tuple[str, int, int] | None:
        row = self.used.get(key) or self.known.get(key)
        if row is not None:
            self.used[key] = row
        return row

    def put(self, key: str, row: tuple[str, int, int]) -> None:
        self.used[key] = row

    def save(self) -> None:
        self._store.keep_used(self.used.keys(), self.known.keys(), lambda key: self.used[key])


def _is_row(row: tuple) -> bool:
    return (len(row) == 3 and isinstance(row[0], str) and len(row[0]) == 64
            and all(isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in row[1:]))  # fmt: skip


def usable_folder(folder: str) -> str:
    """``folder`` if the made files can be kept there; else a temporary folder for this build alone (removed
    when the build ends), with one line saying so: a cache path that is a file or cannot be written means
    nothing is kept, never a failed build."""
    try:
        os.makedirs(folder, exist_ok=True)
        if os.access(folder, os.W_OK | os.X_OK):
            return folder
        problem = "the folder cannot be written"
    except OSError as exc:
        problem = exc.strerror or str(exc)
    scratch = tempfile.mkdtemp(prefix="newsdesk-photos-")
    atexit.register(_remove_in, os.getpid(), scratch)
    notice(folder, f"cannot keep photos ({problem})", "photos are made in a temporary folder for this build")
    return scratch


def _remove_in(pid: int, folder: str) -> None:
    if os.getpid() == pid:  # not in a forked worker exiting while the build still uses the folder
        shutil.rmtree(folder, ignore_errors=True)


def file_key(name: str) -> str:
    """The cache key of a published derivative: its name holds the digest of all it is made from."""
    return hashlib.sha256(name.encode()).hexdigest()


class Made:
    """Derivative files kept in ``folder`` by key, each exactly the bytes published."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def path(self, key: str) -> str:
        return os.path.join(self.folder, key[:2], key)

    def put(self, key: str, data: bytes) -> Kept:
        """Keep ``data`` for ``key``, written whole or not at all (a temporary file renamed); what it holds."""
        path = self.path(key)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".part-")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
        return len(data), hashlib.sha256(data).hexdigest(), os.stat(path).st_mtime_ns

    def check(self, key: str, kept: Kept) -> Kept | None:
        """``kept`` (its time brought up to date) while the file for ``key`` holds what it says, else None.
        A file of the size and time kept is taken as it is; any other is read and its bytes compared."""
        path = self.path(key)
        try:
            found = os.stat(path)
        except OSError:
            return None
        if found.st_size == kept[0] and found.st_mtime_ns == kept[2]:
            return kept
        return (kept[0], kept[1], found.st_mtime_ns) if self.get(key, kept) is not None else None

    def get(self, key: str, kept: Kept) -> bytes | None:
        """The bytes kept for ``key``, or None when there are none or they are not ``kept``'s (the file removed)."""
        path = self.path(key)
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            return None
        if len(data) != kept[0] or hashlib.sha256(data).hexdigest() != kept[1]:
            notice(path, "it does not hold the bytes made for it (damaged, or not written by this build)")
            remove_file(path)
            return None
        return data

    def place(self, key: str, kept: Kept, target: str) -> Kept | None:
        """Put the file for ``key`` at ``target``: hard-linked (copied on another file system), never written
        through (a file already at ``target`` is replaced). ``kept`` brought up to date, or None when the file
        does not hold what it should (nothing is placed)."""
        checked = self.check(key, kept)
        if checked is None:
            return None
        remove_file(target)
        try:
            os.link(self.path(key), target)
        except OSError:  # another file system, or links not allowed
            shutil.copyfile(self.path(key), target)
        return checked

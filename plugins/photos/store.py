"""What the photo pipeline keeps between builds (shell): each source's digest and size, and each file made.

A source photo is read once while its size and modification time stay the same: its SHA-256 and
pixel size are kept by path, size and time (one ``stat`` a build, as the content model keeps hero
sizes). A made file is kept under the cache folder by a digest of the source's bytes, the job and the
pipeline's code, with a checksum of its bytes: a file that does not match (damaged, cut short, or
written by something else) is made again, never published.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import tempfile

from common.checksum import entry_checksum
from engine import KeyedStore, notice, remove_file

KIND = "photo"


class Sources:
    """Source photos' (sha256, width, height) by path, size and modification time; ``path`` None keeps nothing."""

    def __init__(self, path: str | None) -> None:
        self._store = KeyedStore(path, "photo_sources", ("sha TEXT", "width INTEGER", "height INTEGER"))
        self.known = {k: v for k, v in self._store.load().items() if _is_row(v)}
        self.used: dict[str, tuple[str, int, int]] = {}

    def key(self, root: str, rel: str) -> str:
        found = os.stat(os.path.join(root, rel))
        return f"{os.path.abspath(root)}\0{rel}\0{found.st_size}\0{found.st_mtime_ns}"

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
    """Derivative files kept in ``folder`` by key, each with a checksum line before its bytes."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def path(self, key: str) -> str:
        return os.path.join(self.folder, key[:2], key)

    def get(self, key: str) -> bytes | None:
        """The bytes kept for ``key``, or None when there are none or they are not what was stored."""
        path = self.path(key)
        try:
            with open(path, "rb") as handle:
                kept = handle.read()
        except OSError:
            return None
        check, _, data = kept.partition(b"\n")
        if check.decode("ascii", "replace") != entry_checksum(KIND, key, (data,)):
            notice(path, "it does not match its checksum (damaged, or not written by this build)")
            remove_file(path)
            return None
        return data

    def put(self, key: str, data: bytes) -> None:
        """Keep ``data`` for ``key``, written whole or not at all (a temporary file renamed)."""
        path = self.path(key)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".part-")
        with os.fdopen(handle, "wb") as out:
            out.write(entry_checksum(KIND, key, (data,)).encode("ascii") + b"\n" + data)
        os.replace(temporary, path)

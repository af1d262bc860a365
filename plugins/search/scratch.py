"""Folders for one Pagefind run's search documents, and those a killed build left behind.

When a shard's documents are not kept between builds (``keptdocs``), they are written for its
run to a folder of their own in shared memory (``/dev/shm``, else the system's temporary
folder) and removed after it. A build killed meanwhile would leave them in memory until the
machine restarts, so each folder has a lock file beside it, which its build holds from before
the folder exists until after it is removed: ``sweep``, at the start of every build that
indexes, removes each folder whose lock nobody holds any more.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
import time

from common.locks import closed_in_children, release, still_named

try:
    import fcntl
except ImportError:  # Windows: scratch folders are removed by their build only
    fcntl = None  # type: ignore[assignment]

PREFIX = "newsdesk-search-"
LOCK = ".lock"
LEFT_BY_OLDER_VERSIONS = 3600  # seconds: a folder without a lock file is removed once this old


def make(root: str | None) -> tuple[str, int | None]:
    """A new, empty folder under ``root`` (the system's temporary folder when None), and the lock held on it."""
    if fcntl is None:
        return tempfile.mkdtemp(prefix=PREFIX, dir=root), None
    while True:
        handle, lock = tempfile.mkstemp(prefix=PREFIX, suffix=LOCK, dir=root)
        closed_in_children(handle)
        fcntl.flock(handle, fcntl.LOCK_EX)  # at once, unless a sweep holds it this moment
        folder = lock.removesuffix(LOCK)
        if still_named(handle, lock):  # not removed by that sweep
            try:
                os.mkdir(folder, 0o700)
                return folder, handle
            except FileExistsError:  # an older version's folder by that name: another name
                os.remove(lock)
        release(handle)


def remove(folder: str, lock: int | None) -> None:
    """Remove a folder ``make`` made, then its lock file, then let go of the lock."""
    shutil.rmtree(folder, ignore_errors=True)
    if lock is not None:
        try:
            os.remove(folder + LOCK)
        finally:
            release(lock)


def sweep(root: str | None) -> list[str]:
    """Remove the folders under ``root`` that no running build holds (a killed build's); return their names."""
    root = root or tempfile.gettempdir()
    if fcntl is None:
        return []
    try:
        names = sorted(os.listdir(root))
    except OSError:
        return []
    removed = []
    for name in names:
        path = os.path.join(root, name)
        if not name.startswith(PREFIX):
            continue
        if name.endswith(LOCK) and _take(path):
            removed.append(name.removesuffix(LOCK))
        elif not name.endswith(LOCK) and name + LOCK not in names and _left_by_older_version(path):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(name)
    return removed


def _take(lock: str) -> bool:
    """Remove the folder of ``lock`` and the lock file if no build holds it."""
    try:
        handle = os.open(lock, os.O_RDWR)  # never O_CREAT: a lock file is only ever made by ``make``
    except OSError:  # removed meanwhile, or another user's
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        if not still_named(handle, lock):
            return False
        shutil.rmtree(lock.removesuffix(LOCK), ignore_errors=True)
        os.remove(lock)
        return True
    except OSError:  # held: its build is running
        return False
    finally:
        os.close(handle)


def _left_by_older_version(path: str) -> bool:
    """A folder of this name without a lock file, made by an earlier version of the build, long ago."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    mine = info.st_uid == os.getuid()
    return mine and stat.S_ISDIR(info.st_mode) and time.time() - info.st_mtime > LEFT_BY_OLDER_VERSIONS

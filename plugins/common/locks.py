"""File locks (``flock``) for the build, the page-view store and the caches: one helper for all of them.

An ``flock`` belongs to the open file, and a forked child gets a copy of every open file: a
worker left running by a killed build would hold the build's locks for ever. Every lock taken
here is registered, and a forked child closes its copies at once (closing a copy does not
release the parent's lock). A lock file that was removed and made again while a process waited
for it is locked afresh (``still_named``), so two processes never each hold "the" lock.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on every system: no locks there
    fcntl = None  # type: ignore[assignment]

_HELD: set[int] = set()  # the open files of the locks this process holds


def closed_in_children(handle: int) -> int:
    """Register ``handle``, a lock's open file, so that a forked child closes its copy at once; returns it."""
    _HELD.add(handle)
    return handle


def release(handle: int) -> None:
    """Close a registered handle, releasing its lock."""
    _HELD.discard(handle)
    os.close(handle)


def _close_in_child() -> None:
    for handle in _HELD:
        with contextlib.suppress(OSError):
            os.close(handle)
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_in_child)


def still_named(handle: int, path: str | Path) -> bool:
    """Whether the open file ``handle`` is still the file at ``path`` (not removed or replaced meanwhile)."""
    try:
        return os.path.samestat(os.fstat(handle), os.stat(path))
    except FileNotFoundError:
        return False


def try_lock(path: str | Path) -> int | None:
    """The registered handle of ``path`` (created if need be) locked for this process, or None when another
    process holds it, the file cannot be made, or the system has no such locks."""
    if fcntl is None:
        return None
    try:
        handle = os.open(path, os.O_CREAT | os.O_RDWR, 0o644)
    except OSError:
        return None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(handle)
        return None
    return closed_in_children(handle)


@contextlib.contextmanager
def hold(path: Path, message: str, waiting: Callable[[str], None]) -> Iterator[None]:
    """Hold an exclusive lock on the file ``path`` for the block, creating it (and its folder) if need be,
    waiting for any other holder; ``waiting`` is told ``message`` once when another process holds it."""
    if fcntl is None:
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    told = False
    while True:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not told:
                waiting(message)
                told = True
            fcntl.flock(handle, fcntl.LOCK_EX)
        if still_named(handle, path):
            break
        os.close(handle)  # the file was removed while this waited (``make clean``): lock the one there now
    closed_in_children(handle)
    try:
        yield
    finally:
        release(handle)  # closing the file releases the lock

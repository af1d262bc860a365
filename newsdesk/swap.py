"""Putting a staged site live in one step, and deleting replaced sites behind it.

On Linux the staged folder and the live one exchange names in one system call
(``renameat2`` with ``RENAME_EXCHANGE``), so ``output/`` is never missing, not even for a
moment: a web server, ``make serve`` or an upload reading it meanwhile sees the old site or
the new one. Elsewhere, or on a file system without the exchange, the old site is renamed
aside and the new one into place, two renames; a build killed between them leaves no
``output/``, and the next build puts the staged site in place first (``finish_swap``).

Standard library only, like ``safety``.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from .safety import MARKER, retired_dirs, staging_dirs

_AT_FDCWD, _RENAME_EXCHANGE = -100, 2  # <fcntl.h>, <linux/fs.h>


def _find_renameat2() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2  # glibc 2.28 and later
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return function


_RENAMEAT2 = _find_renameat2()


def exchange(first: Path, second: Path) -> bool:
    """Give two existing folders each other's names in one step; False when the system or the file
    system cannot (nothing was changed then)."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


_REMOVER = "import os, shutil, sys\nos.nice(19)\nshutil.rmtree(sys.argv[1], ignore_errors=True)\n"


def discard(path: Path) -> None:
    """Delete a replaced site in a background process at low priority.

    The new site is live before this starts, so nobody waits for tens of thousands of
    unlinks. Without a way to start the process, the tree is removed here and now. Either
    way, what cannot be deleted (a folder made read-only) stays, as a retired folder that
    ``make clean`` removes: the new site is live, and the build has not failed.

    A thread waits for the process, so that it is reaped when it ends: a process that outlives
    its build (the devserver's warm build) would otherwise keep it as a zombie.
    """
    try:
        remover = subprocess.Popen(
            [sys.executable, "-c", _REMOVER, str(path)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
    except OSError:
        shutil.rmtree(path, ignore_errors=True)
        return
    threading.Thread(target=remover.wait, name="retired site deletion", daemon=True).start()


def mark_built(folder: Path) -> None:
    """Write the marker that lets later builds replace ``folder`` and ``make clean`` delete it."""
    (folder / MARKER).write_text("Built by Newsdesk. `make clean` may delete this folder.\n", encoding="utf-8")


def swap_in(staging: Path, output: Path) -> None:
    """Replace ``output`` by ``staging``; the old site is deleted in the background.

    Each replaced site is renamed to a name of its own first, so a slow deletion never
    meets the next build's swap.
    """
    mark_built(staging)
    retired = _retired_name(output)
    if output.exists() and exchange(staging, output):
        os.rename(staging, retired)  # the old site, under the staging folder's name since the exchange
    else:
        if output.exists():
            os.rename(output, retired)
        os.rename(staging, output)
    _discard_retired(output, retired)


def finish_swap(output: Path) -> bool:
    """Put in place a staged site whose swap was interrupted after the live site was renamed aside (two
    renames, a build killed between them); True when there was one. Nothing reaches staging's top with
    the marker before it has passed every check, and an in-place apply marks it only while ``output``
    exists."""
    staging, _ = staging_dirs(output)
    if output.exists() or output.is_symlink() or not (staging / MARKER).is_file():
        return False
    os.rename(staging, output)
    for old in retired_dirs(output):  # the site it replaced among them, which no deletion has started on
        discard(old)
    return True


def retire(folder: Path, output: Path) -> None:
    """Rename a folder that is no longer needed aside (a name no build uses) and delete it in the background."""
    retired = _retired_name(output)
    os.rename(folder, retired)
    _discard_retired(output, retired)


def _retired_name(output: Path) -> Path:
    _, previous = staging_dirs(output)
    return previous.with_name(f"{previous.name}-{os.getpid()}-{time.time_ns()}")


def _discard_retired(output: Path, retired: Path) -> None:
    """Delete ``retired``, and any retired folder that a deletion killed an hour ago left behind."""
    for old in retired_dirs(output):
        if old == retired or _idle_for(old) > 3600:
            discard(old)


def _idle_for(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:  # being deleted right now
        return 0.0

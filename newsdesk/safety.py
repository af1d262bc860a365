"""Guards for the output folder: what a build may replace and ``clean`` may delete.

Standard library only, so ``make clean`` works before the virtual environment exists.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from common import locks
from common.files import MARKDOWN_SUFFIXES

MARKER = ".newsdesk-output"  # written into every folder a build produces


class UnsafeOutput(Exception):
    """The output folder setting points somewhere we must never delete or replace."""


def check_output_dir(output: str, project: Path, content: Path | None = None) -> Path:
    """Resolve ``output`` and refuse anything but a dedicated build folder."""
    if not output or not output.strip():
        raise UnsafeOutput("OUTPUTDIR is empty; give a folder name such as 'output'.")
    path = Path(output).expanduser().resolve()
    protected = {Path("/").resolve(), Path.home().resolve(), project.resolve()}
    if path in protected or any(path in p.parents for p in protected | ({content.resolve()} if content else set())):
        raise UnsafeOutput(f"OUTPUTDIR '{output}' is {path}, which holds other files; use a folder of its own.")
    if content is not None and (path == content.resolve() or content.resolve() in path.parents):
        raise UnsafeOutput(
            f"OUTPUTDIR '{output}' is the content folder {content} or inside it; refusing to replace or delete it. "
            "Fix: give OUTPUTDIR a folder of its own, such as 'output'."
        )
    if path.exists() and not path.is_dir():
        raise UnsafeOutput(f"OUTPUTDIR '{output}' is a file, not a folder.")
    if path.is_dir() and any(path.iterdir()) and not (path / MARKER).exists():
        raise UnsafeOutput(
            f"OUTPUTDIR '{output}' is a folder that a Newsdesk build did not write (no {MARKER} in it); "
            "refusing to replace or delete it. Choose an empty or new folder."
        )
    return path


def check_writable(output: Path) -> None:
    """Refuse, before anything is built, an output folder the build could not replace: the folder it is
    in (where the lock, the staging folder and the replaced site go) and the folder itself must be
    writable."""
    beside = output.parent
    while not beside.exists() and beside != beside.parent:  # the build makes the folders that are missing
        beside = beside.parent
    if not os.access(beside, os.W_OK | os.X_OK):
        raise UnsafeOutput(
            f"cannot write in {beside}, where the output folder {output.name}/ and the build's staging folder "
            f"and lock go (it is read-only). Fix: make {beside} writable for you, or choose another OUTPUTDIR."
        )
    if output.is_dir() and not os.access(output, os.W_OK | os.X_OK):
        raise UnsafeOutput(
            f"the output folder {output} is read-only, so a build could not put the new site in it. "
            f"Fix: make it writable for you (chmod -R u+w {output}), or choose another OUTPUTDIR."
        )


_FIELD = re.compile(rb"[A-Za-z][A-Za-z0-9_-]*:[ \t]")  # a front-matter line: ``Title: …``


def find_source(folder: Path) -> Path | None:
    """The first article source under ``folder``: a Markdown file that starts with a ``Key: value`` line."""
    for root, folders, files in os.walk(folder):  # links to folders are not followed
        folders.sort()
        for name in sorted(files):
            if name.lower().endswith(MARKDOWN_SUFFIXES) and _starts_with_field(Path(root, name)):
                return Path(root, name)
    return None


def _starts_with_field(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(512)
    except OSError:
        return False
    return bool(_FIELD.match(head.removeprefix(b"\xef\xbb\xbf")))


def staging_dirs(output: Path) -> tuple[Path, Path]:
    """Sibling folders used while a build runs and while it is swapped in."""
    return output.parent / f".{output.name}.staging", output.parent / f".{output.name}.previous"


def lock_path(output: Path) -> Path:
    """The file a build holds locked while it writes ``output``, beside it like the staging folder."""
    return output.parent / f".{output.name}.lock"


@contextlib.contextmanager
def build_lock(output: Path, waiting: Callable[[str], None]) -> Iterator[None]:
    """Hold the build lock of ``output`` for the block: a second build into the same folder waits for the
    first to end (both would empty and fill one staging folder, and apply to one site), and so does a
    Most Read refresh. ``waiting`` is told once when another holds it. The system releases the lock
    when the process ends, however it ends, so a killed build leaves nothing to clear: its forked
    workers do not keep it (and die with it)."""
    message = f"Another build or Most Read refresh is writing {output}; waiting for it to finish."
    with hold_lock(lock_path(output), message, waiting):
        yield


def hold_lock(path: Path, message: str, waiting: Callable[[str], None]) -> contextlib.AbstractContextManager[None]:
    """Hold an exclusive lock on the file ``path`` for the block (``common.locks.hold``): builds lock their
    output folder with it, and ``make most-read`` the page-view store. Forked children never keep it."""
    return locks.hold(path, message, waiting)


def remove_tree(path: Path) -> None:
    if path.is_symlink():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


def retired_dirs(output: Path) -> list[Path]:
    """Replaced sites not yet deleted: ``.<output>.previous`` and ``.<output>.previous-<n>``."""
    _, previous = staging_dirs(output)
    return sorted(p for p in output.parent.glob(f"{previous.name}*") if p.is_dir() and not p.is_symlink())


def clean(output: str, project: Path, content: Path | None = None) -> Path:
    """Delete the output folder, its staging folder and replaced sites, once no build is writing them.

    Never the content folder ``content``, a folder that holds it, or one that holds article sources,
    whatever marker it has."""
    path = check_output_dir(output, project, content)
    source = find_source(path) if path.is_dir() else None
    if source is not None:
        raise UnsafeOutput(
            f"OUTPUTDIR '{output}' holds article sources ({source.relative_to(path)}), so it is not a build's "
            "output folder; refusing to delete it. Fix: give OUTPUTDIR the folder the site is built into "
            "(output by default)."
        )
    with build_lock(path, lambda message: print(message, file=sys.stderr)):
        remove_tree(path)
        for extra in (*staging_dirs(path), *retired_dirs(path)):
            remove_tree(extra)
        lock_path(path).unlink(missing_ok=True)  # a build waiting on it meanwhile locks a new one
    return path

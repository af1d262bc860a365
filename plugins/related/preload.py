"""The related index's files read ahead by a build that stays in memory, for the build forked from it.

The devserver keeps the last good build in memory and forks the next build from it
(``engine.BuildContext.previous``). That build's ranking starts from the term counts and
the memo the last one stored; reading them back costs about a second of CPU at 10,000
stories. The build that stays reads them once it is done, while it waits for the next save
(``BuildContext.idle``), and the next build takes them from its memory, but only while
both files are exactly as they were read: the same file (device and inode), size and
modification time. Anything else, and the files are read as a fresh build reads them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from . import counts as stored_counts
from . import memo_file


def identity(path: str | None) -> tuple[int, int, int, int] | None:
    """Which file ``path`` is, and how it was last written (None: no such file)."""
    if not path:
        return None
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns


def memo_path(counts_file: str | None) -> str | None:
    return os.path.join(os.path.dirname(counts_file), memo_file.FILE_NAME) if counts_file else None


@dataclass(frozen=True)
class Preloaded:
    files: tuple[Any, Any]  # the identity of the counts file and of the memo file when they were read
    kept: stored_counts.Kept
    memo: Any


def preload(counts_file: str | None) -> Preloaded | None:
    """The stored term counts and memo, as a build would load them now; None when a file changed meanwhile."""
    if not counts_file:
        return None
    before = identity(counts_file), identity(memo_path(counts_file))
    kept = stored_counts.load(counts_file, stored_counts.code_version())
    memo = memo_file.load(memo_path(counts_file))
    if (identity(counts_file), identity(memo_path(counts_file))) != before:
        return None
    return Preloaded(before, kept, memo)


def load(counts_file: str | None, preloaded: Preloaded | None) -> tuple[stored_counts.Kept, Any]:
    """The stored term counts and memo: those read ahead when both files are still as they were read."""
    if preloaded is not None and (identity(counts_file), identity(memo_path(counts_file))) == preloaded.files:
        return preloaded.kept, preloaded.memo
    return stored_counts.load(counts_file, stored_counts.code_version()), memo_file.load(memo_path(counts_file))

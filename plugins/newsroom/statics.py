"""Pelican's static generator, linking unchanged files from the live site instead of copying them.

A build writes into an empty staging folder, so Pelican would copy every image again
(about 3 s for 10,000 hero images). Here a copy keeps the source's modification time,
and when the live site holds a copy with the source's size and modification time, that
copy is hard-linked into staging instead, or, when the build applies its changes in place,
left where it is. The live files are never written to, and the content folder is never
linked into the output.
"""

from __future__ import annotations

import os
import shutil
import stat
from typing import Any

from pelican.generators import StaticGenerator

from .contents import ContentReaders
from .reuse import Folders
from .state import STATE


def same_file_data(a: os.stat_result, b: os.stat_result) -> bool:
    """Whether two files have the same size and modification time (to the nanosecond)."""
    return a.st_size == b.st_size and a.st_mtime_ns == b.st_mtime_ns


def _unchanged(source: str, live: str) -> bool:
    """Whether the live site holds a copy of ``source`` (same size and time, not a link)."""
    try:
        kept = os.lstat(live)  # a link's own data, so a link is never taken for a copy
        return stat.S_ISREG(kept.st_mode) and same_file_data(os.stat(source), kept)
    except OSError:
        return False


class ReusingStaticGenerator(StaticGenerator):
    """Pelican's StaticGenerator; unchanged static files are linked from the live site."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.readers = ContentReaders(self.readers)  # makes NewsroomStatic: shared category and author
        self._live = self.settings.get("NEWSROOM_PREVIOUS_OUTPUT") or ""
        self._folders = Folders()

    def generate_context(self) -> None:
        """Pelican's, reading only links to files found under the content folder: the reader has
        reported every other link (out of content/, missing), and the build stops on it."""
        self.context["static_links"] = {p for p in self.context["static_links"] if p in STATE.images}
        super().generate_context()

    def generate_output(self, writer: Any) -> None:
        STATE.settle()  # the content's problems stop the build before the first file is copied
        super().generate_output(writer)

    def _file_update_required(self, staticfile: Any) -> bool:
        """Always: every build stages into an empty folder (Pelican would look there for a copy
        to keep, working out each file's output path once more); whether the live site's copy
        can serve is decided in ``_copy_staticfile``."""
        return True

    def _copy_staticfile(self, sc: Any) -> None:
        save_as = sc.save_as  # worked out from the settings' patterns on every read
        source = os.path.join(self.path, sc.source_path)
        target = os.path.join(self.output_path, save_as)
        live = os.path.join(self._live, save_as) if self._live else ""
        unchanged = bool(live) and _unchanged(source, live)
        if unchanged and STATE.reuse is not None and STATE.reuse.in_place:
            STATE.reuse.keep(save_as)
            return
        self._folders.make(os.path.dirname(target))
        if not (unchanged and _link(live, target)):
            shutil.copy2(source, target)  # a failed copy stops the build


def _link(live: str, target: str) -> bool:
    try:
        os.link(live, target)
    except OSError:  # another file system, or links not allowed: copy
        return False
    return True

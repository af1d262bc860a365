"""Pelican's static generator: only images are published, and unchanged ones are linked from the live site.

Every file Pelican would copy from content/ is checked first (``vetting``): a file that is
not an image stops the build, an SVG is published cleaned of what could run or fetch. A
build writes into an empty staging folder, so Pelican would copy every image again
(about 3 s for 10,000 hero images). Here a copy keeps the source's modification time,
and when the live site holds a copy with the source's size and modification time, that
copy is hard-linked into staging instead, or, when the build applies its changes in place,
left where it is. A cleaned SVG is written from its cleaned bytes, and a live copy is
reused only when it holds exactly those. The live files are never written to, and the
content folder is never linked into the output.

The theme's own static files are published under content-hashed names (``assets``): their
plan is put in the template context before any page is rendered, and they are copied by it.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import stat
from typing import Any

from common.errors import ContentErrors, Problem
from common.files import same_file_data
from pelican.generators import StaticGenerator

from . import assets
from .contents import ContentReaders
from .context import of
from .reuse import Folders

__all__ = ["ReusingStaticGenerator", "same_file_data"]
FIX = "check STATIC_SAVE_AS, EXTRA_PATH_METADATA and the {attach} links to this file."


def _unchanged(source: str, live: str) -> bool:
    """Whether the live site holds a copy of ``source`` (same size and time, not a link)."""
    try:
        kept = os.lstat(live)  # a link's own data, so a link is never taken for a copy
        return stat.S_ISREG(kept.st_mode) and same_file_data(os.stat(source), kept)
    except OSError:
        return False


class ReusingStaticGenerator(StaticGenerator):
    """Pelican's StaticGenerator: only images published, SVGs cleaned, unchanged files linked from the live site."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.readers = ContentReaders(self.readers)  # makes NewsroomStatic: shared category and author
        self._live = self.settings.get("NEWSROOM_PREVIOUS_OUTPUT") or ""
        self._folders = Folders()
        self.build = of(self.settings)
        self._cleaned: dict[str, bytes] = {}  # source path -> the bytes published for it (cleaned SVGs)
        self._theme: list[tuple[str, str, str]] = []  # (source, published name, plain name) of the theme's files

    def generate_context(self) -> None:
        """Pelican's, reading only links to files found under the content folder: the reader has
        reported every other link (out of content/, missing), and the build stops on it."""
        policy = self.build.statics
        found = policy.found if policy is not None else frozenset()
        self.context["static_links"] = {p for p in self.context["static_links"] if p in found}
        super().generate_context()
        self._plan_theme()
        for static in self.staticfiles if policy is not None else ():
            rel = static.get_relative_source_path()
            if rel not in found:  # found through a symbolic link, which the scan reported
                continue
            cleaned, problems = policy.vet(rel)
            self.build.problems.extend(problems)
            if cleaned is not None:
                self._cleaned[rel] = cleaned

    def _plan_theme(self) -> None:
        """The theme's files and their published names, in the context for ``asset_url`` before any page."""
        found = assets.theme_files(self.theme, self.settings["THEME_STATIC_PATHS"], self.settings["IGNORE_FILES"])
        contents = []
        for rel, source in found:
            with open(source, "rb") as handle:
                contents.append((rel, handle.read()))
        names = assets.plan(contents)
        self._theme = [(source, names[rel], rel) for rel, source in found]
        self.context[assets.CONTEXT_KEY] = names
        self.context["asset_url"] = assets.asset_url

    def _copy_paths(self, paths: Any, source: str, destination: str, output_path: str, final_path: Any = None) -> None:
        """Pelican calls this for the theme's static files only: copy them under their published names."""
        for source_path, published, _ in self._theme:
            target = os.path.join(output_path, destination, published)
            self._folders.make(os.path.dirname(target))
            shutil.copyfile(source_path, target)

    def generate_output(self, writer: Any) -> None:
        self.build.settle()  # the content's problems stop the build before the first file is copied
        super().generate_output(writer)
        if self.build.statics is not None:
            self.build.statics.save()

    def _link_or_copy_staticfile(self, sc: Any) -> None:
        """Always ``_copy_staticfile``: ``STATIC_CREATE_LINKS`` would link the content folder into the output."""
        self._copy_staticfile(sc)

    def _file_update_required(self, staticfile: Any) -> bool:
        """Always: every build stages into an empty folder (Pelican would look there for a copy
        to keep, working out each file's output path once more); whether the live site's copy
        can serve is decided in ``_copy_staticfile``."""
        return True

    def _copy_staticfile(self, sc: Any) -> None:
        save_as = sc.save_as  # worked out from the settings' patterns on every read
        source = os.path.join(self.path, sc.source_path)
        target = os.path.join(self.output_path, save_as)
        if posixpath.normpath(save_as).startswith(("../", "/")) or save_as == "..":  # the reader refused such links
            where = sc.get_relative_source_path()
            problem = Problem(where, None, None, f"would be written to {save_as}, outside the output folder.", FIX)
            raise ContentErrors([problem])
        live = os.path.join(self._live, save_as) if self._live else ""
        rel = sc.get_relative_source_path()
        cleaned = self._cleaned.get(rel, self.build.static_bytes.get(rel))
        if cleaned is not None:
            self._publish_cleaned(cleaned, save_as, target, live)
            return
        unchanged = bool(live) and _unchanged(source, live)
        if unchanged and self.build.reuse is not None and self.build.reuse.in_place:
            self.build.reuse.keep(save_as)
            return
        self._folders.make(os.path.dirname(target))
        if not (unchanged and _link(live, target)):
            shutil.copy2(source, target)  # a failed copy stops the build

    def _publish_cleaned(self, cleaned: bytes, save_as: str, target: str, live: str) -> None:
        """A cleaned SVG or a re-encoded photo: the live copy when it holds exactly these bytes, else a new
        file (with the time of writing, never the source's, so that it is not taken for a copy of the source)."""
        if live and _holds(live, cleaned):
            if self.build.reuse is not None and self.build.reuse.in_place:
                self.build.reuse.keep(save_as)
                return
            self._folders.make(os.path.dirname(target))
            if _link(live, target):
                return
        self._folders.make(os.path.dirname(target))
        with open(target, "wb") as handle:
            handle.write(cleaned)


def _holds(path: str, data: bytes) -> bool:
    """Whether ``path`` is a regular file (not a link) holding exactly ``data``."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode) or os.path.getsize(path) != len(data):
            return False
        with open(path, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


def _link(live: str, target: str) -> bool:
    try:
        os.link(live, target)
    except OSError:  # another file system, or links not allowed: copy
        return False
    return True

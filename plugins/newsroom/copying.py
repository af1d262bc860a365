"""Which files of the content folder the build copies into the site (pure).

Pelican copies only the files under ``STATIC_PATHS`` (``images/`` here), less those under
``STATIC_EXCLUDES`` and those whose name, or a folder's name below the static folder,
matches ``IGNORE_FILES``. A hero image or author photo anywhere else exists in
``content/`` but not in the site: the page would show a broken image. ``StaticRules``
answers whether a path is copied, and why not.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


def _folder(path: str) -> str:
    return path.strip().strip("/")


@dataclass(frozen=True)
class StaticRules:
    paths: tuple[str, ...] = ("",)  # STATIC_PATHS; "" is the whole content folder
    excludes: tuple[str, ...] = ()  # STATIC_EXCLUDES
    ignores: tuple[str, ...] = ()  # IGNORE_FILES

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> StaticRules:
        return cls(
            tuple(_folder(p) for p in settings.get("STATIC_PATHS") or ()),
            tuple(_folder(p) for p in settings.get("STATIC_EXCLUDES") or ()),
            tuple(settings.get("IGNORE_FILES") or ()),
        )

    def folders(self) -> str:
        """The static folders as a reader of an error message wants them: ``images/``."""
        shown = [f"{p}/" if p else "anywhere under content/" for p in self.paths]
        return ", ".join(shown) or "nowhere (STATIC_PATHS is empty)"

    def why_not_copied(self, path: str) -> str | None:
        """Why the content file ``path`` is not copied into the site, or None when it is."""
        root = next((p for p in self.paths if not p or path == p or path.startswith(p + "/")), None)
        if root is None:
            return f"only files under {self.folders()} (STATIC_PATHS) are copied into the site"
        excluded = next((e for e in self.excludes if path == e or path.startswith(e + "/")), None)
        if excluded is not None:
            return f"{excluded}/ is left out by STATIC_EXCLUDES"
        below = path[len(root) :].strip("/").split("/")
        for name in below:
            pattern = next((p for p in self.ignores if fnmatch.fnmatch(name, p)), None)
            if pattern is not None:
                return f"the name '{name}' matches '{pattern}' in IGNORE_FILES, so it is not copied"
        return None

    def suggestion(self, path: str) -> str:
        """Where the file could go instead: the first static folder, under its own name."""
        name = path.rsplit("/", 1)[-1].lstrip(".") or "image.png"
        first = next(iter(self.paths), "")
        return f"{first}/{name}" if first else name

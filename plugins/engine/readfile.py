"""Pelican's ``Readers.read_file``, with what only the settings and a file's folder decide worked out once.

For each of a build's 20,000 files (10,000 stories, 10,000 hero images) Pelican works out
the default metadata from the settings again, the file's path relative to the content
folder (``os.path.relpath``, about 12 µs), the metadata its folder and file name give
(three regular expressions, and a new section object named after the folder), and looks
through the body for images without alt text: some 40 µs a file. ``FileReading`` gives
each file the same metadata, in the same order, sends the same signals and makes the same
content object, with the settings' part made once per reader, each path-derived value
processed once per build, the relative path found by string work, and the alt-text search
run only on a body that has an image. With ``TYPOGRIFY`` on, Pelican's own method runs.
"""

from __future__ import annotations

import os
import re
from typing import Any

from common.files import under
from pelican.contents import SkipStub
from pelican.readers import _DISCARD, default_metadata, find_empty_alt, path_metadata
from pelican.utils import file_suffix, posixize_path

# Pelican's regular expressions over a file's path, in the order it tries them (the first to give a key wins)
_PATH_SETTINGS = ("FILENAME_METADATA", "PATH_METADATA")
_FOLDER_CATEGORY = re.compile("(?P<category>.*)")


class FileReading:
    """``read_file`` of one Pelican ``Readers`` (``readers``), for one build's settings."""

    def __init__(self, readers: Any) -> None:
        self._readers = readers
        settings = readers.settings
        self._settings = settings
        self._defaults: dict[int, tuple[dict[str, Any], tuple[str, ...]]] = {}  # reader id -> (metadata, list keys)
        self._processed: dict[tuple[int, str, str], Any] = {}  # (reader id, key, text) -> processed value
        self._by_path = bool(settings.get("DEFAULT_DATE") == "fs" or settings.get("EXTRA_PATH_METADATA"))
        patterns = [(settings.get(name), part) for name, part in zip(_PATH_SETTINGS, ("name", "path"), strict=True)]
        if settings.get("USE_FOLDER_AS_CATEGORY") and settings.get("CATEGORY_SAVE_AS"):
            patterns.append((_FOLDER_CATEGORY, "folder"))
        self._patterns = [(re.compile(p) if isinstance(p, str) else p, part) for p, part in patterns if p]

    @property
    def applies(self) -> bool:
        """Whether this reading gives what Pelican's would (typogrify rewrites text: Pelican's own then)."""
        return not self._settings.get("TYPOGRIFY")

    def read_file(self, base_path: str, path: str, content_class: type, fmt: str | None = None,
                  context: Any = None, preread_signal: Any = None, preread_sender: Any = None,
                  context_signal: Any = None, context_sender: Any = None) -> Any:  # fmt: skip
        full = os.path.abspath(os.path.join(base_path, path))
        source_path = under(base_path, full) or posixize_path(os.path.relpath(full, base_path))
        fmt = fmt or file_suffix(full)
        reader = self._readers.readers.get(fmt)
        if reader is None:
            raise TypeError("Pelican does not know how to parse %s", full)
        if preread_signal:
            preread_signal.send(preread_sender)
        defaults, lists = self._default_metadata(reader)
        metadata = dict(defaults)
        for key in lists:  # each file its own list of default tags or authors, as with Pelican
            metadata[key] = list(metadata[key])
        if self._by_path:
            metadata.update(path_metadata(full_path=full, source_path=source_path, settings=self._settings))
        metadata.update(self._path_parts(reader, source_path))
        metadata["reader"] = type(reader).__name__.replace("Reader", "").lower()
        content, reader_metadata = self._readers.get_cached_data(full, (None, None))
        if content is None:
            content, reader_metadata = reader.read(full)
            reader_metadata = {k: v for k, v in reader_metadata.items() if v is not _DISCARD}
            self._readers.cache_data(full, (content, reader_metadata))
        metadata.update(reader_metadata)
        if content and "<img" in content:  # Pelican's search for images without alt text starts with "<img"
            find_empty_alt(content, full)
        if context_signal:
            context_signal.send(context_sender, metadata=metadata)
        if metadata.get("status") == "skip":
            content_class = SkipStub
        return content_class(content=content, metadata=metadata, settings=self._settings, source_path=full,
                             context=context)  # fmt: skip

    def _default_metadata(self, reader: Any) -> tuple[dict[str, Any], tuple[str, ...]]:
        """The settings' metadata for every file ``reader`` reads (``DEFAULT_METADATA``, ``DEFAULT_CATEGORY``,
        ``DEFAULT_DATE``), made once, and its keys whose values are lists. Each file gets a copy of the dict
        and of its lists; the objects in them are shared."""
        found = self._defaults.get(id(reader))
        if found is None:
            made = default_metadata(settings=self._settings, process=reader.process_metadata)
            kept = {k: v for k, v in made.items() if v is not _DISCARD}
            found = self._defaults[id(reader)] = kept, tuple(k for k, v in kept.items() if isinstance(v, list))
        return found

    def _path_parts(self, reader: Any, source_path: str) -> dict[str, Any]:
        """What the file's name (``FILENAME_METADATA``), path (``PATH_METADATA``) and folder (its section, with
        ``USE_FOLDER_AS_CATEGORY``) say, the first to give a key winning, as Pelican's ``parse_path_metadata``."""
        folder, filename = os.path.split(source_path)
        parts = {"name": os.path.splitext(filename)[0], "path": source_path, "folder": os.path.basename(folder)}
        found: dict[str, Any] = {}
        for pattern, part in self._patterns:
            text = parts[part]
            match = pattern.match(text) if text else None
            if match is None:
                continue
            for name, value in match.groupdict().items():
                key = name.lower()
                if value is not None and key not in found:
                    found[key] = self._process(reader, key, value)
        return {k: v for k, v in found.items() if v is not _DISCARD}

    def _process(self, reader: Any, key: str, text: str) -> Any:
        """``reader.process_metadata(key, text)``, once per build for a value that is not a list (a
        section, a date, a slug), so that every image in a folder shares one section object."""
        memo = (id(reader), key, text)
        value = self._processed.get(memo)
        if value is None:
            value = reader.process_metadata(key, text)
            if not isinstance(value, list):  # a list of tags or authors could be changed by whoever holds it
                self._processed[memo] = value
        return value

"""Reading one source file into Pelican's content object, through Pelican's public reader API.

For each of a build's 20,000 files (10,000 stories, 10,000 hero images) Pelican's
``Readers.read_file`` works out the settings' default metadata again, the file's path
relative to the content folder (``os.path.relpath``), three regular expressions over that
path, two modification-time stamps for a content cache that is off, and a regular
expression over every body for images without alt text. ``SourceReading`` makes the same
object from the same metadata, in the same order, with the same signals, using only what
Pelican offers readers: each reader's ``read`` and ``process_metadata``, ``default_metadata``,
``path_metadata``, ``find_empty_alt``, ``SkipStub`` and the content classes. What only the
settings decide is worked out once per build; the relative path by string work; the alt-text
search only on a body holding an image. Where its answer could differ (typogrify rewriting
text, Pelican's reader-level content cache on) the caller runs Pelican's own ``read_file``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any

from common.files import under
from pelican.contents import SkipStub
from pelican.readers import default_metadata, find_empty_alt, path_metadata
from pelican.utils import file_suffix, posixize_path

FOLDER_CATEGORY = re.compile("(?P<category>.*)")  # Pelican's USE_FOLDER_AS_CATEGORY pattern


def kept(metadata: Mapping[str, Any]) -> dict[str, Any]:
    """``metadata`` without the values a reader marked to be dropped. Pelican marks them with one
    bare ``object()`` (an empty author, say), and a bare ``object()`` is never a metadata value."""
    return {k: v for k, v in metadata.items() if type(v) is not object}


def content_cache_on(settings: Mapping[str, Any], layer: str) -> bool:
    """Whether Pelican keeps or loads its content cache at ``layer`` (``CONTENT_CACHING_LAYER``: "reader", the
    readers', or "generator", the generators')."""
    return settings.get("CONTENT_CACHING_LAYER") == layer and bool(
        settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE")
    )


def path_patterns(settings: Mapping[str, Any]) -> list[tuple[re.Pattern[str], str]]:
    """Pelican's patterns over a file's path, in the order it tries them: (pattern, which part of the path)."""
    patterns: list[tuple[Any, str]] = [
        (settings.get("FILENAME_METADATA"), "name"),
        (settings.get("PATH_METADATA"), "path"),
    ]
    if settings.get("USE_FOLDER_AS_CATEGORY") and settings.get("CATEGORY_SAVE_AS"):
        patterns.append((FOLDER_CATEGORY, "folder"))
    return [(re.compile(p) if isinstance(p, str) else p, part) for p, part in patterns if p]


class SourceReading:
    """``read_file`` for one generator's Pelican ``Readers`` (``readers``), as Pelican's gives it."""

    def __init__(self, readers: Any) -> None:
        self._readers = readers
        settings = self._settings = readers.settings
        self.applies = not settings.get("TYPOGRIFY") and not content_cache_on(settings, "reader")
        self._by_path = settings.get("DEFAULT_DATE") == "fs" or bool(settings.get("EXTRA_PATH_METADATA"))
        self._patterns = path_patterns(settings)
        self._defaults: dict[int, tuple[dict[str, Any], tuple[str, ...]]] = {}  # reader id -> metadata, list keys
        self._processed: dict[tuple[int, str, str], Any] = {}  # (reader id, key, text) -> processed value

    def read_file(self, base_path: str, path: str, content_class: type, fmt: str | None = None,
                  context: Any = None, preread_signal: Any = None, preread_sender: Any = None,
                  context_signal: Any = None, context_sender: Any = None) -> Any:  # fmt: skip
        full = os.path.abspath(os.path.join(base_path, path))
        reader = self._readers.readers.get(fmt or file_suffix(full))
        if reader is None:
            raise TypeError("Pelican does not know how to parse %s", full)
        if preread_signal:
            preread_signal.send(preread_sender)
        metadata = self._default_metadata(reader)
        if self._by_path or self._patterns:
            source_path = under(base_path, full) or posixize_path(os.path.relpath(full, base_path))
            if self._by_path:
                metadata.update(path_metadata(full_path=full, source_path=source_path, settings=self._settings))
            metadata.update(self._path_parts(reader, source_path))
        metadata["reader"] = type(reader).__name__.replace("Reader", "").lower()
        content, found = reader.read(full)
        metadata.update(kept(found))
        if content and "<img" in content:  # Pelican's search for images without alt text starts with "<img"
            find_empty_alt(content, full)
        if context_signal:
            context_signal.send(context_sender, metadata=metadata)
        if metadata.get("status") == "skip":
            content_class = SkipStub
        return content_class(content=content, metadata=metadata, settings=self._settings, source_path=full,
                             context=context)  # fmt: skip

    def _default_metadata(self, reader: Any) -> dict[str, Any]:
        """The settings' metadata for a file ``reader`` reads (``DEFAULT_METADATA``, ``DEFAULT_CATEGORY``,
        ``DEFAULT_DATE``), made once: each file gets a copy of the dict and of its lists."""
        found = self._defaults.get(id(reader))
        if found is None:
            made = kept(default_metadata(settings=self._settings, process=reader.process_metadata))
            found = self._defaults[id(reader)] = made, tuple(k for k, v in made.items() if isinstance(v, list))
        metadata, lists = found
        return {**metadata, **{key: list(metadata[key]) for key in lists}}

    def _path_parts(self, reader: Any, source_path: str) -> dict[str, Any]:
        """What the file's name (``FILENAME_METADATA``), path (``PATH_METADATA``) and folder (its section,
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
        return kept(found)

    def _process(self, reader: Any, key: str, text: str) -> Any:
        """``reader.process_metadata(key, text)``, once per build for a value that is not a list (a section,
        a date, a slug): every file of a folder shares one section object, as the static files' do."""
        memo = (id(reader), key, text)
        value = self._processed.get(memo)
        if value is None:
            value = reader.process_metadata(key, text)
            if not isinstance(value, list):  # a list of tags or authors could be changed by whoever holds it
                self._processed[memo] = value
        return value

"""Pelican's Article and Static, with the path of their source file worked out once.

Every URL and output path of an article (``url``, ``save_as``, each asked for many times
by Pelican and the plugins) formats its pattern with the source file's path relative to
the content folder, and Pelican works that out with ``os.path.relpath`` on every call:
over a second of a 10,000-article build. The source file of an article never changes, so
here it is worked out on first use and kept. Static files (the hero images) also share
their category and author objects (``NewsroomStatic``).
"""

from __future__ import annotations

import functools
import re
from types import SimpleNamespace
from typing import Any

from common.files import under
from pelican.contents import Article, Content, Page, Static
from pelican.urlwrappers import Author, URLWrapper

from .context import of
from .reading import SourceReading

KEPT = "_relative_source"  # the instance attribute holding it (left out of page fingerprints)


class _KeptSourcePath:
    def get_relative_source_path(self, source_path: str | None = None) -> str | None:
        if source_path and source_path != self.source_path:
            return super().get_relative_source_path(source_path)
        kept = self.__dict__.get(KEPT)
        if kept is None:
            path, root = self.source_path, self.settings.get("PATH")
            # Pelican's relpath of two absolute paths costs about 25 µs; 20,000 files a build
            kept = under(root, path) if path and root else None
            if kept is None:
                kept = super().get_relative_source_path()
            if kept is not None:
                setattr(self, KEPT, kept)
        return kept


class NewsroomArticle(_KeptSourcePath, Article):
    pass


def shared(wrapper: URLWrapper) -> URLWrapper:
    """One wrapper per kind and name for the build (kept in its context), so that each works out its slug once."""
    wrappers: dict[tuple[type, str], URLWrapper] = of(wrapper.settings).slot("engine.wrappers", dict)
    return wrappers.setdefault((type(wrapper), wrapper.name), wrapper)


class NewsroomStatic(_KeptSourcePath, Static):
    """Pelican's Static, sharing its category and author with every other static file of the build.

    Pelican gives each file a new category (its folder's name) and a new author (the site's
    ``AUTHOR``), and slugifies both to format its output path: two regex passes per hero image.
    """

    def __init__(self, content: Any, metadata: dict[str, Any] | None = None, settings: dict[str, Any] | None = None,
                 source_path: str | None = None, context: dict[str, Any] | None = None) -> None:  # fmt: skip
        metadata = dict(metadata or {})
        if isinstance(metadata.get("category"), URLWrapper):
            metadata["category"] = shared(metadata["category"])
        if settings and "AUTHOR" in settings and "author" not in metadata and "authors" not in metadata:
            metadata["author"] = shared(Author(settings["AUTHOR"], settings))
        super().__init__(content, metadata, settings, source_path, context)

    def _expand_settings(self, key: str, klass: str | None = None) -> str:
        return super()._expand_settings(key, klass or "static")  # Pelican names the setting after the class


class ContentReaders:
    """A generator's Pelican ``Readers``, making ``NewsroomArticle`` where Pelican asks for an ``Article``
    and ``NewsroomStatic`` for a ``Static``, each read with ``reading.SourceReading`` where it gives what
    Pelican's ``read_file`` would."""

    def __init__(self, readers: Any) -> None:
        self._readers = readers
        self._reading = SourceReading(readers)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._readers, name)

    def read_file(self, base_path: str, path: str, content_class: type = Page, **kwargs: Any) -> Any:
        if content_class is Article:
            content_class = NewsroomArticle
        elif content_class is Static:
            content_class = NewsroomStatic
        read = self._reading.read_file if self._reading.applies else self._readers.read_file
        return read(base_path, path, content_class=content_class, **kwargs)


def body_html(content: Any) -> str:
    """An article's or page's body as converted, before Pelican rewrites its links (its ``_content``)."""
    return getattr(content, "_content", None) or ""


def replace_body_html(content: Any, html: str) -> None:
    """Give an article or page the body ``html`` (links still to be rewritten by Pelican), forgetting the
    content and summary Pelican may have worked out from the body it had."""
    content._content = html
    for memo in (Content.get_content, Content.get_summary):
        for key in [key for key in memo.cache if key and key[0] is content]:
            del memo.cache[key]


@functools.lru_cache(maxsize=4)
def intrasite_pattern(link_regex: str) -> re.Pattern[str]:
    """Pelican's pattern for links in content HTML (``INTRASITE_LINK_REGEX`` inside an attribute)."""
    holder = SimpleNamespace(settings={"INTRASITE_LINK_REGEX": link_regex})
    return Content._get_intrasite_link_regex(holder)  # type: ignore[arg-type]

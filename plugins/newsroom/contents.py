"""Pelican's Article, with the path of its source file worked out once.

Every URL and output path of an article (``url``, ``save_as``, each asked for many times
by Pelican and the plugins) formats its pattern with the source file's path relative to
the content folder, and Pelican works that out with ``os.path.relpath`` on every call:
over a second of a 10,000-article build. The source file of an article never changes, so
here it is worked out on first use and kept.

With its content cache off, Pelican's readers still stat every source file twice, for a
stamp that is compared with nothing and kept nowhere; ``ArticleReaders`` leaves that out.
"""

from __future__ import annotations

from typing import Any

from pelican.contents import Article

KEPT = "_relative_source"  # the instance attribute holding it (left out of page fingerprints)


class NewsroomArticle(Article):
    def get_relative_source_path(self, source_path: str | None = None) -> str | None:
        if source_path and source_path != self.source_path:
            return super().get_relative_source_path(source_path)
        kept = self.__dict__.get(KEPT)
        if kept is None:
            kept = super().get_relative_source_path()
            if kept is not None:
                setattr(self, KEPT, kept)
        return kept


class ArticleReaders:
    """A generator's Pelican ``Readers``, making ``NewsroomArticle`` where Pelican asks for an ``Article``."""

    def __init__(self, readers: Any) -> None:
        self._readers = readers
        if not getattr(readers, "_cache", True) and not getattr(readers, "_cache_data_policy", True):
            # Pelican's reader cache is off, yet it would stat every file twice for a stamp
            # that nothing is compared with and nothing keeps
            readers.get_cached_data = _nothing_cached
            readers.cache_data = _keep_nothing

    def __getattr__(self, name: str) -> Any:
        return getattr(self._readers, name)

    def read_file(self, *args: Any, content_class: type = Article, **kwargs: Any) -> Any:
        if content_class is Article:
            content_class = NewsroomArticle
        return self._readers.read_file(*args, content_class=content_class, **kwargs)


def _nothing_cached(_path: str, default: Any = None) -> Any:
    return default


def _keep_nothing(_path: str, _data: Any) -> None:
    return None

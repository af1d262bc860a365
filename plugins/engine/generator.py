"""Pelican's articles generator without its quadratic list filters.

Pelican 4.12 finds each tag's, section's and author's articles in date order by
scanning every article of the site once per tag, section and author, and each archive
period's with a list scan per article: the time grows with the square of the site
(about 20 s of a 10,000-article build, four times that at 20,000). This subclass sorts
each taxonomy's own articles by their place in the site's date order instead, and gives
the period filters a set of member ids, so the same lists come out, in the same order,
in linear time. ``newsdesk build`` runs Pelican with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pelican.generators import ArticlesGenerator
from pelican.writers import FileOverwriteFailedError

from .contents import ContentReaders
from .context import of
from .reading import content_cache_on


class SortedFiles:
    """Source files in path order.

    Pelican's ``get_files`` returns a set, whose order follows the hash seed of the
    process, and its date sort keeps that order among stories with the same date: the
    lists (and every listing page) then came out in another order on each run. In path
    order, the same content always gives the same bytes.
    """

    def get_files(self, paths: Any, exclude: list[str] | None = None, extensions: Any = None) -> set[str]:
        return PathOrder(super().get_files(paths, exclude=exclude, extensions=extensions))  # type: ignore[misc]


class NoIdleChecks:
    """No walk of the content folder for files of a disabled reader when no reader is disabled (Pelican
    walks it once more per generator for them)."""

    def check_disabled_readers(self) -> None:
        if self.readers.disabled_extensions:  # type: ignore[attr-defined]
            super().check_disabled_readers()  # type: ignore[misc]


class NoIdleCache:
    """No file stamps for Pelican's generator-level content cache when it is off (Pelican stamps each source
    file with its modification time, compared with nothing, kept nowhere)."""

    def get_cached_data(self, filename: str, default: Any = None) -> Any:
        if not content_cache_on(self.settings, "generator"):  # type: ignore[attr-defined]
            return default
        return super().get_cached_data(filename, default)  # type: ignore[misc]

    def cache_data(self, filename: str, data: Any) -> None:
        if content_cache_on(self.settings, "generator"):  # type: ignore[attr-defined]
            super().cache_data(filename, data)  # type: ignore[misc]


class PathOrder(set[str]):
    """A set of paths that iterates in sorted order (Pelican also combines these sets with ``|``)."""

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(set.__iter__(self)))


def top_folder(save_as: str) -> str:
    """The first folder of an output path ('' for a file at the top)."""
    head, sep, _ = save_as.partition("/")
    return head if sep else ""


def with_sorted_files(cls: type) -> type:
    """``cls`` reading its source files in path order (see ``SortedFiles``), without Pelican's checks
    and cache stamps that have nothing to do (``NoIdleChecks``, ``NoIdleCache``)."""
    if issubclass(cls, SortedFiles) or not hasattr(cls, "get_files"):
        return cls
    bases = (
        SortedFiles,
        *((NoIdleChecks,) if hasattr(cls, "check_disabled_readers") else ()),
        *((NoIdleCache,) if hasattr(cls, "get_cached_data") else ()),
    )
    return type(cls.__name__, (*bases, cls), {"__module__": cls.__module__, "__doc__": cls.__doc__})


def with_template_cache(cls: type, cache: Any) -> type:
    """``cls`` whose Jinja environment keeps compiled templates in ``cache`` (a ``jinja2.BytecodeCache``,
    which checks each template's source before using what it kept), instead of compiling them again."""

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        cls.__init__(self, *args, **kwargs)
        self.env.bytecode_cache = cache

    return type(cls.__name__, (cls,), {"__init__": __init__, "__module__": cls.__module__, "__doc__": cls.__doc__})


class LinearArticlesGenerator(ArticlesGenerator):
    """Pelican's ArticlesGenerator, with its taxonomy and archive lists found in linear time,
    making articles that work out their source path once (``contents.NewsroomArticle``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.readers = ContentReaders(self.readers)

    def _build_period_archives(self, sorted_articles: list[Any], articles: list[Any], settings: Any) -> Any:
        archives = super()._build_period_archives(sorted_articles, [], settings)  # no articles: no scan
        # a period's articles in the order of ``articles`` (Pelican's articles have no __eq__: its
        # list test compares identity, as these ids do), each period sorting only its own
        place = {id(article): n for n, article in enumerate(articles)}
        for periods in archives.values():
            for period in periods:
                members = [a for a in period["dates"] if id(a) in place]
                period["articles"] = sorted(members, key=lambda a: place[id(a)])
        return archives

    def generate_articles(self, write: Any) -> None:
        """Pelican's, but the articles of the top folders (years) holding a new or changed story go first.

        A year's search index is built as soon as its last article page is written; after an
        edit, that year's index is the one being built again, so it now starts while the rest
        of the site is written instead of at the end. The order changes no page.
        """
        fresh = {top_folder(a.save_as) for a in self.articles if a.get_relative_source_path() in of(self).fresh}
        if not fresh:  # nothing new or changed (a warm full build): Pelican's order, without working out paths
            return super().generate_articles(write)
        ordered = sorted(self.articles, key=lambda a: top_folder(a.save_as) not in fresh)  # stable
        articles, self.articles = self.articles, ordered
        try:
            super().generate_articles(write)
        finally:
            self.articles = articles

    def _taxonomy_pages(self, write: Any, kind: str, groups: Iterable[tuple[Any, list[Any]]]) -> None:
        """A page per tag, section (Pelican's category) or author, with the context Pelican gives it."""
        template = self.get_template(kind)
        place = {id(article): n for n, article in enumerate(self.dates)}  # the site's date order
        for term, articles in groups:
            try:
                write(term.save_as, template, self.context, url=term.url, articles=articles,
                      dates=sorted(articles, key=lambda a: place[id(a)]), template_name=kind, blog=True,
                      page_name=term.page_name, all_articles=self.articles, **{kind: term})  # fmt: skip
            except FileOverwriteFailedError:
                if term.slug:  # two terms writing one file is a real clash; a term without a slug has no page
                    raise

    def generate_tags(self, write: Any) -> None:
        self._taxonomy_pages(write, "tag", self.tags.items())

    def generate_categories(self, write: Any) -> None:
        self._taxonomy_pages(write, "category", self.categories)

    def generate_authors(self, write: Any) -> None:
        self._taxonomy_pages(write, "author", self.authors)

"""Feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the site, its sections, tags and authors."""

from .plugin import connect


def register() -> None:
    connect()

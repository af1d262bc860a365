"""Newsroom: the publication's content model, strict reading and site-wide data."""

from .plugin import connect


def register() -> None:
    connect()

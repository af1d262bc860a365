"""Newsroom: the publication's content model, strict reading and site-wide data."""


def register() -> None:
    from .plugin import connect  # noqa: PLC0415 - importing the package must not import Pelican

    connect()

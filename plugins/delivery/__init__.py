"""Delivery: precompressed ``.gz`` and ``.br`` siblings of every text file the build publishes."""


def register() -> None:
    from .plugin import connect  # noqa: PLC0415

    connect()

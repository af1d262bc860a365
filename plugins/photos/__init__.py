"""Photos: each raster hero made into responsive derivatives, list thumbnails, share cards and a feed image."""

from .plugin import connect


def register() -> None:
    connect()

"""SEO: sitemaps, news sitemap, robots.txt, JSON-LD, social cards, reading time, section sequence."""

from .plugin import connect


def register() -> None:
    connect()

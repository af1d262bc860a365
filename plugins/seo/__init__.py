"""SEO: sitemaps, news sitemap, robots.txt, JSON-LD, social cards, reading time, section sequence, search."""

from .plugin import connect
from .shards import BUNDLE_DIR

# The top-level folders of the site this plugin writes (no article or page may be put there).
SITE_FOLDERS = frozenset({BUNDLE_DIR})


def register() -> None:
    connect()

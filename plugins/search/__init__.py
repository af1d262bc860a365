"""Search: the Pagefind index of the published articles (a bundle per year, or per part of a big
year) and the data of the /search/ page. On when PLUGINS lists "search"."""

from .plugin import connect
from .shards import BUNDLE_DIR

# The top-level folders of the site this plugin writes (no article or page may be put there).
SITE_FOLDERS = frozenset({BUNDLE_DIR})


def register() -> None:
    connect()

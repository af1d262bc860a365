"""Feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the site, its sections, tags and authors."""

from .plan import PATHS
from .plugin import connect

# The top-level folders of the site this plugin writes (no article or page may be put there).
SITE_FOLDERS = frozenset(path.split("/", 1)[0] for path in PATHS.values())


def register() -> None:
    connect()

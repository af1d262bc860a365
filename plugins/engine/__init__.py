"""The engine: the one package that knows Pelican's internals (see docs/architecture.md).

Plugins use only the names exported here: the build context, the forked workers, the keyed
caches and the digest of plain data. Everything else in this package is the engine's own.
"""

from .contents import body_html, intrasite_pattern, replace_body_html
from .context import BuildContext, StaticPolicy
from .context import of as context_of
from .contract import (
    AROUND,
    DERIVED,
    INTERNAL,
    LISTED,
    OWN_PAGE,
    Contract,
    Hero,
    Photo,
    Picture,
    Rendition,
    Share,
    Stored,
)
from .fingerprints import digest
from .forked import Forked, WorkerError, available, die_with_parent, dies_with_parent
from .keyed import KeyedStore, notice, remove_file, source_digest, write_sqlite

__all__ = [
    "AROUND",
    "DERIVED",
    "INTERNAL",
    "LISTED",
    "OWN_PAGE",
    "BuildContext",
    "Contract",
    "Forked",
    "Hero",
    "KeyedStore",
    "Photo",
    "Picture",
    "Rendition",
    "Share",
    "StaticPolicy",
    "Stored",
    "WorkerError",
    "available",
    "body_html",
    "context_of",
    "die_with_parent",
    "dies_with_parent",
    "digest",
    "intrasite_pattern",
    "notice",
    "remove_file",
    "replace_body_html",
    "source_digest",
    "write_sqlite",
]

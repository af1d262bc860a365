"""Newsdesk command-line tools: build, check, clean, serve, scaffold articles.

The packages they drive (the engine, the plugins, the shared helpers) live in ``plugins/``,
which Pelican loads plugins from; it is put on the import path here, once.
"""

import sys
from pathlib import Path

PLUGINS = str(Path(__file__).resolve().parent.parent / "plugins")
if PLUGINS not in sys.path:
    sys.path.insert(0, PLUGINS)

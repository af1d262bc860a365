"""Settings files that start from the project's pelicanconf.py and change a few values.

Tests and benchmarks build other content folders with other settings; each such file
imports pelicanconf.py by absolute path and points THEME and PLUGIN_PATHS back at the
project, so it works from any folder.
"""

from __future__ import annotations

from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def write_settings(folder: Path, **overrides: object) -> Path:
    """Write ``conf_N.py`` in ``folder`` (a new N each call) and return its path."""
    lines = [
        "import sys",
        f"sys.path.insert(0, {str(PROJECT)!r})",
        "from pelicanconf import *  # noqa",
        f"THEME = {str(PROJECT / 'theme')!r}",
        f"PLUGIN_PATHS = [{str(PROJECT / 'plugins')!r}]",
        *(f"{key} = {value!r}" for key, value in overrides.items()),
    ]
    path = folder / f"conf_{len(list(folder.glob('conf_*.py')))}.py"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path

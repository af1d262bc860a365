"""Reading one plugin's settings: its prefix, its defaults in one place, and a "did you mean" for a typo (pure).

Each plugin's ``settings.py`` calls ``read`` once with its ``PREFIX`` and ``DEFAULTS``, checks the values,
and raises one ``SettingsError`` listing every problem.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any


def nearest(word: str, choices: Iterable[str]) -> str | None:
    """The choice spelt most like ``word``, if any is close (for 'did you mean …?')."""
    by_lower = {c.lower(): c for c in choices}
    match = difflib.get_close_matches(word.lower(), list(by_lower), n=1, cutoff=0.6)
    return by_lower[match[0]] if match else None


def read(
    settings: Mapping[str, Any],
    prefix: str,
    defaults: Mapping[str, Any],
    errors: list[str],
    retired: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The value of each ``prefix + key`` of ``defaults`` (the default when unset), by key. A setting with the
    prefix that is not one of them adds an error to ``errors``: what became of it when ``retired`` (key ->
    what to do instead) names it, else the nearest known name, or the known names."""
    known = [prefix + key for key in defaults]
    for name in sorted(k for k in settings if k.startswith(prefix) and k[len(prefix) :] not in defaults):
        instead = (retired or {}).get(name[len(prefix) :])
        if instead:
            errors.append(f"{name} is no longer read; {instead}")
            continue
        guess = nearest(name[len(prefix) :], defaults)  # the shared prefix would make every name look close
        hint = f"did you mean {prefix}{guess}?" if guess else f"known: {', '.join(known)}."
        errors.append(f"unknown setting {name}; {hint}")
    return {key: settings.get(prefix + key, value) for key, value in defaults.items()}

"""The ``Image`` field: a file of this site, in a folder the build copies (pure)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from common.settings import nearest

from .copying import StaticRules

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif")


def image_path(
    raw: str,
    key: str,
    exists: Callable[[str], bool],
    candidates: Callable[[], Iterable[str]],
    statics: StaticRules,
) -> tuple[str, str, str]:
    """(path under content/, "", "") for a usable hero image, else ("", what is wrong, the fix).

    ``key`` is the field as written (for the fix); ``candidates`` lists the site's images
    when a missing one needs a suggestion.
    """
    raw = raw.strip()
    path = raw.removeprefix("{static}").removeprefix("{attach}").lstrip("/")
    if "://" in raw or raw.startswith("//") or raw.startswith("data:"):
        fix = "put the image under content/images/ and give its path, e.g. images/2026/hero.png."
        return "", f"'{raw}' is not a file in this site.", fix
    parts = path.split("/")
    if not path or ".." in parts or "\\" in path or not path.lower().endswith(IMAGE_SUFFIXES):
        fix = f"give a path under content/ ending in one of {', '.join(IMAGE_SUFFIXES)}."
        return "", f"'{raw}' is not a usable image path.", fix
    if not exists(path):
        guess = nearest(path, candidates())
        fix = f"did you mean '{guess}'?" if guess else "add the file or correct the path (relative to content/)."
        return "", f"the image content/{path} does not exist.", fix
    reason = statics.why_not_copied(path)
    if reason:
        fix = f"move it under {statics.folders()} and write '{key}: {statics.suggestion(path)}'."
        return "", f"content/{path} would be a broken image: {reason}.", fix
    return path, "", ""

"""Editorial warnings: things that build but an editor should fix (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from common.errors import Problem

from .authors import Profile


def warnings_for(path: str, kind: str, meta: Mapping[str, Any], registry: Mapping[str, Profile]) -> list[Problem]:
    """Warnings for one file's validated metadata (Pelican objects or plain values)."""
    if kind != "article":
        return []
    found: list[Problem] = []

    def warn(field: str, message: str, fix: str) -> None:
        found.append(Problem(path, None, field, message, fix, severity="warning"))

    for author in meta.get("authors", []):
        slug = getattr(author, "slug", None)
        if slug not in registry:
            warn(
                "Authors",
                f"'{author}' is not in the author registry; the byline gets a plain author page.",
                "add them to content/authors.toml (name, role, bio, photo), or correct the spelling.",
            )
    if meta.get("summary_derived"):
        warn("Summary", "no standfirst; the first paragraph is used instead.", "add a 'Summary:' line.")
    if meta.get("image"):
        if not meta.get("image_alt"):
            warn("Image_Alt", "the hero image has no alt text.", "describe the image for blind readers.")
        if not meta.get("image_credit"):
            warn("Image_Credit", "the hero image has no credit.", "add 'Image_Credit: Photo: Name/Agency'.")
    else:
        warn("Image", "no hero image.", "add 'Image: images/…' (with Image_Alt, Image_Caption, Image_Credit).")
    if not meta.get("tags"):
        warn("Tags", "no tags; the story will not appear on any topic page.", "add 'Tags: a, b, c'.")
    return found

"""Which files of the content folder may be published as they are, cleaned, or not at all (pure).

Everything Pelican copies from content/ (the image folders, and any file a story links
with ``{static}`` or ``{attach}``) is served from the site's own address, where an HTML
page, a script or a service worker would run as the site. Only images are published:
PNG, JPEG, GIF, WebP and AVIF when the file's first bytes say so too, and SVG drawings
once cleaned of whatever could run or fetch (``svgclean``).
"""

from __future__ import annotations

from common.errors import Problem
from common.images import MIME_TYPES, mime_type, sniff

from .svgclean import SvgError, clean_svg

SVG = "image/svg+xml"
HEAD = 64  # bytes that show a raster image's type
NAMES = {
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "image/gif": "GIF",
    "image/webp": "WebP",
    "image/avif": "AVIF",
    SVG: "SVG",
}
SUFFIX = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp", "image/avif": ".avif"}
KINDS = ", ".join(sorted({suffix for suffix in MIME_TYPES}))


def needs_whole_file(rel: str) -> bool:
    """Whether ``vet`` needs all of the file (an SVG), or its first ``HEAD`` bytes."""
    return mime_type(rel) == SVG


def vet(rel: str, data: bytes) -> tuple[bytes | None, list[Problem]]:
    """The bytes to publish for ``rel`` (None: the file as it is) and the problems found.

    ``data`` is the whole file for an SVG (``needs_whole_file``), its first ``HEAD`` bytes
    or more otherwise.
    """
    named = mime_type(rel)
    if named not in NAMES:
        message = "is not an image; only images are published from content/: a page or script would run as the site."
        fix = f"remove it from content/; an image must end in one of {KINDS}."
        return None, [Problem(rel, None, None, message, fix)]
    found = sniff(data[:HEAD])
    suffix = rel[rel.rfind(".") :]
    if found and found != named:
        message = f"is named {suffix} but holds {NAMES[found]} image data."
        return None, [Problem(rel, None, None, message, f"rename it to end in {SUFFIX[found]}.")]
    if named != SVG:
        if found is None:
            message = f"is named {suffix} but does not hold {NAMES[named]} image data (its first bytes are not)."
            return None, [Problem(rel, None, None, message, f"export it again as {NAMES[named]}, or remove it.")]
        return None, []
    try:
        cleaned, removed = clean_svg(data)
    except SvgError as exc:
        message = f"cannot be published as an SVG drawing: {exc}."
        fix = "export it again from the drawing program, or as PNG."
        return None, [Problem(rel, exc.line, None, message, fix)]
    if not removed:
        return None, []
    message = f"is published without {', '.join(removed)}: an image on the site may not run or load anything."
    fix = "nothing for this build; export the drawing again without them to silence this warning."
    return cleaned, [Problem(rel, None, None, message, fix, severity="warning")]

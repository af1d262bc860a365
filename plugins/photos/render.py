"""A photo's bytes checked, and each file made from them (libvips through pyvips; no file I/O).

``inspect`` reads only a photo's header: its type (from the bytes, never the extension), its
pixel size with the EXIF orientation applied, and what makes it unpublishable. ``make`` decodes
it and writes one ``Job``: orientation applied, colour converted to sRGB (CMYK and 16-bit photos
too), transparency flattened onto white, every metadata block (EXIF with GPS and serial numbers,
XMP, IPTC, ICC) left out. The same bytes and job give the same output bytes.
"""

from __future__ import annotations

import pyvips
from common.images import MIME_TYPES, mime_type, sniff

from .plan import Job

SAVE = {"jpeg": ".jpg", "webp": ".webp", "avif": ".avif"}
OPTIONS = {"jpeg": ",optimize_coding,interlace", "webp": ",smart_subsample,effort=4", "avif": ",effort=2"}
FORMAT_NAMES = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/gif": "GIF",
    "image/webp": "WebP",
    "image/avif": "AVIF",
}
HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1")
EXPORT = "Export it as a JPEG (sRGB, quality 85 or more, 2400 px wide is plenty) and point Image: at that file."


class BadPhoto(Exception):
    """A photo that cannot be published: ``str(self)`` says why, ``fix`` what to do."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.fix = fix


def _heif(head: bytes) -> bool:
    return head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS


def inspect(data: bytes, path: str, max_pixels: int) -> tuple[int, int]:
    """The photo's (width, height) as shown, orientation applied; ``BadPhoto`` when it cannot be published."""
    found = sniff(data[:64])
    named = mime_type(path)
    if named == "image/svg+xml":  # a drawing the content model has checked and cleaned: drawn at any size
        found = named
    elif found is None:
        if _heif(data[:64]):
            raise BadPhoto("is a HEIC photo, which browsers do not show and the build does not convert.", EXPORT)
        raise BadPhoto(
            "is not an image the build can read (damaged, empty, or not JPEG, PNG, GIF, WebP or AVIF).", EXPORT
        )
    if named in MIME_TYPES.values() and named != found:
        right = next(ext for ext, kind in MIME_TYPES.items() if kind == found)
        raise BadPhoto(
            f"is a {FORMAT_NAMES[found]} file named as a {FORMAT_NAMES.get(named, named)}.",
            f"rename it to end in {right} (and Image: with it), or export it as the format its name says.",
        )
    try:
        image = pyvips.Image.new_from_buffer(data, "")  # an animation's first frame: what the build makes
        width, height = image.width, image.height
        orientation = image.get("orientation") if image.get_typeof("orientation") else 1
    except pyvips.Error as exc:
        raise BadPhoto(f"could not be read ({_first_line(exc)}).", EXPORT) from None
    if width * height > max_pixels:
        raise BadPhoto(
            f"is {width:,} x {height:,} pixels ({width * height / 1e6:.0f} MP), over the limit of "
            f"{max_pixels / 1e6:.0f} MP (a photo that large is a decompression bomb, or needlessly big).",
            "export it at 3000 px on the long side or less (or raise PHOTOS_MAX_PIXELS).",
        )
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def _first_line(exc: pyvips.Error) -> str:
    text = (exc.detail or str(exc)).strip().splitlines()
    return text[-1].strip() if text else "unknown error"


def _pixels(data: bytes, job: Job) -> pyvips.Image:
    """The photo fitted, filled or padded to ``job``'s size, in 8-bit sRGB without alpha (lazy)."""
    image = pyvips.Image.thumbnail_buffer(
        data,
        job.width,
        height=job.height if job.crop or job.pad else 10_000_000,
        size="both" if job.upscale else "down",
        crop="centre" if job.crop else "none",
        export_profile="srgb",
        option_string="fail_on=truncated",
    )
    if image.hasalpha():
        image = image.flatten(background=[255, 255, 255])
    if job.pad:
        left, top = (job.width - image.width) // 2, (job.height - image.height) // 2
        image = image.embed(left, top, job.width, job.height, extend="background", background=[255, 255, 255])
    if image.interpretation != "srgb" or image.format != "uchar":
        image = image.colourspace("srgb").cast("uchar")
    if image.bands > 3:
        image = image.extract_band(0, n=3)
    return image


def _encode(image: pyvips.Image, job: Job) -> bytes:
    return image.write_to_buffer(f"{SAVE[job.fmt]}[Q={job.quality},keep=none{OPTIONS[job.fmt]}]")


def make(data: bytes, job: Job) -> bytes:
    """The file ``job`` describes, made from the photo ``data``; ``BadPhoto`` when it cannot be decoded."""
    return make_each(data, [job])[0]


def shape(job: Job) -> tuple[int, int, bool, bool, bool]:
    """What a file's pixels depend on besides the photo: all of ``job`` but its format and quality."""
    return job.width, job.height, job.crop, job.upscale, job.pad


def make_each(data: bytes, jobs: list[Job]) -> list[bytes]:
    """The files ``jobs`` describe, in their order, with the bytes ``make`` gives each. The jobs of one
    shape (a width in WebP and in JPEG) share one decoded, resized and colour-converted image, encoded
    once per file: the photo is decoded and converted once per shape, not once per file."""
    groups: dict[tuple[int, int, bool, bool, bool], list[int]] = {}
    for index, job in enumerate(jobs):
        groups.setdefault(shape(job), []).append(index)
    made: list[bytes] = [b""] * len(jobs)
    try:
        for indexes in groups.values():
            image = _pixels(data, jobs[indexes[0]])
            if len(indexes) > 1:  # rendered once into memory, not once per encoding
                image = image.copy_memory()
            for index in indexes:
                made[index] = _encode(image, jobs[index])
    except pyvips.Error as exc:
        raise BadPhoto(f"could not be decoded ({_first_line(exc)}).", EXPORT) from None
    return made

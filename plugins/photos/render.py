"""A photo's bytes checked, and each file made from them (libvips through pyvips; no file I/O).

``inspect`` reads only a photo's header: its type (from the bytes, never the extension), its
pixel size with the EXIF orientation applied, and what makes it unpublishable. ``decode`` decodes
it once (orientation applied, colour converted to sRGB, CMYK and 16-bit photos too, transparency
flattened onto white) and ``make_from`` writes one ``Job`` from that, every metadata block (EXIF with
GPS and serial numbers, XMP, IPTC, ICC) left out. The same bytes and job give the same output bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyvips
from common.images import MIME_TYPES, mime_type, sniff

from .plan import Job

SAVE = {"jpeg": ".jpg", "webp": ".webp", "avif": ".avif", "png": ".png", "gif": ".gif"}
OPTIONS = {
    "jpeg": "Q={q},optimize_coding,interlace",
    "webp": "Q={q},effort=2",  # smart_subsample and effort 4 cost 5x the CPU for +0.5 dB (BENCHMARKS.md)
    "avif": "Q={q},effort=2",
    "png": "compression=9",  # lossless: a re-encoded copy of a PNG the site publishes as it is
    "gif": "effort=7",
}
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


def decode(data: bytes) -> Decoded:
    """The photo ``data`` decoded once, ready to make any number of files from; ``BadPhoto`` when it cannot be.

    A raster photo is decoded whole into memory (orientation applied, colour converted to 8-bit sRGB,
    transparency flattened onto white; every frame of an animation, one above the other) so that every
    file is resized from the same pixels: decoding it
    again for each file cost more than making the files. A drawing (SVG) is kept as its bytes and drawn
    at each file's own size, sharp at any size."""
    try:
        image = pyvips.Image.new_from_buffer(data, "", fail_on="truncated")
        if image.get("vips-loader").startswith("svgload"):
            return Decoded(None, data)
        if _pages(image) > 1:  # an animation: every frame, one above the other (``page-height`` tall each)
            image = pyvips.Image.new_from_buffer(data, "", fail_on="truncated", n=-1)
        image = image.autorot()
        if image.get_typeof("icc-profile-data") or image.interpretation == "cmyk":
            cmyk = image.interpretation == "cmyk"
            image = image.icc_transform("srgb", embedded=True, input_profile="cmyk" if cmyk else "srgb")
        return Decoded(_srgb(image).copy_memory(), None)
    except pyvips.Error as exc:
        raise BadPhoto(f"could not be decoded ({_first_line(exc)}).", EXPORT) from None


@dataclass(frozen=True)
class Decoded:
    """A decoded raster ``image`` (8-bit sRGB, three bands, in memory), or a drawing's ``svg`` bytes."""

    image: pyvips.Image | None
    svg: bytes | None


def _srgb(image: pyvips.Image) -> pyvips.Image:
    """``image`` as 8-bit sRGB with three bands, any transparency flattened onto white."""
    if image.interpretation != "srgb" or image.format != "uchar":
        image = image.colourspace("srgb").cast("uchar")
    if image.hasalpha():
        image = image.flatten(background=[255, 255, 255])
    return image.extract_band(0, n=3) if image.bands > 3 else image


def _pages(image: pyvips.Image) -> int:
    return image.get("n-pages") if image.get_typeof("n-pages") else 1


def frames(data: bytes) -> int:
    """How many frames the image ``data`` holds (1 unless it is an animated GIF or WebP); its header only."""
    try:
        return _pages(pyvips.Image.new_from_buffer(data, ""))
    except pyvips.Error:
        return 1


def _frames(image: pyvips.Image, job: Job) -> pyvips.Image:
    """Every frame of ``image`` for an animated job, else its first frame alone."""
    if not image.get_typeof("page-height") or image.get("page-height") >= image.height:
        return image
    if job.animated:
        return image
    first = image.crop(0, 0, image.width, image.get("page-height")).copy()
    first.remove("page-height")
    return first


def make_from(source: Decoded, job: Job) -> bytes:
    """The file ``job`` describes, made from the decoded ``source``; the same source and job give the same bytes."""
    height = job.height if job.crop or job.pad else 10_000_000
    size, crop = ("both" if job.upscale else "down"), ("centre" if job.crop else "none")
    try:
        if source.image is not None:
            image = _frames(source.image, job).thumbnail_image(job.width, height=height, size=size, crop=crop)
        else:
            image = pyvips.Image.thumbnail_buffer(source.svg, job.width, height=height, size=size, crop=crop)
            image = _srgb(image)
        if job.pad:
            left, top = (job.width - image.width) // 2, (job.height - image.height) // 2
            image = image.embed(left, top, job.width, job.height, extend="background", background=[255, 255, 255])
        return image.write_to_buffer(f"{SAVE[job.fmt]}[keep=none,{OPTIONS[job.fmt].format(q=job.quality)}]")
    except pyvips.Error as exc:
        raise BadPhoto(f"could not be made ({_first_line(exc)}).", EXPORT) from None


def make(data: bytes, job: Job) -> bytes:
    """The one file ``job`` describes, made from the photo ``data`` (``decode`` it once to make several)."""
    return make_from(decode(data), job)

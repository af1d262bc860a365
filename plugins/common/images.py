"""Image type and pixel size from a file's first bytes (pure, no imaging library)."""

from __future__ import annotations

import re
import struct

MIME_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
    ".avif": "image/avif",
}
_SVG_ATTR = re.compile(rb"""\s(width|height|viewBox)\s*=\s*["']([^"']*)["']""")
_NUMBER = re.compile(rb"^\s*([0-9]+(?:\.[0-9]+)?)\s*(px)?\s*$")


def mime_type(path: str) -> str:
    suffix = path[path.rfind(".") :].lower() if "." in path else ""
    return MIME_TYPES.get(suffix, "application/octet-stream")


def sniff(head: bytes) -> str | None:
    """The raster image type (a MIME type) a file's first bytes show, or None.

    An SVG is text, recognised only by parsing it (``svgclean``).
    """
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp" and _avif(head):
        return "image/avif"
    return None


def _avif(head: bytes) -> bool:
    """Whether an ISO media file's type box names AVIF as its brand or a compatible one."""
    size = int.from_bytes(head[:4], "big")
    brands = head[8:12] + head[16 : min(size, len(head))]
    return any(brands[i : i + 4] in (b"avif", b"avis") for i in range(0, len(brands) - 3, 4))


def dimensions(head: bytes) -> tuple[int, int] | None:
    """Width and height in pixels from the start of an image file, or None.

    ``head`` should hold the first 64 KiB or so (JPEG keeps its size after the
    metadata segments).
    """
    if head.startswith(b"\x89PNG\r\n\x1a\n") and len(head) >= 24:
        return struct.unpack(">II", head[16:24])
    if head[:6] in (b"GIF87a", b"GIF89a") and len(head) >= 10:
        return struct.unpack("<HH", head[6:10])
    if head.startswith(b"\xff\xd8"):
        return _jpeg(head)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return _webp(head)
    if b"<svg" in head[:4096]:
        return _svg(head)
    return None


def _jpeg(data: bytes) -> tuple[int, int] | None:
    pos = 2
    while pos + 9 < len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        length = struct.unpack(">H", data[pos + 2 : pos + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return width, height
        pos += 2 + length
    return None


def _webp(data: bytes) -> tuple[int, int] | None:
    kind = data[12:16]
    if kind == b"VP8X" and len(data) >= 30:
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    if kind == b"VP8 " and len(data) >= 30:
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if kind == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None


def _svg(data: bytes) -> tuple[int, int] | None:
    start = data.find(b"<svg")
    end = data.find(b">", start)
    attrs = dict(_SVG_ATTR.findall(data[start : end if end > 0 else None]))
    width, height = attrs.get(b"width"), attrs.get(b"height")
    if width and height:
        w, h = _NUMBER.match(width), _NUMBER.match(height)
        if w and h:
            return round(float(w.group(1))), round(float(h.group(1)))
    box = attrs.get(b"viewBox", b"").replace(b",", b" ").split()
    if len(box) == 4:
        try:
            return round(float(box[2])), round(float(box[3]))
        except ValueError:
            return None
    return None

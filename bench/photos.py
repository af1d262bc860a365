"""Procedural photos for the sample site and the tests: JPEGs carrying EXIF and XMP a site must never publish.

Each scene (sky, sun, layered hills, grain) is drawn by libvips from a seed, so the same seed gives
the same pixels; the JPEG then gets an EXIF block with a camera make, model and serial number, an
owner's name and a GPS position, and an XMP packet naming a photographer: the privacy stripping
of the photo pipeline must remove all of them. Nothing is copied from anywhere.

    python -m bench.photos OUT.jpg [--seed N] [--width 2400] [--height 1600]
"""

from __future__ import annotations

import argparse
import random
import struct
import zlib

import pyvips

SERIAL = "SN-0000-LEAK-4711"
OWNER = "Pat Example"
GPS = ((51, 1), (30, 1), (2628, 100)), ((0, 1), (7, 1), (3996, 100))  # a fake position in London, N and W


def scene(width: int, height: int, seed: int) -> pyvips.Image:
    """A landscape drawn from ``seed``: a sky graded to the horizon, a sun, three ranges of hills, grain."""
    rnd = random.Random(seed)
    xy = pyvips.Image.xyz(width, height)
    x, y = xy[0], xy[1]
    top, low = [rnd.randrange(20, 120) for _ in range(3)], [rnd.randrange(150, 250) for _ in range(3)]
    t = y / height
    red, *rest = [t * (b - a) + a for a, b in zip(top, low, strict=True)]
    image = red.bandjoin(rest)
    sx, sy, radius = rnd.uniform(0.2, 0.8) * width, rnd.uniform(0.15, 0.4) * height, height * rnd.uniform(0.05, 0.1)
    sun = (((x - sx) ** 2 + (y - sy) ** 2) < radius**2).ifthenelse([255, 236, 180], [0, 0, 0])
    image = (sun > 0).ifthenelse(sun, image)
    for layer in range(3):
        base = height * (0.5 + 0.14 * layer)
        wave, amp, phase = rnd.uniform(0.2, 0.6), height * rnd.uniform(0.03, 0.08), rnd.uniform(0, 360)
        ridge = ((x * wave + phase).sin() * amp) + (((x * wave * 2.7) + phase * 2).sin() * amp * 0.35) + base
        shade = [rnd.randrange(10, 90) + 30 * layer, rnd.randrange(60, 140) - 20 * layer, rnd.randrange(30, 90)]
        image = (y > ridge).ifthenelse(shade, image)
    grain = pyvips.Image.gaussnoise(width, height, sigma=6, mean=0, seed=seed)
    return (image + grain).gaussblur(0.8).cast("uchar").copy(interpretation="srgb")


def _ifd(entries: list[tuple[int, int, int, bytes]], start: int, then: int = 0) -> bytes:
    """One TIFF directory at offset ``start`` (little-endian): (tag, type, count, value bytes) sorted by tag."""
    head = struct.pack("<H", len(entries))
    data_at = start + 2 + 12 * len(entries) + 4
    body, extra = b"", b""
    for tag, kind, count, value in sorted(entries):
        if len(value) <= 4:
            body += struct.pack("<HHI", tag, kind, count) + value.ljust(4, b"\0")
        else:
            body += struct.pack("<HHII", tag, kind, count, data_at + len(extra))
            extra += value + (b"\0" if len(value) % 2 else b"")
    return head + body + struct.pack("<I", then) + extra


def _ascii(tag: int, text: str) -> tuple[int, int, int, bytes]:
    raw = text.encode("ascii") + b"\0"
    return tag, 2, len(raw), raw


def _rationals(tag: int, values: tuple[tuple[int, int], ...]) -> tuple[int, int, int, bytes]:
    return tag, 5, len(values), b"".join(struct.pack("<II", *v) for v in values)


def exif() -> bytes:
    """An EXIF APP1 payload: camera, owner and serial, and a GPS position."""
    ifd0_entries = 6
    ifd0_size = 2 + 12 * ifd0_entries + 4 + 64  # the strings after it fit in 64 bytes
    exif_at = 8 + ifd0_size
    exif_ifd = _ifd([_ascii(0xA430, OWNER), _ascii(0xA431, SERIAL)], exif_at)
    gps_at = exif_at + len(exif_ifd)
    gps = _ifd([(0x0001, 2, 2, b"N\0"), _rationals(0x0002, GPS[0]), (0x0003, 2, 2, b"W\0"),
                _rationals(0x0004, GPS[1])], gps_at)  # fmt: skip
    ifd0 = _ifd([_ascii(0x010F, "Newsdesk"), _ascii(0x0110, "Procedural One"), (0x0112, 3, 1, struct.pack("<H", 1)),
                 _ascii(0x013B, OWNER), (0x8769, 4, 1, struct.pack("<I", exif_at)),
                 (0x8825, 4, 1, struct.pack("<I", gps_at))], 8)  # fmt: skip
    ifd0 = ifd0.ljust(ifd0_size, b"\0")
    return b"Exif\0\0" + b"II*\0" + struct.pack("<I", 8) + ifd0 + exif_ifd + gps


def xmp() -> bytes:
    packet = (f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
              f'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>{OWNER}</dc:creator>'
              f"</rdf:Description></rdf:RDF></x:xmpmeta>")  # fmt: skip
    return b"http://ns.adobe.com/xap/1.0/\0" + packet.encode()


def with_metadata(jpeg: bytes) -> bytes:
    """``jpeg`` with the EXIF and XMP segments put right after its start marker."""
    segments = b"".join(b"\xff\xe1" + struct.pack(">H", len(p) + 2) + p for p in (exif(), xmp()))
    return jpeg[:2] + segments + jpeg[2:]


def png_claiming(width: int, height: int) -> bytes:
    """A small PNG whose header claims ``width`` x ``height`` pixels: a decompression bomb's first bytes."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def photo(width: int = 2400, height: int = 1600, seed: int = 1, quality: int = 82) -> bytes:
    return with_metadata(scene(width, height, seed).write_to_buffer(f".jpg[Q={quality},keep=none]"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--width", type=int, default=2400)
    parser.add_argument("--height", type=int, default=1600)
    args = parser.parse_args()
    with open(args.out, "wb") as handle:
        handle.write(photo(args.width, args.height, args.seed))


if __name__ == "__main__":
    main()

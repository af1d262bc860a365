"""Unit tests for common.images: pixel size from a file's first bytes, and MIME types."""

from __future__ import annotations

import struct
import zlib

import pytest
from common.images import dimensions, mime_type


def png(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    chunk = struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr
    return b"\x89PNG\r\n\x1a\n" + chunk + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))


def segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


APP0 = segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
DQT = segment(0xDB, b"\x00" + bytes(64))
DHT = segment(0xC4, b"\x00" + bytes(16) + b"\x00")  # marker C4 is in the SOF range but is not a frame header


def sof(marker: int, width: int, height: int) -> bytes:
    return segment(marker, struct.pack(">BHHB", 8, height, width, 3) + b"\x01\x22\x00\x02\x11\x01\x03\x11\x01")


def jpeg(*segments: bytes) -> bytes:
    return b"\xff\xd8" + b"".join(segments) + segment(0xDA, b"\x01\x01\x00\x00\x3f\x00") + b"\x12\x34" * 8


def riff(chunk: bytes, payload: bytes) -> bytes:
    body = b"WEBP" + chunk + struct.pack("<I", len(payload)) + payload
    return b"RIFF" + struct.pack("<I", len(body)) + body


def webp_vp8x(width: int, height: int) -> bytes:
    return riff(b"VP8X", b"\x10\x00\x00\x00" + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little"))


def webp_vp8l(width: int, height: int) -> bytes:
    bits = (width - 1) | ((height - 1) << 14)
    return riff(b"VP8L", b"\x2f" + bits.to_bytes(4, "little") + b"\x00" * 4)


def webp_vp8(width: int, height: int, scale: int = 0) -> bytes:
    size = struct.pack("<HH", width | scale << 14, height | scale << 14)
    return riff(b"VP8 ", b"\x30\x01\x00" + b"\x9d\x01\x2a" + size + b"\x00" * 8)


@pytest.mark.parametrize(("width", "height"), [(16, 9), (1, 1), (4000, 3000), (70000, 2)])
def test_png_size_comes_from_ihdr(width: int, height: int) -> None:
    assert dimensions(png(width, height) + b"rest of file") == (width, height)


@pytest.mark.parametrize("version", [b"GIF87a", b"GIF89a"])
def test_gif_size_is_little_endian(version: bytes) -> None:
    assert dimensions(version + struct.pack("<HH", 640, 480) + b"\x00" * 10) == (640, 480)


def test_jpeg_size_from_sof0_after_app0() -> None:
    assert dimensions(jpeg(APP0, sof(0xC0, 1200, 675))) == (1200, 675)


def test_jpeg_skips_quantisation_and_huffman_tables_before_the_frame() -> None:
    assert dimensions(jpeg(APP0, DQT, DHT, sof(0xC0, 320, 240))) == (320, 240)


@pytest.mark.parametrize("marker", [0xC1, 0xC2, 0xC3, 0xC5, 0xC9, 0xCF])
def test_jpeg_other_frame_types_carry_the_size_too(marker: int) -> None:
    assert dimensions(jpeg(APP0, sof(marker, 800, 600))) == (800, 600)


def test_jpeg_skips_standalone_markers_between_segments() -> None:
    assert dimensions(b"\xff\xd8" + b"\xff\x01" + APP0 + sof(0xC0, 10, 20) + b"\x00" * 4) == (10, 20)


def test_jpeg_with_long_exif_segment_before_the_frame() -> None:
    exif = segment(0xE1, b"Exif\x00\x00" + bytes(5000))
    assert dimensions(jpeg(APP0, exif, sof(0xC0, 2048, 1536))) == (2048, 1536)


@pytest.mark.parametrize(
    "head",
    [
        b"\xff\xd8",
        b"\xff\xd8" + APP0,
        b"\xff\xd8" + APP0[:6],
        b"\xff\xd8\x00\x00" + APP0 + sof(0xC0, 10, 10),
        b"\xff\xd8" + APP0 + segment(0xDA, b"\x00" * 20),
    ],
)
def test_jpeg_without_a_reachable_frame_header_is_none(head: bytes) -> None:
    assert dimensions(head) is None


@pytest.mark.parametrize(
    ("head", "size"),
    [
        (webp_vp8x(1920, 1080), (1920, 1080)),
        (webp_vp8x(1, 16_777_216), (1, 16_777_216)),
        (webp_vp8l(16, 9), (16, 9)),
        (webp_vp8l(16384, 1), (16384, 1)),
        (webp_vp8(300, 200), (300, 200)),
        (webp_vp8(300, 200, scale=3), (300, 200)),
    ],
)
def test_webp_size_for_each_bitstream_kind(head: bytes, size: tuple[int, int]) -> None:
    assert dimensions(head) == size


@pytest.mark.parametrize(
    "head",
    [
        riff(b"VP8X", b"\x00" * 4),
        riff(b"VP8L", b"\x2f"),
        riff(b"ALPH", b"\x00" * 20),
        webp_vp8x(10, 10)[:29],
    ],
)
def test_truncated_or_unknown_webp_is_none(head: bytes) -> None:
    assert dimensions(head) is None


@pytest.mark.parametrize(
    ("svg", "size"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80">', (120, 80)),
        (b"<svg width='120px' height = '80 px'>", (120, 80)),
        (b'<svg width="10.6" height="20.4">', (11, 20)),
        (b'<svg viewBox="0 0 300 150">', (300, 150)),
        (b'<svg viewBox="0,0,300,150">', (300, 150)),
        (b'<svg viewBox="-10 -10 64.4 32.6" >', (64, 33)),
        (b'<svg width="10em" height="5em" viewBox="0 0 160 80">', (160, 80)),
        (b'<svg width="100%" height="100%" viewBox="0 0 40 30">', (40, 30)),
        (b'<svg width="120" viewBox="0 0 40 30">', (40, 30)),
        (b'<?xml version="1.0"?>\n<!-- art -->\n<svg\n  width="12"\n  height="34"\n>', (12, 34)),
    ],
)
def test_svg_size_from_width_height_else_viewbox(svg: bytes, size: tuple[int, int]) -> None:
    assert dimensions(svg + b'<rect width="1" height="1"/></svg>') == size


@pytest.mark.parametrize(
    "svg",
    [
        b"<svg><rect/></svg>",
        b'<svg width="10em" height="5em"><rect/></svg>',
        b'<svg viewBox="0 0 100"></svg>',
        b'<svg viewBox="0 0 wide tall"></svg>',
        b'<svg stroke-width="3" data-height="4"></svg>',
    ],
)
def test_svg_without_a_usable_size_is_none(svg: bytes) -> None:
    assert dimensions(svg) is None


def test_svg_size_attributes_of_child_elements_are_ignored() -> None:
    assert dimensions(b'<svg viewBox="0 0 5 6"><rect width="100" height="200"/></svg>') == (5, 6)


@pytest.mark.parametrize(
    "head",
    [
        b"",
        b"hello world",
        b"\x89PNG\r\n\x1a\n\x00\x00",
        b"GIF89a\x01",
        b"RIFF\x00\x00\x00\x00WAVEfmt ",
        b"%PDF-1.7",
        bytes(range(256)),
    ],
)
def test_unrecognised_or_truncated_data_is_none(head: bytes) -> None:
    assert dimensions(head) is None


@pytest.mark.parametrize(
    ("path", "mime"),
    [
        ("images/a.png", "image/png"),
        ("a.PNG", "image/png"),
        ("a.jpg", "image/jpeg"),
        ("a.JPEG", "image/jpeg"),
        ("a.gif", "image/gif"),
        ("a.webp", "image/webp"),
        ("a.svg", "image/svg+xml"),
        ("a.avif", "image/avif"),
        ("archive.tar.gz", "application/octet-stream"),
        ("README", "application/octet-stream"),
        ("images.d/photo", "application/octet-stream"),
        ("a.png.txt", "application/octet-stream"),
    ],
)
def test_mime_type_by_suffix(path: str, mime: str) -> None:
    assert mime_type(path) == mime


def test_a_hero_reads_its_size_past_long_jpeg_metadata_and_its_length(tmp_path, monkeypatch) -> None:
    from types import SimpleNamespace  # noqa: PLC0415

    from newsroom import plugin  # noqa: PLC0415
    from newsroom.state import NewsroomBuild  # noqa: PLC0415

    exif = segment(0xE1, b"Exif\x00\x00" + bytes(20000))  # the frame header lies past the first read
    data = jpeg(APP0, exif, sof(0xC0, 2048, 1536))
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "a.jpg").write_bytes(data)
    (tmp_path / "images" / "b.png").write_bytes(png(64, 36))
    nr = NewsroomBuild(content_path=str(tmp_path))
    story = SimpleNamespace(image="images/a.jpg", title="A story", image_caption="", image_alt="", image_credit="")
    hero = plugin._hero(story, nr)
    assert hero is not None
    assert (hero.width, hero.height, hero.length, hero.type) == (2048, 1536, len(data), "image/jpeg")
    story.image = "images/b.png"
    png_hero = plugin._hero(story, nr)
    assert png_hero is not None
    assert (png_hero.width, png_hero.height) == (64, 36)

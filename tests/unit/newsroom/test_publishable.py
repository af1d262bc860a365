"""Only images are published from content/: by name and by their first bytes; SVGs cleaned."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from common.images import sniff
from newsroom.publishable import vet
from newsroom.vetting import Vetting
from support.builds import PNG_16x9

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
GIF = b"GIF89a\x10\x00\x09\x00\x80\x00\x00"
WEBP = b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\x0f\x00\x00"
AVIF = b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf\x00\x00\x00\x00"
AVIF_COMPATIBLE = b"\x00\x00\x00\x1cftypmif1\x00\x00\x00\x00mif1avifmiaf\x00\x00\x00\x00"
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><rect width="1" height="1"/></svg>'


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("a.png", PNG_16x9),
        ("a.jpg", JPEG),
        ("a.JPEG", JPEG),
        ("a.gif", GIF),
        ("a.webp", WEBP),
        ("a.avif", AVIF),
        ("a.avif", AVIF_COMPATIBLE),
        ("a.svg", SVG),
    ],
)
def test_an_image_named_for_what_it_is_is_published_as_it_is(name: str, data: bytes) -> None:
    assert vet(f"images/{name}", data) == (None, [])


@pytest.mark.parametrize("name", ["page.html", "sw.js", "feed.xml", "report.pdf", "notes", "a.svgz", "a.ico"])
def test_a_file_that_is_not_an_image_stops_the_build(name: str) -> None:
    published, problems = vet(f"images/{name}", b"<script>alert(1)</script>")
    assert published is None and [p.severity for p in problems] == ["error"]
    assert problems[0].format().startswith(f"images/{name}:1: error: is not an image; only images are published")
    assert "Fix: remove it from content/" in problems[0].format()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.png", JPEG, "a.png:1: error: is named .png but holds JPEG image data. Fix: rename it to end in .jpg."),
        ("a.svg", PNG_16x9, "a.svg:1: error: is named .svg but holds PNG image data. Fix: rename it to end in .png."),
        (
            "a.png",
            b"<html><script>alert(1)</script>",
            "images/a.png:1: error: is named .png but does not hold PNG image "
            "data (its first bytes are not). Fix: export it again as PNG, or remove it.",
        ),
        ("a.avif", HEIC, "does not hold AVIF image data"),
        ("a.JPG", b"", "is named .JPG but does not hold JPEG image data"),
    ],
)
def test_a_file_whose_bytes_are_not_what_its_name_says_stops_the_build(name: str, data: bytes, message: str) -> None:
    published, problems = vet(f"images/{name}", data)
    assert published is None and len(problems) == 1 and problems[0].severity == "error"
    assert message in problems[0].format()


def test_an_svg_with_a_script_is_published_cleaned_with_a_warning() -> None:
    published, problems = vet("images/chart.svg", SVG.replace(b"<rect", b"<script>alert(1)</script><rect"))
    assert published == SVG + b"\n"
    assert [p.format() for p in problems] == [
        "images/chart.svg:1: warning: is published without a <script> element: "
        "an image on the site may not run or load anything. "
        "Fix: nothing for this build; export the drawing again without them to silence this warning."
    ]
    assert problems[0].severity == "warning"


def test_an_svg_that_cannot_be_read_stops_the_build_at_its_line() -> None:
    published, problems = vet("images/chart.svg", b'<svg xmlns="http://www.w3.org/2000/svg">\n<g>\n</svg>')
    assert published is None and problems[0].severity == "error" and problems[0].line == 3
    assert "cannot be published as an SVG drawing: it is not well-formed XML" in problems[0].format()


def test_sniffing_names_raster_types_only() -> None:
    assert [sniff(d) for d in (PNG_16x9, JPEG, GIF, WEBP, AVIF, HEIC, SVG, b"")] == [
        "image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", None, None, None,
    ]  # fmt: skip


def test_a_file_found_publishable_is_not_opened_again_while_it_stays_the_same(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    image, cache = tmp_path / "images" / "a.png", str(tmp_path / "cache" / "vetted.sqlite3")
    image.write_bytes(PNG_16x9)
    first = Vetting(str(tmp_path), cache)
    assert first.vet("images/a.png") == (None, [])
    first.save()
    kept = image.stat()
    image.write_bytes(b"<html>" + PNG_16x9[6:])  # same size; put the time back: only the cache can answer
    os.utime(image, ns=(kept.st_atime_ns, kept.st_mtime_ns))
    assert Vetting(str(tmp_path), cache).vet("images/a.png") == (None, [])
    os.utime(image, ns=(kept.st_atime_ns, kept.st_mtime_ns + 1))  # a changed file is read again
    assert "does not hold PNG image data" in Vetting(str(tmp_path), cache).vet("images/a.png")[1][0].message
    assert Vetting(str(tmp_path), None).vet("images/a.png")[1]  # without a cache, always read


def test_a_verdict_is_kept_for_its_own_content_folder_only(tmp_path: Path) -> None:
    cache = str(tmp_path / "vetted.sqlite3")
    sites = []
    for name, data in (("one", PNG_16x9), ("two", b"<html>" + PNG_16x9[6:])):
        (tmp_path / name / "images").mkdir(parents=True)
        (tmp_path / name / "images" / "a.png").write_bytes(data)
        os.utime(tmp_path / name / "images" / "a.png", ns=(0, 1_700_000_000_000_000_000))  # same size, same time
        sites.append(str(tmp_path / name))
    first = Vetting(sites[0], cache)
    assert first.vet("images/a.png") == (None, [])
    first.save()
    assert "does not hold PNG image data" in Vetting(sites[1], cache).vet("images/a.png")[1][0].message

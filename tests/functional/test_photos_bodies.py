"""Photos beyond the hero: a body's photos become responsive pictures, and no published raster keeps its metadata.

Every source here is a real 3000 x 2000 JPEG (or a portrait) carrying EXIF with a GPS position, a body
serial number and an owner, and XMP naming a photographer, as a camera or a phone writes them.
"""

from __future__ import annotations

from pathlib import Path

import pyvips
from bs4 import BeautifulSoup
from support.builds import article_text, build, tree_digest, write_conf

from bench.photos import OWNER, SERIAL, photo

HERO = "images/2026/harbour.jpg"
QUAY = "images/2026/quay.jpg"
FULL = "images/2026/full-size.jpg"
PORTRAIT = "images/authors/ada.jpg"
BODY = (
    f"The harbour again: ![The harbour at dusk]({{static}}/{HERO})\n\n"
    f'The quay: ![Boats on the quay]({{static}}../{QUAY} "Morning")\n\n'
    f"[Download the full photo]({{static}}/{FULL})\n"
)


def _site(make_site, tmp_path: Path) -> tuple[Path, Path]:
    story = article_text("Harbour at dusk", slug="harbour", Image=HERO).replace("First paragraph of the story.", BODY)
    authors = f'[[author]]\nname = "Ada Lovelace"\nrole = "Security Editor"\nphoto = "{PORTRAIT}"\n'
    files = {HERO: photo(3000, 2000, seed=7), QUAY: photo(3000, 2000, seed=8), FULL: photo(3000, 2000, seed=9),
             PORTRAIT: photo(600, 600, seed=10), "articles/harbour.md": story, "authors.toml": authors}  # fmt: skip
    content = make_site(files, count=2)
    return content, write_conf(tmp_path, CACHE_PATH=str(tmp_path / "cache"), SITEURL="")


def _built(content: Path, output: Path, conf: Path) -> str:
    result = build(content, output, settings=str(conf))
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


def _private(image: pyvips.Image) -> list[str]:
    return [f for f in image.get_fields() if f.startswith(("exif", "xmp", "iptc"))]


def test_the_sources_carry_gps_serials_and_names(make_site, tmp_path: Path) -> None:
    content, _ = _site(make_site, tmp_path)
    for rel in (HERO, QUAY, FULL, PORTRAIT):
        image = pyvips.Image.new_from_file(str(content / rel))
        assert "exif-ifd3-GPSLatitude" in image.get_fields() and SERIAL in image.get("exif-ifd2-BodySerialNumber")


def test_body_photos_are_pictures_and_no_published_raster_carries_metadata(make_site, tmp_path: Path) -> None:
    content, conf = _site(make_site, tmp_path)
    output = tmp_path / "output"
    _built(content, output, conf)

    page = BeautifulSoup((output / "2026/11/harbour/index.html").read_text(encoding="utf-8"), "html.parser")
    body = page.select_one(".article-body") or page
    pictures = [p for p in body.select("picture") if not p.find_parent("figure", class_="hero")]
    alts = {p.find("img")["alt"]: p for p in pictures}
    assert {"The harbour at dusk", "Boats on the quay"} <= set(alts)
    quay = alts["Boats on the quay"].find("img")
    assert quay["title"] == "Morning" and quay["loading"] == "lazy" and quay["decoding"] == "async"
    assert (quay["width"], quay["height"]) == ("800", "533") and quay["sizes"]
    widths = [int(part.split()[1][:-1]) for part in quay["srcset"].split(",")]
    assert widths == [480, 800, 1200, 1600, 2400]
    source = alts["Boats on the quay"].find("source")
    assert source["type"] == "image/webp" and "/img/quay-2400x1600-" in source["srcset"]
    for url in [part.split()[0] for part in quay["srcset"].split(",")]:
        made = pyvips.Image.new_from_file(str(output / url.lstrip("/")))
        assert made.width in widths and not _private(made)

    # the originals shown as pictures are not published, and no page names them
    assert not (output / HERO).exists() and not (output / QUAY).exists()
    for path in output.rglob("*"):
        if path.suffix in (".html", ".xml", ".json"):
            text = path.read_text(encoding="utf-8")
            assert "harbour.jpg" not in text and "quay.jpg" not in text, path

    # a linked download and the author's portrait are published where pages point, re-encoded without metadata
    assert f'href="/{FULL}"' in str(page) or f'href="{FULL}"' in str(page)
    author = (output / "author/ada-lovelace/index.html").read_text(encoding="utf-8")
    assert PORTRAIT in author
    for rel, size in ((FULL, (3000, 2000)), (PORTRAIT, (600, 600))):
        data = (output / rel).read_bytes()
        image = pyvips.Image.new_from_buffer(data, "")
        assert (image.width, image.height) == size and image.get("vips-loader").startswith("jpeg")
        assert data != (content / rel).read_bytes()

    rasters = [p for p in output.rglob("*") if p.suffix in (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif")]
    assert len(rasters) > 40
    for path in rasters:
        data = path.read_bytes()
        assert SERIAL.encode() not in data and OWNER.encode() not in data and b"Exif\0\0" not in data, path
        assert not _private(pyvips.Image.new_from_buffer(data, "")), path

    kept = tree_digest(output)
    assert "Photos:" not in _built(content, output, conf)  # the second build makes nothing
    assert tree_digest(output) == kept

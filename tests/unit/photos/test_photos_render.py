"""Making files from a photo with libvips: privacy, orientation, colour, stable bytes, and bad input."""

from __future__ import annotations

import struct

import pytest
import pyvips
from photos import settings as photo_settings
from photos.plan import Job, plan
from photos.render import BadPhoto, inspect, make, make_each, shape

from bench.photos import GPS, OWNER, SERIAL, photo, png_claiming, with_metadata

LIMIT = 50_000_000
PHOTO = photo(1200, 800, seed=5)


def fields(data: bytes) -> list[str]:
    return pyvips.Image.new_from_buffer(data, "").get_fields()


def test_the_sample_photo_carries_what_must_not_be_published() -> None:
    image = pyvips.Image.new_from_buffer(PHOTO, "")
    assert SERIAL in image.get("exif-ifd2-BodySerialNumber") and "exif-ifd3-GPSLatitude" in image.get_fields()
    assert OWNER.encode() in image.get("xmp-data") and GPS


@pytest.mark.parametrize("fmt", ["jpeg", "webp", "avif"])
def test_every_made_file_drops_exif_xmp_and_gps_and_is_the_same_bytes_each_time(fmt: str) -> None:
    job = Job(480, 270, True, fmt, 70)
    made = make(PHOTO, job)
    assert made == make(PHOTO, job)
    assert not [f for f in fields(made) if f.startswith(("exif", "xmp", "iptc", "icc"))]
    assert SERIAL.encode() not in made and OWNER.encode() not in made and b"Exif" not in made
    image = pyvips.Image.new_from_buffer(made, "")
    assert (image.width, image.height, image.bands) == (480, 270, 3)


def test_a_photos_files_are_made_with_one_resize_per_shape_and_the_bytes_of_one_at_a_time(monkeypatch) -> None:
    jobs = list(plan("a.jpg", "0" * 64, (1200, 800), photo_settings.load({}), "code").jobs.values())
    alone = [make(PHOTO, job) for job in jobs]  # one file at a time: its own decode and resize
    resized = []
    thumbnail = pyvips.Image.thumbnail_buffer
    monkeypatch.setattr(pyvips.Image, "thumbnail_buffer", lambda *a, **k: resized.append(a[1:]) or thumbnail(*a, **k))
    together = make_each(PHOTO, jobs)
    assert together == alone
    assert len(resized) == len({shape(job) for job in jobs}) < len(jobs)  # WebP and JPEG of a width: one resize


def _jpeg_with_orientation(orientation: int) -> bytes:
    """A 300 x 100 JPEG, left half red, whose EXIF says to turn it (6: 90 degrees clockwise)."""
    red = pyvips.Image.black(150, 100).new_from_image([255, 0, 0])
    image = red.join(pyvips.Image.black(150, 100).new_from_image([0, 0, 255]), "horizontal").cast("uchar")
    image = image.copy(interpretation="srgb")
    jpeg = image.write_to_buffer(".jpg[Q=90,keep=none]")
    tiff = b"II*\0" + struct.pack("<IH", 8, 1) + struct.pack("<HHIHH", 0x0112, 3, 1, orientation, 0) + b"\0" * 4
    segment = b"Exif\0\0" + tiff
    return jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(segment) + 2) + segment + jpeg[2:]


def test_orientation_is_applied_to_the_size_and_the_pixels() -> None:
    turned = _jpeg_with_orientation(6)
    assert inspect(turned, "turned.jpg", LIMIT) == (100, 300)
    made = pyvips.Image.new_from_buffer(make(turned, Job(100, 300, False, "jpeg", 90)), "")
    assert (made.width, made.height) == (100, 300)
    top = made.crop(0, 0, 100, 100).stats()(4, 1)[0]  # the red half is on top once turned clockwise
    assert top > 200


def test_a_cmyk_jpeg_and_a_16_bit_png_come_out_as_8_bit_srgb() -> None:
    base = pyvips.Image.new_from_buffer(PHOTO, "")
    cmyk = base.icc_export(output_profile="cmyk").write_to_buffer(".jpg[Q=85]")
    deep = (base.cast("ushort") * 257).copy(interpretation="rgb16").write_to_buffer(".png")
    for data, name in ((cmyk, "c.jpg"), (deep, "d.png")):
        assert inspect(data, name, LIMIT) == (1200, 800)
        image = pyvips.Image.new_from_buffer(make(data, Job(240, 160, False, "jpeg", 80)), "")
        assert (image.interpretation, image.format, image.bands) == ("srgb", "uchar", 3)


def test_a_decompression_bomb_is_refused_from_its_header() -> None:
    with pytest.raises(BadPhoto, match=r"20,000 x 20,000 pixels \(400 MP\), over the limit of 50 MP") as refused:
        inspect(png_claiming(20_000, 20_000), "bomb.png", LIMIT)
    assert "PHOTOS_MAX_PIXELS" in refused.value.fix


def test_a_file_whose_extension_lies_is_named_with_its_real_type() -> None:
    with pytest.raises(BadPhoto, match="is a JPEG file named as a PNG") as refused:
        inspect(PHOTO, "images/x.png", LIMIT)
    assert "rename it to end in .jpg" in refused.value.fix


def test_heic_garbage_and_a_truncated_photo_are_refused_with_the_fix() -> None:
    heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + b"\0" * 64
    with pytest.raises(BadPhoto, match="is a HEIC photo") as refused:
        inspect(heic, "x.heic", LIMIT)
    assert "Export it as a JPEG" in refused.value.fix
    with pytest.raises(BadPhoto, match="is not an image the build can read"):
        inspect(b"not an image at all", "x.jpg", LIMIT)
    cut = PHOTO[: len(PHOTO) // 2]
    assert inspect(cut, "cut.jpg", LIMIT) == (1200, 800)  # the header is whole: the cut shows when decoding
    with pytest.raises(BadPhoto, match="could not be decoded"):
        make(cut, Job(480, 320, False, "jpeg", 80))


def test_an_animated_gif_gives_its_first_frame() -> None:
    frames = [pyvips.Image.black(64, 48).new_from_image(c).cast("uchar") for c in ([200, 0, 0], [0, 0, 200])]
    strip = frames[0].join(frames[1], "vertical").copy(interpretation="srgb")
    strip.set_type(pyvips.GValue.gint_type, "page-height", 48)
    gif = strip.write_to_buffer(".gif")
    assert inspect(gif, "anim.gif", LIMIT) == (64, 48)
    first = pyvips.Image.new_from_buffer(make(gif, Job(64, 48, False, "jpeg", 90)), "")
    assert (first.width, first.height) == (64, 48) and first.stats()(4, 1)[0] > 150  # red, not blue


def test_an_avif_source_is_read() -> None:
    avif = pyvips.Image.new_from_buffer(PHOTO, "").write_to_buffer(".avif[Q=60,effort=0]")
    assert inspect(avif, "a.avif", LIMIT) == (1200, 800)
    assert pyvips.Image.new_from_buffer(make(avif, Job(300, 200, False, "webp", 70)), "").width == 300


def test_metadata_added_after_the_fact_is_stripped_too() -> None:
    clean = pyvips.Image.new_from_buffer(PHOTO, "").write_to_buffer(".jpg[keep=none]")
    tagged = with_metadata(clean)
    assert SERIAL.encode() in tagged and SERIAL.encode() not in make(tagged, Job(200, 133, False, "jpeg", 80))


def test_an_svg_is_drawn_at_share_size_and_a_mark_padded_onto_a_white_square() -> None:
    svg = (b'<svg xmlns="http://www.w3.org/2000/svg" width="32" height="16" viewBox="0 0 32 16">'
           b'<rect width="32" height="16" fill="#c00"/></svg>')  # fmt: skip
    assert inspect(svg, "mark.svg", LIMIT) == (32, 16)
    card = pyvips.Image.new_from_buffer(make(svg, Job(1200, 630, True, "jpeg", 80, upscale=True)), "")
    assert (card.width, card.height, card.bands) == (1200, 630, 3)
    square = pyvips.Image.new_from_buffer(make(svg, Job(1200, 1200, False, "jpeg", 80, True, True)), "")
    assert (square.width, square.height) == (1200, 1200)
    assert square(600, 10)[0] > 240 and square(600, 600)[0] > 150 > square(600, 600)[1]  # white above, red mark

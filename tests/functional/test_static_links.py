"""Static images across real builds: an unchanged one is linked from the live site, a replaced one made again.

A raster image the site publishes at its own address is a copy the photo pipeline re-encodes without its
metadata (test_photos_bodies.py), written like a cleaned SVG: linked from the live site while it holds the
same bytes, a new file when they change.
"""

from __future__ import annotations

from pathlib import Path

import pyvips
from engine.statics import same_file_data
from support.builds import build


def _png(colour: list[int]) -> bytes:
    return (
        pyvips.Image.black(32, 18)
        .new_from_image(colour)
        .cast("uchar")
        .copy(interpretation="srgb")
        .write_to_buffer(".png")
    )


def test_an_unchanged_image_is_linked_from_the_live_site_and_a_replaced_one_made_again(
    make_site, tmp_path: Path
) -> None:
    # an image no story shows as its hero (a hero photo is published only as derivatives: test_photos_site.py)
    content = make_site({"images/chart.png": _png([200, 30, 30])})
    source = content / "images" / "chart.png"
    output = tmp_path / "output"
    assert build(content, output).returncode == 0
    first = (output / "images" / "chart.png").stat()
    assert not same_file_data(first, source.stat())  # made by the pipeline, not a copy of the source
    assert first.st_ino != source.stat().st_ino  # never a link into the content folder
    kept = (output / "images" / "chart.png").read_bytes()
    assert pyvips.Image.new_from_buffer(kept, "")(1, 1)[:3] == [200, 30, 30]

    assert build(content, output).returncode == 0
    assert (output / "images" / "chart.png").stat().st_ino == first.st_ino

    source.write_bytes(_png([30, 30, 200]))
    assert build(content, output).returncode == 0
    live = (output / "images" / "chart.png").read_bytes()
    assert live != kept and pyvips.Image.new_from_buffer(live, "")(1, 1)[:3] == [30, 30, 200]

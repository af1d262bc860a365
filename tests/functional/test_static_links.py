"""Static files across real builds: an unchanged image is linked from the live site, a replaced one copied."""

from __future__ import annotations

import os
from pathlib import Path

from engine.statics import same_file_data
from support.builds import PNG_16x9, build


def test_an_unchanged_image_is_linked_from_the_live_site_and_a_replaced_one_copied(make_site, tmp_path: Path) -> None:
    # an image no story shows as its hero (a hero photo is published only as derivatives: test_photos_site.py)
    content = make_site({"images/chart.png": PNG_16x9})
    source = content / "images" / "chart.png"
    output = tmp_path / "output"
    assert build(content, output).returncode == 0
    first = (output / "images" / "chart.png").stat()
    assert same_file_data(first, source.stat())  # the copy keeps the source's time
    assert first.st_ino != source.stat().st_ino  # never a link into the content folder

    assert build(content, output).returncode == 0
    assert (output / "images" / "chart.png").stat().st_ino == first.st_ino

    replaced = bytearray(source.read_bytes())
    replaced[-5] ^= 0xFF  # same size, other bytes, a newer time
    source.write_bytes(bytes(replaced))
    os.utime(source, ns=(first.st_atime_ns, first.st_mtime_ns + 1_000_000_000))
    assert build(content, output).returncode == 0
    live = output / "images" / "chart.png"
    assert live.read_bytes() == bytes(replaced)
    assert same_file_data(live.stat(), source.stat())

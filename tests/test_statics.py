"""Static files: unchanged ones are linked from the live site, changed ones copied afresh."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import PNG_16x9, build
from engine.statics import _unchanged, same_file_data


def test_same_file_data_compares_size_and_nanosecond_mtime(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.write_bytes(b"12345")
    b.write_bytes(b"54321")
    os.utime(b, ns=(0, a.stat().st_mtime_ns))
    assert same_file_data(a.stat(), b.stat())
    os.utime(b, ns=(0, a.stat().st_mtime_ns + 1))
    assert not same_file_data(a.stat(), b.stat())
    b.write_bytes(b"123456")
    os.utime(b, ns=(0, a.stat().st_mtime_ns))
    assert not same_file_data(a.stat(), b.stat())


def test_a_live_copy_counts_as_unchanged_only_when_it_is_a_regular_file(tmp_path: Path) -> None:
    source, live, link = tmp_path / "source.png", tmp_path / "live.png", tmp_path / "link.png"
    source.write_bytes(b"png")
    live.write_bytes(b"png")
    os.utime(live, ns=(0, source.stat().st_mtime_ns))
    assert _unchanged(str(source), str(live))
    link.symlink_to(source)  # same size and time through the link, but a link is never kept
    assert not _unchanged(str(source), str(link))
    assert not _unchanged(str(source), str(tmp_path / "missing.png"))


def test_an_unchanged_image_is_linked_from_the_live_site_and_a_replaced_one_copied(make_site, tmp_path: Path) -> None:
    # an image no story shows as its hero (a hero photo is published only as derivatives: tests/functional/)
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

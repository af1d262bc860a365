"""Hero images' sizes are kept by file, size and time, and read again when the file changes."""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

from newsroom import heroes
from support.images import APP0, jpeg, png, segment, sof


def _png(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))


def test_sizes_are_kept_and_a_changed_file_is_read_again(tmp_path: Path, monkeypatch) -> None:
    content, cache = tmp_path / "content", tmp_path / "cache" / "sizes.sqlite3"
    (content / "images").mkdir(parents=True)
    (content / "images" / "a.png").write_bytes(_png(640, 360))
    (content / "images" / "b.txt").write_bytes(b"not an image")
    first = heroes.HeroSizes(str(cache))
    assert first.size(str(content), "images/a.png") == ((640, 360), len(_png(640, 360)))
    assert first.size(str(content), "images/b.txt") == (None, 12)
    first.save()
    reads: list[str] = []
    real = heroes.read_size
    monkeypatch.setattr(heroes, "read_size", lambda path: reads.append(path) or real(path))
    second = heroes.HeroSizes(str(cache))
    assert second.size(str(content), "images/a.png") == ((640, 360), len(_png(640, 360)))
    assert second.size(str(content), "images/b.txt") == (None, 12)
    assert reads == []  # both known by name, size and time
    (content / "images" / "a.png").write_bytes(_png(1200, 675))
    stat = (content / "images" / "a.png").stat()
    os.utime(content / "images" / "a.png", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    third = heroes.HeroSizes(str(cache))  # the next build
    assert third.size(str(content), "images/a.png") == ((1200, 675), len(_png(1200, 675)))
    assert third.size(str(content), "images/b.txt") == (None, 12)
    assert reads == [str(content / "images" / "a.png")]  # only the changed file is read
    third.save()
    assert len(heroes.HeroSizes(str(cache)).known) == 2  # the old entry of a.png is gone


def test_without_a_cache_every_image_is_read(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "a.png").write_bytes(_png(10, 20))
    reads: list[str] = []
    real = heroes.read_size
    monkeypatch.setattr(heroes, "read_size", lambda path: reads.append(path) or real(path))
    sizes = heroes.HeroSizes(None)
    assert sizes.size(str(tmp_path), "a.png")[0] == (10, 20)
    sizes.save()
    assert heroes.HeroSizes(None).size(str(tmp_path), "a.png")[0] == (10, 20) and len(reads) == 2


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

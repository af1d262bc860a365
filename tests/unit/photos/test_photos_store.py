"""The photo cache: a kept file comes back as stored, or not at all."""

from __future__ import annotations

import os
from pathlib import Path

from photos.store import Made, Sources, file_key, usable_folder


def test_a_kept_file_comes_back_and_a_damaged_one_is_dropped(tmp_path: Path) -> None:
    made = Made(str(tmp_path / "photos"))
    key = file_key("img/a-480x320-0123456789abcdef.jpg")
    assert made.get(key) is None
    made.put(key, b"\xff\xd8jpeg bytes")
    assert made.get(key) == b"\xff\xd8jpeg bytes"
    path = made.path(key)
    kept = Path(path).read_bytes()
    Path(path).write_bytes(kept[:-3] + b"XYZ")  # damaged on disk
    assert made.get(key) is None and not os.path.exists(path)
    made.put(key, b"\xff\xd8jpeg bytes")
    Path(path).write_bytes(b"\xff\xd8 no checksum line")  # written by something else
    assert made.get(key) is None


def test_a_moved_file_is_not_taken_for_another_key(tmp_path: Path) -> None:
    made = Made(str(tmp_path))
    one, other = file_key("img/one.jpg"), file_key("img/other.jpg")
    made.put(one, b"one")
    os.makedirs(os.path.dirname(made.path(other)), exist_ok=True)
    os.replace(made.path(one), made.path(other))
    assert made.get(other) is None


def test_sources_keep_digest_and_size_by_path_size_and_time(tmp_path: Path) -> None:
    (tmp_path / "a.jpg").write_bytes(b"x" * 10)
    db = str(tmp_path / "sources.sqlite3")
    sources = Sources(db)
    key = sources.key(str(tmp_path), "a.jpg")
    sources.put(key, ("f" * 64, 3000, 2000))
    sources.save()
    again = Sources(db)
    assert again.get(key) == ("f" * 64, 3000, 2000)
    (tmp_path / "a.jpg").write_bytes(b"y" * 11)
    assert again.key(str(tmp_path), "a.jpg") != key


def test_a_cache_path_that_cannot_hold_photos_gives_a_temporary_folder_and_one_line(tmp_path: Path, caplog) -> None:
    assert usable_folder(str(tmp_path / "cache" / "photos")) == str(tmp_path / "cache" / "photos")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    scratch = usable_folder(str(blocked / "photos"))
    assert os.path.isdir(scratch) and not scratch.startswith(str(blocked))
    assert blocked.read_text(encoding="utf-8").startswith("a file")  # left as it was
    Made(scratch).put(file_key("img/a.webp"), b"bytes")
    assert Made(scratch).get(file_key("img/a.webp")) == b"bytes"
    assert [r.getMessage() for r in caplog.records if "cannot keep photos" in r.getMessage()]

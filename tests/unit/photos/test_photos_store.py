"""The photo cache: a kept file comes back as stored, or not at all; it is put into the site by a hard link."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from photos.store import Made, Sources, file_key, usable_folder


def test_a_kept_file_comes_back_and_a_damaged_one_is_dropped(tmp_path: Path) -> None:
    made = Made(str(tmp_path / "photos"))
    key = file_key("img/a-480x320-0123456789abcdef.jpg")
    kept = made.put(key, b"\xff\xd8jpeg bytes")
    assert kept[0] == len(b"\xff\xd8jpeg bytes") and len(kept[1]) == 64
    assert made.get(key, kept) == b"\xff\xd8jpeg bytes"
    path = made.path(key)
    Path(path).write_bytes(b"\xff\xd8jpeg bytXYZ")  # damaged on disk: the same length
    assert made.check(key, kept) is None and not os.path.exists(path)
    assert made.get(key, kept) is None


def test_a_moved_file_is_not_taken_for_another_key(tmp_path: Path) -> None:
    made = Made(str(tmp_path))
    one, other = file_key("img/one.jpg"), file_key("img/other.jpg")
    kept_one, kept_other = made.put(one, b"one"), made.put(other, b"two")
    os.replace(made.path(one), made.path(other))
    assert made.get(other, kept_other) is None
    assert made.get(one, kept_one) is None  # gone


def test_an_unchanged_file_is_checked_by_one_stat_and_a_touched_one_by_its_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = Made(str(tmp_path))
    key = file_key("img/a.webp")
    kept = made.put(key, b"RIFF....WEBP")
    opened: list[str] = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda path, *a, **k: opened.append(str(path)) or real_open(path, *a, **k))
    assert made.check(key, kept) == kept and opened == []  # size and time as kept: not read
    os.utime(made.path(key), ns=(kept[2] + 10**9, kept[2] + 10**9))  # touched, the same bytes
    assert made.check(key, kept) == (kept[0], kept[1], kept[2] + 10**9) and opened == [made.path(key)]


def test_a_placed_file_is_a_hard_link_and_replaces_what_was_there_without_writing_through(tmp_path: Path) -> None:
    made = Made(str(tmp_path / "cache"))
    key = file_key("img/a.jpg")
    kept = made.put(key, b"\xff\xd8new")
    site = tmp_path / "site"
    site.mkdir()
    old = site / "a.jpg"
    old.write_bytes(b"old bytes")
    live = tmp_path / "live.jpg"
    os.link(old, live)  # the site's file is a link to another (a live copy): never written to
    assert made.place(key, kept, str(old)) == kept
    assert old.read_bytes() == b"\xff\xd8new" and live.read_bytes() == b"old bytes"
    assert os.stat(old).st_ino == os.stat(made.path(key)).st_ino


def test_a_file_that_cannot_be_linked_is_copied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = Made(str(tmp_path / "cache"))
    key = file_key("img/a.jpg")
    kept = made.put(key, b"\xff\xd8bytes")

    def refuse(*_: object) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", refuse)
    target = tmp_path / "a.jpg"
    assert made.place(key, kept, str(target)) == kept
    assert target.read_bytes() == b"\xff\xd8bytes" and os.stat(target).st_ino != os.stat(made.path(key)).st_ino


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
    kept = Made(scratch).put(file_key("img/a.webp"), b"bytes")
    assert Made(scratch).get(file_key("img/a.webp"), kept) == b"bytes"
    assert [r.getMessage() for r in caplog.records if "cannot keep photos" in r.getMessage()]

"""The photo bench counts the distinct photos its stories name, apart from every other image."""

from __future__ import annotations

from pathlib import Path

from bench.photo_bench import distinct_photos, own_bytes

JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 32 + b"\xff\xd9"


def test_only_distinct_photos_that_stories_name_are_counted(tmp_path: Path) -> None:
    photos = tmp_path / "images" / "photos"
    photos.mkdir(parents=True)
    (photos / "a.jpg").write_bytes(own_bytes(JPEG, "a"))
    (photos / "b.jpg").write_bytes(own_bytes(JPEG, "b"))
    (photos / "same-as-a.jpg").write_bytes(own_bytes(JPEG, "a"))
    (photos / "unnamed.jpg").write_bytes(own_bytes(JPEG, "unnamed"))
    stories = {"one": "images/photos/a.jpg", "two": "images/photos/b.jpg", "three": "images/photos/same-as-a.jpg",
               "four": "images/2024/small.png"}  # fmt: skip
    for name, image in stories.items():
        (tmp_path / f"{name}.md").write_text(f"Title: {name}\nImage: {image}\n\nBody.\n", encoding="utf-8")
    assert distinct_photos(tmp_path) == 2

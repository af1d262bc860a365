"""A warm build puts a photo's kept files into an empty site by hard links, and makes again only a damaged one."""

from __future__ import annotations

import os
from pathlib import Path

from support.builds import article_text, build, tree_digest, write_conf

from bench.photos import photo

ORIGINAL = "images/2026/quay.jpg"


def _built(content: Path, output: Path, conf: Path) -> str:
    result = build(content, output, settings=str(conf))
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


def test_kept_files_are_linked_into_an_empty_site_and_a_damaged_one_is_made_again(make_site, tmp_path: Path) -> None:
    story = article_text("Quay at noon", date="2026-11-21 12:00", slug="quay", Image=ORIGINAL)
    content = make_site({ORIGINAL: photo(1600, 1000, seed=11), "articles/quay.md": story}, count=2)
    conf = write_conf(tmp_path, CACHE_PATH=str(tmp_path / "cache"), SITEURL="")
    first = tmp_path / "first"
    assert "Photos:" in _built(content, first, conf)
    cache = tmp_path / "cache" / "photos"
    kept = {p.stat().st_ino: p for p in cache.rglob("*") if p.is_file()}

    empty = tmp_path / "empty"
    assert "Photos:" not in _built(content, empty, conf)
    derivatives = sorted(p for p in (empty / "img").iterdir() if p.name.startswith("quay-"))
    assert len(derivatives) > 20
    assert all(p.stat().st_ino in kept for p in derivatives)  # hard-linked from the cache, not copied
    assert tree_digest(empty) == tree_digest(first)

    damaged = kept[derivatives[0].stat().st_ino]
    data = damaged.read_bytes()
    os.remove(damaged)  # never written through: the links in the sites keep their bytes
    damaged.write_bytes(data[: len(data) // 2])  # cut short in the cache
    again = tmp_path / "again"
    said = _built(content, again, conf)
    assert "does not hold the bytes made for it" in said
    assert tree_digest(again) == tree_digest(first)
    assert damaged.read_bytes() == data  # made again in the cache, the same bytes
    assert (first / "img" / derivatives[0].name).read_bytes() == data

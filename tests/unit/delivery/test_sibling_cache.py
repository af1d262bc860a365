"""Siblings kept in the cache by the bytes they were made from: a clean build writes them instead of
compressing again (hard links, never their bytes written again), and a damaged or foreign entry is
compressed afresh, giving the same bytes."""

from __future__ import annotations

import gzip
import sqlite3
from pathlib import Path

import brotli
from common.compress import Encoding, refresh_siblings
from delivery.kept import FILE, FOLDER, SiblingCache
from delivery.precompress import precompress

PAGE = ("<p>" + "A story about caches and compression, told at length. " * 60 + "</p>").encode()


def site(root: Path, pages: int) -> Path:
    for n in range(pages):
        target = root / "stories" / f"{n}" / "index.html"
        target.parent.mkdir(parents=True)
        target.write_bytes(PAGE.replace(b"story", b"story %d" % n))
    (root / "small.css").write_bytes(b"p{}")
    return root


def siblings_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.suffix in (".gz", ".br")}


def clean_build(tmp: Path, name: str, cache: Path | None, pages: int = 80):
    staging = site(tmp / name, pages)
    outcome = precompress(str(staging), None, False, [], Encoding(), lambda _: None, str(cache) if cache else None)
    return staging, outcome


def test_a_second_clean_build_writes_the_kept_siblings_and_the_same_bytes(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first, made = clean_build(tmp_path, "one", cache)
    second, kept = clean_build(tmp_path, "two", cache)
    none, alone = clean_build(tmp_path, "three", None)
    assert (made.made, made.cached) == (80, 0)
    assert (kept.made, kept.cached) == (0, 80)  # 80 pages over the worker threshold: the workers read it too
    assert (alone.made, alone.cached) == (80, 0)
    assert siblings_of(first) == siblings_of(second) == siblings_of(none)
    assert (first / ".newsdesk-compressed.json").read_bytes() == (second / ".newsdesk-compressed.json").read_bytes()
    page = second / "stories" / "7" / "index.html"
    assert gzip.decompress((second / "stories/7/index.html.gz").read_bytes()) == page.read_bytes()
    assert brotli.decompress((second / "stories/7/index.html.br").read_bytes()) == page.read_bytes()


def test_the_cache_holds_exactly_the_last_builds_files(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    clean_build(tmp_path, "one", cache, pages=10)
    clean_build(tmp_path, "two", cache, pages=4)
    with sqlite3.connect(cache / FILE) as db:
        assert db.execute("SELECT count(*) FROM sibling_files").fetchone() == (4,)
    assert len([p for p in (cache / FOLDER).rglob("*") if p.is_file()]) == 8  # a .gz and a .br each


def test_a_damaged_or_foreign_entry_is_compressed_again(tmp_path: Path, caplog) -> None:
    cache = tmp_path / "cache"
    first, _ = clean_build(tmp_path, "one", cache, pages=3)
    with sqlite3.connect(cache / FILE) as db:
        keys = [k for (k,) in db.execute("SELECT key FROM sibling_files ORDER BY key")]
        db.execute("UPDATE sibling_files SET gz = ? WHERE key = ?", ("9:" + "0" * 64, keys[0]))  # checksum fails
        db.execute("UPDATE sibling_files SET key = ? WHERE key = ?", ("f" * 64, keys[1]))  # moved under another key
    second, outcome = clean_build(tmp_path, "two", cache, pages=3)
    assert (outcome.made, outcome.cached) == (2, 1)
    assert siblings_of(first) == siblings_of(second)
    assert "Cache" in caplog.text and "discarded" in caplog.text
    third, outcome = clean_build(tmp_path, "three", cache, pages=3)  # the damaged row was written afresh
    assert (outcome.made, outcome.cached) == (0, 3)
    assert siblings_of(third) == siblings_of(first)


def test_another_encoding_does_not_take_the_kept_siblings(tmp_path: Path) -> None:
    cache = SiblingCache(str(tmp_path), Encoding().key())
    other = SiblingCache(str(tmp_path), Encoding(brotli_quality=6).key())
    assert cache.key("ab" * 32) != other.key("ab" * 32)


def _cache_files(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / FOLDER).rglob("*") if p.is_file())


def test_a_clean_build_links_the_kept_siblings_instead_of_writing_them(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    clean_build(tmp_path, "one", cache)
    second, kept = clean_build(tmp_path, "two", cache)
    assert kept.cached == 80
    inodes = {p.stat().st_ino for p in _cache_files(cache)}
    served = [p for p in second.rglob("*") if p.suffix in (".gz", ".br")]
    assert len(served) == 160 and all(p.stat().st_ino in inodes for p in served)


def test_a_clean_build_copies_the_kept_siblings_where_it_cannot_link(tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "cache"
    first, _ = clean_build(tmp_path, "one", cache, pages=3)

    def no_link(*_args, **_kwargs):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr("os.link", no_link)
    second, kept = clean_build(tmp_path, "two", cache, pages=3)
    assert kept.cached == 3
    assert siblings_of(second) == siblings_of(first)
    inodes = {p.stat().st_ino for p in _cache_files(cache)}
    assert not any(p.stat().st_ino in inodes for p in second.rglob("*.gz"))


def test_a_truncated_or_altered_sibling_file_is_not_published(tmp_path: Path, caplog) -> None:
    cache = tmp_path / "cache"
    clean_build(tmp_path, "one", cache, pages=3)
    first, _ = clean_build(tmp_path, "reference", None, pages=3)  # the cache's files are links to "one"'s
    gz = [p for p in _cache_files(cache) if p.suffix == ".gz"]
    br = [p for p in _cache_files(cache) if p.suffix == ".br"]
    gz[0].write_bytes(gz[0].read_bytes()[:20])  # truncated, a damaged disk or an interrupted restore
    data = bytearray(br[1].read_bytes())
    data[10] ^= 0xFF  # the same size, other bytes
    br[1].write_bytes(bytes(data))
    second, outcome = clean_build(tmp_path, "two", cache, pages=3)
    assert (outcome.made, outcome.cached) == (2, 1)
    assert siblings_of(second) == siblings_of(first)
    assert "does not match its record" in caplog.text
    third, outcome = clean_build(tmp_path, "three", cache, pages=3)  # the damaged files were replaced
    assert (outcome.made, outcome.cached) == (0, 3)
    assert siblings_of(third) == siblings_of(first)


def test_writing_a_published_sibling_again_leaves_the_cache_entry_as_it_was(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    clean_build(tmp_path, "one", cache, pages=3)
    second, _ = clean_build(tmp_path, "two", cache, pages=3)
    kept = {p: p.read_bytes() for p in _cache_files(cache)}
    page = second / "stories" / "1" / "index.html"
    refresh_siblings(str(page), PAGE.replace(b"story", b"changed story"))  # as a Most Read refresh does
    assert gzip.decompress((second / "stories/1/index.html.gz").read_bytes()).startswith(b"<p>A changed story")
    assert {p: p.read_bytes() for p in _cache_files(cache)} == kept
    third, outcome = clean_build(tmp_path, "three", cache, pages=3)
    assert outcome.cached == 3 and siblings_of(third) == siblings_of(tmp_path / "one")

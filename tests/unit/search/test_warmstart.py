"""A shard re-indexed from its last bundle gives the bundle a run into an empty folder gives."""

from __future__ import annotations

import gzip
import json
import logging
import os
from pathlib import Path

import pytest
from search import indexer, warmstart
from search.shards import Shard

YEAR = [f"2026/11/story-{n}/index.html" for n in range(6)]


def _cbor(value: object) -> bytes:
    """A minimal CBOR encoder for the tests (definite lengths, as Pagefind writes)."""

    def head(major: int, n: int) -> bytes:
        if n < 24:
            return bytes([major << 5 | n])
        for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
            if n < 1 << (8 * size):
                return bytes([major << 5 | info]) + n.to_bytes(size, "big")
        raise ValueError(n)

    if isinstance(value, int):
        return head(0, value) if value >= 0 else head(1, -1 - value)
    if isinstance(value, str):
        raw = value.encode()
        return head(3, len(raw)) + raw
    if isinstance(value, bytes):
        return head(2, len(value)) + value
    if isinstance(value, list):
        return head(4, len(value)) + b"".join(_cbor(v) for v in value)
    if isinstance(value, dict):
        return head(5, len(value)) + b"".join(_cbor(k) + _cbor(v) for k, v in value.items())
    raise TypeError(value)


def _meta(value: object) -> bytes:
    return gzip.compress(b"pagefind_dcd" + _cbor(value))


def test_cbor_values_are_decoded() -> None:
    value = ["1.5.2", [["en_aa", 670], ["en_bb", 70000]], [], [-3, b"\x00\x01", {"k": "v"}], 2**40]
    assert warmstart.decode_meta(_meta(value)) == value


@pytest.mark.parametrize(
    "data",
    [
        b"not gzip",
        gzip.compress(b"other_signature" + _cbor([])),
        gzip.compress(b"pagefind_dcd" + _cbor(["x"])[:-1]),  # cut short
        gzip.compress(b"pagefind_dcd" + bytes([0x9F]) + _cbor("x") + b"\xff"),  # indefinite length
        gzip.compress(b"pagefind_dcd" + _cbor(["x"]) + b"\x00"),  # more after the list
        gzip.compress(b"pagefind_dcd" + _cbor({"a": 1})),  # not a list
    ],
)
def test_metadata_it_cannot_read_is_refused(data: bytes) -> None:
    with pytest.raises(warmstart.UnknownBundle):
        warmstart.decode_meta(data)


def test_the_files_a_bundle_refers_to_come_from_its_metadata() -> None:
    entry = json.dumps({"version": "1.5.2", "languages": {"en": {"hash": "en_m1", "page_count": 2}}}).encode()
    meta = _meta(["1.5.2", [["en_p1", 10], ["en_p2", 12]], [["a", "m", "en_i1"], ["n", "z", "en_i2"]],
                  [["author", "en_f1"]], [], ["title"]])  # fmt: skip
    assert warmstart.referenced(entry, {"pagefind.en_m1.pf_meta": meta}) == {
        "pagefind.en_m1.pf_meta", "fragment/en_p1.pf_fragment", "fragment/en_p2.pf_fragment",
        "index/en_i1.pf_index", "index/en_i2.pf_index", "filter/en_f1.pf_filter",
    }  # fmt: skip
    with pytest.raises(warmstart.UnknownBundle, match="lacks"):
        warmstart.referenced(entry, {})
    with pytest.raises(warmstart.UnknownBundle, match="pages"):
        warmstart.referenced(entry, {"pagefind.en_m1.pf_meta": _meta(["1.5.2", "pages?", [], []])})
    with pytest.raises(warmstart.UnknownBundle, match="name their files"):
        warmstart.referenced(entry, {"pagefind.en_m1.pf_meta": _meta(["1.5.2", [[3, 1]], [], []])})


def test_only_files_named_by_their_hash_are_seeded() -> None:
    assert warmstart.is_hashed("fragment/en_1.pf_fragment") and warmstart.is_hashed("pagefind.en_1.pf_meta")
    assert warmstart.is_hashed("index/en_1.pf_index") and warmstart.is_hashed("filter/en_1.pf_filter")
    for name in ("pagefind.js", "pagefind-entry.json", "wasm.en.pagefind", "2025/fragment/en_1.pf_fragment"):
        assert not warmstart.is_hashed(name)


def _pages(site: Path, edited: str = "") -> None:
    for n, page in enumerate(YEAR):
        path = site / page
        path.parent.mkdir(parents=True, exist_ok=True)
        extra = f"<p>{edited}</p>" if edited and n == 2 else ""
        body = f"<h1>Story {n}</h1>{extra}<p>Kernel scheduler number {n} ships to cloud customers in region {n}.</p>"
        path.write_text(f"<html><body><article data-pagefind-body>{body}</article></body></html>")


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _index(site: Path, previous: Path | None = None) -> dict[str, bytes]:
    binary = indexer.executable()
    shard = Shard("2026", tuple(YEAR))
    indexing = indexer.Indexing(binary, str(site), "en", None, (lambda _s: str(previous)) if previous else None,
                                indexer.version(binary)).start()  # fmt: skip
    indexing.submit(shard)
    indexing.finish()
    return _files(site / shard.output_subdir)


@pytest.mark.parametrize("forked", [False, True], ids=["in-process", "forked"])
def test_a_seeded_run_writes_the_bundle_an_empty_folder_gets(tmp_path: Path, monkeypatch, forked: bool) -> None:
    # a large shard is seeded, with its documents written, by a forked child
    monkeypatch.setattr(indexer, "FORK_FROM", 1 if forked else 10_000)
    live = tmp_path / "live"
    _pages(live)
    before = _index(live)
    assert any(name.startswith("fragment/") for name in before)
    staged, clean = tmp_path / "staged", tmp_path / "clean"
    _pages(staged, edited="A correction about the scheduler.")
    _pages(clean, edited="A correction about the scheduler.")
    warm = _index(staged, previous=live / "pagefind" / "2026")
    cold = _index(clean)
    assert warm == cold  # the same files, byte for byte: the old fragment and chunks are gone
    assert set(before) - set(cold)  # the edit did change some hashed files
    kept = [n for n in cold if warmstart.is_hashed(n) and n in before]
    assert kept  # unchanged fragments were not written again: they are the live files, linked
    for name in kept:
        assert os.path.samefile(staged / "pagefind" / "2026" / name, live / "pagefind" / "2026" / name)
    assert _files(live / "pagefind" / "2026") == before  # the live bundle is untouched


def test_a_bundle_from_another_pagefind_version_is_not_reused(tmp_path: Path) -> None:
    live = tmp_path / "live" / "bundle"
    live.mkdir(parents=True)
    (live / "pagefind-entry.json").write_text(json.dumps({"version": "0.9.0", "languages": {}}))
    (live / "fragment").mkdir()
    (live / "fragment" / "en_1.pf_fragment").write_bytes(gzip.compress(b"pagefind_dcd{}"))
    assert warmstart.seed(str(live), str(tmp_path / "out"), "pagefind 1.5.2") == []
    assert warmstart.seed(str(live), str(tmp_path / "out"), "pagefind 0.9.0") == ["fragment/en_1.pf_fragment"]


def test_a_damaged_file_of_the_live_bundle_is_not_seeded_but_written_again(tmp_path: Path) -> None:
    live = tmp_path / "live"
    _pages(live)
    before = _index(live)
    fragment = live / "pagefind" / "2026" / next(n for n in sorted(before) if n.startswith("fragment/"))
    damaged = bytearray(fragment.read_bytes())
    damaged[len(damaged) // 2 : len(damaged) // 2 + 8] = b"AAAAAAAA"
    fragment.write_bytes(bytes(damaged))
    assert not warmstart.intact(str(fragment))
    notes: list[str] = []
    seeded = warmstart.seed(str(live / "pagefind" / "2026"), str(tmp_path / "out"), indexer.version(
        indexer.executable()), notes)  # fmt: skip
    assert fragment.relative_to(live / "pagefind" / "2026").as_posix() not in seeded and seeded
    assert notes and "damaged" in notes[0]
    staged, clean = tmp_path / "staged", tmp_path / "clean"
    _pages(staged)
    _pages(clean)
    assert _index(staged, previous=live / "pagefind" / "2026") == _index(clean) == before


def test_an_unreadable_last_bundle_is_indexed_again_from_an_empty_folder(tmp_path: Path, caplog) -> None:
    live = tmp_path / "live"
    _pages(live)
    _index(live)
    bundle = live / "pagefind" / "2026"
    extra = bundle / "fragment" / "en_zz.pf_fragment"  # a file the bundle does not name: not carried over
    extra.write_bytes(b"stray")
    staged, clean = tmp_path / "staged", tmp_path / "clean"
    _pages(staged, edited="Changed.")
    _pages(clean, edited="Changed.")
    assert _index(staged, previous=bundle) == _index(clean)
    # metadata it cannot read (here the metadata the run refers to, unchanged): indexed again, with a warning
    for meta in bundle.glob("*.pf_meta"):
        meta.write_bytes(gzip.compress(b"pagefind_dcd\xff"))
    _pages(staged)
    _pages(clean)
    with caplog.at_level(logging.WARNING):
        assert _index(staged, previous=bundle) == _index(clean)
    assert "could not be reused" in caplog.text

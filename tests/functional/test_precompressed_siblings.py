"""A built site has .gz and .br siblings of its text files, the same bytes every build; an edit
compresses again only the files it changed, and a stylesheet edit renders the pages that link it."""

from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path

import brotli
from common.compress import is_text
from support.builds import ROOT, run_newsdesk, tree_digest, write_conf


def build(content: Path, output: Path, conf: Path) -> str:
    result = run_newsdesk("build", "-v", "--settings", str(conf), "--input", str(content), "--output", str(output))
    assert result.returncode == 0, result.stderr
    return result.stderr


def inodes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*") if p.is_file()}


def made(log: str) -> int:
    return int(re.search(r"Precompressed (\d+) file", log).group(1))


def test_every_text_file_gets_siblings_that_decode_to_it_and_builds_are_byte_identical(make_site, tmp_path) -> None:
    conf = write_conf(tmp_path, CACHE_PATH=str(tmp_path / "cache"))
    content = make_site(count=4)
    first, second = tmp_path / "one", tmp_path / "two"
    assert made(build(content, first, conf)) > 0
    assert made(build(content, second, conf)) == 0  # a clean build into an empty folder: siblings from the cache
    assert tree_digest(first) == tree_digest(second)
    texts = [p for p in first.rglob("*") if p.is_file() and is_text(p.relative_to(first).as_posix())]
    assert any(p.suffix == ".css" for p in texts) and any(p.name.endswith(".rss.xml") for p in texts)
    for page in texts:
        data = page.read_bytes()
        gz, br = page.with_name(page.name + ".gz"), page.with_name(page.name + ".br")
        if len(data) < 1024:
            assert not gz.exists() and not br.exists(), page
            continue
        assert gzip.decompress(gz.read_bytes()) == data and brotli.decompress(br.read_bytes()) == data, page
    assert not list(first.rglob("*.png.gz")) and not list(first.rglob(".newsdesk-*.gz"))


def test_an_edit_compresses_only_what_it_changed_and_a_css_edit_renders_every_page(make_site, tmp_path) -> None:
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    conf = write_conf(tmp_path, CACHE_PATH=str(tmp_path / "cache"), THEME=str(theme))
    content = make_site(count=6)
    live = tmp_path / "live"
    total = made(build(content, live, conf))
    assert made(build(content, live, conf)) == 0  # nothing changed: nothing compressed
    before = inodes(live)

    story = content / "articles" / "story-5.md"
    story.write_text(story.read_text().replace("First paragraph", "A new lede"))
    again = made(build(content, live, conf))
    assert 0 < again < total / 2  # the story, the lists and feeds that carry it; not the other stories
    after = inodes(live)
    kept = [rel for rel in after if rel.endswith((".gz", ".br")) and before.get(rel[:-3]) == after[rel[:-3]]]
    assert len(kept) >= 20  # the siblings of the files the build kept in place (404, home, year lists…)
    assert all(before.get(rel) == after[rel] for rel in kept)  # were kept with them, not written again
    page = live / "2026/11/story-number-5/index.html"
    assert b"A new lede" in gzip.decompress(page.with_name("index.html.gz").read_bytes())

    (old_css,) = (live / "theme/css").glob("site.*.css")
    stylesheet = theme / "static/css/site.css"
    stylesheet.write_text(stylesheet.read_text() + "\n.newsdesk-test { color: red; }\n")
    build(content, live, conf)
    (new_css,) = (live / "theme/css").glob("site.*.css")
    assert new_css.name != old_css.name and not old_css.exists()  # the old name is gone with its siblings
    assert not list((live / "theme/css").glob(f"{old_css.name}.*"))
    assert f"/theme/css/{new_css.name}".encode() in page.read_bytes()
    assert gzip.decompress(new_css.with_name(new_css.name + ".gz").read_bytes()) == new_css.read_bytes()
    clean = tmp_path / "clean"
    build(content, clean, write_conf(tmp_path, CACHE_PATH=str(tmp_path / "clean-cache"), THEME=str(theme)))
    assert tree_digest(live) == tree_digest(clean)

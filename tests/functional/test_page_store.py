"""A clean build takes unchanged pages from the page store in the cache folder (plugins/engine/pagestore.py):
the same bytes as ``--full`` with an empty cache, never a damaged, foreign or out-of-date page."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.builds import ROOT, run_newsdesk, tree_digest, write_conf

from bench.corpus import generate

NOTICE = "does not hold what it did"


def build(content: Path, output: Path, conf: Path, *extra: str) -> tuple[int, int, str]:
    """Build; (pages rendered, pages reused, stderr)."""
    result = run_newsdesk("build", "-v", "--settings", str(conf), "--input", str(content), "--output", str(output),
                          *extra)  # fmt: skip
    assert result.returncode == 0, result.stderr
    counts = re.search(r"Pages rendered: (\d+), reused unchanged: (\d+)", result.stderr)
    assert counts, result.stderr
    return int(counts.group(1)), int(counts.group(2)), result.stderr


def reference(content: Path, tmp_path: Path, name: str, **settings: object) -> dict[str, str]:
    """Every file of a ``--full`` build with an empty cache of its own."""
    cache = tmp_path / f"{name}-cache"
    shutil.rmtree(cache, ignore_errors=True)
    (tmp_path / name).mkdir(exist_ok=True)
    conf = write_conf(tmp_path / name, CACHE_PATH=str(cache), **settings)
    build(content, tmp_path / name / "out", conf, "--full")
    return tree_digest(tmp_path / name / "out")


def clean(output: Path) -> None:
    result = run_newsdesk("clean", "--output", str(output))
    assert result.returncode == 0, result.stderr
    assert not output.exists()


def stored_files(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / "pages" / "files").rglob("*") if p.is_file())


@pytest.mark.parametrize("site", ["sample", "generated"])
def test_a_clean_build_from_the_store_is_the_full_builds_bytes(tmp_path: Path, site: str) -> None:
    if site == "sample":
        content = ROOT / "content"
    else:
        generate(tmp_path / "corpus", 40, seed=3, images=True)
        content = tmp_path / "corpus" / "content"
    cache, output = tmp_path / "cache", tmp_path / "output"
    conf = write_conf(tmp_path, CACHE_PATH=str(cache))
    build(content, output, conf, "--full")  # an empty cache: the reference, and it fills the store
    expected = tree_digest(output)
    clean(output)  # `make clean` clears the output folder and leaves the cache
    assert stored_files(cache)
    rendered, reused, stderr = build(content, output, conf)
    assert tree_digest(output) == expected
    assert reused > 3 * rendered and NOTICE not in stderr  # only the photos' entries, kept apart, count as rendered
    inodes = {p.stat().st_ino for p in stored_files(cache)}
    assert (output / "index.html").stat().st_ino in inodes  # linked from the store, not written
    full_rendered, full_reused, _ = build(content, output, conf, "--full")  # --full still renders every page
    assert full_reused == 0 and full_rendered == rendered + reused
    assert tree_digest(output) == expected


def test_a_damaged_stored_page_is_rendered_afresh_with_a_note(make_site, tmp_path: Path) -> None:
    content = make_site(count=6)
    expected = reference(content, tmp_path, "reference")
    cache, output = tmp_path / "cache", tmp_path / "output"
    conf = write_conf(tmp_path, CACHE_PATH=str(cache))
    build(content, output, conf, "--full")
    shutil.rmtree(output)  # the stored files are links to its files: damage them alone
    files = stored_files(cache)
    truncated, altered = files[0], files[len(files) // 2]
    truncated.write_bytes(truncated.read_bytes()[:10])
    data = bytearray(altered.read_bytes())
    data[len(data) // 2] ^= 0x20  # the same size, one letter's case changed
    altered.write_bytes(bytes(data))
    _, reused, stderr = build(content, output, conf)
    assert tree_digest(output) == expected
    assert NOTICE in stderr and reused > 0
    shutil.rmtree(output)
    _, again, stderr = build(content, output, conf)  # the damaged files were replaced when the build saved
    assert tree_digest(output) == expected and NOTICE not in stderr and again > reused


def test_a_store_of_another_site_or_other_settings_serves_no_wrong_page(make_site, tmp_path: Path) -> None:
    content = make_site(count=6)
    cache = tmp_path / "cache"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    build(content, tmp_path / "first", write_conf(tmp_path / "a", CACHE_PATH=str(cache), SITENAME="First Desk"))
    renamed = write_conf(tmp_path / "b", CACHE_PATH=str(cache), SITENAME="Second Desk")
    _, reused, _ = build(content, tmp_path / "second", renamed)
    assert reused == 0  # the settings are in every fingerprint
    assert tree_digest(tmp_path / "second") == reference(content, tmp_path, "second-ref", SITENAME="Second Desk")
    other = tmp_path / "other-content"
    shutil.copytree(content, other)
    (other / "articles" / "story-0.md").unlink()
    rendered, reused, _ = build(other, tmp_path / "third", renamed)
    # another site: every page that lists stories differs, and so does its fingerprint; a feed that carries
    # none of the changed stories (or the OPML file) has the same fingerprint, and then the same bytes
    assert reused <= 2 < rendered
    assert tree_digest(tmp_path / "third") == reference(other, tmp_path, "third-ref", SITENAME="Second Desk")


def test_an_edited_story_is_rendered_not_taken_from_the_store(make_site, tmp_path: Path) -> None:
    content = make_site(count=6)
    cache, output = tmp_path / "cache", tmp_path / "output"
    conf = write_conf(tmp_path, CACHE_PATH=str(cache))
    build(content, output, conf, "--full")
    story = content / "articles" / "story-2.md"
    story.write_text(story.read_text().replace("First paragraph", "An edited opening"))
    clean(output)
    _, reused, _ = build(content, output, conf)
    assert reused > 0
    assert tree_digest(output) == reference(content, tmp_path, "reference")
    pages = [p for p in output.rglob("index.html") if "An edited opening" in p.read_text(encoding="utf-8")]
    assert pages  # the story's page and the lists that quote its opening


def _staged_files(output: Path) -> int:
    staging = [p for p in output.parent.iterdir() if p.name.startswith(f".{output.name}.") and p.is_dir()]
    return sum(len(files) for folder in staging for _, _, files in os.walk(folder))


def test_a_build_killed_half_way_leaves_a_store_the_next_clean_build_uses(tmp_path: Path) -> None:
    generate(tmp_path / "corpus", 60, seed=4, images=True)
    content = tmp_path / "corpus" / "content"
    cache, output = tmp_path / "cache", tmp_path / "output"
    conf = write_conf(tmp_path, CACHE_PATH=str(cache))
    build(content, output, conf, "--full")
    first = sorted(content.rglob("*.md"))[5]
    first.write_text(first.read_text(encoding="utf-8").replace("\n\n", "\n\nA sentence added.\n\n", 1))
    shutil.rmtree(output)
    command = [sys.executable, "-m", "newsdesk", "build", "--settings", str(conf), "--input", str(content),
               "--output", str(output)]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while process.poll() is None and _staged_files(output) < 150 and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL  # stopped half-way, not finished
    time.sleep(1)  # its forked workers notice their parent is gone and stop
    _, reused, stderr = build(content, output, conf)
    assert reused > 0 and NOTICE not in stderr
    assert tree_digest(output) == reference(content, tmp_path, "reference")

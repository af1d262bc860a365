"""Applying a development build in place: the live folder ends as a clean build would leave it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from support.builds import PNG_16x9, build, tree_digest

from newsdesk import overlay
from newsdesk.overlay import JOURNAL, Listing, apply_changes, files_under, finish_pending, put_live, stale_files
from newsdesk.safety import MARKER


def _files(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def test_stale_files_are_the_live_ones_neither_produced_nor_kept() -> None:
    live = ["a.html", "b/index.html", "c.css", JOURNAL]
    assert stale_files(live, produced=["a.html"], kept=["c.css"]) == ["b/index.html"]
    assert stale_files([], produced=["a"], kept=[]) == []
    assert stale_files(["x", "y"], produced=[], kept=["y", "y"]) == ["x"]


def test_files_under_lists_nested_files_with_slashes_and_not_folders(tmp_path: Path) -> None:
    _files(tmp_path, {"a.html": "", "2026/11/s/index.html": "", "feeds/all.xml": ""})
    (tmp_path / "empty").mkdir()
    assert files_under(tmp_path) == ["2026/11/s/index.html", "a.html", "feeds/all.xml"]
    assert files_under(tmp_path / "missing") == []


def test_a_listing_made_in_a_thread_is_the_files_under_its_folder(tmp_path: Path) -> None:
    _files(tmp_path, {"a.html": "", "2026/11/s/index.html": ""})
    assert Listing(tmp_path).files() == ["2026/11/s/index.html", "a.html"]
    assert Listing(tmp_path / "missing").files() == []
    os.symlink(tmp_path / "a.html", tmp_path / "link.html")
    assert Listing(tmp_path).regular_files() == {"2026/11/s/index.html", "a.html"}  # the link is listed, not regular
    with pytest.raises(NotADirectoryError):  # raised where the listing is used, not lost in the thread
        Listing(tmp_path / "a.html").files()


def test_put_live_compares_with_the_listing_made_while_the_build_ran(tmp_path: Path) -> None:
    output = _files(tmp_path / "output", {"a.html": "a", "b.html": "b", "c.html": "c", "gone.html": "x", MARKER: ""})
    listing = Listing(output)
    listing.files()
    (output / "late.html").write_text("written by hand while the build ran")
    staging = _files(tmp_path / ".output.staging", {"a.html": "new a"})

    assert put_live(staging, output, ["b.html", "c.html"], listing) == "applied in place: 2 file(s) written, 1 deleted"
    assert files_under(output) == sorted([MARKER, "a.html", "b.html", "c.html", "late.html"])  # only what it saw


def test_apply_moves_staged_files_keeps_the_kept_and_deletes_the_rest(tmp_path: Path) -> None:
    output = _files(tmp_path / "output", {
        "index.html": "old home", "2026/11/kept/index.html": "kept", "2026/10/gone/index.html": "gone",
        "images/a.png": "png", MARKER: "",
    })  # fmt: skip
    kept_inode = (output / "2026/11/kept/index.html").stat().st_ino
    staging = _files(tmp_path / ".output.staging", {"index.html": "new home", "2026/11/new/index.html": "new"})

    moved, deleted = apply_changes(staging, output, kept=["2026/11/kept/index.html", "images/a.png"])

    assert (moved, deleted) == (3, 1)  # two pages and the marker in; one page out
    assert files_under(output) == sorted([MARKER, "2026/11/kept/index.html", "2026/11/new/index.html",
                                          "images/a.png", "index.html"])  # fmt: skip
    assert (output / "index.html").read_text() == "new home"
    assert (output / "2026/11/kept/index.html").stat().st_ino == kept_inode  # never rewritten
    assert not (output / "2026/10").exists()  # a folder left empty goes too
    assert not staging.exists() and not (output / JOURNAL).exists()


def test_a_build_that_wrote_most_of_the_site_again_is_swapped_in_whole(tmp_path: Path) -> None:
    live = {"a.html": "old", "b.html": "old", "images/x.png": "png", "gone.html": "old", MARKER: ""}
    output = _files(tmp_path / "output", live)
    inode = (output / "images/x.png").stat().st_ino
    staging = _files(tmp_path / ".output.staging", {"a.html": "new", "b.html": "new", "c.html": "new"})
    assert put_live(staging, output, kept=["images/x.png"]).startswith("swapped in whole")
    assert files_under(output) == [MARKER, "a.html", "b.html", "c.html", "images/x.png"]
    assert (output / "a.html").read_text() == "new"
    assert (output / "images/x.png").stat().st_ino == inode  # linked, not copied

    staging = _files(tmp_path / ".output.staging", {"a.html": "newer"})
    assert put_live(staging, output, kept=["b.html", "c.html", "images/x.png"]).startswith("applied in place")
    assert (output / "a.html").read_text() == "newer" and (output / "images/x.png").stat().st_ino == inode


def test_a_file_may_become_a_folder_and_a_folder_a_file(tmp_path: Path) -> None:
    output = _files(tmp_path / "output", {"about": "a file", "news/index.html": "a folder", MARKER: ""})
    staging = _files(tmp_path / "staging", {"about/index.html": "now a folder", "news": "now a file"})
    apply_changes(staging, output, kept=[])
    assert (output / "about" / "index.html").read_text() == "now a folder"
    assert (output / "news").read_text() == "now a file"


def test_an_apply_that_stopped_half_way_is_finished_by_the_next_build(tmp_path: Path, monkeypatch) -> None:
    output = _files(tmp_path / "output", {"index.html": "old", "old/index.html": "old", MARKER: ""})
    staging = _files(tmp_path / "staging", {"index.html": "new", "new/index.html": "new"})
    real_replace, calls = os.replace, []

    def dies_on_the_second_file(src, dst):
        if str(src).startswith(str(staging)):
            calls.append(src)
            if len(calls) == 2:
                raise KeyboardInterrupt  # the process stops here
        real_replace(src, dst)

    monkeypatch.setattr(overlay.os, "replace", dies_on_the_second_file)
    with pytest.raises(KeyboardInterrupt):
        apply_changes(staging, output, kept=[])
    monkeypatch.setattr(overlay.os, "replace", real_replace)
    assert json.loads((output / JOURNAL).read_text())["stale"] == ["old/index.html"]

    assert finish_pending(output) is True
    assert files_under(output) == [MARKER, "index.html", "new/index.html"]
    assert (output / "index.html").read_text() == "new"
    assert finish_pending(output) is False  # nothing left to do


def test_a_development_edit_is_applied_in_place_and_equals_a_clean_build(make_site, tmp_path: Path) -> None:
    content = make_site({"images/chart.png": PNG_16x9}, count=4)  # an image published as it is
    output, clean = tmp_path / "output", tmp_path / "clean"
    assert build(content, output).returncode == 0
    untouched = [output / "2026" / "11" / "story-number-0" / "index.html", output / "images" / "chart.png"]
    inodes = [path.stat().st_ino for path in untouched]
    story = content / "articles" / "story-3.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    assert build(content, output).returncode == 0
    assert [path.stat().st_ino for path in untouched] == inodes  # unchanged files stay the same files
    assert "A new paragraph." in (output / "2026" / "11" / "story-number-3" / "index.html").read_text()

    (content / "articles" / "story-2.md").unlink()
    result = build(content, output)
    assert result.returncode == 0, result.stderr
    assert not (output / "2026" / "11" / "story-number-2").exists()
    assert not (tmp_path / ".output.staging").exists()
    assert build(content, clean).returncode == 0
    assert tree_digest(output) == tree_digest(clean)


def test_a_leftover_apply_is_finished_before_a_build_starts(make_site, tmp_path: Path) -> None:
    content = make_site()
    output = tmp_path / "output"
    assert build(content, output).returncode == 0
    staging = _files(tmp_path / "halfway", {"late.txt": "from the build that stopped"})
    (output / JOURNAL).write_text(json.dumps({"staging": str(staging), "stale": []}))
    result = build(content, output)
    assert result.returncode == 0
    assert "Finished applying the previous build" in result.stderr
    assert not (output / JOURNAL).exists() and not staging.exists()
    assert not (output / "late.txt").exists()  # the new build does not produce it: deleted again

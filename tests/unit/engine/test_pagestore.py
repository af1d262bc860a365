"""The page store (engine/pagestore.py): pages kept by content hash, served only while intact and current,
and usable whatever point a build was stopped at."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from common.checksum import seal, unseal
from common.locks import release, try_lock
from engine import pagestore
from engine.pagestore import INDEX, KIND, PageStore
from engine.reuse import Reuse


def render(staging: Path, pages: dict[str, str], reuse: Reuse) -> None:
    """Write each page (key -> text) unless the store has it at the fingerprint its text gives."""
    for key, text in pages.items():
        if reuse.try_reuse(key, f"fp-{text}"):
            continue
        target = staging / key / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        reuse.record(key, f"fp-{text}", [f"{key}/index.html"])


def run(tmp_path: Path, name: str, pages: dict[str, str], serve: bool = True) -> Reuse:
    staging = tmp_path / name
    staging.mkdir()
    reuse = Reuse("", str(staging), store=PageStore(str(tmp_path / "cache"), serve))
    render(staging, pages, reuse)
    reuse.save()
    return reuse


PAGES = {"a": "<p>first page</p>", "b": "<p>second page</p>", "c": "<p>third</p>"}


def test_unchanged_pages_come_from_the_store_as_links_and_changed_ones_are_rendered(tmp_path: Path) -> None:
    first = run(tmp_path, "one", PAGES)
    assert (first.rendered, first.reused) == (3, 0)
    second = run(tmp_path, "two", {**PAGES, "b": "<p>second page, edited</p>"})
    assert (second.rendered, second.reused) == (1, 2)
    assert (tmp_path / "two" / "b" / "index.html").read_text() == "<p>second page, edited</p>"
    assert os.path.samefile(tmp_path / "one" / "a" / "index.html", tmp_path / "two" / "a" / "index.html")
    full = run(tmp_path, "full", PAGES, serve=False)  # --full renders everything
    assert (full.rendered, full.reused) == (3, 0)


def test_the_store_holds_the_last_builds_pages_only(tmp_path: Path) -> None:
    run(tmp_path, "one", PAGES)
    run(tmp_path, "two", {"a": "<p>only this one</p>"})
    assert len([p for p in (tmp_path / "cache" / "pages" / "files").rglob("*") if p.is_file()]) == 1
    text = (tmp_path / "cache" / "pages" / INDEX).read_text()
    assert list(json.loads(unseal(KIND, text))["entries"]) == ["a"]


@pytest.mark.parametrize("stop_at", [1, 2, "index", "prune"])
def test_a_save_stopped_at_any_point_leaves_a_store_the_next_build_uses(tmp_path: Path, monkeypatch, stop_at) -> None:
    run(tmp_path, "one", PAGES)
    edited = {**PAGES, "a": "<p>first page, edited</p>", "c": "<p>third, edited</p>"}
    calls = {"place": 0}
    real_place, real_replace, real_prune = pagestore.place, os.replace, PageStore._prune

    def place(source: str, target: str) -> None:
        calls["place"] += 1
        if calls["place"] == stop_at:
            raise KeyboardInterrupt  # the build stopped here
        real_place(source, target)

    def replace(source: str, target: str) -> None:
        if stop_at == "index" and target.endswith(INDEX):
            raise KeyboardInterrupt
        real_replace(source, target)

    def prune(self: PageStore, keep: set[str]) -> None:
        if stop_at == "prune":
            raise KeyboardInterrupt
        real_prune(self, keep)

    monkeypatch.setattr(pagestore, "place", place)
    monkeypatch.setattr(pagestore.os, "replace", replace)
    monkeypatch.setattr(PageStore, "_prune", prune)
    with pytest.raises(KeyboardInterrupt):
        run(tmp_path, "two", edited)
    monkeypatch.undo()
    after = run(tmp_path, "three", edited)
    assert after.reused >= 1  # b at least, whatever the stopped build had saved
    for key, text in edited.items():
        assert (tmp_path / "three" / key / "index.html").read_text() == text


def test_a_sealed_index_naming_a_file_outside_the_site_voids_that_entry(tmp_path: Path, caplog) -> None:
    run(tmp_path, "one", PAGES)
    path = tmp_path / "cache" / "pages" / INDEX
    body = json.loads(unseal(KIND, path.read_text()))
    body["entries"]["a"]["files"] = ["../../outside.html"]
    path.write_text(seal(KIND, json.dumps(body)))  # sealed anew, as someone who can write the cache could
    second = run(tmp_path, "two", PAGES)
    assert (second.rendered, second.reused) == (1, 2)
    assert not (tmp_path / "outside.html").exists()
    assert "outside the site" in caplog.text


def test_an_index_that_does_not_match_its_seal_serves_nothing(tmp_path: Path, caplog) -> None:
    run(tmp_path, "one", PAGES)
    path = tmp_path / "cache" / "pages" / INDEX
    path.write_text(path.read_text().replace("first page", "forged page"))
    second = run(tmp_path, "two", PAGES)
    assert (second.rendered, second.reused) == (3, 0)
    assert "damaged" in caplog.text
    assert (tmp_path / "two" / "a" / "index.html").read_text() == PAGES["a"]


def test_a_stored_file_removed_by_another_build_meanwhile_is_rendered_not_a_crash(tmp_path: Path, monkeypatch) -> None:
    """Two builds into two output folders may share one cache: one's pruning can remove a file between the
    other's check of it and its link into staging. That page is rendered, and nothing half-placed stays."""
    run(tmp_path, "one", {"a": "<p>first page</p>", "b": "<p>second page</p>"})
    placed = pagestore.place

    def place(source: str, target: str) -> None:
        if target.endswith(os.path.join("b", "index.html")):
            os.remove(source)  # the other build's prune, just after the check
        placed(source, target)

    monkeypatch.setattr(pagestore, "place", place)
    second = run(tmp_path, "two", {"a": "<p>first page</p>", "b": "<p>second page</p>"})
    assert (second.rendered, second.reused) == (1, 1)
    assert (tmp_path / "two" / "b" / "index.html").read_text() == "<p>second page</p>"


def test_two_builds_saving_into_one_store_take_turns(tmp_path: Path, monkeypatch) -> None:
    """A save holds the store's lock from its first file to its prune: another build's save waits for it, so
    no save removes files the index just written names."""
    reuse = run(tmp_path, "one", PAGES)
    held: list[bool] = []
    lock = tmp_path / "cache" / "pages" / pagestore.LOCK
    original = pagestore.PageStore._prune

    def prune(self: PageStore, keep: set[str]) -> None:
        handle = try_lock(lock)  # another process's attempt, from this one: flock is per open file
        held.append(handle is None)
        if handle is not None:
            release(handle)
        original(self, keep)

    monkeypatch.setattr(pagestore.PageStore, "_prune", prune)
    reuse.store.save(dict(reuse.new), [str(tmp_path / "one")])
    assert held == [True]

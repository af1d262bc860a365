"""A shard's search documents are kept between builds: only changed pages' are written again."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from search import indexer, keptdocs
from search.searchdoc import search_document
from search.shards import Shard

PAGES = [f"2026/11/story-{n}/index.html" for n in range(4)]


def _site(root: Path, pages: list[str], version: str = "1") -> None:
    for page in pages:
        path = root / page
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<html><body><article data-pagefind-body><h1>{page} v{version}</h1></article></body></html>")


def _documents(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text() for p in sorted(folder.rglob("*.html"))}


def _write(site: Path, folder: Path, pages: list[str], fingerprints: dict[str, str]) -> int:
    return indexer.write_documents(
        Shard("2026", tuple(pages)), lambda page: str(site / page), str(folder), fingerprints
    )


def test_only_the_documents_of_changed_pages_are_written_again(tmp_path: Path) -> None:
    site, kept = tmp_path / "site", tmp_path / "kept"
    _site(site, PAGES)
    fingerprints = {page: f"fp-{page}" for page in PAGES}
    assert _write(site, kept, PAGES, fingerprints) == 4
    expected = {page: search_document((site / page).read_text()) for page in PAGES}
    assert _documents(kept) == expected
    assert _write(site, kept, PAGES, fingerprints) == 0  # nothing changed: nothing written
    _site(site, PAGES[:1], version="2")
    assert _write(site, kept, PAGES, {**fingerprints, PAGES[0]: "fp-changed"}) == 1
    assert _documents(kept)[PAGES[0]] == search_document((site / PAGES[0]).read_text())
    assert _write(site, kept, PAGES[1:], fingerprints) == 0  # a page left the shard: its document goes
    assert sorted(_documents(kept)) == PAGES[1:]
    unknown = {page: fp for page, fp in fingerprints.items() if page != PAGES[1]}
    assert _write(site, kept, PAGES[1:], unknown) == 1  # a page without a fingerprint is always written
    assert _write(site, kept, PAGES[1:], unknown) == 1


def test_a_folder_without_its_record_is_emptied_and_written_in_full(tmp_path: Path) -> None:
    site, kept = tmp_path / "site", tmp_path / "kept"
    _site(site, PAGES)
    fingerprints = {page: f"fp-{page}" for page in PAGES}
    _write(site, kept, PAGES, fingerprints)
    (kept / keptdocs.RECORD).unlink()  # a build stopped half-way
    (kept / "2025" / "stray").mkdir(parents=True)
    (kept / "2025" / "stray" / "index.html").write_text("<html>a document no record names</html>")
    assert _write(site, kept, PAGES, fingerprints) == 4
    assert sorted(_documents(kept)) == PAGES  # the stray document is gone: Pagefind would index it
    (kept / keptdocs.RECORD).write_text("{not json")
    assert _write(site, kept, PAGES, fingerprints) == 4


def test_a_damaged_document_or_record_is_written_again(tmp_path: Path) -> None:
    site, kept = tmp_path / "site", tmp_path / "kept"
    _site(site, PAGES)
    fingerprints = {page: f"fp-{page}" for page in PAGES}
    _write(site, kept, PAGES, fingerprints)
    expected = _documents(kept)
    (kept / PAGES[2]).write_text(expected[PAGES[2]].replace("v1", "v9"))  # same size, other words
    notes: list[str] = []
    assert indexer.write_documents(Shard("2026", tuple(PAGES)), lambda page: str(site / page), str(kept),
                                   fingerprints, notes) == 1  # fmt: skip
    assert _documents(kept) == expected and notes == ["1 document(s) did not match their checksums"]
    record = kept / keptdocs.RECORD
    record.write_text(record.read_text().replace("fp-", "fq-", 1))  # the record itself damaged
    notes.clear()
    assert indexer.write_documents(Shard("2026", tuple(PAGES)), lambda page: str(site / page), str(kept),
                                   fingerprints, notes) == 4  # fmt: skip
    assert _documents(kept) == expected and notes == ["its record is damaged, or from an earlier version"]


def test_an_unreadable_page_names_itself_and_leaves_no_record(tmp_path: Path) -> None:
    site, kept = tmp_path / "site", tmp_path / "kept"
    _site(site, PAGES[:2])
    fingerprints = {page: f"fp-{page}" for page in PAGES}
    with pytest.raises(indexer.SearchIndexError, match=PAGES[2]):
        _write(site, kept, PAGES, fingerprints)
    assert not (kept / keptdocs.RECORD).exists()  # the next build starts this folder afresh


def test_a_kept_folder_outlives_the_run_and_a_temporary_one_does_not(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _site(site, PAGES)
    binary = indexer.executable()
    shard = Shard("2026", tuple(PAGES))
    kept = tmp_path / "cache" / "search-documents"
    indexing = indexer.Indexing(binary, str(site), "en", kept_documents=str(kept)).start()
    indexing.submit(shard, {page: f"fp-{page}" for page in PAGES})
    indexing.finish()
    folder = Path(keptdocs.folder_for(str(kept), "2026"))
    assert sorted(_documents(folder)) == PAGES and (folder / keptdocs.RECORD).is_file()
    assert (site / "pagefind" / "2026" / "pagefind-entry.json").is_file()
    assert keptdocs.folder_for(str(kept), ".") == str(kept / "whole-site")
    before = _scratch()
    temporary = indexer.Indexing(binary, str(site), "en").start()  # nothing to keep them in
    temporary.submit(shard, {page: "x" for page in PAGES})
    temporary.finish()
    assert _scratch() == before


def _scratch() -> set[str]:
    folder = indexer.scratch_folder() or tempfile.gettempdir()
    return {name for name in os.listdir(folder) if name.startswith("newsdesk-search-")}


def test_a_folder_another_build_is_using_is_not_shared(tmp_path: Path) -> None:
    folder = str(tmp_path / "kept" / "shard-2026")
    first = keptdocs.claim(folder)
    assert first is not None
    assert keptdocs.claim(folder) is None  # a second build at the same time gets a temporary folder
    site = tmp_path / "site"
    _site(site, PAGES)
    before = _scratch()
    indexing = indexer.Indexing(indexer.executable(), str(site), "en", kept_documents=str(tmp_path / "kept")).start()
    indexing.submit(Shard("2026", tuple(PAGES)), {page: "fp" for page in PAGES})
    indexing.finish()
    assert not list(Path(folder).rglob("*.html"))  # the locked folder was left alone
    assert _scratch() == before and (site / "pagefind" / "2026" / "pagefind-entry.json").is_file()
    os.close(first)
    second = keptdocs.claim(folder)
    assert second is not None
    os.close(second)


def test_folders_of_shards_no_longer_planned_are_removed_unless_in_use(tmp_path: Path) -> None:
    root = tmp_path / "kept"
    for name in ("shard-2026", "shard-2025", "shard-2025-h1", "whole-site", "notes"):
        (root / name).mkdir(parents=True)
        (root / name / "page.html").write_text("x")
    (root / "shard-2025.lock").write_text("")
    busy = keptdocs.claim(str(root / "shard-2024"))  # another build indexing a year that is now split
    assert busy is not None
    removed = keptdocs.prune(str(root), ["2026", "2025-h1", "2025-h2"])
    assert removed == ["shard-2025", "whole-site"]
    assert sorted(p.name for p in root.iterdir()) == [
        "notes",
        "shard-2024",
        "shard-2024.lock",
        "shard-2025-h1",
        "shard-2026",
    ]
    os.close(busy)
    assert keptdocs.prune(str(root), ["."]) == ["shard-2024", "shard-2025-h1", "shard-2026"]
    assert sorted(p.name for p in root.iterdir()) == ["notes"]
    assert keptdocs.prune(str(tmp_path / "missing"), ["2026"]) == []

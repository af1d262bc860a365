"""Each year's search shard is handed to the indexer as soon as its last page is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from search import searchbuild, shards


class FakeIndexing:
    def __init__(self, binary: str, site: str, language: str, locate: object = None, previous: object = None,
                 version: str = "", kept_documents: str = "") -> None:  # fmt: skip
        self.submitted: list[shards.Shard] = []
        self.fingerprints: list[object] = []
        self.locate, self.previous, self.version, self.kept = locate, previous, version, kept_documents

    def start(self) -> FakeIndexing:
        return self

    def submit(self, shard: shards.Shard, fingerprints: object = None) -> None:
        self.submitted.append(shard)
        self.fingerprints.append(fingerprints)


class FakeReuse:
    def __init__(self, reusable: set[str]) -> None:
        self.content: dict[str, str] = {}  # page -> content fingerprint, as the newsroom's writer records them
        self.reusable = reusable
        self.tried: list[str] = []
        self.previous: Path | None = None  # the live site, when the build has one

    def try_reuse(self, key: str, fingerprint: str) -> bool:
        self.tried.append(key)
        return key in self.reusable


PAGES = ["2026/11/a/index.html", "2026/10/b/index.html", "2025/03/c/index.html"]


def _search(reuse: FakeReuse, pages: list[str], monkeypatch: pytest.MonkeyPatch) -> searchbuild.SearchBuild:
    monkeypatch.setattr(searchbuild.indexer, "Indexing", FakeIndexing)
    plan = shards.plan(pages)
    return searchbuild.SearchBuild(plan, "/site", "pagefind", "1.5.2", "en", lambda: reuse, lambda: reuse.content)


def _write(search: searchbuild.SearchBuild, reuse: FakeReuse, page: str) -> None:
    reuse.content[page] = f"fp-{page}"
    search.page_done(page)


def test_a_year_starts_when_its_last_page_is_written(monkeypatch: pytest.MonkeyPatch) -> None:
    reuse = FakeReuse(reusable={"pagefind/2025"})
    search = _search(reuse, PAGES, monkeypatch)
    _write(search, reuse, "2026/11/a/index.html")
    assert search.indexing is None  # 2026 still has a page to come
    search.page_done("2026/11/a/index.html")  # a page told twice, or a page of no shard, changes nothing
    search.page_done("tag/x/index.html")
    _write(search, reuse, "2026/10/b/index.html")
    assert search.indexing is not None and [s.name for s in search.indexing.submitted] == ["2026"]
    _write(search, reuse, "2025/03/c/index.html")
    search.pages_written()
    assert [s.name for s in search.indexing.submitted] == ["2026"]  # 2025 was reused from the live site
    assert reuse.tried == ["pagefind/2026", "pagefind/2025"]
    assert search.fingerprints["2025"] and search.fingerprints["2026"]


def test_unfinished_and_whole_site_shards_go_when_the_pages_are_written(monkeypatch: pytest.MonkeyPatch) -> None:
    reuse = FakeReuse(reusable=set())
    search = _search(reuse, PAGES, monkeypatch)
    search.pages_written()  # no page reported: both shards go, unfingerprinted, so never reused
    assert [s.name for s in search.indexing.submitted] == ["2026", "2025"]
    assert search.fingerprints == {"2026": None, "2025": None}
    flat = _search(FakeReuse(set()), ["a.html", "2026/11/b/index.html"], monkeypatch)
    for page in ("a.html", "2026/11/b/index.html"):
        _write(flat, FakeReuse(set()), page)
    assert flat.indexing is None  # the whole-site shard reads every folder: it waits for all pages
    flat.pages_written()
    assert [s.name for s in flat.indexing.submitted] == [shards.WHOLE_SITE]


def test_pages_are_read_from_staging_or_else_from_the_live_site_that_kept_them(tmp_path: Path, monkeypatch) -> None:
    reuse = FakeReuse(set())
    search = searchbuild.SearchBuild(shards.plan(PAGES), str(tmp_path / "staging"), "pagefind", "1.5.2", "en",
                                     lambda: reuse, lambda: reuse.content)  # fmt: skip
    (tmp_path / "staging" / "2026/11/a").mkdir(parents=True)
    (tmp_path / "staging" / "2026/11/a/index.html").write_text("rendered again")
    assert search.locate("2026/11/a/index.html") == str(tmp_path / "staging" / "2026/11/a/index.html")
    assert search.locate("2025/03/c/index.html") == str(tmp_path / "staging" / "2025/03/c/index.html")  # no live site
    reuse.previous = tmp_path / "output"
    assert search.locate("2025/03/c/index.html") == str(tmp_path / "output" / "2025/03/c/index.html")
    assert search.locate("2026/11/a/index.html") == str(tmp_path / "staging" / "2026/11/a/index.html")


def test_a_shard_run_starts_from_the_live_sites_bundle_when_there_is_one(tmp_path: Path, monkeypatch) -> None:
    reuse = FakeReuse(set())
    search = _search(reuse, PAGES, monkeypatch)
    year = search.plan[0]
    assert search.previous_bundle(year) is None  # a first build has no live site
    reuse.previous = tmp_path / "output"
    assert search.previous_bundle(year) == str(tmp_path / "output" / "pagefind" / "2026")
    for page in PAGES:
        _write(search, reuse, page)
    indexing = search.indexing
    assert isinstance(indexing, FakeIndexing)
    assert indexing.previous == search.previous_bundle and indexing.version == "1.5.2"

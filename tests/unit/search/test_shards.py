"""Unit tests of the search index's shards: grouping pages by year folder, fingerprints, the manifest, the runs."""

from __future__ import annotations

import json
import os
import stat
import tempfile
import textwrap
import time
from pathlib import Path

import pytest
from search import indexer
from search.shards import MANIFEST, WHOLE_SITE, Shard, fingerprint, manifest, plan

A26 = "2026/11/clock/index.html"
B26 = "2026/01/cable/index.html"
A25 = "2025/06/egress/index.html"
A24 = "2024/02/old/index.html"


# ---- grouping ----------------------------------------------------------------------------------------------------


def test_no_pages_no_shards() -> None:
    assert plan([]) == []
    assert json.loads(manifest(plan([]))) == {"shards": []}


def test_one_year_is_one_shard_over_its_folder() -> None:
    (shard,) = plan([A26, B26, A26])
    assert shard == Shard("2026", (B26, A26))
    assert (shard.glob, shard.output_subdir, shard.whole_site) == ("2026/**/*.html", "pagefind/2026", False)


def test_years_are_grouped_newest_first_whatever_the_input_order() -> None:
    shards = plan([A24, A26, A25, B26])
    assert [s.name for s in shards] == ["2026", "2025", "2024"]
    assert [s.pages for s in shards] == [(B26, A26), (A25,), (A24,)]
    assert plan(reversed([A24, A26, A25, B26])) == shards
    assert json.loads(manifest(shards)) == {"shards": ["2026", "2025", "2024"]}


def test_other_folder_names_come_after_the_years_alphabetically() -> None:
    pages = ["news/a/index.html", "999/b.html", "2026/c.html", "archive/d.html", "10000/e.html"]
    assert [s.name for s in plan(pages)] == ["10000", "2026", "999", "archive", "news"]


@pytest.mark.parametrize(
    "odd",
    [
        "flat-story.html",  # a flat save_as: no folder at all
        "pagefind/x/index.html",  # the bundles' own folder
        "shards.json/x.html",  # the manifest's name
        ".hidden/x.html",
        "../up/x.html",
        "2026*/x.html",  # glob syntax
        "a b/x.html",
        "[2026]/x.html",
    ],
)
def test_a_page_without_a_plain_folder_makes_the_whole_site_one_shard(odd: str) -> None:
    (shard,) = plan([A26, A25, odd])
    assert shard == Shard(WHOLE_SITE, tuple(sorted([A26, A25, odd])))
    assert (shard.glob, shard.output_subdir, shard.whole_site) == ("", "pagefind", True)
    assert json.loads(manifest([shard])) == {"shards": ["."]}


def _year(year: int, per_month: dict[int, int]) -> list[str]:
    return [f"{year}/{month:02d}/story-{n}/index.html" for month, count in per_month.items() for n in range(count)]


def test_a_year_within_the_limit_stays_one_shard() -> None:
    pages = _year(2026, {1: 2, 7: 1})
    assert plan(pages, 3) == [Shard("2026", tuple(sorted(pages)))]
    assert [s.name for s in plan(pages, 2)] == ["2026-h2", "2026-h1"]  # one more than the limit: split


def test_a_big_year_is_split_into_the_fewest_parts_that_each_stay_within_the_limit() -> None:
    halves = plan(_year(2026, {1: 2, 6: 1, 7: 3}), 3)
    assert [(s.name, len(s.pages), s.months) for s in halves] == [
        ("2026-h2", 3, (7, 8, 9, 10, 11, 12)),
        ("2026-h1", 3, (1, 2, 3, 4, 5, 6)),
    ]
    assert halves[0].glob == "2026/{07,08,09,10,11,12}/**/*.html" and halves[0].output_subdir == "pagefind/2026-h2"
    quarters = plan(_year(2026, {1: 2, 3: 1, 4: 1, 12: 2}), 3)
    assert [(s.name, len(s.pages)) for s in quarters] == [("2026-q4", 2), ("2026-q2", 1), ("2026-q1", 3)]
    months = plan(_year(2026, {1: 2, 2: 2, 11: 1}), 3)
    assert [(s.name, s.months) for s in months] == [("2026-11", (11,)), ("2026-02", (2,)), ("2026-01", (1,))]
    assert plan(_year(2026, {5: 9}), 3) == [Shard("2026-05", tuple(sorted(_year(2026, {5: 9}))), (5,))]  # at most


def test_only_the_big_years_are_split_and_the_order_stays_newest_first() -> None:
    pages = _year(2026, {2: 1}) + _year(2025, {3: 2, 10: 2}) + _year(2024, {1: 1})
    shards = plan(reversed(pages), 3)
    assert [s.name for s in shards] == ["2026", "2025-h2", "2025-h1", "2024"]
    assert sorted(p for s in shards for p in s.pages) == sorted(pages)  # every page in exactly one shard
    assert json.loads(manifest(shards)) == {"shards": ["2026", "2025-h2", "2025-h1", "2024"]}


@pytest.mark.parametrize(
    "odd",
    [
        "2026/story/index.html",  # no month folder
        "2026/13/story/index.html",  # not a month
        "2026/1/story/index.html",  # not two digits
        "2026/index.html",  # right in the year folder
    ],
)
def test_a_year_with_a_page_outside_its_month_folders_is_not_split(odd: str) -> None:
    pages = [*_year(2026, {1: 2, 8: 2}), odd]
    assert plan(pages, 2) == [Shard("2026", tuple(sorted(pages)))]


def test_a_folder_named_like_a_part_of_a_year_stops_all_splitting() -> None:
    pages = [*_year(2026, {1: 2, 8: 2}), "2026-h1/story/index.html", *_year(2025, {1: 3, 8: 3})]
    assert [s.name for s in plan(pages, 2)] == ["2026", "2025", "2026-h1"]  # a folder: after the years
    assert [s.name for s in plan([*_year(2026, {1: 2, 8: 2}), "archive/a.html"], 2)] == [
        "2026-h2",
        "2026-h1",
        "archive",
    ]


def test_manifest_is_deterministic_bytes() -> None:
    assert manifest(plan([A25, A26])) == manifest(plan([A26, A25])) == b'{\n "shards": [\n  "2026",\n  "2025"\n ]\n}\n'
    assert MANIFEST == "pagefind/shards.json"


# ---- fingerprints ------------------------------------------------------------------------------------------------


def test_a_shard_fingerprint_changes_only_with_its_own_pages() -> None:
    pages = {A26: "f1", B26: "f2", A25: "f3"}
    y26, y25 = plan(pages)
    base26, base25 = (
        fingerprint(y26, "en-GB", "pagefind 1.5.2", pages),
        fingerprint(y25, "en-GB", "pagefind 1.5.2", pages),
    )
    assert base26 != base25
    edited = {**pages, A26: "changed"}
    assert fingerprint(y26, "en-GB", "pagefind 1.5.2", edited) != base26
    assert fingerprint(y25, "en-GB", "pagefind 1.5.2", edited) == base25
    assert fingerprint(y25, "de", "pagefind 1.5.2", pages) != base25
    assert fingerprint(y25, "en-GB", "pagefind 1.6.0", pages) != base25  # never merge bundles of two versions


def test_a_shard_with_a_page_of_unknown_fingerprint_is_never_reused() -> None:
    (shard,) = plan([A26, B26])
    assert fingerprint(shard, "en", "v", {A26: "f1"}) is None
    assert fingerprint(shard, "en", "v", {A26: "f1", B26: "f2", A25: "f3"}) is not None


# ---- the runs, with a stand-in for Pagefind's binary -------------------------------------------------------------


def fake_pagefind(folder: Path, fail_on: str = "", seconds: float = 0.2) -> Path:
    """A script that logs its arguments and times, writes a file into its output folder, and fails on one shard."""
    script = folder / "pagefind"
    script.write_text(
        textwrap.dedent(f"""\
        #!/bin/sh
        out=""; prev=""
        for arg in "$@"; do [ "$prev" = "--output-path" ] && out="$arg"; prev="$arg"; done
        out="${{out#*/site/}}"  # logged relative to the site
        echo "start $out $(date +%s.%N)" >> "{folder}/log"
        sleep {seconds} >/dev/null 2>&1  # not holding the pipes: killing the script ends the run
        if [ -n "{fail_on}" ] && [ "$out" = "{fail_on}" ]; then echo "Error: broken page" >&2; exit 3; fi
        mkdir -p "{folder}/site/$out/index" && echo "$*" > "{folder}/site/$out/index/args"
        find . -type f | sort > "{folder}/site/$out/index/documents"
        echo "end $out $(date +%s.%N)" >> "{folder}/log"
        echo "Indexed 1 page"
        """),
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def _pages(site: Path, *pages: str) -> None:
    for page in pages:
        (site / page).parent.mkdir(parents=True, exist_ok=True)
        story = f"<article data-pagefind-body><h1>{page}</h1></article>"
        (site / page).write_text(f"<html><body><nav>menu</nav>{story}</body></html>")


def test_shards_run_one_after_the_other_in_the_background(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    _pages(site, A26, A25, A24)
    (site / "pagefind" / "2026").mkdir(parents=True)
    (site / "pagefind" / "2026" / "stale").write_text("from an earlier run")
    shards = plan([A26, A25, A24])
    began = time.perf_counter()
    indexing = indexer.start_index(str(fake_pagefind(tmp_path)), str(site), shards, "en")
    assert time.perf_counter() - began < 0.2  # did not wait for the first run
    done = indexing.finish()
    assert [(s.name, summary) for s, summary, _ in done] == [(s.name, "Indexed 1 page") for s in shards]
    events = [line.split() for line in (tmp_path / "log").read_text().splitlines()]
    assert [(what, out) for what, out, _ in events] == [
        (what, f"pagefind/{year}") for year in ("2026", "2025", "2024") for what in ("start", "end")
    ]
    times = [float(t) for _, _, t in events]
    assert times == sorted(times)  # each run ends before the next starts: peak memory is the biggest shard's
    assert (site / "pagefind/2025/index/args").read_text().split() == [
        "--site", ".", "--output-path", str(site / "pagefind/2025"), "--force-language", "en",
    ]  # fmt: skip
    assert (site / "pagefind/2025/index/documents").read_text().split() == [f"./{A25}"]  # only its own pages
    assert not (site / "pagefind" / "2026" / "stale").exists()
    assert indexer.bundle_files(str(site), shards[0]) == ["pagefind/2026/index/args", "pagefind/2026/index/documents"]


def test_the_whole_site_shard_runs_as_one_pagefind_over_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "pagefind").mkdir(parents=True)
    _pages(site, A26, "flat.html")
    shards = plan([A26, "flat.html"])
    indexer.start_index(str(fake_pagefind(tmp_path)), str(site), shards, "de").finish()
    assert (site / "pagefind/index/args").read_text().split() == [
        "--site", ".", "--output-path", str(site / "pagefind"), "--force-language", "de",
    ]  # fmt: skip
    (site / MANIFEST).write_text("{}")
    bundle = ["pagefind/index/args", "pagefind/index/documents"]
    assert indexer.bundle_files(str(site), shards[0]) == bundle  # the manifest is not the bundle's


def test_a_failing_shard_stops_the_runs_and_names_the_shard(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    _pages(site, A26, A25, A24)
    indexing = indexer.start_index(
        str(fake_pagefind(tmp_path, fail_on="pagefind/2025")), str(site), plan([A26, A25, A24]), "en"
    )
    with pytest.raises(indexer.SearchIndexError, match=r"(?s)the shard '2025' \(2025/\*\*/\*\.html\).*broken page"):
        indexing.finish()
    assert [line.split()[:2] for line in (tmp_path / "log").read_text().splitlines()] == [
        ["start", "pagefind/2026"], ["end", "pagefind/2026"], ["start", "pagefind/2025"],
    ]  # fmt: skip
    assert not os.path.exists(site / "pagefind" / "2024")


def test_a_build_that_fails_before_waiting_stops_the_runs(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    _pages(site, A26, A25)
    indexing = indexer.start_index(str(fake_pagefind(tmp_path, seconds=10)), str(site), plan([A26, A25]), "en")
    time.sleep(0.3)
    began = time.perf_counter()
    indexing.cancel()  # what happens at exit when the build failed before finalized
    with pytest.raises(indexer.SearchIndexError):
        indexing.finish()
    assert time.perf_counter() - began < 5
    assert [line.split()[:2] for line in (tmp_path / "log").read_text().splitlines()] == [["start", "pagefind/2026"]]


def _scratch() -> set[str]:
    folder = indexer.scratch_folder() or tempfile.gettempdir()
    return {name for name in os.listdir(folder) if name.startswith("newsdesk-search-")}


def test_forked_document_writers_feed_the_same_runs_and_leave_nothing_behind(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(indexer, "FORK_FROM", 1)  # every shard's documents written by a forked child
    site = tmp_path / "site"
    site.mkdir()
    _pages(site, A26, A25, A24)
    before = _scratch()
    shards = plan([A26, A25, A24])
    done = indexer.start_index(str(fake_pagefind(tmp_path)), str(site), shards, "en").finish()
    assert [s.name for s, _, _ in done] == ["2026", "2025", "2024"]
    assert (site / "pagefind/2025/index/documents").read_text().split() == [f"./{A25}"]
    assert _scratch() <= before


def test_a_page_a_forked_writer_cannot_read_stops_the_build_and_names_it(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(indexer, "FORK_FROM", 1)
    site = tmp_path / "site"
    site.mkdir()
    _pages(site, A26, A24)  # the 2025 page is missing
    before = _scratch()
    indexing = indexer.start_index(str(fake_pagefind(tmp_path)), str(site), plan([A26, A25, A24]), "en")
    with pytest.raises(indexer.SearchIndexError, match=f"The page {A25} of the shard '2025'"):
        indexing.finish()
    assert not os.path.exists(site / "pagefind" / "2024")  # later shards are not run
    assert _scratch() <= before

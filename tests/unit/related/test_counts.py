"""Term counts kept between builds: the same lists as counting afresh, and a safe cache file."""

from __future__ import annotations

import pickle
import sqlite3
from array import array
from pathlib import Path

from related import counts
from related.model import Config, Doc
from related.scoring import rank
from related.vectors import TermCounts, counts_key
from support.related import doc

DOCS = [
    doc(
        "ransomware-hits-hospital",
        "Ransomware gang encrypts hospital records.",
        0,
        tags=["ransomware"],
    ),
    doc("hospital-pays-ransom", "The hospital paid the ransomware gang.", 2, tags=["ransomware"]),
    doc("chip-shortage-eases", "Foundries report the chip shortage easing as demand cools.", 1, section="Hardware"),
    doc("foundry-expands", "A new foundry expands chip output; the shortage may end.", 3, section="Hardware"),
    doc("records-leaked", "Patient records leaked after the hospital ransomware attack.", 4),
]


def test_known_counts_give_the_same_lists_and_are_not_counted_again() -> None:
    config = Config()
    fresh = TermCounts()
    expected = rank(DOCS, config, fresh)
    assert len(fresh.used) == len(DOCS)

    again = TermCounts(fresh.used, fresh.terms)
    assert rank(DOCS, config, again) == expected
    assert again.used == fresh.used and again.terms == fresh.terms
    assert all(again.used[key] is fresh.used[key] for key in fresh.used)  # reused, not recounted
    assert rank(DOCS, config) == expected


def test_the_lists_do_not_depend_on_how_the_terms_are_numbered() -> None:
    config = Config(count=3, terms_per_article=4)
    fresh = TermCounts()
    expected = rank(DOCS, config, fresh)
    backwards = list(reversed(fresh.terms))  # another build's numbering, with terms no document counts
    number = {term: n for n, term in enumerate(["unused", *backwards])}
    renumbered = {
        key: (array("i", [number[fresh.terms[t]] for t in ids]), values) for key, (ids, values) in fresh.used.items()
    }
    again = TermCounts(renumbered, ["unused", *backwards])
    assert rank(DOCS, config, again) == expected
    assert {key: again.of(d, config) for d in DOCS for key in [counts_key(d, config)]} == {
        key: fresh.of(d, config) for d in DOCS for key in [counts_key(d, config)]
    }


def test_renumbering_keeps_only_the_terms_counted_in_term_order() -> None:
    used = {"a": (array("i", [3, 0]), array("f", [1.0, 2.0])), "b": (array("i", [3]), array("f", [5.0]))}
    terms, numbered = counts.renumbered(used, ["zinc", "gone", "also gone", "chip"])
    assert terms == ["chip", "zinc"]
    plain = {k: (list(ids), list(v)) for k, (ids, v) in numbered.items()}
    assert plain == {"a": ([0, 1], [1.0, 2.0]), "b": ([0], [5.0])}


def test_the_counts_key_follows_every_text_and_the_field_weights() -> None:
    base = Doc(key="a.md", slug="a", title="Chip", summary="Shortage", text="Foundry")
    variants = [
        base,
        Doc(key="b.md", slug="b", title="Chip", summary="Shortage", text="Foundry"),  # same texts: same counts
        Doc(key="a.md", slug="a", title="Chips", summary="Shortage", text="Foundry"),
        Doc(key="a.md", slug="a", title="Chip", summary="Shortages", text="Foundry"),
        Doc(key="a.md", slug="a", title="Chip", summary="Shortage", text="Foundries"),
        Doc(key="a.md", slug="a", title="ChipShortage", summary="", text="Foundry"),
    ]
    keys = [counts_key(d, Config()) for d in variants]
    assert keys[0] == keys[1] and len(set(keys)) == 5
    heavier = Config(field_weights={"title": 5.0, "summary": 2.0, "body": 1.0})
    assert counts_key(base, heavier) != keys[0]


def _counted(config: Config, docs: list[Doc], kept: counts.Kept | None = None) -> tuple[TermCounts, int]:
    """A build's counting: from what the file kept, over ``docs``; and how many terms they count."""
    term_counts = TermCounts(kept.counts, kept.terms) if kept else TermCounts()
    for d in docs:
        term_counts.keyed(d, config)
    counted = {t for ids, _ in term_counts.used.values() for t in ids}
    return term_counts, len(counted)


def test_the_file_keeps_what_a_build_used_numbered_as_it_was(tmp_path: Path) -> None:
    path, config = str(tmp_path / "cache" / counts.FILE_NAME), Config()
    assert counts.load(path, "v1") == counts.Kept()
    first, counted = _counted(config, DOCS)
    counts.save(path, "v1", counts.Kept(), first, counted)
    kept = counts.load(path, "v1")
    assert kept.terms == first.terms and kept.counts == first.used and kept.numbering
    assert counts.load(path, "v2") == counts.Kept()  # the counting code changed

    before = Path(path).stat().st_mtime_ns
    same, counted = _counted(config, DOCS, kept)
    counts.save(path, "v1", kept, same, counted)  # everything was known: nothing written
    assert Path(path).stat().st_mtime_ns == before

    edited = [*DOCS[:-1], Doc(key="new.md", slug="new", title="Quantum annealers", text="Qubits decohere.")]
    second, counted = _counted(config, edited, kept)
    counts.save(path, "v1", kept, second, counted)
    again = counts.load(path, "v1")
    assert again.numbering == kept.numbering  # new terms were appended to the numbering
    assert again.terms[: len(kept.terms)] == kept.terms and len(again.terms) > len(kept.terms)
    assert again.counts == second.used and counts_key(DOCS[-1], config) not in again.counts
    third, _ = _counted(config, edited, again)
    assert rank(edited, config, third) == rank(edited, config)


def test_the_terms_are_numbered_afresh_when_most_are_no_longer_counted(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(counts, "SLACK", 0)
    path, config = str(tmp_path / counts.FILE_NAME), Config()
    first, counted = _counted(config, DOCS)
    counts.save(path, "v1", counts.Kept(), first, counted)
    kept = counts.load(path, "v1")
    short = [Doc(key="a.md", slug="a", title="Chip", text="Foundry")]
    later, counted = _counted(config, short, kept)
    counts.save(path, "v1", kept, later, counted)
    again = counts.load(path, "v1")
    assert again.numbering != kept.numbering and sorted(again.terms) == again.terms and len(again.terms) == counted
    assert list(again.counts) == [counts_key(short[0], config)]
    assert TermCounts(again.counts, again.terms).of(short[0], config) == later.of(short[0], config)


def test_a_numbering_another_build_changed_meanwhile_is_not_appended_to(tmp_path: Path) -> None:
    path, config = str(tmp_path / counts.FILE_NAME), Config()
    first, counted = _counted(config, DOCS[:2])
    counts.save(path, "v1", counts.Kept(), first, counted)
    kept = counts.load(path, "v1")
    other, counted_other = _counted(config, [DOCS[2]], kept)  # another build appends its terms first
    counts.save(path, "v1", kept, other, counted_other)
    mine, counted_mine = _counted(config, [DOCS[3]], kept)  # this one numbered its new terms the same way
    counts.save(path, "v1", kept, mine, counted_mine)
    again = counts.load(path, "v1")
    assert again.numbering != kept.numbering
    assert TermCounts(again.counts, again.terms).of(DOCS[3], config) == TermCounts().of(DOCS[3], config)


def test_a_row_or_numbering_that_does_not_match_its_checksum_is_counted_again(tmp_path: Path) -> None:
    path, config = str(tmp_path / "cache" / counts.FILE_NAME), Config()
    first, counted = _counted(config, DOCS)
    counts.save(path, "v1", counts.Kept(), first, counted)
    with sqlite3.connect(path) as db:
        key, ids = db.execute("SELECT key, ids FROM counted ORDER BY key").fetchone()
        db.execute("UPDATE counted SET ids = ? WHERE key = ?", (bytes(len(ids)), key))  # same length: term 0s
    damaged = counts.load(path, "v1")
    assert len(damaged.counts) == len(first.used) - 1 and damaged.damaged == {key}
    again, counted = _counted(config, DOCS, damaged)
    counts.save(path, "v1", damaged, again, counted)  # the damaged row is written again
    assert counts.load(path, "v1").counts.keys() == first.used.keys() and not counts.load(path, "v1").damaged
    with sqlite3.connect(path) as db:
        db.execute("UPDATE numberings SET terms = '[\"forged\"]'")
    assert counts.load(path, "v1") == counts.Kept()  # the numbers would mean other terms: nothing is used


def test_a_damaged_or_foreign_file_reads_as_empty_and_is_replaced(tmp_path: Path) -> None:
    path, config = str(tmp_path / "cache" / counts.FILE_NAME), Config()
    first, counted = _counted(config, DOCS)
    counts.save(path, "v1", counts.Kept(), first, counted)
    Path(path).write_bytes(b"damaged")
    assert counts.load(path, "v1") == counts.Kept(unreadable=True)
    counts.save(path, "v1", counts.load(path, "v1"), first, counted)  # the damaged file is replaced by a new one
    assert counts.load(path, "v1").counts == first.used
    earlier = tmp_path / "cache" / "related-term-counts.sqlite3"  # pickled dicts, as builds used to keep them
    earlier.write_bytes(pickle.dumps({"k": {"chip": 1.0}}))
    counts.save(path, "v1", counts.Kept(), first, counted)
    assert not earlier.exists()
    counts.save(None, "v1", counts.Kept(), first, counted)  # no cache folder: nothing kept
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [counts.FILE_NAME]

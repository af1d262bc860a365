"""Term counts kept between builds: the same lists as counting afresh, and a safe cache file."""

from __future__ import annotations

import pickle
from pathlib import Path

from related import counts
from related.index import TermCounts, counts_key
from related.model import Config, Doc
from related.scoring import rank
from test_related_core import doc

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

    poisoned = {key: dict(value) for key, value in fresh.used.items()}
    again = TermCounts(poisoned)
    assert rank(DOCS, config, again) == expected
    assert again.used == fresh.used
    assert all(again.used[key] is poisoned[key] for key in poisoned)  # reused, not recounted
    assert rank(DOCS, config) == expected


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


def test_the_file_keeps_what_a_build_used_and_is_ignored_when_damaged_or_old(tmp_path: Path) -> None:
    path = str(tmp_path / "cache" / counts.FILE_NAME)
    assert counts.load(path, "v1") == {}
    used = {"k1": {"chip": 3.0, "foundry": 1.0}}
    counts.save(path, "v1", used, {})
    assert counts.load(path, "v1") == used
    assert counts.load(path, "v2") == {}  # the counting code changed
    before = Path(path).stat().st_mtime_ns
    counts.save(path, "v1", {"k1": {"chip": 3.0}}, used)  # the same keys as known: nothing written
    assert Path(path).stat().st_mtime_ns == before
    Path(path).write_bytes(b"damaged")
    assert counts.load(path, "v1") == {}
    Path(path).write_bytes(pickle.dumps(["something", "else", "entirely"]))
    assert counts.load(path, "v1") == {}
    counts.save(None, "v1", used, {})  # no cache folder: nothing kept
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [counts.FILE_NAME]

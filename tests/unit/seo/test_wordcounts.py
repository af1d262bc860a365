"""Word counts are kept by body between builds and always match a fresh count."""

from __future__ import annotations

from pathlib import Path

from seo import wordcounts
from seo.reading import count_words

BODIES = ["<p>One two three.</p>", "<p>Four <em>five</em></p><!-- hidden words --><p>six</p>", ""]


def test_counts_are_kept_between_builds_and_match_a_fresh_count(tmp_path: Path, monkeypatch) -> None:
    first = wordcounts.WordCounts(str(tmp_path))
    assert [first.count(b) for b in BODIES] == [count_words(b) for b in BODIES] == [3, 3, 0]
    first.save()
    assert (tmp_path / wordcounts.FILE_NAME).is_file()
    calls: list[str] = []
    monkeypatch.setattr(wordcounts, "count_words", lambda body: calls.append(body) or count_words(body))
    second = wordcounts.WordCounts(str(tmp_path))
    assert [second.count(b) for b in BODIES] == [3, 3, 0] and calls == []  # all known: nothing counted
    assert second.count("<p>A new body.</p>") == 3 and calls == ["<p>A new body.</p>"]
    second.save()
    third = wordcounts.WordCounts(str(tmp_path))
    assert third.known.keys() == second.used.keys()  # exactly what the last build used


def test_nothing_is_kept_without_a_cache_folder(tmp_path: Path) -> None:
    counts = wordcounts.WordCounts("")
    assert counts.count(BODIES[0]) == 3
    counts.save()
    assert list(tmp_path.iterdir()) == []


def test_a_change_to_the_counting_code_counts_afresh(tmp_path: Path, monkeypatch) -> None:
    first = wordcounts.WordCounts(str(tmp_path))
    first.count(BODIES[0])
    first.save()
    monkeypatch.setattr(wordcounts, "source_digest", lambda paths: "another version")
    calls: list[str] = []
    monkeypatch.setattr(wordcounts, "count_words", lambda body: calls.append(body) or 3)
    after = wordcounts.WordCounts(str(tmp_path))
    assert after.count(BODIES[0]) == 3 and calls == [BODIES[0]]  # the old count is not trusted
    after.save()
    assert all(key.startswith("another") for key in wordcounts.WordCounts(str(tmp_path)).known)  # and is dropped

"""The related index's files read ahead for a build forked from the one that stays in memory: taken over
only while both files are as they were read, and ranking from them gives the lists ranking from disk gives."""

from __future__ import annotations

import os
from pathlib import Path

from related.model import Config
from related.plugin import _rank_with_counts
from related.preload import load, memo_path, preload
from support.related import doc

DOCS = [
    doc("ransomware-hits-hospital", "Ransomware gang encrypts hospital records.", 0, tags=["ransomware"]),
    doc("hospital-pays-ransom", "The hospital paid the ransomware gang.", 2, tags=["ransomware"]),
    doc("chip-shortage-eases", "Foundries report the chip shortage easing as demand cools.", 1, section="Hardware"),
    doc("records-leaked", "Patient records leaked after the hospital ransomware attack.", 4),
]


def test_read_ahead_files_are_taken_while_unchanged_and_rank_as_the_files_do(tmp_path: Path) -> None:
    counts_file = str(tmp_path / "related-counts.sqlite3")
    first = _rank_with_counts(DOCS, Config(), counts_file)
    ahead = preload(counts_file)
    assert ahead is not None and ahead.memo is not None and ahead.kept.counts

    taken = load(counts_file, ahead)
    assert taken[0] is ahead.kept and taken[1] is ahead.memo  # from memory, not read again
    edited = [*DOCS[:3], doc("records-leaked", "Patient records leaked; the gang wants a ransom.", 4)]
    assert _rank_with_counts(edited, Config(), counts_file, carried=ahead) == _rank_with_counts(
        edited, Config(), str(tmp_path / "fresh.sqlite3")
    )
    assert _rank_with_counts(DOCS, Config(), counts_file) == first

    # the files were written since they were read ahead: read again, not taken
    kept, memo = load(counts_file, ahead)
    assert kept is not ahead.kept and memo is not ahead.memo and kept.counts

    again = preload(counts_file)
    assert again is not None
    os.remove(memo_path(counts_file))
    kept, memo = load(counts_file, again)
    assert kept is not again.kept and memo is None


def test_nothing_is_read_ahead_without_a_cache_folder() -> None:
    assert preload(None) is None
    kept, memo = load(None, None)
    assert not kept.counts and memo is None

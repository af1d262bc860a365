"""The related plugin's kept files (term counts, ranking memo) carry a digest of the code that made
them: each digest covers every module that code imports, so a change to one drops what it made."""

from __future__ import annotations

from related import counts, memo_file
from support.imports import package_closure, stems


def test_the_memo_digest_covers_every_module_ranking_imports() -> None:
    missing = package_closure("related", "scoring") - stems(memo_file._CODE)
    assert not missing, f"add {sorted(missing)} to related.memo_file._CODE"


def test_the_counts_digest_covers_the_counting_code() -> None:
    # model holds the shapes of documents and settings; what counting reads of them is in the counts key
    missing = package_closure("related", "vectors") - {"model"} - stems(counts._CODE)
    assert not missing, f"add {sorted(missing)} to related.counts._CODE"

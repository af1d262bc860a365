"""The differential check of related lists: a changed score or link is named, equal dumps pass."""

from __future__ import annotations

import json

from bench import related_diff


def _dump() -> dict:
    link = ["b.md", "scored", "0.5", "0.4", "0.0", ["ferry"], []]
    return {"set (build)": {"lists": {"a.md": [link], "b.md": []}, "problems": []}}


def test_equal_dumps_are_identical(tmp_path) -> None:
    for name in ("before.json", "after.json"):
        (tmp_path / name).write_text(json.dumps(_dump()), encoding="utf-8")
    assert related_diff.main(["compare", str(tmp_path / "before.json"), str(tmp_path / "after.json")]) == 0


def test_a_score_moved_in_the_last_digit_is_a_difference() -> None:
    after = _dump()
    after["set (build)"]["lists"]["a.md"][0][2] = "0.5000000000000001"
    assert related_diff.compare(_dump(), after) == ["set (build): 1 lists differ, first a.md"]
    assert related_diff.compare(_dump(), {}) == ["set (build): only in before"]

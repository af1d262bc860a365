"""The fast path's test of a save: only the headline and the standfirst may change besides the body."""

from __future__ import annotations

from datetime import datetime

from engine.refresh import changed_field


def test_the_headline_and_the_standfirst_may_change_and_the_slug_is_left_to_the_address() -> None:
    old = {"title": "A", "summary": "S", "date": datetime(2026, 11, 1), "tags": ["x"], "slug": "a"}
    assert changed_field(old, {**old, "title": "B", "summary": "T"}) is None
    assert changed_field(old, {k: v for k, v in old.items() if k != "slug"}) is None


def test_any_other_field_changed_added_or_removed_is_named() -> None:
    old = {"title": "A", "date": datetime(2026, 11, 1), "tags": ["x"], "slug": "a"}
    assert changed_field(old, {**old, "tags": ["x", "y"]}) == "tags"
    assert changed_field(old, {**old, "date": datetime(2026, 11, 2)}) == "date"
    assert changed_field(old, {**old, "image": "images/a.png"}) == "image"
    assert changed_field(old, {k: v for k, v in old.items() if k != "tags"}) == "tags"

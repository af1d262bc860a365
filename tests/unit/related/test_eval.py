"""Quality, measured: precision@3 on our own evaluation set of follow-up stories (tests/fixtures/related_eval)."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from related.evaluate import precision_at, tag_count_baseline
from related.model import Config, Doc
from related.scoring import rank
from related.sources import read_folder
from support.builds import FIXTURES

EVAL = FIXTURES / "related_eval"


@pytest.fixture(scope="module")
def evaluation() -> tuple[list[Doc], dict[str, str | None]]:
    docs = read_folder(EVAL / "articles")
    stories = json.loads((EVAL / "stories.json").read_text(encoding="utf-8"))["stories"]
    assert sorted(stories) == sorted(doc.slug for doc in docs), "stories.json must map every article"
    return docs, {doc.key: stories[doc.slug] for doc in docs}


def test_the_set_is_hard_on_purpose(evaluation) -> None:
    """At least 6 stories of 4+ articles, overlapping generic tags and sections, story tags missing on some."""
    docs, story_of = evaluation
    sizes = Counter(story for story in story_of.values() if story)
    assert len(sizes) >= 6 and min(sizes.values()) >= 4
    assert sum(1 for story in story_of.values() if story is None) >= 10
    by_story: dict[str, list[Doc]] = {}
    for doc in docs:
        by_story.setdefault(story_of[doc.key] or "", []).append(doc)
    for generic in ("security", "government", "cloud", "ransomware", "regulation"):
        assert len({story_of[d.key] for d in docs if generic in d.tags}) >= 3, generic
    sections = Counter(section for story, items in by_story.items() if story for section in {d.section for d in items})
    assert sum(1 for count in sections.values() if count >= 3) >= 2  # sections shared by three or more stories
    for story, items in by_story.items():
        if story:  # the story's own tag (used on most of its articles and nowhere else) is missing on some
            exclusive = Counter(
                t for d in items for t in d.tags if all(story_of[o.key] == story for o in docs if t in o.tags)
            )
            own, used = exclusive.most_common(1)[0]
            assert 2 <= used < len(items), (story, own)
    words = [len(d.text.split()) for d in docs]
    assert 80 <= min(words) and max(words) <= 200


def test_precision_at_3_is_at_least_0_9(evaluation) -> None:
    docs, story_of = evaluation
    lists = {key: [link.key for link in links] for key, links in rank(docs, Config()).lists.items()}
    precision, counted = precision_at(lists, story_of, 3)
    assert counted == sum(1 for story in story_of.values() if story)
    assert precision >= 0.9, f"precision@3 fell to {precision:.3f}"


def test_the_shared_tag_count_baseline_does_worse(evaluation) -> None:
    docs, story_of = evaluation
    baseline, _ = precision_at(tag_count_baseline(docs, 4), story_of, 3)
    ours, _ = precision_at(
        {key: [link.key for link in links] for key, links in rank(docs, Config()).lists.items()}, story_of, 3
    )
    assert baseline < 0.75 < ours


def test_precision_counts_missing_links_as_misses() -> None:
    story_of = {"a": "s", "b": "s", "c": "s", "d": "s", "x": None}
    assert precision_at({"a": ["b", "c", "d"], "b": ["a"], "c": [], "d": ["x", "a", "b"]}, story_of, 3) == (
        pytest.approx((3 + 1 + 0 + 2) / 12),
        4,
    )

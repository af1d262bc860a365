"""The generated evaluation sets (bench/related_sets.py): each reproduces its failure, and the scoring beats it.

Thresholds: precision@3 at least plain TF-IDF's on every set, and the figures issue #25 asks
for on real news (0.95 full articles with tags and dates, 0.80 long noisy pages, 0.86
headlines only; the same-topic events are held at 0.95).
"""

from __future__ import annotations

import itertools
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from related.evaluate import precision_at, tfidf_baseline
from related.model import Config
from related.scoring import rank
from related.text import Vocabulary

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import related_words  # noqa: E402
from bench.related_sets import make_sets  # noqa: E402

TARGETS = {"pages": 0.80, "outlets": 0.95, "headlines": 0.86, "events": 0.95}


@pytest.fixture(scope="module")
def sets():
    return make_sets()


def _stories(docs, story_of) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for doc in docs:
        if story_of[doc.key]:
            grouped.setdefault(story_of[doc.key], []).append(doc)
    return grouped


def test_the_same_seed_gives_the_same_sets_and_another_seed_other_ones(sets) -> None:
    assert make_sets() == sets
    assert make_sets(26)["pages"][0] != sets["pages"][0]


def test_every_set_has_stories_of_four_or_more_and_articles_in_no_story(sets) -> None:
    for name, (docs, story_of) in sets.items():
        sizes = Counter(story for story in story_of.values() if story)
        assert len(sizes) >= 10 and min(sizes.values()) >= 4, name
        assert sum(story is None for story in story_of.values()) >= 10, name
        assert len({doc.key for doc in docs}) == len(docs) == len(story_of), name


def test_pages_are_long_and_noisy_and_the_key_name_is_rare(sets) -> None:
    docs, story_of = sets["pages"]
    vocabulary = Vocabulary()
    for story, members in _stories(docs, story_of).items():
        titled = Counter(w for doc in members for w in set(re.findall(r"[A-Z][a-z]+", doc.title)))
        elsewhere = {w for doc in docs if story_of[doc.key] != story for w in re.findall(r"[A-Z][a-z]+", doc.title)}
        name = next(w for w, n in titled.most_common() if w not in elsewhere)  # in its headlines, no one else's
        mentions = [vocabulary.counts(doc.text)[name.lower()] for doc in members]
        assert max(mentions) <= 12 and sum(mentions) >= len(members), (story, name, mentions)  # a few in 1,500 words
    for doc in docs:
        assert len(doc.text.split()) >= 1000 and not doc.tags
    assert sum(len(doc.text.split()) for doc in docs) / len(docs) >= 1400
    assert len({doc.timestamp for doc in docs}) == 1  # no dates
    furniture = [line for group in related_words.FURNITURE for line in group]
    per_line = Counter(line for doc in docs for line in doc.text.split("\n\n") if line in furniture)
    assert per_line["hide caption"] >= 10 and per_line.most_common(1)[0][1] >= 20  # repeated per outlet


def test_outlets_share_publisher_tags_across_unrelated_stories(sets) -> None:
    docs, story_of = sets["outlets"]
    assert all(len(doc.tags) == 1 and doc.tags[0] in related_words.OUTLETS for doc in docs)
    pairs = {(doc.tags[0], story_of[doc.key]) for doc in docs if story_of[doc.key]}
    assert min(Counter(tag for tag, _ in pairs).values()) >= 4  # each outlet tag spans four stories or more
    assert all(doc.summary and len(doc.text.split()) >= 100 for doc in docs)
    assert len({doc.section for doc in docs}) == 6


def test_headlines_only_and_generic_words_rarer_than_the_names(sets) -> None:
    docs, story_of = sets["headlines"]
    assert all(not doc.text and not doc.summary for doc in docs)
    grouped = _stories(docs, story_of)
    assert all(len(members) == 25 for members in grouped.values())
    for members in grouped.values():  # within minutes
        times = [doc.timestamp for doc in members]
        assert max(times) - min(times) <= 90 * 60
    df = Counter(term for doc in docs for term in set(Vocabulary().counts(doc.title)))
    generic = [df[word] for word in related_words.HEADLINE_GENERIC]
    names = [Counter(w for d in members for w in set(Vocabulary().counts(d.title))).most_common(1)[0][1]
             for members in grouped.values()]  # fmt: skip
    assert max(generic) < sorted(names)[len(names) // 2]  # generic words: fewer headlines than most names


def test_events_share_actor_and_topic_weeks_apart(sets) -> None:
    docs, story_of = sets["events"]
    families: dict[str, set[str]] = {}
    for doc in docs:
        if story_of[doc.key]:
            families.setdefault(doc.slug.split("-")[0], set()).add(story_of[doc.key])
    assert len(families) >= 4 and all(len(stories) == 3 for stories in families.values())
    grouped = _stories(docs, story_of)
    for family, stories in families.items():
        starts = sorted(min(d.timestamp for d in grouped[s]) for s in stories)
        assert all(b - a >= 14 * 86400 for a, b in itertools.pairwise(starts)), family
        actors = {d.summary.split(" and ")[0] for s in stories for d in grouped[s]}
        assert len(actors) == 1, family  # one actor across the three events


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_precision_at_3_beats_plain_tfidf_and_meets_the_target(sets, name: str) -> None:
    docs, story_of = sets[name]
    ours = {key: [link.key for link in links] for key, links in rank(docs, Config()).lists.items()}
    precision, counted = precision_at(ours, story_of, 3)
    baseline, _ = precision_at(tfidf_baseline(docs, Config().count), story_of, 3)
    assert counted == sum(1 for story in story_of.values() if story)
    assert precision >= baseline, f"{name}: {precision:.3f} under plain TF-IDF's {baseline:.3f}"
    assert precision >= TARGETS[name], f"{name}: precision@3 fell to {precision:.3f}"


def test_the_earlier_scoring_fails_where_the_issue_says(sets) -> None:
    """With 16 terms and no furniture discount or name weight, the pages and headlines fall short."""
    earlier = Config(terms_max=16, furniture_weight=1.0, name_weight=0.0)
    for name in ("pages", "headlines"):
        docs, story_of = sets[name]
        lists = {key: [link.key for link in links] for key, links in rank(docs, earlier).lists.items()}
        assert precision_at(lists, story_of, 3)[0] < TARGETS[name], name

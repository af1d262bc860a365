"""Measuring related lists against known stories (pure): precision@k, a tag-count and a plain TF-IDF baseline."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

from .index import tag_name
from .model import PUBLISHED, Doc
from .text import Vocabulary


def precision_at(
    lists: Mapping[str, Sequence[str]], story_of: Mapping[str, str | None], k: int = 3
) -> tuple[float, int]:
    """Mean share of the first ``k`` links that stay in the article's own story, and how many articles counted.

    Only articles that belong to a story count; a missing or short list counts its empty
    places as misses, so a method cannot score well by listing less.
    """
    shares = []
    for key, story in sorted(story_of.items()):
        if story is None:
            continue
        links = list(lists.get(key, ()))[:k]
        shares.append(sum(1 for other in links if story_of.get(other) == story) / k)
    return (sum(shares) / len(shares) if shares else 0.0), len(shares)


def tag_count_baseline(docs: Sequence[Doc], count: int) -> dict[str, list[str]]:
    """What most generators do: rank the others by the number of tags shared, unweighted, newest first on ties."""
    published = [d for d in docs if d.status == PUBLISHED]
    tags = {d.key: {tag_name(t) for t in d.tags} for d in docs}
    by_tag: dict[str, list[Doc]] = {}
    for doc in published:
        for tag in tags[doc.key]:
            by_tag.setdefault(tag, []).append(doc)
    lists = {}
    for doc in docs:
        shared = Counter(other.key for tag in tags[doc.key] for other in by_tag.get(tag, ()) if other.key != doc.key)
        when = {d.key: d for d in published}
        ranked = sorted(shared, key=lambda key: (-shared[key], -when[key].timestamp, when[key].slug, key))
        lists[doc.key] = ranked[:count]
    return lists


def tfidf_baseline(docs: Sequence[Doc], count: int) -> dict[str, list[str]]:
    """Plain TF-IDF over headline and body: raw counts times ln(N/df), cosine over every term, all pairs.

    The textbook method the issue compares against (no term cut, no tags, sections or dates);
    for evaluation sets of a few hundred articles only. Ties go to the slug, then the key.
    """
    vocabulary = Vocabulary()
    counted = [vocabulary.counts(f"{d.title}\n{d.text}") for d in docs]
    df = Counter(term for counts in counted for term in counts)
    total = len(docs)
    vectors = []
    for counts in counted:
        weights = {t: c * math.log(total / df[t]) for t, c in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors.append({t: w / norm for t, w in weights.items() if w > 0})
    postings: dict[str, list[int]] = {}
    for d, vector in enumerate(vectors):
        for term in vector:
            postings.setdefault(term, []).append(d)
    lists = {}
    for a, doc in enumerate(docs):
        scores: dict[int, float] = {}
        for term, w in vectors[a].items():
            for b in postings[term]:
                if b != a and docs[b].status == PUBLISHED:
                    scores[b] = scores.get(b, 0.0) + w * vectors[b][term]
        ranked = sorted(scores, key=lambda b: (-scores[b], docs[b].slug, docs[b].key))
        lists[doc.key] = [docs[b].key for b in ranked[:count]]
    return lists

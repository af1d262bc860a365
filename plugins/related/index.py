"""Tag rarity and inverted indexes over a set of articles' vectors (pure; the vectors are ``vectors``).

Tags: a tag on ``df`` of ``N`` articles weighs ``ln(N / df) / ln(N)``: 0 for a tag on
every article, about 0.9 for a tag on two articles of a large site.

Inverted indexes: for every term and tag, the published articles that have it (in their
vector, for a term), oldest first. A term or tag nominates candidates for an article from
at most ``max_postings`` of them: all when it is that rare, otherwise the ``max_postings``
published nearest in time to the article (follow-ups cluster in time; a term that common
carries little weight anyway). So the work is bounded by
``articles x (terms_per_article + tags) x max_postings``, never all pairs (only an
article's ``terms_per_article`` strongest terms nominate; the others only score).
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from .model import PUBLISHED, Config, Doc
from .vectors import KnownVectors, TermCounts, TermVector, Vector, machine_array, text_vectors


def tag_name(tag: str) -> str:
    """Tags compare case-insensitively, with runs of spaces folded."""
    return " ".join(tag.lower().split())


@dataclass
class Index:
    docs: list[Doc]  # sorted by (slug, key); a document's number is its place here
    terms: list[str]  # term number -> term
    vectors: list[Vector]  # doc -> its vector (term numbers, unit-length weights), strongest first
    postings: dict[int, Postings]  # term -> the published docs with it in their vector, with its weight there
    tags: list[str]  # tag number -> tag
    tag_weight: list[float]  # tag number -> rarity weight
    doc_tags: list[tuple[int, ...]]  # doc -> its tag numbers, sorted
    tag_postings: dict[int, Postings]  # tag -> the published docs with it (weights: the tag's weight)
    counts_keys: list[str]  # doc -> the key of its term counts
    df: dict[str, int]  # term -> documents counting it
    reused: int = 0  # vectors kept from an earlier build

    def term_vectors(self) -> list[TermVector]:
        """Each document's vector by term rather than term number: what a later build can compare."""
        return [(tuple(map(self.terms.__getitem__, ids)), machine_array("d", weights)) for ids, weights in self.vectors]

    def known(self, term_vectors: Sequence[TermVector]) -> KnownVectors:
        """These vectors (``term_vectors()``), for a later build to reuse (see ``KnownVectors``)."""
        return KnownVectors(
            len(self.docs),
            self.df,
            {doc.key: (self.counts_keys[d], *term_vectors[d]) for d, doc in enumerate(self.docs)},
        )


@dataclass
class Postings:
    """Published documents oldest first (ties by number). Lists, not arrays, for documents and weights:
    the scoring loop reads them millions of times, and a list hands out existing objects where
    an array would box a new number on every read."""

    times: array  # timestamps, ascending
    docs: list[int]
    weights: list[float]

    def near(self, time: float, cap: int) -> tuple[list[int], list[float]]:
        """All documents when there are at most ``cap``, else the ``cap`` published nearest to ``time``."""
        if len(self.docs) <= cap:
            return self.docs, self.weights
        start = window_start(self.times, time, cap)
        return self.docs[start : start + cap], self.weights[start : start + cap]


def window_start(times: array, time: float, cap: int) -> int:
    """Where the ``cap`` entries of ``times`` (ascending, more than ``cap`` of them) nearest to ``time``
    start: centred on ``time``, moved inwards at either end. Comparisons rather than ``min`` and ``max``,
    which parse their arguments on each call: nominating candidates calls this for most terms."""
    start = bisect_left(times, time) - cap // 2
    last = len(times) - cap
    return 0 if start < 0 else last if start > last else start


def _postings(docs: Sequence[Doc], members: Sequence[tuple[Sequence[int], Sequence[float]]]) -> dict[int, Postings]:
    """``members``: doc -> (its keys, their weights); only published documents are kept."""
    lists: dict[int, tuple[list[float], list[int], list[float]]] = {}
    get = lists.get
    # oldest first, ties by number: each list is filled in its final order, with no sorting per key
    for d in sorted(range(len(docs)), key=lambda d: (docs[d].timestamp, d)):  # one int object per document
        doc = docs[d]
        if doc.status != PUBLISHED:
            continue
        for key, weight in zip(*members[d], strict=True):
            found = get(key)
            if found is None:
                found = lists[key] = ([], [], [])
            found[0].append(doc.timestamp)
            found[1].append(d)
            found[2].append(weight)
    return {key: Postings(array("d", times), numbers, weights) for key, (times, numbers, weights) in lists.items()}


def build_index(
    docs: Sequence[Doc], config: Config, term_counts: TermCounts | None = None, known: KnownVectors | None = None
) -> Index:
    ordered = sorted(docs, key=lambda d: (d.slug, d.key))
    made = text_vectors(ordered, config, term_counts, known)
    terms, vectors = made.terms, made.vectors
    numbers: dict[str, int] = {}
    doc_tags = []
    for doc in ordered:
        names = sorted({tag_name(t) for t in doc.tags if tag_name(t)})
        doc_tags.append(tuple(numbers.setdefault(n, len(numbers)) for n in names))
    df = [0] * len(numbers)
    for ids in doc_tags:
        for t in ids:
            df[t] += 1
    total = len(ordered)
    scale = math.log(total) if total > 1 else 0.0
    tag_weight = [math.log(total / d) / scale if scale else 0.0 for d in df]
    return Index(
        docs=ordered,
        terms=terms,
        vectors=vectors,
        postings=_postings(ordered, vectors),  # the same number and weight objects
        tags=sorted(numbers, key=numbers.__getitem__),
        tag_weight=tag_weight,
        doc_tags=doc_tags,
        tag_postings=_postings(ordered, [(ids, [tag_weight[t] for t in ids]) for ids in doc_tags]),
        counts_keys=made.counts_keys,
        df=made.df,
        reused=made.reused,
    )

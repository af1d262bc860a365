"""Documents' term counts and sparse TF-IDF vectors (pure).

Each article's terms are counted over headline, standfirst and body (each with its field
weight; see ``text.field_counts`` for page furniture and headline names), weighted
``ln(1 + count) * ln(N / df)``, cut to the article's strongest terms (``terms_per_article``,
or one for every ``TERMS_PER_KEPT`` distinct terms of a long text, up to ``terms_max``) and
scaled to unit length, so the dot product of two vectors is their cosine similarity.

Counts are kept between builds by what they are made from (``counts_key``), vectors while
the IDF of their terms is unchanged (``KnownVectors``). The index over them is ``index``.
"""

from __future__ import annotations

import hashlib
import math
import struct
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import mul, neg

from .model import Config, Doc
from .text import Vocabulary, field_counts

TERMS_PER_KEPT = 8  # a long text keeps one term in its vector for every 8 distinct terms it has
TermVector = tuple[tuple[str, ...], array]  # a vector by term: terms, strongest first, and their weights
# A vector by term number, as lists rather than arrays: scoring reads them millions of times, and a list
# hands out existing objects where an array would box a new number on every read. Its numbers are
# one object per term number in a build, shared by every vector and posting list.
Vector = tuple[list[int], list[float]]


class Numbering(dict[str, int]):
    """Term -> number, the next free number on first sight; ``terms`` holds them by number."""

    def __init__(self, terms: Iterable[str] = ()) -> None:
        self.terms = list(terms)
        super().__init__((term, number) for number, term in enumerate(self.terms))

    def __missing__(self, term: str) -> int:
        number = self[term] = len(self.terms)
        self.terms.append(term)
        return number


def machine_array(code: str, values: list) -> array:
    """``array(code, values)``, packed in one call: the array type parses every number it is handed
    with a format string, which took 8 % of ranking 1,000 articles."""
    made = array(code)
    made.frombytes(struct.pack(f"{len(values)}{code}", *values))
    return made


Counted = tuple[array, array]  # a document's term numbers (in a ``Numbering``) and field-weighted counts


def counts_key(doc: Doc, config: Config) -> str:
    """What a document's term counts depend on: its three texts and the field weights."""
    digest = hashlib.sha256(
        repr((sorted(config.field_weights.items()), config.furniture_weight, config.name_weight)).encode()
    )
    for text in (doc.title, doc.summary, doc.text):
        digest.update(text.encode())
        digest.update(b"\0")
    return digest.hexdigest()


class TermCounts:
    """Documents' field-weighted term counts by ``counts_key``, each term by its number in one
    ``Numbering``. Counts known from an earlier build come numbered in the terms they were kept
    with (``terms``), which this build's numbering starts from and extends: reusing them takes
    no work per term. ``used`` collects the counts of this build (for the shell to keep).
    Counting is most of the cost of building the index; a key covers everything it reads."""

    def __init__(self, known: Mapping[str, Counted] | None = None, terms: Iterable[str] = ()) -> None:
        self.known = known or {}
        self.numbers = Numbering(terms)
        self.used: dict[str, Counted] = {}
        self._vocabulary = Vocabulary()

    @property
    def terms(self) -> list[str]:
        """Every term numbered so far, by number (the numbers of ``used`` refer to it)."""
        return self.numbers.terms

    def of(self, doc: Doc, config: Config) -> dict[str, float]:
        """The document's counts by term."""
        ids, counts = self.keyed(doc, config)[1]
        return dict(zip(map(self.terms.__getitem__, ids), counts, strict=True))

    def keyed(self, doc: Doc, config: Config) -> tuple[str, Counted]:
        """The document's ``counts_key`` and its counts."""
        key = counts_key(doc, config)
        counted = self.known.get(key)
        if counted is None:
            fields = {"title": doc.title, "summary": doc.summary, "body": doc.text}
            counts = field_counts(
                fields, config.field_weights, self._vocabulary, config.furniture_weight, config.name_weight
            )
            counted = (machine_array("i", list(map(self.numbers.__getitem__, counts))),
                       machine_array("f", list(counts.values())))  # fmt: skip
        self.used[key] = counted
        return key, counted


@dataclass(frozen=True)
class KnownVectors:
    """The vectors of an earlier build with what they were made from: a document's vector is a
    function of its counts and of the IDF of its terms alone, so it holds while the number of
    documents and the document frequency of each of its terms are unchanged."""

    total: int
    df: Mapping[str, int]  # term -> documents counting it
    vectors: Mapping[str, tuple[str, tuple[str, ...], array]]  # doc key -> (counts key, terms, weights)


@dataclass
class _Vectors:
    terms: list[str]  # term number -> term
    vectors: list[Vector]  # doc -> (term numbers, unit-length weights), strongest first
    counts_keys: list[str]  # doc -> its counts key
    df: dict[str, int]  # term -> documents counting it
    reused: int = 0  # vectors taken from ``KnownVectors``


def text_vectors(
    docs: Sequence[Doc], config: Config, term_counts: TermCounts | None = None, known: KnownVectors | None = None
) -> _Vectors:
    """Each document's strongest terms as (term numbers, unit-length weights), and the terms by number."""
    term_counts = term_counts or TermCounts()
    numbers = term_counts.numbers  # the numbers known counts were kept with, extended by new terms
    df: Counter[int] = Counter()
    counted: list[Counted] = []
    keys = []
    for doc in docs:
        key, numbered = term_counts.keyed(doc, config)
        keys.append(key)
        df.update(numbered[0])
        counted.append(numbered)
    total = len(docs)
    terms = numbers.terms  # with terms only earlier builds' documents counted: no document reads them
    by_term = {terms[t]: n for t, n in df.items()}
    stale = _stale_terms(known, total, by_term, numbers)
    idf = [0.0] * len(terms)
    for t, n in df.items():
        idf[t] = math.log(total / n)
    least, most = config.terms_per_article, config.terms_max
    number = list(range(len(terms)))  # one int object per term, shared by every vector and posting list
    result = _Vectors(terms, [], keys, by_term)
    for i, (ids, counts) in enumerate(counted):
        counted[i] = (array("i"), array("f"))  # free the counts as we go
        earlier = known.vectors.get(docs[i].key) if stale is not None and known else None
        if earlier is not None and earlier[0] == keys[i] and stale.isdisjoint(ids):
            result.vectors.append((list(map(number.__getitem__, map(numbers.__getitem__, earlier[1]))),
                                   earlier[2].tolist()))  # fmt: skip
            result.reused += 1
            continue
        weights = list(map(mul, map(math.log1p, counts), map(idf.__getitem__, ids)))
        keep = min(max(least, len(weights) // TERMS_PER_KEPT), most)
        floor = max(sorted(weights)[-keep], 1e-12) if len(weights) > keep else 1e-12  # sorting floats is cheap
        # strongest first; equal weights by the term itself, so the cut depends on nothing but the
        # document's counts and their IDF (not on input order, nor on other documents' words)
        above = list(map(floor.__le__, weights))
        chosen = list(compress(ids, above))  # only these few are paired with their terms
        strongest = sorted(
            zip(map(neg, compress(weights, above)), map(terms.__getitem__, chosen), map(number.__getitem__, chosen),
                strict=True)
        )[:keep]  # fmt: skip
        norm = math.hypot(*(w for w, _, _ in strongest)) or 1.0
        result.vectors.append(([t for _, _, t in strongest], [-w / norm for w, _, _ in strongest]))
    return result


def _stale_terms(
    known: KnownVectors | None, total: int, df: Mapping[str, int], numbers: Mapping[str, int]
) -> set[int] | None:
    """The numbers of the terms whose IDF changed since ``known`` was made; None when every one did."""
    if known is None or known.total != total:
        return None
    # a term no document counts any more needs nothing: the documents that counted it have new counts
    return {numbers[t] for t, n in df.items() if known.df.get(t) != n}

"""What one ranking leaves for the next build, and which lists an edit can change (pure).

A related list reads its own article's vector, tags, section, time and pins; the postings
of its vector's terms and of its tags (which stories nominate themselves); the data of the
candidates nominated; and, to fill up, the newest stories of its section and of the site.
So when the set of stories, their order and everything but their texts and pins is as it
was, only these lists can differ from the earlier build's:

- a story whose vector or pins changed;
- a story with a term in its vector whose postings changed where it reads them (a term in
  the old or new vector of a story whose vector changed, among the ``max_postings`` entries
  nearest the story's time);
- a story that nominated, or links to (a pin, a fill-up), a story whose vector changed.

Anything else (a story added, deleted or renamed, a new headline, tag, section, date or
status, other settings) ranks every story again. ``tests/unit/related/test_memo.py`` checks that
ranking again from a memo gives exactly what ranking from scratch gives.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from .index import Index, Postings
from .model import PUBLISHED, Config, Doc, Link, PinProblem
from .vectors import KnownVectors
from .vectors import TermVector as Vector


def shape(doc: Doc) -> tuple[object, ...]:
    """What other stories' lists read of a story, besides its vector."""
    return (doc.key, doc.slug, doc.title, doc.tags, doc.section, doc.timestamp, doc.status)


@dataclass(frozen=True)
class Memo:
    config: Config
    shapes: tuple[tuple[object, ...], ...]  # per document, in the index's order
    pins: tuple[tuple[str, ...], ...]
    vectors: KnownVectors
    shortlists: tuple[tuple[int, ...], ...]  # per document: the documents it nominated
    lists: tuple[tuple[Link, ...], ...]
    problems: tuple[tuple[PinProblem, ...], ...]

    def vector(self, d: int) -> Vector:
        _, terms, weights = self.vectors.vectors[str(self.shapes[d][0])]
        return terms, weights


def affected(memo: Memo | None, config: Config, index: Index, vectors: Sequence[Vector]) -> set[int] | None:
    """The documents (by number in ``index``) whose lists must be ranked again; None for all of them.

    ``vectors``: each document's vector in this build, by term."""
    docs = index.docs
    if memo is None or memo.config != config or memo.shapes != tuple(map(shape, docs)):
        return None
    changed = {d for d in range(len(docs)) if vectors[d] != memo.vector(d)}
    again = changed | {d for d, doc in enumerate(docs) if doc.pins != memo.pins[d]}
    changed_keys = {docs[d].key for d in changed}  # a link's scores read the linked story's vector too
    again |= {d for d in range(len(docs)) if not changed.isdisjoint(memo.shortlists[d])
              or not changed_keys.isdisjoint(link.key for link in memo.lists[d])}  # fmt: skip
    touched: set[str] = set()
    for d in changed:
        touched.update(vectors[d][0], memo.vector(d)[0])
    readers: dict[str, list[int]] = {}  # touched term -> the other documents with it in their vector
    for d, (terms, _) in enumerate(vectors):
        if d not in again:
            for term in touched.intersection(terms):
                readers.setdefault(term, []).append(d)
    number = {term: t for t, term in enumerate(index.terms)}
    cap = config.max_postings
    for term, docs_reading in readers.items():
        now = index.postings.get(number.get(term, -1)) or _EMPTY
        before = _earlier_postings(now, term, changed, memo, docs)
        for a in docs_reading:  # a's nomination reads only the postings nearest its own time
            time = docs[a].timestamp
            if now.near(time, cap) != before.near(time, cap):
                again.add(a)
    return again


_EMPTY = Postings(array("d"), [], [])


def _earlier_postings(now: Postings, term: str, changed: set[int], memo: Memo, docs: Sequence[Doc]) -> Postings:
    """``now`` as it was in the memo's build: the changed documents' entries replaced by their earlier ones."""
    entries = [(t, d, w) for t, d, w in zip(now.times, now.docs, now.weights, strict=True) if d not in changed]
    for d in changed:
        terms, weights = memo.vector(d)
        if docs[d].status == PUBLISHED and term in terms:
            entries.append((docs[d].timestamp, d, weights[terms.index(term)]))
    entries.sort(key=lambda e: (e[0], e[1]))
    return Postings(array("d", [t for t, _, _ in entries]), [d for _, d, _ in entries], [w for _, _, w in entries])

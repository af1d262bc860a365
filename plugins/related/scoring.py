"""Related articles for every article (pure: a list of ``Doc`` in, a ``Ranking`` out).

Evidence is text and tags: ``base = weight_text * cosine + weight_tags * tag_evidence``,
where tag evidence is ``1 - prod(1 - w)`` over the shared tags' rarity weights ``w``.
Section and time only scale evidence that is already there:
``score = base * (1 + weight_section * same_section) * (1 + weight_time * 0.5 ** (days / half_life))``,
so two stories that merely share a section or a week are never related. Candidates whose
``base`` is under ``min_score`` are dropped, and so are those whose texts share no term of
their vectors and who share fewer than two tags: one tag alone (a publisher's, a section
word) is no story.

A list is: the pins, in the editor's order; then the best scored candidates (score high to
low, ties by slug, then key); then the newest published articles of the same section; then
the newest on the site, until ``count`` is reached. Never the article itself, a draft, a
hidden article (unless pinned), the same article twice or a second copy of one headline.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import repeat
from operator import mul

from .index import Index, build_index, window_start
from .memo import Memo, affected, shape
from .model import DRAFT, FALLBACK, LATEST, PINNED, PUBLISHED, SCORED, Config, Doc, Link, PinProblem, Ranking
from .vectors import KnownVectors, TermCounts

SHARED_TERMS = 6  # shared terms named per link in the reasons
DAY = 86400.0


def _headline(doc: Doc) -> str:
    return " ".join(doc.title.lower().split())


class _Ranker:
    def __init__(
        self,
        docs: Sequence[Doc],
        config: Config,
        term_counts: TermCounts | None = None,
        *,
        reasons: bool = True,
        known: KnownVectors | None = None,
    ) -> None:
        self.config = config
        self.reasons = reasons
        self.index: Index = build_index(docs, config, term_counts, known)
        self.shortlists: dict[int, tuple[int, ...]] = {}  # doc -> the candidates it nominated
        self.docs = self.index.docs
        self.shortlist = max(3 * config.count, config.count + 8)
        # what scoring reads of the settings, read once: a frozen dataclass's attribute costs a lookup each time
        self.weights = (config.weight_text, config.weight_tags, config.min_score, config.weight_section,
                        config.weight_time, config.half_life_days)  # fmt: skip
        by_slug: dict[str, list[int]] = {}
        for d, doc in enumerate(self.docs):
            by_slug.setdefault(doc.slug, []).append(d)
        self.by_slug = by_slug
        newest = sorted(
            (d for d, doc in enumerate(self.docs) if doc.status == PUBLISHED), key=lambda d: -self.docs[d].timestamp
        )  # stable: equal times stay in slug order
        self.newest = newest
        self.headlines = [_headline(doc) for doc in self.docs]
        self.times = [doc.timestamp for doc in self.docs]
        self.sections = [doc.section for doc in self.docs]
        self.tag_sets = [frozenset(tags) for tags in self.index.doc_tags]
        self.section_newest: dict[str, list[int]] = {}
        for d in newest:
            self.section_newest.setdefault(self.docs[d].section, []).append(d)

    # -- evidence -------------------------------------------------------------------------------

    def _nominate(self, a: int) -> list[int]:
        """Candidates sharing one of the ``terms_per_article`` strongest terms of ``a``'s vector or one of its
        tags, the best by a quick partial score.

        Each term or tag offers at most ``max_postings`` articles (the nearest in time when it
        is more common than that). Ties at the cut go to the lower document number (slug order),
        so the cut never depends on the order candidates were met in.
        """
        index, config = self.index, self.config
        cap, time = config.max_postings, self.times[a]
        acc: dict[int, float] = {}
        get = acc.get
        ids, weights = index.vectors[a]
        reach = config.terms_per_article  # a long text's further terms score the candidates but nominate none
        offered = index.postings.get
        for t, q in zip(ids[:reach], weights[:reach], strict=True):
            postings = offered(t)
            if postings is None:
                continue
            docs, values = postings.docs, postings.weights
            if len(docs) > cap:  # ``Postings.near``, written out: it runs for most terms of every article
                start = window_start(postings.times, time, cap)
                docs, values = docs[start : start + cap], values[start : start + cap]
            q_text = q * config.weight_text
            for b, w in zip(docs, values, strict=True):
                acc[b] = get(b, 0.0) + q_text * w
        tag_postings = index.tag_postings.get
        for t in index.doc_tags[a]:
            postings = tag_postings(t)
            if postings is not None:  # a common tag still offers the articles nearest in time
                w = config.weight_tags * index.tag_weight[t]
                for b in postings.near(time, cap)[0]:
                    acc[b] = get(b, 0.0) + w
        acc.pop(a, None)
        if len(acc) <= self.shortlist:
            return list(acc)
        cut = sorted(acc.values())[-self.shortlist]
        chosen = [b for b, value in acc.items() if value >= cut]  # fewer steps than compress over map
        if len(chosen) > self.shortlist:  # ties at the cut: the lower document numbers (slugs) win
            chosen.sort(key=lambda b: (-acc[b], b))
            del chosen[self.shortlist :]
        return chosen

    def _score(self, a: int, b: int, mine: dict[int, float]) -> tuple[float, float, float]:
        """(score, text cosine, tag evidence) of ``b`` for ``a``; score 0 when the evidence is under the minimum."""
        index = self.index
        w_text, w_tags, least, w_section, w_time, half_life = self.weights
        b_ids, b_weights = index.vectors[b]
        text = sum(map(mul, map(mine.get, b_ids, repeat(0.0)), b_weights))
        mine_tags, tag_weight = self.tag_sets[a], index.tag_weight
        miss, shared = 1.0, 0
        for t in index.doc_tags[b]:
            if t in mine_tags:
                miss *= 1.0 - tag_weight[t]
                shared += 1
        tags = 1.0 - miss
        base = w_text * text + w_tags * tags
        if base < least or base <= 0 or (text <= 0 and shared < 2):  # a lone tag is no story
            return 0.0, text, tags
        same = self.sections[a] == self.sections[b]
        near = closeness((self.times[a] - self.times[b]) / DAY, half_life)
        return base * (1.0 + w_section * same) * (1.0 + w_time * near), text, tags

    def evidence(
        self, a: int, b: int, kind: str, mine: dict[int, float], scored: tuple[float, float, float] | None = None
    ) -> Link:
        """The link to ``b`` from ``a`` with every reason behind its score (``scored``: ``_score``'s answer,
        when known). Without ``reasons`` the shared tags and terms are left empty."""
        index, docs = self.index, self.docs
        score, text, tags = scored or self._score(a, b, mine)
        if not self.reasons:
            return Link(
                docs[b].key, docs[b].slug, kind, score, text, tags, (), (),
                self.sections[a] == self.sections[b], abs(self.times[a] - self.times[b]) / DAY,
            )  # fmt: skip
        b_ids, b_weights = index.vectors[b]
        terms = sorted((-mine[t] * w, index.terms[t]) for t, w in zip(b_ids, b_weights, strict=True) if t in mine)
        shared = sorted(
            (t for t in index.doc_tags[b] if t in self.tag_sets[a]), key=lambda t: (-index.tag_weight[t], index.tags[t])
        )
        return Link(
            key=docs[b].key,
            slug=docs[b].slug,
            kind=kind,
            score=score,
            text=text,
            tags=tags,
            shared_tags=tuple((index.tags[t], index.tag_weight[t]) for t in shared),
            shared_terms=tuple(term for _, term in terms[:SHARED_TERMS]),
            same_section=self.sections[a] == self.sections[b],
            days_apart=abs(self.times[a] - self.times[b]) / DAY,
        )

    # -- the list -------------------------------------------------------------------------------

    def _pins(self, a: int, problems: list[PinProblem]) -> list[int]:
        doc = self.docs[a]
        found = []
        for slug in dict.fromkeys(doc.pins):
            matches = self.by_slug.get(slug, [])
            listable = [d for d in matches if self.docs[d].status != DRAFT and d != a]
            if not matches:
                problems.append(PinProblem(doc.key, f"no article has the slug '{slug}'.", _FIX_UNKNOWN))
            elif matches == [a]:
                problems.append(PinProblem(doc.key, f"'{slug}' is this article itself.", _FIX_SELF))
            elif not listable:
                problems.append(PinProblem(doc.key, f"'{slug}' is a draft; drafts are never listed.", _FIX_DRAFT))
            else:
                # the same slug in two months is two articles: take the one nearest in time
                found.append(min(listable, key=lambda d: (abs(self.docs[d].timestamp - doc.timestamp), d)))
        return found

    def related(self, a: int, problems: list[PinProblem]) -> tuple[Link, ...]:
        docs, count = self.docs, self.config.count
        ids, weights = self.index.vectors[a]
        mine = dict(zip(ids, weights, strict=True))
        taken: set[int] = {a}
        headlines = {self.headlines[a]}
        links: list[Link] = []

        def add(b: int, kind: str, scored: tuple[float, float, float] | None = None) -> None:
            taken.add(b)
            headlines.add(self.headlines[b])
            links.append(self.evidence(a, b, kind, mine, scored))

        def usable(b: int) -> bool:
            return b not in taken and docs[b].status == PUBLISHED and self.headlines[b] not in headlines

        for b in self._pins(a, problems):
            if b not in taken:
                add(b, PINNED)
        if len(links) < count:
            scored = []
            nominated = self.shortlists[a] = tuple(self._nominate(a))
            for b in nominated:
                found = self._score(a, b, mine)
                if found[0] > 0:
                    scored.append((-found[0], docs[b].slug, docs[b].key, b, found))
            scored.sort()  # keys are unique: the scores found are never compared
            for *_, b, found in scored:
                if len(links) < count and usable(b):
                    add(b, SCORED, found)
        for kind, pool in ((FALLBACK, self.section_newest.get(docs[a].section, [])), (LATEST, self.newest)):
            for b in pool:
                if len(links) >= count:
                    break
                if usable(b):
                    add(b, kind)
        return tuple(links)


_FIX_UNKNOWN = "check the spelling in 'Related:', or remove the slug (a slug is the last part of the article's URL)."
_FIX_SELF = "remove it from 'Related:'; an article is never related to itself."
_FIX_DRAFT = "publish that article first, or remove it from 'Related:'."


def rank(
    docs: Sequence[Doc], config: Config, term_counts: TermCounts | None = None, *, reasons: bool = True
) -> Ranking:
    """The related list of every article in ``docs``, and the pins that could not be honoured.

    ``term_counts`` may hold documents' term counts from an earlier build (the same lists
    come out either way) and collects this build's. Without ``reasons`` each link has its
    scores but no shared tags or terms (the build needs only the lists; the report explains them)."""
    if not _unique_keys(docs):
        return Ranking({}, ())
    ranker = _Ranker(docs, config, term_counts, reasons=reasons)
    problems: list[PinProblem] = []
    lists = {ranker.docs[a].key: ranker.related(a, problems) for a in range(len(ranker.docs))}
    return Ranking(dict(sorted(lists.items())), tuple(problems))


def rank_again(
    docs: Sequence[Doc], config: Config, term_counts: TermCounts | None = None, memo: Memo | None = None
) -> tuple[Ranking, Memo | None]:
    """``rank`` without reasons, ranking again only the lists an edit can change since ``memo``
    (see ``memo.affected``); the same ranking as ``rank``, and the memo for the next build."""
    if not _unique_keys(docs):
        return Ranking({}, ()), None
    known = memo.vectors if memo is not None and memo.config == config else None
    ranker = _Ranker(docs, config, term_counts, reasons=False, known=known)
    index = ranker.index
    vectors = index.term_vectors()
    again = affected(memo, config, index, vectors)
    lists, problems, shortlists = [], [], []
    for a in range(len(ranker.docs)):
        if memo is None or again is None or a in again:
            found: list[PinProblem] = []
            lists.append(ranker.related(a, found))
            problems.append(tuple(found))
            shortlists.append(ranker.shortlists.get(a, ()))
        else:
            lists.append(memo.lists[a])
            problems.append(memo.problems[a])
            shortlists.append(memo.shortlists[a])
    ranking = Ranking(
        dict(sorted((doc.key, links) for doc, links in zip(ranker.docs, lists, strict=True))),
        tuple(p for found in problems for p in found),
    )
    kept = Memo(config, tuple(map(shape, ranker.docs)), tuple(doc.pins for doc in ranker.docs), index.known(vectors),
                tuple(shortlists), tuple(lists), tuple(problems))  # fmt: skip
    return ranking, kept


def _unique_keys(docs: Sequence[Doc]) -> bool:
    """Whether there is anything to rank; a ValueError when two documents share a key."""
    keys = {doc.key for doc in docs}
    if len(keys) != len(docs):
        raise ValueError("every Doc needs a unique key")
    return bool(docs)


def closeness(days: float, half_life_days: float) -> float:
    """How near in time two articles are: 1 on the same day, 0.5 one half-life apart."""
    return math.pow(0.5, abs(days) / half_life_days)

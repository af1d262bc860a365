"""The related memo (``memo.Memo``) as JSON text and back (pure).

The memo used to be a pickle, and unpickling runs whatever code the bytes name: a crafted
``related-memo.pickle`` in a cache copied from elsewhere ran code on the next build. JSON
holds only text, numbers and lists, and ``decode`` accepts only a memo's shape: every
per-story column as long as the stories, every link to a story of the memo, every vector
as long as its terms. Anything else raises ``Unreadable`` and every list is ranked again.

The numbers (link scores, vector weights, story numbers) are kept as machine arrays in
base64 rather than as JSON numbers: 10,000 stories hold some 400,000 of them, which JSON
took seconds to write and read back one by one. A link is kept as the number of the story
it links to (its key and slug are that story's), so it can never name a story the memo
does not hold; a vector's terms as numbers into one list of terms.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from typing import Any

from .memo import Memo
from .model import Config, Link, PinProblem
from .packed import Unreadable, check, column, in_range, joined, packed, split, texts, unpacked
from .vectors import KnownVectors

__all__ = ["Unreadable", "decode", "encode"]


def encode(memo: Memo) -> str:
    """The memo as compact JSON; ValueError when it links to, or has vectors for, stories it does not hold."""
    number = {shape[0]: d for d, shape in enumerate(memo.shapes)}
    links = [link for found in memo.lists for link in found]
    to = [number.get(link.key, -1) for link in links]
    if any(d < 0 or memo.shapes[d][1] != link.slug for d, link in zip(to, links, strict=True)):
        raise ValueError("a link to a story the memo does not hold")
    vectors = [memo.vectors.vectors.get(str(shape[0])) for shape in memo.shapes]
    if None in vectors or len(memo.vectors.vectors) != len(vectors):
        raise ValueError("vectors that are not those of the memo's stories")
    terms = list(dict.fromkeys([*memo.vectors.df, *(t for v in vectors for t in v[1])]))
    term_number = {term: t for t, term in enumerate(terms)}
    kinds = sorted({link.kind for link in links})
    kind_number = {kind: k for k, kind in enumerate(kinds)}
    config = dataclasses.asdict(memo.config)
    config["field_weights"] = dict(memo.config.field_weights)
    shapes = memo.shapes
    return json.dumps(
        {
            "byteorder": sys.byteorder,
            "config": config,
            **{
                f"story_{name}": [shape[n] for shape in shapes]
                for n, name in enumerate(_SHAPE)
                if name not in ("tags", "times")
            },
            "story_tags": [tag for shape in shapes for tag in shape[3]],
            "story_tag_spans": packed("i", [len(shape[3]) for shape in shapes]),
            "story_times": packed("d", [shape[5] for shape in shapes]),
            "pins": memo.pins,
            "total": memo.vectors.total,
            "terms": terms,
            "df": packed("i", memo.vectors.df.values()),
            "counts_keys": [v[0] for v in vectors],
            "vector_spans": packed("i", [len(v[1]) for v in vectors]),
            "vector_terms": packed("i", [term_number[t] for v in vectors for t in v[1]]),
            "vector_weights": joined(v[2] for v in vectors),
            "shortlist_spans": packed("i", map(len, memo.shortlists)),
            "shortlists": packed("i", [d for found in memo.shortlists for d in found]),
            "link_spans": packed("i", map(len, memo.lists)),
            "link_kinds": kinds,
            "link_to": packed("i", to),
            "link_kind": packed("i", [kind_number[link.kind] for link in links]),
            "link_same_section": packed("i", [link.same_section for link in links]),
            **{f"link_{name}": packed("d", [link[n] for link in links]) for n, name in _LINK_NUMBERS},
            "link_reasons": [
                [n, [list(t) for t in link.shared_tags], list(link.shared_terms)]
                for n, link in enumerate(links)
                if link.shared_tags or link.shared_terms
            ],
            "problems": [[[p.key, p.message, p.fix] for p in found] for found in memo.problems],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


_SHAPE = ("keys", "slugs", "titles", "tags", "sections", "times", "statuses")  # ``memo.shape``'s parts
_LINK_NUMBERS = ((3, "score"), (4, "text"), (5, "tags"), (9, "days_apart"))  # Link's float fields by place


def _config(data: Any) -> Config:
    check(isinstance(data, dict) and set(data) == {f.name for f in dataclasses.fields(Config)}, "not the settings")
    weights = data["field_weights"]
    check(isinstance(weights, dict) and all(isinstance(k, str) for k in weights), "not the field weights")
    values = [v for k, v in data.items() if k != "field_weights"] + list(weights.values())
    check(all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values), "not the settings")
    return Config(**data)


def _shapes(data: dict[str, Any], swap: bool) -> list[tuple[object, ...]]:
    times = unpacked(data, "story_times", "d", swap)
    count = len(times)
    keys, slugs, titles, sections, statuses = (column(data, f"story_{name}", count) for name in _SHAPE
                                               if name not in ("tags", "times"))  # fmt: skip
    spans = unpacked(data, "story_tag_spans", "i", swap)
    check(len(spans) == count and isinstance(data["story_tags"], list), "not the stories' tags")
    tags = split(column(data, "story_tags", len(data["story_tags"])), spans, "stories' tags")
    return list(zip(keys, slugs, titles, map(tuple, tags), sections, times, statuses, strict=True))


def _vectors(data: dict[str, Any], shapes: list[tuple[object, ...]], swap: bool) -> KnownVectors:
    terms, counts_keys = texts(data["terms"]), column(data, "counts_keys", len(shapes))
    df = unpacked(data, "df", "i", swap)
    check(len(df) <= len(terms) and (not df or min(df) >= 0), "not the document frequencies")
    numbers = unpacked(data, "vector_terms", "i", swap)
    check(not numbers or (min(numbers) >= 0 and max(numbers) < len(terms)), "a vector term out of range")
    spans = unpacked(data, "vector_spans", "i", swap)
    check(len(spans) == len(shapes), "not one vector per story")
    weights = split(unpacked(data, "vector_weights", "d", swap), spans, "vector weights")
    vectors = {
        str(shape[0]): (counts, tuple(map(terms.__getitem__, ids)), w)
        for shape, counts, ids, w in zip(
            shapes, counts_keys, split(numbers, spans, "vector terms"), weights, strict=True
        )
    }
    total = data["total"]
    check(isinstance(total, int) and not isinstance(total, bool) and total >= 0, "not the number of stories")
    return KnownVectors(total, dict(zip(terms, df, strict=False)), vectors)


def _links(data: dict[str, Any], shapes: list[tuple[object, ...]], swap: bool) -> list[tuple[Link, ...]]:
    kinds = texts(data["link_kinds"])
    to = unpacked(data, "link_to", "i", swap)
    kind, same = unpacked(data, "link_kind", "i", swap), unpacked(data, "link_same_section", "i", swap)
    numbers = [unpacked(data, f"link_{name}", "d", swap) for _, name in _LINK_NUMBERS]
    count = len(to)
    check(all(len(column) == count for column in (kind, same, *numbers)), "not the links")
    in_range(to, len(shapes), "a link to a story the memo does not hold")
    in_range(kind, len(kinds), "a link of an unknown kind")
    in_range(same, 2, "not the links")
    keys, slugs, truth = [str(shape[0]) for shape in shapes], [str(shape[1]) for shape in shapes], (False, True)
    score, text, tags, days = numbers
    links = [Link(keys[d], slugs[d], kinds[k], score[n], text[n], tags[n], (), (), truth[s], days[n])
             for n, (d, k, s) in enumerate(zip(to, kind, same, strict=True))]  # fmt: skip
    check(isinstance(data["link_reasons"], list), "not the links' reasons")
    for item in data["link_reasons"]:
        match item:
            case [int(n), list(shared), list(terms)] if 0 <= n < count and all(
                isinstance(t, list) and len(t) == 2 and isinstance(t[0], str) and isinstance(t[1], float)
                for t in shared
            ):
                links[n] = links[n]._replace(shared_tags=tuple((t[0], t[1]) for t in shared),
                                             shared_terms=texts(terms))  # fmt: skip
            case _:
                raise Unreadable("not a link's reasons")
    spans = unpacked(data, "link_spans", "i", swap)
    check(len(spans) == len(shapes), "not one related list per story")
    return [tuple(found) for found in split(links, spans, "related lists")]


def _problem(item: Any) -> PinProblem:
    parts = texts(item)
    check(len(parts) == 3, "not a pin problem")
    return PinProblem(*parts)


def _per_story(data: dict[str, Any], name: str, count: int) -> list[Any]:
    value = data[name]
    check(isinstance(value, list) and len(value) == count and all(isinstance(v, list) for v in value),
           f"not one {name} entry per story")  # fmt: skip
    return value


NAMES = frozenset({
    "byteorder", "config", *(f"story_{name}" for name in _SHAPE), "story_tag_spans", "pins", "total", "terms", "df",
    "counts_keys", "vector_spans", "vector_terms", "vector_weights", "shortlist_spans", "shortlists", "link_spans",
    "link_kinds", "link_to", "link_kind", "link_same_section", *(f"link_{name}" for _, name in _LINK_NUMBERS),
    "link_reasons", "problems",
})  # fmt: skip


def decode(text: str) -> Memo:
    """The memo ``encode`` wrote; ``Unreadable`` for anything else."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise Unreadable(f"not JSON: {exc}") from exc
    check(isinstance(data, dict) and set(data) == NAMES and data["byteorder"] in ("little", "big"), "not a memo")
    swap = data["byteorder"] != sys.byteorder
    shapes = _shapes(data, swap)
    count = len(shapes)
    check(len({shape[0] for shape in shapes}) == count, "a story twice")
    shortlisted = unpacked(data, "shortlists", "i", swap)
    check(not shortlisted or (min(shortlisted) >= 0 and max(shortlisted) < count), "a shortlist out of range")
    shortlists = split(shortlisted, unpacked(data, "shortlist_spans", "i", swap), "shortlists")
    check(len(shortlists) == count, "not one shortlist per story")
    return Memo(
        config=_config(data["config"]),
        shapes=tuple(shapes),
        pins=tuple(texts(pins) for pins in _per_story(data, "pins", count)),
        vectors=_vectors(data, shapes, swap),
        shortlists=tuple(tuple(found) for found in shortlists),
        lists=tuple(_links(data, shapes, swap)),
        problems=tuple(tuple(map(_problem, found)) for found in _per_story(data, "problems", count)),
    )

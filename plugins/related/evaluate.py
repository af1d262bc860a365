"""Measuring related lists against known stories (pure): precision@k and a tag-count baseline."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from .index import tag_name
from .model import PUBLISHED, Doc


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

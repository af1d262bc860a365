"""FEEDS_MAX_BYTES: as many of a feed's newest items as fit, and only those left out that must be (pure).

A feed over the cap keeps the longest run of its newest items that fits. An item that does
not fit even alone in an otherwise empty feed (a story with a huge headline or body) could
never be carried: it is left out on its own, and the items after it are kept as usual,
instead of the whole feed being cut down to make room for it.

Sizes come from ``size``, each item's share of the document: exact for RSS and Atom (the
document is the channel's head plus the items' serialized pieces), close for JSON Feed. The
choice is then checked against the real document, and moved by one item at a time until it
is the longest run that fits, so an estimate only ever costs a render or two, never an item.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Fitted(Generic[T]):
    document: bytes
    kept: tuple[T, ...]  # the newest items that fit, in order
    too_large: tuple[T, ...]  # items larger than a feed may be even alone: left out wherever they fall


def fit(
    items: Sequence[T], document: Callable[[tuple[T, ...]], bytes], size: Callable[[T], int], limit: int
) -> Fitted[T]:
    """The document of the most newest ``items`` that fit in ``limit`` bytes (``document`` makes one
    from some items, in the order given; ``size`` estimates an item's share of it)."""
    whole = document(tuple(items))
    if len(whole) <= limit:
        return Fitted(whole, tuple(items), ())
    room = limit - len(document(()))
    too_large = tuple(i for i in items if size(i) > room and len(document((i,))) > limit)
    if too_large:
        large = {id(i) for i in too_large}
        items = [i for i in items if id(i) not in large]
    count, used = 0, 0
    for item in items:
        used += size(item)
        if used > room:
            break
        count += 1
    result = document(tuple(items[:count]))
    while len(result) > limit and count > 0:  # the estimate was short: one fewer
        count -= 1
        result = document(tuple(items[:count]))
    while count < len(items):  # the estimate was generous: one more while it fits
        more = document(tuple(items[: count + 1]))
        if len(more) > limit:
            break
        count, result = count + 1, more
    return Fitted(result, tuple(items[:count]), too_large)

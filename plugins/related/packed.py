"""Numbers kept as machine arrays in JSON text, and the checks that reading any JSON back needs (pure).

JSON writes and reads numbers one at a time; hundreds of thousands of them (the related
memo's scores, weights and story numbers) took seconds. ``packed`` keeps an array of them
as base64 of its bytes, ``unpacked`` reads it back and refuses anything but such text.
The rest are the checks a decoder of untrusted JSON makes on each part it reads: each
raises ``Unreadable``, never lets a wrong type through.
"""

from __future__ import annotations

import base64
import binascii
from array import array
from collections.abc import Iterable
from itertools import accumulate
from typing import Any

ITEM_SIZES = {"i": 4, "d": 8}  # the array type codes used, and the item sizes they must have here


class Unreadable(ValueError):
    """Text that is not what this code wrote."""


def packed(code: str, values: Iterable[float] | array) -> str:
    numbers = values if isinstance(values, array) and values.typecode == code else array(code, values)
    return base64.b64encode(numbers.tobytes()).decode("ascii")


def joined(arrays: Iterable[array]) -> str:
    """Arrays of doubles one after another, as ``packed`` gives one."""
    return base64.b64encode(b"".join(a.tobytes() if a.typecode == "d" else array("d", a).tobytes()
                                     for a in arrays)).decode("ascii")  # fmt: skip


def check(condition: bool, what: str) -> None:
    if not condition:
        raise Unreadable(what)


def texts(value: Any) -> tuple[str, ...]:
    check(isinstance(value, list) and all(isinstance(v, str) for v in value), "not a list of text")
    return tuple(value)


def column(data: dict[str, Any], name: str, count: int) -> list[str]:
    """``data[name]``: a list of ``count`` texts."""
    values = data[name]
    check(isinstance(values, list) and len(values) == count and all(type(v) is str for v in values),
          f"not the {name}")  # fmt: skip
    return values


def unpacked(data: dict[str, Any], name: str, code: str, swap: bool) -> array:
    """The array ``packed`` wrote as ``data[name]``; ``swap``: written on a machine of the other byte order."""
    values = array(code)
    check(isinstance(data[name], str) and values.itemsize == ITEM_SIZES[code], f"not the {name}")
    try:
        values.frombytes(base64.b64decode(data[name], validate=True))
    except (ValueError, binascii.Error) as exc:
        raise Unreadable(f"not the {name}: {exc}") from exc
    if swap:
        values.byteswap()
    return values


def in_range(values: array, below: int, what: str) -> None:
    check(not values or (min(values) >= 0 and max(values) < below), what)


def split(values: Any, spans: array, what: str) -> list[Any]:
    """``values`` (an array or a list) cut into consecutive runs of the lengths ``spans`` gives."""
    check(not spans or min(spans) >= 0, f"not the {what}")
    check(sum(spans) == len(values), f"the {what} do not add up")
    return [values[end - n : end] for n, end in zip(spans, accumulate(spans), strict=True)]

"""A file's checked front-matter (``readings.Reading``) as JSON text and back (pure).

Readings used to be kept as pickles, and unpickling runs whatever code the bytes name: a
crafted cache file could run code on the next build. JSON carries only what a reading
holds (text, true/false, lists of text, dates with their zone, problems, the paths the
checks looked up), and ``decode`` accepts nothing else: anything unexpected reads as no
reading, and the file is checked again.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from common.errors import Problem


class Unreadable(ValueError):
    """Stored text that is not a reading this code wrote."""


def _value(value: Any) -> Any:
    """A front-matter value as JSON: text, true/false and lists of text as they are; a date as an object."""
    if isinstance(value, (str, bool)) or (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        return value
    if isinstance(value, datetime) and isinstance(value.tzinfo, ZoneInfo):
        return {"local": value.replace(tzinfo=None).isoformat(), "zone": value.tzinfo.key, "fold": value.fold}
    if isinstance(value, datetime) and isinstance(value.tzinfo, timezone):
        return {"at": value.isoformat()}
    raise TypeError(f"a reading holds no {type(value).__name__}")


def encode(metadata: dict[str, Any], problems: tuple[Problem, ...], body_key: str,
           looked_up: tuple[tuple[str, bool], ...]) -> str:  # fmt: skip
    """JSON of a reading's parts; TypeError for a value a reading does not hold."""
    return json.dumps(
        [
            {name: _value(value) for name, value in metadata.items()},
            [[p.path, p.line, p.field, p.message, p.fix, p.severity] for p in problems],
            body_key,
            [[path, answer] for path, answer in looked_up],
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


_ZONES: dict[str, ZoneInfo] = {}


def _date(value: dict[str, Any]) -> datetime:
    """A date ``_value`` wrote: a local time in a named zone, or a time with a fixed offset."""
    try:
        if value.keys() == {"local", "zone", "fold"} and value["fold"] in (0, 1):
            zone = _ZONES.get(value["zone"]) or _ZONES.setdefault(value["zone"], ZoneInfo(value["zone"]))
            local = datetime.fromisoformat(value["local"])
            if local.tzinfo is None:
                return local.replace(tzinfo=zone, fold=value["fold"])
        elif value.keys() == {"at"}:
            at = datetime.fromisoformat(value["at"])
            if isinstance(at.tzinfo, timezone):
                return at
    except (TypeError, ValueError, ZoneInfoNotFoundError) as exc:
        raise Unreadable(f"not a date: {exc}") from exc
    raise Unreadable(f"not a date: {value!r:.80}")


def _metadata(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise Unreadable("not the front-matter")
    for name, value in data.items():
        if type(value) is str or type(value) is bool:
            continue
        if type(value) is dict:
            data[name] = _date(value)
        elif type(value) is not list or not all(type(v) is str for v in value):
            raise Unreadable(f"not a front-matter value: {value!r:.80}")
    return data


def _problem(item: Any) -> Problem:
    match item:
        case [str(path), line, field, str(message), str(fix), "error" | "warning" as severity] if (
            line is None or (type(line) is int and line >= 0)
        ) and (field is None or type(field) is str):
            return Problem(path, line, field, message, fix, severity)
    raise Unreadable(f"not a problem: {item!r:.80}")


def _looked_up(item: Any) -> tuple[str, bool]:
    if type(item) is list and len(item) == 2 and type(item[0]) is str and type(item[1]) is bool:
        return item[0], item[1]
    raise Unreadable(f"not a looked-up path: {item!r:.80}")


def decode(text: str | bytes) -> tuple[dict[str, Any], tuple[Problem, ...], str, tuple[tuple[str, bool], ...]]:
    """The parts ``encode`` wrote; ``Unreadable`` for anything else."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise Unreadable(f"not JSON: {exc}") from exc
    if type(data) is not list or len(data) != 4:
        raise Unreadable("not a reading")
    metadata, problems, body_key, looked_up = data
    if type(problems) is not list or type(body_key) is not str or type(looked_up) is not list:
        raise Unreadable("not a reading")
    return _metadata(metadata), tuple(map(_problem, problems)), body_key, tuple(map(_looked_up, looked_up))

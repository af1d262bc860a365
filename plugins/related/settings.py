"""RELATED_* settings: defaults in one place, validated once at start-up.

| setting | default | meaning |
| --- | --- | --- |
| RELATED_COUNT | 4 | articles in every related list (pins beyond it are still shown) |
| RELATED_HEADING | "Related stories" | the list's heading |
| RELATED_WEIGHT_TEXT | 1.0 | weight of the text similarity (cosine of TF-IDF vectors, 0..1) |
| RELATED_WEIGHT_TAGS | 0.1 | weight of the tag evidence (rarity-weighted shared tags, 0..1) |
| RELATED_WEIGHT_SECTION | 0.1 | same section multiplies the score by 1 + this |
| RELATED_WEIGHT_TIME | 0.5 | published close in time multiplies the score by up to 1 + this |
| RELATED_HALF_LIFE_DAYS | 30 | days apart at which the time bonus has halved |
| RELATED_MIN_SCORE | 0.03 | text + tag evidence below this is no evidence: the place goes to the fallback |
| RELATED_FIELD_WEIGHTS | {"title": 3, "summary": 2, "body": 1} | how much a word counts in each field |
| RELATED_TERMS_PER_ARTICLE | 16 | the strongest terms an article keeps at least; they nominate candidates |
| RELATED_TERMS_MAX | 64 | a long article keeps one term per 8 distinct ones, up to this many (to score candidates) |
| RELATED_FURNITURE_WEIGHT | 0.1 | a word of page furniture (a short body line ending no sentence) counts this much |
| RELATED_NAME_WEIGHT | 4 | a name in the headline or standfirst (capitalised mid-sentence) counts 1 + this times |
| RELATED_MAX_POSTINGS | 20 | candidates one term or tag may nominate: all its articles when it is on at most |
|                      |    | this many, else the ones nearest in time (the cap that keeps the work linear) |
| RELATED_WORKER_FROM | 500 | from this many articles, rank in a worker process beside the rest of the build |
| RELATED_CACHE | True | keep each article's term counts in CACHE_PATH, so a build counts only changed texts |
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from common.errors import SettingsError, true_or_false, whole_number
from common.settings import read

from .model import Config

PREFIX = "RELATED_"
FIELDS = ("title", "summary", "body")
_CORE = Config()  # the scoring defaults live on Config; the names here map onto it
DEFAULTS: dict[str, Any] = {
    "COUNT": _CORE.count,
    "HEADING": "Related stories",
    "WEIGHT_TEXT": _CORE.weight_text,
    "WEIGHT_TAGS": _CORE.weight_tags,
    "WEIGHT_SECTION": _CORE.weight_section,
    "WEIGHT_TIME": _CORE.weight_time,
    "HALF_LIFE_DAYS": _CORE.half_life_days,
    "MIN_SCORE": _CORE.min_score,
    "FIELD_WEIGHTS": dict(_CORE.field_weights),
    "TERMS_PER_ARTICLE": _CORE.terms_per_article,
    "TERMS_MAX": _CORE.terms_max,
    "FURNITURE_WEIGHT": _CORE.furniture_weight,
    "NAME_WEIGHT": _CORE.name_weight,
    "MAX_POSTINGS": _CORE.max_postings,
    "WORKER_FROM": 500,
    "CACHE": True,
}


@dataclass(frozen=True)
class RelatedSettings:
    heading: str
    config: Config
    worker_from: int
    cache: bool


def _number(key: str, value: Any, errors: list[str], positive: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        errors.append(f"{PREFIX}{key} must be a number, not {value!r}.")
        return 1.0
    if value < 0 or (positive and value == 0):
        errors.append(f"{PREFIX}{key} must be {'more than 0' if positive else '0 or more'}, not {value!r}.")
        return 1.0
    return float(value)


def _whole(key: str, value: Any, errors: list[str]) -> int:
    return whole_number(PREFIX + key, value, errors)


def _field_weights(value: Any, errors: list[str]) -> dict[str, float]:
    key = f"{PREFIX}FIELD_WEIGHTS"
    if not isinstance(value, Mapping):
        errors.append(f"{key} must be a dict such as {DEFAULTS['FIELD_WEIGHTS']!r}, not {value!r}.")
        return dict(DEFAULTS["FIELD_WEIGHTS"])
    unknown = sorted(str(k) for k in value if k not in FIELDS)
    if unknown:
        errors.append(f"{key} has unknown fields {unknown}; use {', '.join(FIELDS)}.")
    weights = {name: _number(f"FIELD_WEIGHTS['{name}']", value.get(name, 0), errors) for name in FIELDS}
    if not any(weights.values()):
        errors.append(f"{key} must give at least one of {', '.join(FIELDS)} a weight above 0.")
    return weights


def load(settings: Mapping[str, Any]) -> RelatedSettings:
    """Read and check every RELATED_* setting; raise one SettingsError listing every problem."""
    errors: list[str] = []
    raw = read(settings, PREFIX, DEFAULTS, errors)
    heading = raw["HEADING"]
    if not isinstance(heading, str) or not heading.strip():
        errors.append(f"{PREFIX}HEADING must be non-empty text, not {heading!r}.")
        heading = DEFAULTS["HEADING"]
    config = Config(
        count=_whole("COUNT", raw["COUNT"], errors),
        weight_text=_number("WEIGHT_TEXT", raw["WEIGHT_TEXT"], errors),
        weight_tags=_number("WEIGHT_TAGS", raw["WEIGHT_TAGS"], errors),
        weight_section=_number("WEIGHT_SECTION", raw["WEIGHT_SECTION"], errors),
        weight_time=_number("WEIGHT_TIME", raw["WEIGHT_TIME"], errors),
        half_life_days=_number("HALF_LIFE_DAYS", raw["HALF_LIFE_DAYS"], errors, positive=True),
        min_score=_number("MIN_SCORE", raw["MIN_SCORE"], errors),
        max_postings=_whole("MAX_POSTINGS", raw["MAX_POSTINGS"], errors),
        terms_per_article=_whole("TERMS_PER_ARTICLE", raw["TERMS_PER_ARTICLE"], errors),
        terms_max=_whole("TERMS_MAX", raw["TERMS_MAX"], errors),
        furniture_weight=_number("FURNITURE_WEIGHT", raw["FURNITURE_WEIGHT"], errors),
        name_weight=whole_number(PREFIX + "NAME_WEIGHT", raw["NAME_WEIGHT"], errors, minimum=0),
        field_weights=_field_weights(raw["FIELD_WEIGHTS"], errors),
    )
    if not errors and config.terms_max < config.terms_per_article:
        errors.append(
            f"{PREFIX}TERMS_MAX ({config.terms_max}) must be at least {PREFIX}TERMS_PER_ARTICLE"
            f" ({config.terms_per_article}): raise it, or lower {PREFIX}TERMS_PER_ARTICLE."
        )
    if not errors and config.furniture_weight > 1:
        errors.append(
            f"{PREFIX}FURNITURE_WEIGHT must be from 0 (furniture ignored) to 1 (counted as prose),"
            f" not {config.furniture_weight!r}."
        )
    if not errors and config.weight_text == 0 and config.weight_tags == 0:
        errors.append(f"{PREFIX}WEIGHT_TEXT and {PREFIX}WEIGHT_TAGS cannot both be 0: nothing would count as evidence.")
    worker_from = _whole("WORKER_FROM", raw["WORKER_FROM"], errors)
    true_or_false(PREFIX + "CACHE", raw["CACHE"], errors)
    if errors:
        raise SettingsError("Related settings are not valid:\n  " + "\n  ".join(errors))
    return RelatedSettings(heading=heading.strip(), config=config, worker_from=worker_from, cache=raw["CACHE"])

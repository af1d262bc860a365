"""DELIVERY_* settings: defaults in one place, validated once at start-up."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from common.compress import Encoding
from common.errors import SettingsError, true_or_false, whole_number
from common.settings import read

PREFIX = "DELIVERY_"
DEFAULTS: dict[str, Any] = {
    "PRECOMPRESS": True,  # write page.html.gz and page.html.br beside every text file of the site
    "MIN_BYTES": 1024,  # smaller files get no siblings: they fit in a packet or two either way
    "CACHE": True,  # keep the siblings in CACHE_PATH by the bytes they were made from, for clean builds
    "BROTLI_QUALITY": 5,  # 0-11; 11 makes files 15 % smaller at a 50th of the speed (BENCHMARKS.md)
}


@dataclass(frozen=True)
class DeliverySettings:
    precompress: bool
    encoding: Encoding
    cache: bool = True


def load(settings: Mapping[str, Any]) -> DeliverySettings:
    errors: list[str] = []
    raw = read(settings, PREFIX, DEFAULTS, errors)
    true_or_false(PREFIX + "PRECOMPRESS", raw["PRECOMPRESS"], errors)
    true_or_false(PREFIX + "CACHE", raw["CACHE"], errors)
    whole_number(PREFIX + "MIN_BYTES", raw["MIN_BYTES"], errors, minimum=0)
    whole_number(PREFIX + "BROTLI_QUALITY", raw["BROTLI_QUALITY"], errors, minimum=0, maximum=11)
    if errors:
        raise SettingsError("Delivery settings are not valid:\n  " + "\n  ".join(errors))
    return DeliverySettings(raw["PRECOMPRESS"], Encoding(raw["BROTLI_QUALITY"], raw["MIN_BYTES"]), raw["CACHE"])

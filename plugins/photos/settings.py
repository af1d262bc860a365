"""PHOTOS_* settings: defaults in one place, validated once at start-up."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from common.errors import SettingsError, whole_number
from common.settings import read

PREFIX = "PHOTOS_"
FORMATS = ("avif", "webp")  # the modern formats a <picture> may offer before its JPEG
DEFAULTS: dict[str, Any] = {
    "WIDTHS": (480, 800, 1200, 1600, 2400),  # a hero's widths on its page (never wider than the photo)
    "FORMATS": ("webp",),  # offered before the JPEG, best first; "avif" costs 3x WebP's time (BENCHMARKS.md)
    "QUALITY": {"jpeg": 80, "webp": 75, "avif": 50},
    "MAX_PIXELS": 50_000_000,  # a larger photo is refused (a decompression bomb); 50 MP is 8660 x 5773
    "FEED_WIDTH": 800,  # the JPEG feeds carry
    "FOLDER": "img",  # where the derivatives are published in the site
    "SITE_IMAGE": "img/favicon.svg",  # the theme's static file drawn on a square for pages without a hero
}


@dataclass(frozen=True)
class PhotoSettings:
    widths: tuple[int, ...]
    formats: tuple[str, ...]
    quality: dict[str, int]
    max_pixels: int
    feed_width: int
    folder: str
    site_image: str  # a file of the theme's static folder, relative to it
    site_url: str  # SITEURL, no trailing slash: the prefix of every srcset address


def load(settings: Mapping[str, Any]) -> PhotoSettings:
    errors: list[str] = []
    raw = read(settings, PREFIX, DEFAULTS, errors)
    widths = raw["WIDTHS"]
    if not isinstance(widths, (list, tuple)) or not widths:
        errors.append(f"{PREFIX}WIDTHS must be a list of widths in pixels, e.g. (480, 800, 1200), not {widths!r}.")
        widths = DEFAULTS["WIDTHS"]
    widths = tuple(sorted({whole_number(f"{PREFIX}WIDTHS", w, errors, 16, 8000) for w in widths}))
    formats = raw["FORMATS"]
    if (
        not isinstance(formats, (list, tuple))
        or any(f not in FORMATS for f in formats)
        or len(set(formats)) != len(formats)
    ):
        errors.append(
            f"{PREFIX}FORMATS must list some of {', '.join(FORMATS)} once each (or nothing), not {formats!r}."
        )
        formats = DEFAULTS["FORMATS"]
    quality = {**DEFAULTS["QUALITY"], **raw["QUALITY"]} if isinstance(raw["QUALITY"], dict) else None
    if quality is None or set(quality) != set(DEFAULTS["QUALITY"]):
        errors.append(
            f"{PREFIX}QUALITY must map jpeg, webp and avif to a quality from 1 to 100, not {raw['QUALITY']!r}."
        )
        quality = dict(DEFAULTS["QUALITY"])
    quality = {fmt: whole_number(f"{PREFIX}QUALITY[{fmt!r}]", q, errors, 1, 100) for fmt, q in sorted(quality.items())}
    folder = raw["FOLDER"]
    if not isinstance(folder, str) or not folder or any(p in ("", ".", "..") for p in folder.split("/")):
        errors.append(f'{PREFIX}FOLDER must be a folder of the site, e.g. "img", not {folder!r}.')
        folder = DEFAULTS["FOLDER"]
    config = PhotoSettings(
        widths=widths,
        formats=tuple(formats),
        quality=quality,
        max_pixels=whole_number(f"{PREFIX}MAX_PIXELS", raw["MAX_PIXELS"], errors, 1_000_000),
        feed_width=whole_number(f"{PREFIX}FEED_WIDTH", raw["FEED_WIDTH"], errors, 100, 4000),
        folder=folder,
        site_image=str(raw["SITE_IMAGE"]),
        site_url=str(settings.get("SITEURL") or "").rstrip("/"),
    )
    if errors:
        raise SettingsError("\n".join(errors))
    return config

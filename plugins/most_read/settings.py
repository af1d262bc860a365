"""MOST_READ_* settings: defaults in one place, validated once at start-up.

The ingest command reads the same settings file as the build, so both rank alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from common.clock import site_zone
from common.errors import true_or_false, whole_number
from common.settings import read

from .ranking import RankSettings

PREFIX = "MOST_READ_"
DEFAULTS: dict[str, Any] = {
    "COUNT": 5,  # articles in each list
    "WINDOW_DAYS": 7,  # days of page views ranked, ending at the newest page view in the store
    "SECTIONS": True,  # also rank each section on its own, for the section pages
    "HALF_LIFE_HOURS": 0,  # > 0: a view counts half as much per half-life of age; 0: every view counts the same
    "MIN_VIEWS": 1,  # an article needs at least this many views in the window to be listed
    "MAX_AGE_DAYS": 0,  # > 0: leave out articles published more than this many days before the window ends
    "STALE_DAYS": 14,  # fall back to the latest stories when the newest view is this much older than the newest story
    "DB": "data/pageviews.sqlite3",  # the page-view store, relative to the folder you run the build from
    "KEEP_HITS_DAYS": 62,  # raw hits kept for de-duplication; older ones live on as hourly counts only
    "CLOCK_SKEW_MINUTES": 5,  # page views dated later than this after now are set aside (a server's clock is ahead)
}


@dataclass(frozen=True)
class MostReadSettings:
    count: int
    window_days: int
    sections: bool
    half_life_hours: float
    min_views: int
    max_age_days: int
    stale_days: int
    db: str
    keep_hits_days: int
    clock_skew_minutes: int
    article_url: str  # Pelican's ARTICLE_URL: which request paths can be articles
    site_path: str  # the path part of SITEURL, "" or "/news": stripped from request paths
    zone: ZoneInfo  # TIMEZONE: how dates without an offset in an analytics CSV are read


def _whole(key: str, value: Any, minimum: int, errors: list[str]) -> int:
    return whole_number(PREFIX + key, value, errors, minimum)


def _site_path(siteurl: Any) -> str:
    return urlsplit(str(siteurl or "")).path.rstrip("/")


def load(settings: Mapping[str, Any]) -> MostReadSettings:
    """Read and check every MOST_READ_* setting; raise one error listing all problems."""
    errors: list[str] = []
    raw = read(settings, PREFIX, DEFAULTS, errors)
    half_life = raw["HALF_LIFE_HOURS"]
    if isinstance(half_life, bool) or not isinstance(half_life, (int, float)) or not 0 <= half_life < 1e6:
        errors.append(f"{PREFIX}HALF_LIFE_HOURS must be a number of hours (0 turns decay off), not {half_life!r}.")
        half_life = 0
    true_or_false(f"{PREFIX}SECTIONS", raw["SECTIONS"], errors)
    if not isinstance(raw["DB"], str) or not raw["DB"].strip():
        errors.append(f"{PREFIX}DB must be the path of the page-view store, not {raw['DB']!r}.")
    article_url = settings.get("ARTICLE_URL", "{slug}.html")
    if not isinstance(article_url, str) or "{" not in article_url:
        errors.append(
            f"ARTICLE_URL must be a pattern such as '{{date:%Y}}/{{date:%m}}/{{slug}}/', not {article_url!r}."
        )
        article_url = "{slug}.html"
    zone = site_zone(settings, errors)
    result = MostReadSettings(
        count=_whole("COUNT", raw["COUNT"], 1, errors),
        window_days=_whole("WINDOW_DAYS", raw["WINDOW_DAYS"], 1, errors),
        sections=bool(raw["SECTIONS"]),
        half_life_hours=float(half_life),
        min_views=_whole("MIN_VIEWS", raw["MIN_VIEWS"], 1, errors),
        max_age_days=_whole("MAX_AGE_DAYS", raw["MAX_AGE_DAYS"], 0, errors),
        stale_days=_whole("STALE_DAYS", raw["STALE_DAYS"], 1, errors),
        db=str(raw["DB"]),
        keep_hits_days=_whole("KEEP_HITS_DAYS", raw["KEEP_HITS_DAYS"], 1, errors),
        clock_skew_minutes=whole_number(PREFIX + "CLOCK_SKEW_MINUTES", raw["CLOCK_SKEW_MINUTES"], errors, 0, 24 * 60),
        article_url=article_url,
        site_path=_site_path(settings.get("SITEURL")),
        zone=zone,
    )
    if errors:
        # Imported here: importing the newsroom package imports Pelican, which `make most-read` never needs.
        from common.errors import SettingsError  # noqa: PLC0415

        raise SettingsError("Most read settings are not valid:\n  " + "\n  ".join(errors))
    return result


def rank_settings(config: MostReadSettings) -> RankSettings:
    """The part of the settings that the ranking reads."""
    return RankSettings(
        count=config.count,
        window_days=config.window_days,
        half_life_hours=config.half_life_hours,
        min_views=config.min_views,
        max_age_days=config.max_age_days,
        stale_days=config.stale_days,
        sections=config.sections,
    )

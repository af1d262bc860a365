"""NEWSROOM_* settings: defaults in one place, validated once at start-up."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from common.clock import ClockError, moment, site_zone
from common.errors import SettingsError, true_or_false, whole_number
from common.settings import read

PREFIX = "NEWSROOM_"
DEFAULTS: dict[str, Any] = {
    "SECTIONS": (),  # ({"name": ..., "slug": ..., "description": ...}, ...) in navigation order
    "AUTHORS_FILE": "authors.toml",  # author registry, relative to the content folder
    "TAGS_FILE": "tags.toml",  # optional tag registry (display names), relative to the content folder
    "TIP_EMAIL": "",  # address in the "Got a news tip?" box; empty hides the box
    "HOME_SECTION_COUNT": 4,  # articles per section block on the home page
    "SIDEBAR_COUNT": 5,  # articles in the sidebar's latest list
    "HOME_LATEST_COUNT": 6,  # stories in the home page's "Latest" rail (newest across sections, the lead left out)
    "RELATED_COUNT": 4,  # articles in the related list when no related plugin fills it
    "STANDFIRST_WORDS": 40,  # words taken from the body when an article has no Summary
    "COPYRIGHT_HOLDER": "",  # defaults to SITENAME
    "PREVIOUS_OUTPUT": "",  # set by `newsdesk build`: the live site, whose unchanged pages are reused
    "IN_PLACE": False,  # set by `newsdesk build`: changes are applied to that site in place, not swapped in whole
    "RENDER_ALL": False,  # set by `newsdesk build --full`: every page rendered, none taken from the page store
    "PAGE_STORE": True,  # keep each build's pages in CACHE_PATH; a build with no live site takes unchanged ones
    "NOW": "",  # the build's "now" (ISO 8601, site time zone unless an offset is given); empty: the clock
    "SCHEDULED_PREVIEWS": False,  # write stories dated after "now" at their URL, marked, in no list (development)
    "BODY_CACHE": True,  # keep converted bodies in CACHE_PATH between builds (keyed by content hash)
    "EMBED_HOSTS": (  # hosts whose https:// <iframe> embeds may appear in article bodies
        "www.youtube-nocookie.com",
        "www.youtube.com",
        "player.vimeo.com",
        "embed.bsky.app",
        "platform.twitter.com",
        "www.openstreetmap.org",
    ),
}
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Section:
    name: str
    slug: str
    description: str


@dataclass(frozen=True)
class NewsroomSettings:
    sections: tuple[Section, ...]
    authors_file: str
    tags_file: str
    tip_email: str
    home_section_count: int
    sidebar_count: int
    home_latest_count: int
    related_count: int
    standfirst_words: int
    copyright_holder: str
    zone: ZoneInfo
    embed_hosts: tuple[str, ...] = ()
    body_cache: bool = True
    now: datetime | None = None  # the build's "now", time-zone aware: the one time every part of a build uses
    scheduled_previews: bool = False

    def section_lookup(self) -> dict[str, str]:
        """Lower-cased name or slug -> canonical section name."""
        lookup: dict[str, str] = {}
        for section in self.sections:
            lookup[section.name.lower()] = section.name
            lookup[section.slug] = section.name
        return lookup


def _positive_int(key: str, value: Any, errors: list[str]) -> int:
    return whole_number(PREFIX + key, value, errors)


def _sections(value: Any, errors: list[str]) -> tuple[Section, ...]:
    key = f"{PREFIX}SECTIONS"
    if not isinstance(value, (list, tuple)) or not value:
        errors.append(
            f"{key} must list the site's sections, e.g. "
            "[{'name': 'Security', 'slug': 'security', 'description': '...'}]."
        )
        return ()
    sections: list[Section] = []
    for i, item in enumerate(value):
        if not isinstance(item, Mapping) or not isinstance(item.get("name"), str) or not item["name"].strip():
            errors.append(f"{key}[{i}] needs a 'name' (text).")
            continue
        slug = item.get("slug", "")
        if not isinstance(slug, str) or not _SLUG.match(slug):
            errors.append(f"{key}[{i}] ({item['name']}): 'slug' must be lower-case letters, digits and hyphens.")
            continue
        unknown = set(item) - {"name", "slug", "description"}
        if unknown:
            errors.append(f"{key}[{i}] ({item['name']}): unknown keys {sorted(unknown)}; use name, slug, description.")
        sections.append(Section(item["name"].strip(), slug, str(item.get("description", "")).strip()))
    for attr in ("name", "slug"):
        seen: set[str] = set()
        for s in sections:
            val = getattr(s, attr).lower()
            if val in seen:
                errors.append(f"{key}: two sections share the {attr} '{getattr(s, attr)}'.")
            seen.add(val)
    for s in sections:
        other = next(
            (o for o in sections if o.slug == s.name.lower() and o.name.lower() != s.name.lower() and o.slug != s.slug),
            None,
        )
        if other:
            errors.append(
                f"{key}: the name of '{s.name}' is the slug of '{other.name}'; a Category would be ambiguous."
            )
    return tuple(sections)


def _wall_clock() -> datetime:
    """The only place a build reads the clock, when NEWSROOM_NOW does not say what time it is."""
    return datetime.now().astimezone()


def build_now(value: Any, zone: ZoneInfo, clock: Callable[[], datetime], errors: list[str]) -> datetime:
    """The build's "now" in the site's time zone: NEWSROOM_NOW, or the clock (to the second) when it is empty."""
    if isinstance(value, str) and value:
        try:
            return moment(value, zone).astimezone(zone)
        except ClockError as exc:
            errors.append(f"{PREFIX}NOW (newsdesk build --now, NEWSDESK_NOW): {exc}.")
    elif value not in ("", None):
        errors.append(f"{PREFIX}NOW must be text such as '2026-12-10T09:00', not {value!r}.")
    return clock().astimezone(zone).replace(microsecond=0)


def load(settings: Mapping[str, Any], clock: Callable[[], datetime] = _wall_clock) -> NewsroomSettings:
    """Read and check every NEWSROOM_* setting; raise one error listing all problems."""
    errors: list[str] = []
    raw = read(settings, PREFIX, DEFAULTS, errors)
    for key in ("AUTHORS_FILE", "TAGS_FILE", "TIP_EMAIL", "COPYRIGHT_HOLDER"):
        if not isinstance(raw[key], str):
            errors.append(f"{PREFIX}{key} must be text, not {raw[key]!r}.")
            raw[key] = DEFAULTS[key]
    if raw["TIP_EMAIL"] and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", raw["TIP_EMAIL"]):
        errors.append(f"{PREFIX}TIP_EMAIL '{raw['TIP_EMAIL']}' is not an e-mail address.")
    zone = site_zone(settings, errors)
    for key in ("CACHE_CONTENT", "LOAD_CONTENT_CACHE"):
        if settings.get(key):
            errors.append(f"{key} must be False: Pelican's own cache is a pickle, and loading one runs whatever code "
                          "it names; the newsroom keeps its own checked caches in CACHE_PATH.")  # fmt: skip
    true_or_false(f"{PREFIX}BODY_CACHE", raw["BODY_CACHE"], errors)
    true_or_false(f"{PREFIX}IN_PLACE", raw["IN_PLACE"], errors)
    true_or_false(f"{PREFIX}RENDER_ALL", raw["RENDER_ALL"], errors)
    true_or_false(f"{PREFIX}PAGE_STORE", raw["PAGE_STORE"], errors)
    true_or_false(f"{PREFIX}SCHEDULED_PREVIEWS", raw["SCHEDULED_PREVIEWS"], errors)
    hosts = raw["EMBED_HOSTS"]
    if (
        isinstance(hosts, str)
        or not isinstance(hosts, (list, tuple))
        or not all(isinstance(h, str) and h and "/" not in h for h in hosts)
    ):
        errors.append(f"{PREFIX}EMBED_HOSTS must be a list of host names such as 'player.vimeo.com', not {hosts!r}.")
        hosts = ()
    result = NewsroomSettings(
        sections=_sections(raw["SECTIONS"], errors),
        authors_file=raw["AUTHORS_FILE"],
        tags_file=raw["TAGS_FILE"],
        tip_email=raw["TIP_EMAIL"],
        home_section_count=_positive_int("HOME_SECTION_COUNT", raw["HOME_SECTION_COUNT"], errors),
        sidebar_count=_positive_int("SIDEBAR_COUNT", raw["SIDEBAR_COUNT"], errors),
        home_latest_count=_positive_int("HOME_LATEST_COUNT", raw["HOME_LATEST_COUNT"], errors),
        related_count=_positive_int("RELATED_COUNT", raw["RELATED_COUNT"], errors),
        standfirst_words=_positive_int("STANDFIRST_WORDS", raw["STANDFIRST_WORDS"], errors),
        copyright_holder=raw["COPYRIGHT_HOLDER"] or str(settings.get("SITENAME", "")),
        zone=zone,
        embed_hosts=tuple(sorted(hosts)),
        body_cache=raw["BODY_CACHE"] is not False,
        now=build_now(raw["NOW"], zone, clock, errors),
        scheduled_previews=raw["SCHEDULED_PREVIEWS"] is True,
    )
    if errors:
        raise SettingsError("Newsroom settings are not valid:\n  " + "\n  ".join(errors))
    return result

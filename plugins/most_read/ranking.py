"""The Most Read lists from page-view counts (pure: plain data in, plain data out, no clock).

The window is the ``window_days`` x 24 hours that end with the hour of the newest page
view in the store, never the wall clock, so the same store always gives the same lists.
An hour (or day, from an analytics export) belongs to the window when it starts inside it.
Articles are ordered by score (views, or views weighted by a half-life decay), then by
views, then by URL, so that ties always break the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

DAY = 86400
SECTION_MIN = 3  # a section's own list needs this many ranked stories (or the list's full count, if fewer)


@dataclass(frozen=True)
class Article:
    """What the lists need to know about one published article."""

    key: str  # paths.url_key(url)
    url: str  # as Pelican writes it, relative to SITEURL: "2026/11/x/"
    title: str
    section: str  # slug
    section_name: str
    image: str | None  # path of the hero image relative to SITEURL, or None
    published: int  # seconds since 1970


@dataclass(frozen=True)
class RankSettings:
    count: int = 5
    window_days: int = 7
    half_life_hours: float = 0  # 0: no decay
    min_views: int = 1
    max_age_days: int = 0  # 0: any age
    stale_days: int = 14
    sections: bool = True


@dataclass(frozen=True)
class Entry:
    article: Article
    views: int | None  # views in the window; None in a list of latest stories
    score: float = 0.0


@dataclass(frozen=True)
class RankedList:
    heading: str
    entries: tuple[Entry, ...]
    ranked: bool  # False: the latest stories stand in


@dataclass(frozen=True)
class Window:
    start: int
    end: int

    def iso(self) -> dict[str, str]:
        return {"start": iso(self.start), "end": iso(self.end)}


@dataclass(frozen=True)
class Lists:
    site: RankedList
    sections: Mapping[str, RankedList]  # every section slug that has articles
    window: Window | None  # None when no page views were ranked
    warnings: tuple[str, ...] = field(default=())


def iso(moment: int) -> str:
    return datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def window_for(end: int, days: int) -> Window:
    return Window(end - days * DAY, end)


def tally(
    buckets: Iterable[tuple[str, int, int]], window: Window, half_life_hours: float
) -> dict[str, tuple[int, float]]:
    """Views and score per article key over the window; the score is the views, decayed by age if asked."""
    start, end = window.start, window.end
    if half_life_hours <= 0:
        totals: dict[str, int] = {}
        for key, moment, views in buckets:
            if start <= moment < end and views > 0:
                totals[key] = totals.get(key, 0) + views
        return {key: (views, float(views)) for key, views in totals.items()}
    per_key: dict[str, dict[int, int]] = {}
    for key, moment, views in buckets:
        if start <= moment < end and views > 0:
            hours = per_key.setdefault(key, {})
            hours[moment] = hours.get(moment, 0) + views
    half_life = half_life_hours * 3600
    return {
        key: (
            sum(hours.values()),
            sum(n * 0.5 ** ((end - moment) / half_life) for moment, n in sorted(hours.items())),  # a fixed order
        )
        for key, hours in per_key.items()
    }


def rank(
    counts: Mapping[str, tuple[int, float]], articles: Mapping[str, Article], window: Window, config: RankSettings
) -> list[Entry]:
    """Every eligible article with views, best first; ties by views, then URL."""
    oldest = window.end - config.max_age_days * DAY if config.max_age_days else None
    entries = []
    for key, (views, score) in counts.items():
        article = articles.get(key)
        if article is None or views < config.min_views:
            continue
        if oldest is not None and article.published < oldest:
            continue
        entries.append(Entry(article, views, score))
    entries.sort(key=lambda e: (-e.score, -(e.views or 0), e.article.url))
    return entries


def newest_first(articles: Iterable[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (-a.published, a.url))


def _latest(articles: Sequence[Article], count: int) -> tuple[Entry, ...]:
    return tuple(Entry(a, None) for a in articles[:count])


def build_lists(
    articles: Sequence[Article],
    buckets: Iterable[tuple[str, int, int]],
    newest_view: int | None,
    config: RankSettings,
    store_name: str = "the page-view store",
) -> Lists:
    """The site-wide list and one per section, ranked by views, or the latest stories when
    there are no usable views (with a warning saying why)."""
    latest = newest_first(articles)
    sections: dict[str, list[Article]] = {}
    names: dict[str, str] = {}
    for article in latest:
        sections.setdefault(article.section, []).append(article)
        names[article.section] = article.section_name
    warning = ""
    ranked: list[Entry] = []
    window = None
    if newest_view is None:
        warning = f"Most read: no page views in {store_name}; listing the latest stories instead."
    elif latest and latest[0].published - newest_view > config.stale_days * DAY:
        lag = (latest[0].published - newest_view) // DAY
        warning = (
            f"Most read: the newest page view ({iso(newest_view)}) is {lag} days older than the newest story; "
            f"listing the latest stories instead. Ingest recent logs with `make most-read LOGS=…`."
        )
    else:
        window = window_for(newest_view, config.window_days)
        by_key = {a.key: a for a in articles}
        ranked = rank(tally(buckets, window, config.half_life_hours), by_key, window, config)
        if not ranked:
            warning = (
                f"Most read: no page view between {iso(window.start)} and {iso(window.end)} is of a listed article; "
                "listing the latest stories instead."
            )
            window = None
    if not ranked:
        site = RankedList("Latest stories", _latest(latest, config.count), False)
        lists = {
            slug: RankedList(f"Latest in {names[slug]}", _latest(items, config.count), False)
            for slug, items in sorted(sections.items())
        }
        return Lists(site, lists, None, (warning,))
    site = RankedList("Most read", tuple(ranked[: config.count]), True)
    per_section: dict[str, list[Entry]] = {}
    if config.sections:
        for entry in ranked:
            bucket = per_section.setdefault(entry.article.section, [])
            if len(bucket) < config.count:
                bucket.append(entry)
    lists = {}
    enough = min(SECTION_MIN, config.count)  # "Most read in Security" with one story is no list
    for slug in sorted(sections):
        own = per_section.get(slug, [])
        lists[slug] = RankedList(f"Most read in {names[slug]}", tuple(own), True) if len(own) >= enough else site
    return Lists(site, lists, window, ())

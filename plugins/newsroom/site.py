"""Site-wide data for templates, built from the finished article list (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from common.dates import MONTHS

from .authors import Profile, profile_for
from .listings import by_section, lead_story, newest_except
from .settings import NewsroomSettings, Section


@dataclass(frozen=True)
class SectionLink:
    name: str
    slug: str
    description: str
    url: str


@dataclass(frozen=True)
class MonthLink:
    date: Any  # the newest article's date in that month
    url: str
    count: int
    name: str  # the month's name, e.g. "November"


@dataclass(frozen=True)
class SiteData:
    """Everything templates need beyond Pelican's own context, as plain values."""

    sections: tuple[SectionLink, ...]  # in navigation order, only those with published stories
    section_by_slug: Mapping[str, SectionLink]
    authors: Mapping[str, Profile]
    lead: Any
    home_latest: tuple[Any, ...]  # the home page's "Latest" rail: the newest stories across sections, lead left out
    home_sections: tuple[tuple[SectionLink, tuple[Any, ...]], ...]
    latest: tuple[Any, ...]
    most_read_heading: str
    archive_months: tuple[tuple[int, tuple[MonthLink, ...]], ...]
    tip_email: str
    copyright: str


def section_links(sections: Sequence[Section], url_pattern: str) -> tuple[SectionLink, ...]:
    return tuple(SectionLink(s.name, s.slug, s.description, url_pattern.format(slug=s.slug)) for s in sections)


def archive_months(ordered: Sequence[Any], month_url: str) -> tuple[tuple[int, tuple[MonthLink, ...]], ...]:
    """Years newest first, each with its months newest first and their article counts."""
    months: dict[tuple[int, int], list[Any]] = {}
    for article in ordered:
        months.setdefault((article.date.year, article.date.month), []).append(article)
    years: dict[int, list[MonthLink]] = {}
    for (year, _), items in sorted(months.items(), reverse=True):
        newest = items[0].date
        link = MonthLink(newest, month_url.format(date=newest), len(items), MONTHS[newest.month - 1])
        years.setdefault(year, []).append(link)
    return tuple((year, tuple(links)) for year, links in years.items())


def build_site_data(
    ordered: Sequence[Any],
    bylines: Sequence[tuple[str, str]],
    registry: Mapping[str, Profile],
    config: NewsroomSettings,
    category_url: str,
    month_url: str,
) -> SiteData:
    """``ordered`` is newest first; ``bylines`` are (name, slug) of every author seen."""
    links = section_links(config.sections, category_url)
    by_name = {s.name: s for s in links}
    used = {article.category.name for article in ordered}
    authors = dict(registry)
    for name, slug in bylines:
        authors.setdefault(slug, profile_for(name, slug, registry))
    lead = lead_story(ordered, lambda a: bool(getattr(a, "featured", False)))
    blocks = by_section(
        ordered, lambda a: a.category.name, [s.name for s in links], config.home_section_count, exclude=lead
    )
    year = f"{ordered[0].date.year} " if ordered else ""
    return SiteData(
        sections=tuple(s for s in links if s.name in used),  # navigation: sections with a page to go to
        section_by_slug={s.slug: s for s in links},
        authors=dict(sorted(authors.items())),
        lead=lead,
        home_latest=tuple(newest_except(ordered, config.home_latest_count, exclude=lead)),
        home_sections=tuple((by_name[name], tuple(items)) for name, items in blocks),
        latest=tuple(ordered[: config.sidebar_count]),
        most_read_heading="Latest stories",
        archive_months=archive_months(ordered, month_url),
        tip_email=config.tip_email,
        copyright=f"© {year}{config.copyright_holder}".strip(),
    )

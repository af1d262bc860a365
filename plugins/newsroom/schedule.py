"""Scheduled stories: a published story dated after the build's "now" waits for its time (pure: no clock).

The build's "now" is an input (``NEWSROOM_NOW``, set by ``newsdesk build --now`` or
``NEWSDESK_NOW``); ``settings.load`` reads the clock when it is not given, and nothing else
in a build does. A story whose Date is later than that is *scheduled*: a publish build leaves
it out as if its file were not there yet; a development build with previews on writes its page
at its own URL, marked as scheduled and kept out of every list (Pelican's ``hidden`` status).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo

NOW_HINT = "give a date and time such as 2026-12-10T09:00 (site time zone) or 2026-12-10T09:00+00:00"

PUBLISHED, PREVIEW, WITHHELD = "published", "hidden", "skip"


@dataclass(frozen=True, order=True)
class Scheduled:
    """A story waiting for its time: when it falls due and its source path."""

    due: datetime
    path: str


def is_scheduled(status: str, date: datetime | None, now: datetime) -> bool:
    """Whether a story with this status and date waits: published, and dated after ``now``."""
    return status == PUBLISHED and date is not None and date > now


def status_at(status: str, date: datetime | None, now: datetime, previews: bool) -> str:
    """The status a story has in a build at ``now``: a scheduled story becomes a preview
    (``hidden``: its own page, in no list) when ``previews`` is on, and is withheld (``skip``:
    no trace at all) otherwise; every other story keeps its status."""
    if not is_scheduled(status, date, now):
        return status
    return PREVIEW if previews else WITHHELD


def next_due(waiting: Iterable[Scheduled]) -> Scheduled | None:
    """The scheduled story that falls due first (by path among stories due at the same time)."""
    return min(waiting, default=None)


def due_line(story: Scheduled, shown_path: str, zone: tzinfo, count: int) -> str:
    """'Next scheduled story: <path> at 2026-12-10 09:00 GMT' (plus how many wait, when more than one)."""
    local = story.due.astimezone(zone)
    more = f" ({count} stories scheduled)" if count > 1 else ""
    return f"Next scheduled story: {shown_path} at {local:%Y-%m-%d %H:%M} {local.tzname()}{more}"


def early_links(links: Mapping[str, Iterable[str]], waiting: Iterable[Scheduled]) -> list[tuple[str, Scheduled]]:
    """(linking source, scheduled story) for each ``{filename}`` link (``links``: source -> the content
    paths it links to) to a story that waits for a later time than the source: from a story or page that
    is out, or from a scheduled story due earlier. The link would give the embargoed story away, or
    break on the live site."""
    by_path = {story.path: story for story in waiting}
    found = []
    for source, targets in links.items():
        out_at = by_path[source].due if source in by_path else None
        for target in sorted(set(targets)):
            story = by_path.get(target)
            if story is not None and (out_at is None or story.due > out_at):
                found.append((source, story))
    return sorted(found)

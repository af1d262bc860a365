"""Unit tests of the pure scheduling functions and of the build's "now" in the newsroom settings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from common.clock import ClockError, moment
from common.errors import SettingsError
from newsroom.schedule import Scheduled, due_line, early_links, is_scheduled, next_due, status_at
from newsroom.settings import load

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 12, 10, 9, 0, tzinfo=LONDON)
SETTINGS = {"TIMEZONE": "Europe/London", "NEWSROOM_SECTIONS": [{"name": "Security", "slug": "security"}]}


def test_only_a_published_story_dated_after_now_is_scheduled() -> None:
    later, same = NOW + timedelta(minutes=1), NOW
    assert is_scheduled("published", later, NOW)
    assert not is_scheduled("published", same, NOW)  # due at exactly "now": live
    assert not is_scheduled("published", NOW - timedelta(days=3), NOW)
    assert not is_scheduled("draft", later, NOW) and not is_scheduled("hidden", later, NOW)
    assert not is_scheduled("published", None, NOW)
    # aware times compare as instants: 09:30 in Paris is 08:30 in London, before "now"
    assert not is_scheduled("published", datetime(2026, 12, 10, 9, 30, tzinfo=ZoneInfo("Europe/Paris")), NOW)


def test_a_scheduled_story_is_a_preview_or_withheld_and_others_keep_their_status() -> None:
    later = NOW + timedelta(hours=1)
    assert status_at("published", later, NOW, previews=True) == "hidden"
    assert status_at("published", later, NOW, previews=False) == "skip"
    assert status_at("published", NOW, NOW, previews=False) == "published"
    assert status_at("draft", later, NOW, previews=False) == "draft"
    assert status_at("hidden", later, NOW, previews=False) == "hidden"


def test_the_next_story_due_is_the_earliest_then_by_path() -> None:
    assert next_due([]) is None
    stories = [Scheduled(NOW + timedelta(days=2), "a.md"), Scheduled(NOW, "z.md"), Scheduled(NOW, "b.md")]
    assert next_due(stories) == Scheduled(NOW, "b.md")


def test_the_due_line_gives_the_time_in_the_sites_zone() -> None:
    due = Scheduled(datetime(2026, 7, 1, 8, 0, tzinfo=UTC), "articles/launch.md")
    assert due_line(due, "content/articles/launch.md", LONDON, 1) == (
        "Next scheduled story: content/articles/launch.md at 2026-07-01 09:00 BST"
    )
    assert due_line(due, "x.md", LONDON, 3).endswith("09:00 BST (3 stories scheduled)")


def test_now_is_read_in_the_sites_zone_unless_it_has_an_offset() -> None:
    assert moment("2026-12-10T09:00", LONDON) == NOW
    assert moment("2026-12-10 09:00", LONDON) == NOW
    assert moment("2026-07-01T09:00", LONDON).utcoffset() == timedelta(hours=1)
    assert moment("2026-12-10T09:00+02:00", LONDON) == datetime(2026, 12, 10, 7, 0, tzinfo=UTC)
    with pytest.raises(ClockError, match=r"^'Thursday 09:00' is not an ISO 8601 date; give a date and time such as"):
        moment("Thursday 09:00", LONDON)
    with pytest.raises(ClockError, match=r"is not a real date or time .*; give a date and time such as"):
        moment("2026-02-30T09:00", LONDON)
    assert moment("1796893200", LONDON) == NOW  # whole seconds since 1970, as make most-read also takes


def test_the_settings_hold_the_one_now_of_the_build() -> None:
    calls = []

    def clock() -> datetime:
        calls.append(1)
        return datetime(2026, 12, 7, 4, 30, 15, 123456, tzinfo=timezone(timedelta(hours=-5)))

    from_clock = load(SETTINGS, clock=clock)
    assert from_clock.now == datetime(2026, 12, 7, 9, 30, 15, tzinfo=LONDON) and calls == [1]
    assert from_clock.now.tzinfo == LONDON and not from_clock.scheduled_previews
    given = load({**SETTINGS, "NEWSROOM_NOW": "2026-12-10T09:00", "NEWSROOM_SCHEDULED_PREVIEWS": True}, clock=clock)
    assert (given.now, given.scheduled_previews, calls) == (NOW, True, [1])  # the clock is not read


def test_a_bad_now_or_previews_setting_is_one_clear_settings_error() -> None:
    with pytest.raises(SettingsError) as info:
        load({**SETTINGS, "NEWSROOM_NOW": "next Thursday", "NEWSROOM_SCHEDULED_PREVIEWS": "yes"})
    assert str(info.value).splitlines()[1:] == [
        "  NEWSROOM_SCHEDULED_PREVIEWS must be True or False, not 'yes'.",
        "  NEWSROOM_NOW (newsdesk build --now, NEWSDESK_NOW): 'next Thursday' is not an ISO 8601 date; give a date "
        "and time such as 2026-12-10T09:00 (site time zone), 2026-12-10T09:00+00:00, or whole seconds since 1970.",
    ]


def test_a_link_to_a_story_out_later_than_the_linking_one_is_found() -> None:
    launch, sequel = Scheduled(NOW, "launch.md"), Scheduled(NOW + timedelta(days=1), "sequel.md")
    links = {
        "live.md": ["images/a.png", "launch.md", "launch.md", "old.md"],  # live: any scheduled target
        "launch.md": ["sequel.md"],  # due before the story it links to
        "sequel.md": ["launch.md"],  # due after it: by then the launch is out
        "pages/about.md": ["sequel.md"],
    }
    assert early_links(links, [sequel, launch]) == [
        ("launch.md", sequel),
        ("live.md", launch),
        ("pages/about.md", sequel),
    ]
    assert early_links(links, []) == []

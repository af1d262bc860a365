"""Checked front-matter kept between builds: reused only while everything it depends on holds."""

from __future__ import annotations

import pickle
import sqlite3
from pathlib import Path

import pytest
from common.errors import Problem
from newsroom.readings import Reading, ReadingStore, Recorder, fingerprint, reading_key


def test_a_reading_holds_only_while_every_looked_up_path_gives_the_same_answer() -> None:
    reading = Reading({}, (), "k", (("images/a.png", True), ("images/gone.png", False)))
    assert reading.holds({"images/a.png"}.__contains__)
    assert not reading.holds(set().__contains__)  # a.png was deleted
    assert not reading.holds({"images/a.png", "images/gone.png"}.__contains__)  # gone.png was added
    assert Reading({}, (), "k", ()).holds(set().__contains__)


def test_the_recorder_writes_down_every_question_and_whether_all_images_were_listed() -> None:
    recorder = Recorder({"a.png"}.__contains__, lambda: ["a.png"])
    assert recorder.exists("a.png") and not recorder.exists("b.png")
    assert recorder.asked == {"a.png": True, "b.png": False} and not recorder.listed
    assert list(recorder.candidates()) == ["a.png"] and recorder.listed


def test_the_key_changes_with_the_bytes_the_path_the_kind_and_the_site(tmp_path: Path) -> None:
    code = tmp_path / "checks.py"
    code.write_text("x = 1")
    site = fingerprint("Europe/London", {"security": "Security"}, [], [code])
    keys = {
        reading_key(site, "articles/a.md", "article", b"Title: A"),
        reading_key(site, "articles/a.md", "article", b"Title: B"),
        reading_key(site, "articles/b.md", "article", b"Title: A"),
        reading_key(site, "articles/a.md", "page", b"Title: A"),
        reading_key(fingerprint("UTC", {"security": "Security"}, [], [code]), "articles/a.md", "article", b"Title: A"),
        reading_key(fingerprint("Europe/London", {}, [], [code]), "articles/a.md", "article", b"Title: A"),
    }
    code.write_text("x = 2")
    keys.add(reading_key(fingerprint("Europe/London", {"security": "Security"}, [], [code]), "articles/a.md",
                         "article", b"Title: A"))  # fmt: skip
    assert len(keys) == 7


def test_the_store_keeps_exactly_the_readings_a_build_used_and_survives_damage(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "readings.sqlite3"
    store = ReadingStore(str(path))
    warning = Problem("articles/a.md", 3, "Tags", "repeats a tag.", "remove one.", severity="warning")
    a = Reading({"title": "A", "tags": ["x"]}, (warning,), "body-a", (("images/a.png", True),))
    b = Reading({"title": "B"}, (), "body-b", ())
    store.remember("a", a)
    store.remember("b", b)
    a.metadata["tags"].append("changed later in the build")  # never reaches the cache
    store.save({"a", "b"})
    assert store.load(["a", "b", "c"]) == {"a": Reading({"title": "A", "tags": ["x"]}, (warning,), "body-a",
                                                        (("images/a.png", True),)), "b": b}  # fmt: skip
    store.save({"a"})
    assert list(store.load(["a", "b"])) == ["a"]
    with sqlite3.connect(path) as db:
        db.execute("UPDATE reading SET data = ? WHERE key = 'a'", ('[{}, [], "k"]',))
    assert store.load(["a"]) == {}  # checked again, never an error
    path.write_bytes(b"garbage" * 100)
    assert store.load(["a"]) == {}
    assert ReadingStore(None).load(["a"]) == {}


def test_a_reading_made_again_replaces_the_stored_one(tmp_path: Path) -> None:
    store = ReadingStore(str(tmp_path / "readings.sqlite3"))
    old = Reading({"title": "A"}, (), "body", (("images/a.png", True),))
    store.remember("k", old)
    store.save({"k"})
    again = ReadingStore(str(tmp_path / "readings.sqlite3"))
    assert again.load(["k"]) == {"k": old}
    new = Reading({"title": "A"}, (), "body", (("images/a.png", False),))
    again.remember("k", new)
    again.save({"k"})
    assert ReadingStore(str(tmp_path / "readings.sqlite3")).load(["k"]) == {"k": new}


def test_a_reading_round_trips_through_json_with_its_dates_and_zones() -> None:
    from datetime import UTC, datetime, timedelta, timezone  # noqa: PLC0415
    from zoneinfo import ZoneInfo  # noqa: PLC0415

    from common.dates import parse_date  # noqa: PLC0415
    from newsroom.readcodec import decode, encode  # noqa: PLC0415

    london = ZoneInfo("Europe/London")
    metadata = {
        "title": "A <headline> & \"quotes\" \u2028", "tags": ["a", "b"], "featured": True,
        "date": parse_date("2026-11-18 07:45", london), "modified": parse_date("2026-11-18T16:20:00-05:00", london),
        "updated": datetime(2026, 1, 1, tzinfo=UTC), "other": datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=5))),
    }  # fmt: skip
    problems = (Problem("a.md", 3, "Date", "m", "f", "warning"), Problem("a.md", None, None, "m", ""))
    parts = decode(encode(metadata, problems, "key", (("images/a.png", True),)))
    assert parts == (metadata, problems, "key", (("images/a.png", True),))
    for name, value in metadata.items():  # the same zone objects, so dates print the same
        assert type(parts[0][name]) is type(value) and getattr(parts[0][name], "tzinfo", None) == getattr(
            value, "tzinfo", None
        )
        if isinstance(value, datetime):
            assert parts[0][name].tzname() == value.tzname() and parts[0][name].isoformat() == value.isoformat()


@pytest.mark.parametrize(
    "text",
    [
        pickle.dumps(Reading({}, (), "k", ())).decode("latin-1"),
        "{}",
        '[{}, [], "k"]',
        '[{"title": 3}, [], "k", []]',
        '[{"tags": ["a", 1]}, [], "k", []]',
        '[{"date": {"local": "2026-01-01T00:00:00", "zone": "Nowhere/Else", "fold": 0}}, [], "k", []]',
        '[{"date": {"local": "2026-01-01T00:00:00+01:00", "zone": "UTC", "fold": 0}}, [], "k", []]',
        '[{"date": {"at": "2026-01-01T00:00:00"}}, [], "k", []]',
        '[{"date": {"at": "yesterday"}}, [], "k", []]',
        '[{}, [["a.md", "3", null, "m", "f", "error"]], "k", []]',
        '[{}, [["a.md", 3, null, "m", "f", "fatal"]], "k", []]',
        '[{}, [], "k", [["a.png", 1]]]',
        "[" * 100_000,
    ],
)
def test_anything_but_a_reading_reads_as_none(text: str) -> None:
    from newsroom.readcodec import Unreadable, decode  # noqa: PLC0415

    with pytest.raises(Unreadable):
        decode(text)

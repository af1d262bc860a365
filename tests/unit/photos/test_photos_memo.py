"""An unchanged photo is not planned again: what its pages show and its files' records come back from the cache."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from engine import Stored, digest
from photos import memo
from photos import plan as planning
from photos.memo import Plans, decode_files, decode_shown, encode_files, encode_shown, plan_key
from photos.planner import Planner
from photos.settings import load
from photos.store import Made, Sources, file_key
from photos.work import make_all

from bench.photos import photo

CONFIG = load({"SITEURL": "https://example.org"})


def _show(plan: planning.Plan, lengths: dict[str, int]) -> dict:
    return {"photo": planning.photo(plan, lengths, CONFIG.site_url), "share": planning.share(plan, lengths)}


def _resolved(shown: dict | None) -> dict:
    assert shown is not None
    return {kind: r.resolve() if isinstance(r, Stored) else r for kind, r in shown.items()}


def test_the_shown_records_and_files_read_back_as_they_were() -> None:
    plan = planning.plan("a/b.jpg", "0" * 64, (2400, 1600), CONFIG, "code")
    lengths = {name: 1000 + i for i, name in enumerate(plan.jobs)}
    body = planning.plan_body("a/b.jpg", "0" * 64, (2400, 1600), CONFIG, "code")
    shown = {**_show(plan, lengths), "picture": planning.body_picture(body, CONFIG.site_url), "none": None}
    assert _resolved(decode_shown(encode_shown(shown))) == shown
    files = {name: (job, (lengths[name], "f" * 64, 123)) for name, job in plan.jobs.items()}
    assert decode_files(encode_files(files)) == files
    for bad in ("", "[]", '{"photo": [1]}', "other\t" + "0" * 64 + "\t[1]", "photo\tshort\t[1]", "not json"):
        assert decode_shown(bad) is None
    assert decode_files('{"a": [1, 2]}') is None


def test_a_heros_records_are_made_only_when_read_and_fingerprinted_by_their_text() -> None:
    plan = planning.plan("a/b.jpg", "0" * 64, (2400, 1600), CONFIG, "code")
    lengths = {name: 1000 + i for i, name in enumerate(plan.jobs)}
    text = encode_shown(_show(plan, lengths))
    read = decode_shown(text)
    assert read is not None and all(isinstance(read[kind], Stored) for kind in ("photo", "share"))
    fingerprint = digest(read)
    assert all(r._make is not None for r in read.values())  # fingerprinting made none of them
    assert read["photo"].small.url == _show(plan, lengths)["photo"].small.url
    assert digest(read) == fingerprint == digest(decode_shown(text))
    longer = {name: n + 1 if name == sorted(plan.jobs)[0] else n for name, n in lengths.items()}
    assert digest(decode_shown(encode_shown(_show(plan, longer)))) != fingerprint  # what a page shows changed


def test_the_key_changes_with_each_thing_a_plan_is_made_from() -> None:
    base = ("hero", "/c/a.jpg", "0" * 64, (2400, 1600), repr(CONFIG), "code")
    keys = {plan_key(*base)}
    for i, other in enumerate(("body", "/c/b.jpg", "1" * 64, (2400, 1601), repr(load({})), "code2")):
        keys.add(plan_key(*base[:i], other, *base[i + 1 :]))  # type: ignore[arg-type]
    assert len(keys) == 7


def _planner(cache: Path) -> Planner:
    db = str(cache / "photos.sqlite3")
    return Planner(Sources(db), Plans(db), Made(str(cache / "photos")), repr(CONFIG), "code", CONFIG.max_pixels)


def _plan(planner: Planner, content: Path, made: list[str]) -> str:
    def make(sha: str, size: tuple[int, int]) -> planning.Plan:
        made.append(sha)
        return planning.plan("a.jpg", sha, size, CONFIG, "code")

    return planner.plan("hero", str(content), "a.jpg", make, _show)


def test_a_second_build_plans_nothing_and_reads_neither_the_photo_nor_its_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.jpg").write_bytes(photo(900, 600, seed=3))
    first, planned = _planner(tmp_path / "cache"), []
    key = _plan(first, content, planned)
    failures, made = make_all(first.tasks(), first.made.folder)
    first.take(made)
    first.sources.save()
    first.plans.save()
    assert failures == [] and len(planned) == 1 and len(made) == len(first.files(key))

    second, again = _planner(tmp_path / "cache"), []
    real_open = open
    opened: list[str] = []
    monkeypatch.setattr("builtins.open", lambda p, *a, **k: opened.append(str(p)) or real_open(p, *a, **k))
    assert _plan(second, content, again) == key
    assert again == [] and second.tasks() == [] and opened == []
    assert _resolved(second.shown[key]) == _resolved(first.shown[key])
    site = tmp_path / "site"
    site.mkdir()
    for name in second.files(key):
        assert second.place(key, name, str(site / os.path.basename(name)))
    assert opened == []  # each file checked by its size and time alone
    assert {p.name for p in site.iterdir()} == {os.path.basename(n) for n in first.files(key)}


def test_a_damaged_kept_file_is_made_again_from_the_photo(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.jpg").write_bytes(photo(900, 600, seed=4))
    first = _planner(tmp_path / "cache")
    key = _plan(first, content, [])
    first.take(make_all(first.tasks(), first.made.folder)[1])
    first.plans.save()
    second = _planner(tmp_path / "cache")
    _plan(second, content, [])
    name = sorted(second.files(key))[0]
    damaged = Path(second.made.path(file_key(name)))
    data = damaged.read_bytes()
    damaged.write_bytes(data[:-4] + b"oops")
    assert second.place(key, name, str(tmp_path / "out.jpg"))
    assert (tmp_path / "out.jpg").read_bytes() == data  # made again: the same bytes
    assert second.plans.used[key] != first.plans.used[key]  # its new time kept for the next build


def test_a_row_kept_before_records_were_kept_line_by_line_is_read_and_rewritten_not_planned() -> None:
    plan = planning.plan("a/b.jpg", "0" * 64, (2400, 1600), CONFIG, "code")
    lengths = {name: 1000 + i for i, name in enumerate(plan.jobs)}
    shown = _show(plan, lengths)
    earlier = json.dumps({kind: memo._encode(kind, record) for kind, record in shown.items()}, separators=(",", ":"))
    files = {name: (job, (lengths[name], "f" * 64, 123)) for name, job in plan.jobs.items()}
    plans = Plans(None)
    plans.known["k"] = (earlier, encode_files(files))
    assert _resolved(plans.shown("k")) == shown
    assert "k" in plans.stale and decode_shown(plans.used["k"][0]) is not None  # kept in today's layout
    plans.known["bad"] = ('{"photo": [1]}', encode_files(files))
    assert plans.shown("bad") is None


def test_a_photos_feed_and_small_images_are_read_without_making_the_whole_record() -> None:
    plan = planning.plan("a/b.jpg", "0" * 64, (2400, 1600), CONFIG, "code")
    lengths = {name: 1000 + i for i, name in enumerate(plan.jobs)}
    shown = _show(plan, lengths)
    read = decode_shown(encode_shown(shown))
    assert read is not None
    assert read["photo"].feed == shown["photo"].feed and read["photo"].small == shown["photo"].small
    assert read["photo"]._make is not None  # the Photo itself was not made
    assert read["photo"].hero == shown["photo"].hero and read["photo"]._make is None
    assert digest(read) == digest(decode_shown(encode_shown(shown)))
    damaged = encode_shown(shown).replace("photo.small\t", "photo.other\t")
    assert decode_shown(damaged) is None


def test_a_row_kept_before_the_parts_had_lines_of_their_own_is_read_and_rewritten_not_planned() -> None:
    plan = planning.plan("a/b.jpg", "0" * 64, (2400, 1600), CONFIG, "code")
    lengths = {name: 1000 + i for i, name in enumerate(plan.jobs)}
    shown = _show(plan, lengths)
    earlier = "\n".join(line for line in encode_shown(shown).split("\n") if not line.startswith("photo."))
    assert decode_shown(earlier) is None
    plans = Plans(None)
    plans.known["k"] = (earlier, encode_files({name: (job, (1, "f" * 64, 1)) for name, job in plan.jobs.items()}))
    assert _resolved(plans.shown("k")) == shown
    assert "k" in plans.stale and plans.used["k"][0] == encode_shown(shown)

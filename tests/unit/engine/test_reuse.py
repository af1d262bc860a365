"""Fingerprints are stable; unchanged files are linked from the live site, changed ones are not."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from engine.contract import AROUND, DERIVED, OWN_PAGE, Contract, UndeclaredAttribute
from engine.fingerprints import UnknownValue, content_data, digest, stable
from engine.reuse import MANIFEST, Reuse


def _contract() -> Contract:
    """Pelican's attributes and those the site's plugins declare for the ones these tests set."""
    contract = Contract()
    contract.declare("related", AROUND, ["related", "previous_in_section", "next_in_section"])
    contract.declare("seo", OWN_PAGE, ["reading_minutes"])
    contract.declare("seo", DERIVED, ["seo_meta", "card_html"])
    return contract


ROLES = _contract().roles()


@dataclass(frozen=True)
class Card:
    title: str
    when: datetime


def article(path: str, **attrs: object) -> SimpleNamespace:
    return SimpleNamespace(source_path=path, metadata={}, settings={"HUGE": 1}, **attrs)


def test_stable_ignores_order_addresses_and_hash_seeds() -> None:
    assert stable({"b": 1, "a": {2, 1}}) == stable({"a": {1, 2}, "b": 1})
    assert stable(len) == "builtins.len"
    assert stable(Card("x", datetime(2026, 1, 1, tzinfo=UTC))) == [
        "Card",
        [["title", "x"], ["when", "2026-01-01T00:00:00+00:00"]],
    ]
    with pytest.raises(UnknownValue, match=r"builtins\.object"):  # a guess by type name would miss its changes
        stable(object())
    assert digest({"x": [1, 2]}) == digest({"x": (1, 2)})


def test_nested_articles_are_references_and_own_page_data_is_separate() -> None:
    other = article("/c/other.md", title="Other")
    one = article("/c/one.md", title="One", _content="<p>body</p>", related=[other])
    assert stable({"lead": one}) == [["lead", ["content", "/c/one.md"]]]
    listing = stable([one, other])
    assert listing[0] == "contents" and listing != stable([other, one])  # a listing is referred to by its order
    card, page = content_data(one, ROLES, own_page=False), content_data(one, ROLES, own_page=True)
    assert "body" not in str(card) and "other.md" not in str(card) and "HUGE" not in str(card)
    assert "<p>body</p>" in str(page)

    def fingerprints(item: SimpleNamespace) -> tuple[str, str]:
        return digest(content_data(item, ROLES, own_page=False)), digest(content_data(item, ROLES, own_page=True))

    card_fp, page_fp = fingerprints(one)
    rerelated = article("/c/one.md", title="One", _content="<p>body</p>", related=[one])
    assert fingerprints(rerelated) == (card_fp, fingerprints(rerelated)[1]) != (card_fp, page_fp)
    edited = article("/c/one.md", title="One", _content="<p>new body</p>", related=[other])
    assert fingerprints(edited)[0] == card_fp and fingerprints(edited)[1] != page_fp
    retitled = article("/c/one.md", title="One, updated", _content="<p>body</p>", related=[other])
    assert fingerprints(retitled)[0] != card_fp  # a new headline changes every listing


def test_reuse_links_unchanged_files_and_refuses_changed_or_missing_ones(tmp_path: Path) -> None:
    live, staging = tmp_path / "live", tmp_path / "staging"
    first = Reuse("", str(live))
    (live / "a").mkdir(parents=True)
    (live / "a" / "index.html").write_text("A")
    (live / "b.html").write_text("B")
    first.record("a/index.html", "fp-a", ["a/index.html"])
    first.record("b.html", "fp-b", ["b.html"])
    first.save()
    assert (live / MANIFEST).is_file()

    staging.mkdir()
    second = Reuse(str(live), str(staging))
    assert second.try_reuse("a/index.html", "fp-a")
    assert (staging / "a" / "index.html").stat().st_ino == (live / "a" / "index.html").stat().st_ino
    assert not second.try_reuse("b.html", "fp-b-changed")
    assert not second.try_reuse("c.html", "fp-c")
    (live / "b.html").unlink()
    assert not second.try_reuse("b.html", "fp-b")
    (tmp_path / "elsewhere.html").write_text("B")
    (live / "b.html").symlink_to(tmp_path / "elsewhere.html")  # a link in the live site is never reused
    assert not second.try_reuse("b.html", "fp-b")
    assert (second.reused, second.rendered) == (1, 0)


def test_damaged_manifest_means_render_everything(tmp_path: Path) -> None:
    (tmp_path / MANIFEST).write_text("{not json")
    assert not Reuse(str(tmp_path), str(tmp_path / "s")).try_reuse("x", "y")


def _live_site(live: Path) -> None:
    live.mkdir()
    (live / "a.html").write_text("A")
    first = Reuse("", str(live))
    first.record("a.html", "fp-a", ["a.html"])
    first.save()


def test_a_manifest_that_does_not_match_its_checksum_is_not_used(tmp_path: Path, caplog) -> None:
    live = tmp_path / "live"
    _live_site(live)
    assert Reuse(str(live), str(tmp_path / "s")).try_reuse("a.html", "fp-a")
    manifest = live / MANIFEST
    manifest.write_text(manifest.read_text().replace('"fp-a"', '"fp-b"'))
    assert not Reuse(str(live), str(tmp_path / "s")).try_reuse("a.html", "fp-b")
    assert "every page is rendered again" in caplog.text


def test_a_file_named_outside_the_site_voids_its_entry(tmp_path: Path) -> None:
    from common.checksum import seal  # noqa: PLC0415
    from engine.reuse import KIND, inside  # noqa: PLC0415

    assert inside("a/b.html") and inside("feeds/all.rss.xml") and inside(".well-known/x")
    for bad in ["", "/etc/passwd", "../x", "a/../../x", "a//b", "./a", "a\\b", ".newsdesk-verified", 3, None]:
        assert not inside(bad), bad
    live = tmp_path / "live"
    _live_site(live)
    (tmp_path / "secret").write_text("S")
    entries = {"a.html": {"fingerprint": "fp-a", "files": ["a.html", "../secret"], "sizes": [1, 1]},
               "b.html": {"fingerprint": "fp-b", "files": ["a.html"], "sizes": [1]}}  # fmt: skip
    (live / MANIFEST).write_text(seal(KIND, json.dumps({"entries": entries})))  # sealed, yet crafted
    reuse = Reuse(str(live), str(tmp_path / "s"))
    assert not reuse.try_reuse("a.html", "fp-a") and reuse.try_reuse("b.html", "fp-b")


def test_a_live_file_of_another_size_than_it_was_written_with_is_rendered_again(tmp_path: Path) -> None:
    live = tmp_path / "live"
    _live_site(live)
    (live / "a.html").write_text("AA")
    assert not Reuse(str(live), str(tmp_path / "s")).try_reuse("a.html", "fp-a")


class _Listed:
    """A listing of the live folder as the build hands it over: which files are regular files."""

    def __init__(self, *regular: str) -> None:
        self.regular, self.asked = frozenset(regular), 0

    def regular_files(self) -> frozenset[str]:
        self.asked += 1
        return self.regular


def test_files_named_by_their_content_are_checked_against_the_listing_not_one_stat_each(tmp_path: Path) -> None:
    live = tmp_path / "live"
    _live_site(live)
    listing = _Listed("a.html")
    (live / "a.html").write_text("AA")  # its size is not looked at: the name says what it holds
    reuse = Reuse(str(live), str(tmp_path / "s"), in_place=True, listing=listing)
    assert reuse.try_reuse("a.html", "fp-a", by_name=True) and reuse.kept == ["a.html"]
    assert not Reuse(str(live), str(tmp_path / "s"), True, listing=listing).try_reuse(
        "a.html", "fp-a"
    )  # other files: sized
    (live / "a.html").unlink()
    assert not Reuse(str(live), str(tmp_path / "s"), True, listing=_Listed()).try_reuse("a.html", "fp-a", by_name=True)
    (live / "a.html").write_text("A")  # listed before it came back, or listed as a link: not reused
    assert not Reuse(str(live), str(tmp_path / "s"), True, listing=_Listed("b.html")).try_reuse(
        "a.html", "fp-a", by_name=True
    )
    assert Reuse(str(live), str(tmp_path / "s"), True).try_reuse("a.html", "fp-a", by_name=True)  # no listing: stat
    assert listing.asked == 1


def test_content_fingerprint_leaves_out_the_stories_around_an_article() -> None:
    from engine.fingerprints import split_around  # noqa: PLC0415

    other = SimpleNamespace(source_path="b.md", metadata={}, title="B")
    story = SimpleNamespace(source_path="a.md", metadata={}, title="A", _content="<p>x</p>", related=[other])
    inner, around = split_around(content_data(story, ROLES, own_page=True), ROLES)
    assert set(around) == {"related"} and "related" not in inner[2] and inner[2]["_content"] == "<p>x</p>"
    assert ROLES.around >= {"related", "previous_in_section", "next_in_section"}
    story.related = []
    inner_after, around_after = split_around(content_data(story, ROLES, own_page=True), ROLES)
    assert digest(inner_after) == digest(inner) and digest(around_after) != digest(around)
    story.title = "A, corrected"
    assert digest(split_around(content_data(story, ROLES, own_page=True), ROLES)[0]) != digest(inner)


def test_values_the_plugins_derive_are_left_to_the_site_fingerprint_which_covers_their_code() -> None:
    from engine.fingerprints import site_digest  # noqa: PLC0415

    one = article("/c/one.md", title="One", seo_meta={"og:title": "One"}, card_html="<article>One</article>")
    same = article("/c/one.md", title="One", seo_meta={"og:title": "Other"}, card_html="<article>x</article>")
    assert content_data(one, ROLES, own_page=True) == content_data(same, ROLES, own_page=True)
    assert content_data(one, ROLES, own_page=False) == content_data(same, ROLES, own_page=False)
    context = {"SITENAME": "Daily", "articles": [one]}
    templates = [("base.html", b"<html>")]
    before = site_digest(context, templates, "4.12", ROLES, [("0:seo/pages.py", b"def meta(): ...")])
    assert before == site_digest(context, templates, "4.12", ROLES, [("0:seo/pages.py", b"def meta(): ...")])
    assert before != site_digest(context, templates, "4.12", ROLES, [("0:seo/pages.py", b"def meta(): return 1")])
    assert before != site_digest(context, templates, "4.12", ROLES)
    plain = site_digest(context, templates, "4.12", ROLES)
    moved = {**context, "CACHE_PATH": "/elsewhere/cache", "OUTPUT_PATH": "/elsewhere/output"}
    assert site_digest(moved, templates, "4.12", ROLES) == plain  # where things are is not what pages hold
    assert site_digest({**context, "SITENAME": "Weekly"}, templates, "4.12", ROLES) != plain


def test_a_long_body_is_fingerprinted_by_its_hash_and_still_follows_every_character() -> None:
    body = "<p>" + "word " * 400 + "</p>"
    one = article("/c/one.md", title="One", _content=body)
    page = content_data(one, ROLES, own_page=True)
    assert body not in str(page) and "sha256" in str(page)
    edited = article("/c/one.md", title="One", _content=body.replace("word", "Word", 1))
    assert digest(content_data(edited, ROLES, own_page=True)) != digest(page)
    again = article("/c/one.md", title="One", _content=body)
    assert digest(content_data(again, ROLES, own_page=True)) == digest(page)
    short = article("/c/one.md", title="One", _content="<p>short</p>")
    assert "<p>short</p>" in str(content_data(short, ROLES, own_page=True))  # short texts stay as they are


def test_a_listed_article_page_adds_only_what_its_own_page_shows_to_the_site_fingerprint() -> None:
    from engine.fingerprints import listed, own_data, site_digest  # noqa: PLC0415

    other = article("/c/other.md", title="Other")
    one = article("/c/one.md", title="One", _content="<p>body</p>", related=[other], reading_minutes=2)
    context = {"articles": [one, other]}
    items = listed(context)
    own = own_data(one, items, ROLES)
    assert own[2] == {"_content": "<p>body</p>", "related": [other], "reading_minutes": 2}  # no title: listed
    stray = article("/c/stray.md", title="Stray", _content="<p>x</p>")  # in no list: all of its data
    assert own_data(stray, items, ROLES) == content_data(stray, ROLES, own_page=True)
    twin = article("/c/one.md", title="One", _content="<p>body</p>", related=[other], reading_minutes=2)
    assert own_data(twin, items, ROLES) == content_data(
        twin, ROLES, own_page=True
    )  # the same path, but not the listed object
    # what the own part leaves out, the site fingerprint holds: a new headline changes it
    retitled = {"articles": [article("/c/one.md", title="One, updated", _content="<p>body</p>"), other]}
    assert site_digest(retitled, [], "4.12", ROLES) != site_digest(context, [], "4.12", ROLES)
    edited = article("/c/one.md", title="One", _content="<p>new</p>", related=[other], reading_minutes=2)
    assert site_digest({"articles": [edited, other]}, [], "4.12", ROLES) == site_digest(context, [], "4.12", ROLES)
    assert digest(own_data(edited, listed({"articles": [edited]}), ROLES)) != digest(
        own
    )  # ... and the body the own part


def test_an_attribute_no_plugin_declared_stops_the_build_with_its_name_and_the_fix() -> None:
    story = article("/c/one.md", title="One", sparkle="new")
    with pytest.raises(UndeclaredAttribute, match=r"/c/one.md: .*'sparkle'.* Fix: declare"):
        content_data(story, ROLES, own_page=False)
    contract = _contract()
    contract.declare("sparkles", OWN_PAGE, ["sparkle"])
    assert "sparkle" not in str(content_data(story, contract.roles(), own_page=False))
    assert "new" in str(content_data(story, contract.roles(), own_page=True))
    with pytest.raises(ValueError, match="one attribute has one role"):
        contract.declare("other", DERIVED, ["sparkle"])

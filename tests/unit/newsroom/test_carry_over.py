"""What a build forked from the last good build takes over from its content model: only results kept by
what they were made from, and converted bodies only when the Markdown settings and the cache file match."""

from __future__ import annotations

from newsroom.bodies import BodyStore
from newsroom.state import NewsroomBuild, carry_over, remembered


def _earlier(fingerprint: str = "md-1", store: str | None = "/cache/bodies.sqlite3") -> NewsroomBuild:
    nr = NewsroomBuild(body_fingerprint=fingerprint, body_store=BodyStore(store))
    nr.bodies = {"key": ("<p>Body</p>", ())}
    nr.typeset = {'"Quoted"': "“Quoted”"}
    nr.standfirsts = {("<p>Body</p>", 30): "Body"}
    return nr


def test_a_build_forked_from_the_last_takes_its_bodies_and_typeset_text() -> None:
    earlier = _earlier()
    nr = NewsroomBuild(body_fingerprint="md-1", body_store=BodyStore("/cache/bodies.sqlite3"))
    carry_over(nr, earlier)
    assert nr.bodies is earlier.bodies
    assert nr.typeset is earlier.typeset and nr.standfirsts is earlier.standfirsts


def test_bodies_converted_with_other_markdown_settings_or_kept_elsewhere_are_not_taken() -> None:
    for earlier in (_earlier(fingerprint="md-2"), _earlier(store="/elsewhere/bodies.sqlite3")):
        nr = NewsroomBuild(body_fingerprint="md-1", body_store=BodyStore("/cache/bodies.sqlite3"))
        carry_over(nr, earlier)
        assert nr.bodies == {}
        assert nr.typeset is earlier.typeset  # typesetting depends on the text alone


def test_a_build_from_nothing_takes_nothing() -> None:
    nr = NewsroomBuild(body_fingerprint="md-1")
    carry_over(nr, None)
    assert nr.bodies == {} and nr.typeset == {} and nr.standfirsts == {}


def test_remembered_makes_a_value_once() -> None:
    made: list[str] = []
    memo: dict[str, str] = {}

    def make(key: str) -> str:
        made.append(key)
        return key.upper()

    assert remembered(memo, "a", make) == remembered(memo, "a", make) == "A"
    assert made == ["a"]

"""Teasers render on first use, once, and count as markup in templates."""

from __future__ import annotations

from engine.fingerprints import digest
from jinja2 import Environment
from markupsafe import escape
from newsroom.teaser import Teaser


def test_a_teaser_renders_once_on_first_use_and_is_not_escaped_again() -> None:
    calls = []

    def render() -> str:
        calls.append(1)
        return '<article class="card"><a href="/x/">A &amp; B</a></article>'

    teaser = Teaser(render)
    assert calls == []
    card = render()
    page = Environment(autoescape=True).from_string("{{ a }}|{{ a }}|{{ b }}").render(a=teaser, b="<b>")
    assert page == f"{card}|{card}|&lt;b&gt;"
    calls.remove(1)  # the call made here to get the expected HTML
    assert calls == [1]
    assert str(escape(teaser)) == str(teaser)


def test_a_teaser_leaves_page_fingerprints_alone() -> None:
    """Its HTML comes from list data the site fingerprint covers; rendering it for a digest would undo the saving."""
    calls = []
    teaser = Teaser(lambda: calls.append(1) or "<p>x</p>")
    assert digest({"card_html": teaser}) == digest({"card_html": Teaser(lambda: "<p>other</p>")})
    assert calls == []

"""Teasers render on first use, once, and count as markup in templates."""

from __future__ import annotations

import pytest
from engine.fingerprints import UnknownValue, content_data, digest
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
    """Its HTML comes from list data the site fingerprint covers; rendering it for a digest would undo the saving.

    The content model declares ``card_html`` DERIVED in the article contract, so a story's
    fingerprint leaves it out, unrendered."""
    from types import SimpleNamespace  # noqa: PLC0415

    from engine.contract import DERIVED, Contract  # noqa: PLC0415
    from newsroom.plugin import SETS  # noqa: PLC0415

    assert "card_html" in SETS[DERIVED]
    contract = Contract()
    contract.declare_all("newsroom", SETS)
    roles = contract.roles()
    calls = []
    one = SimpleNamespace(source_path="a.md", title="A", card_html=Teaser(lambda: calls.append(1) or "<p>x</p>"))
    two = SimpleNamespace(source_path="a.md", title="A", card_html=Teaser(lambda: "<p>other</p>"))
    assert digest(content_data(one, roles, own_page=True)) == digest(content_data(two, roles, own_page=True))
    assert calls == []


def test_a_page_value_the_build_cannot_fingerprint_stops_it_rather_than_being_missed() -> None:
    with pytest.raises(UnknownValue, match=r"newsroom\.teaser\.Teaser"):
        digest({"card_html": Teaser(lambda: "<p>x</p>")})

"""The evidence issue #25 added: page furniture discounted, headline names weighted, a term budget by length,
no link on one shared tag alone, and the RELATED_* settings that tune them."""

from __future__ import annotations

import random

import pytest
from common.errors import SettingsError
from related import settings
from related.index import build_index
from related.model import FALLBACK, PINNED, SCORED, Config, Doc
from related.scoring import rank
from related.text import Vocabulary, field_counts, furniture, names

WEIGHTS = {"title": 3.0, "summary": 2.0, "body": 1.0}
PAGE = (
    "The station is expected to fall back to Earth within days, controllers said.\n"
    "hide caption\n"
    "Share this with Email\n"
    "Most of it will burn up on the way down.\n"
    "Related Topics"
)


def test_furniture_is_the_short_lines_that_end_no_sentence() -> None:
    assert furniture(PAGE).splitlines() == ["hide caption", "Share this with Email", "Related Topics"]
    assert furniture("One paragraph only, no furniture") == ""
    long_line = "word " * 20
    assert furniture(f"{long_line}\nA short sentence.\n“Quoted,” she said.") == ""


def test_names_are_capitalised_where_no_sentence_starts() -> None:
    assert names("MPs back the Harbourline bill after Ofcom review") == "Harbourline Ofcom"
    assert names("Glimmerdb flaw: Patch now, say experts. Then Kestrel fell") == "Kestrel"
    assert names("Why Koukrukrim Matters For The Model") == ""  # Title Case: nothing stands out
    assert names("") == ""
    # no name after a line start, a letter, or a sentence end or colon and a space (a tab too)
    text = "Vote on\nKirkwall deal: Lerwick and iOS, not xKestrel; see O'Neill's Orkney-2 and Zed_ plan!\tTide"
    assert names(text) == "O'Neill's Orkney-2 Zed"


def test_furniture_counts_its_share_and_names_count_extra() -> None:
    counts = field_counts({"title": "", "summary": "", "body": PAGE}, WEIGHTS, Vocabulary(), furniture_weight=0.1)
    assert counts["caption"] == pytest.approx(0.1) and counts["station"] == 1
    dropped = field_counts({"title": "", "summary": "", "body": PAGE}, WEIGHTS, Vocabulary(), furniture_weight=0)
    assert "caption" not in dropped and "topic" not in dropped and dropped["burn"] == 1
    titled = field_counts({"title": "Rescue plan for Harbourline ferries"}, WEIGHTS, Vocabulary(), name_weight=4)
    assert titled["harbourline"] == 3 * 5 and titled["ferry"] == 3 and titled["rescue"] == 3


def test_a_long_text_keeps_more_terms_up_to_the_most() -> None:
    rng = random.Random(7)
    vocabulary = [f"w{n}x" for n in range(900)]
    short = Doc(key="0", slug="d0", title="t0x", text=" ".join(f"s{n}x" for n in range(30)))  # 31 terms
    docs = [short] + [
        Doc(key=f"{n}", slug=f"d{n}", title=f"t{n}x", text=" ".join(rng.choices(vocabulary, k=3000))) for n in (1, 2, 3)
    ]
    index = build_index(docs, Config(terms_per_article=12, terms_max=40))
    kept = {doc.slug: len(index.vectors[d][0]) for d, doc in enumerate(index.docs)}
    assert kept["d0"] == 12 and kept["d1"] == kept["d2"] == 40


def _story(slug: str, text: str, tags: tuple[str, ...], pins: tuple[str, ...] = (), day: int = 0) -> Doc:
    return Doc(key=f"{slug}.md", slug=slug, title=slug.replace("-", " "), text=text, tags=tags, section="News",
               timestamp=1_760_000_000 + day * 86400, pins=pins)  # fmt: skip


def test_one_shared_tag_and_no_shared_word_is_no_link_but_a_pin_still_is() -> None:
    docs = [
        _story("space-station-falls", "Orbit debris reentry tracking", ("www.outlet.example", "space")),
        _story("world-series-final", "Pitcher inning homer stadium", ("www.outlet.example",)),
        _story("station-crew-returns", "Capsule splashdown astronauts", ("www.outlet.example", "space")),
        *(_story(f"filler-{n}", f"Unrelated words number{n}", (f"other{n}",), day=1) for n in range(6)),
    ]
    lists = rank(docs, Config()).lists
    space = {link.slug: link for link in lists["space-station-falls.md"]}
    assert space["station-crew-returns"].kind == SCORED  # two shared tags, no shared word: still evidence
    assert space.get("world-series-final") is None or space["world-series-final"].kind == FALLBACK
    assert all(link.text > 0 or len(link.shared_tags) >= 2 for link in space.values() if link.kind == SCORED)
    docs[1] = _story("world-series-final", "Pitcher inning homer stadium", ("www.outlet.example",),
                     pins=("space-station-falls",))  # fmt: skip
    pinned = rank(docs, Config()).lists["world-series-final.md"]
    assert (pinned[0].slug, pinned[0].kind) == ("space-station-falls", PINNED)


def test_the_same_articles_in_any_order_give_the_same_lists() -> None:
    docs = [_story(f"s{n}", f"Glimmerdb patch {n % 3} flaw servers", ("www.outlet.example",), day=n % 4)
            for n in range(30)]  # fmt: skip
    first = rank(docs, Config()).lists
    shuffled = docs[:]
    random.Random(3).shuffle(shuffled)
    assert rank(shuffled, Config()).lists == first


def test_the_new_settings_have_defaults_and_are_checked() -> None:
    loaded = settings.load({"RELATED_TERMS_MAX": 80, "RELATED_FURNITURE_WEIGHT": 0, "RELATED_NAME_WEIGHT": 0})
    assert (loaded.config.terms_max, loaded.config.furniture_weight, loaded.config.name_weight) == (80, 0.0, 0)
    assert settings.DEFAULTS["TERMS_MAX"] == Config().terms_max == 64
    for given, expected in (
        ({"RELATED_TERMS_MAX": 8}, "RELATED_TERMS_MAX (8) must be at least RELATED_TERMS_PER_ARTICLE (20)"),
        ({"RELATED_FURNITURE_WEIGHT": 2}, "RELATED_FURNITURE_WEIGHT must be from 0 (furniture ignored) to 1"),
        ({"RELATED_FURNITURE_WEIGHT": -1}, "RELATED_FURNITURE_WEIGHT must be 0 or more"),
        ({"RELATED_NAME_WEIGHT": 1.5}, "RELATED_NAME_WEIGHT must be a whole number of 0 or more"),
    ):
        with pytest.raises(SettingsError, match=expected.replace("(", r"\(").replace(")", r"\)")):
            settings.load(given)

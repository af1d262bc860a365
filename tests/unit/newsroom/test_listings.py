"""Unit tests for newsroom.listings: total orders, the lead story, section blocks, related lists, standfirsts."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta, timezone
from types import SimpleNamespace

import pytest
from newsroom.listings import by_section, latest_in_section, lead_story, newest_first, standfirst_from_html

BASE = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def story(slug: str, day: int = 1, section: str = "Security", featured: bool = False) -> SimpleNamespace:
    return SimpleNamespace(
        slug=slug, date=BASE + timedelta(days=day), category=SimpleNamespace(name=section), featured=featured
    )


def order(items: list[SimpleNamespace]) -> list[SimpleNamespace]:
    return newest_first(items, lambda a: a.date, lambda a: a.slug)


def slugs(items: list[SimpleNamespace]) -> list[str]:
    return [a.slug for a in items]


def section_of(article: SimpleNamespace) -> str:
    return article.category.name


# -- newest_first -------------------------------------------------------------------


def test_newest_first_orders_by_date_descending() -> None:
    assert slugs(order([story("a", 1), story("b", 3), story("c", 2)])) == ["b", "c", "a"]


def test_equal_dates_are_ordered_by_slug_whatever_the_input_order() -> None:
    items = [story("delta", 2), story("alpha", 2), story("charlie", 5), story("bravo", 2), story("echo", 1)]
    for permutation in itertools.permutations(items):
        assert slugs(order(list(permutation))) == ["charlie", "alpha", "bravo", "delta", "echo"]


def test_same_instant_in_different_offsets_counts_as_a_tie() -> None:
    a = SimpleNamespace(slug="b-story", date=datetime(2026, 11, 1, 10, 0, tzinfo=timezone(timedelta(hours=1))))
    b = SimpleNamespace(slug="a-story", date=datetime(2026, 11, 1, 9, 0, tzinfo=UTC))
    assert slugs(order([a, b])) == ["a-story", "b-story"]


def test_newest_first_accepts_any_iterable_and_returns_a_new_list() -> None:
    items = [story("a", 1), story("b", 2)]
    result = newest_first(iter(items), lambda a: a.date, lambda a: a.slug)
    assert slugs(result) == ["b", "a"] and slugs(items) == ["a", "b"]
    assert order([]) == []


# -- lead_story -----------------------------------------------------------------------


def test_lead_is_the_newest_featured_story() -> None:
    ordered = order([story("new", 9), story("old-feature", 1, featured=True), story("mid-feature", 5, featured=True)])
    assert lead_story(ordered, lambda a: a.featured).slug == "mid-feature"


def test_lead_is_the_newest_story_when_none_is_featured() -> None:
    ordered = order([story("a", 1), story("b", 2)])
    assert lead_story(ordered, lambda a: a.featured).slug == "b"


def test_no_lead_for_an_empty_site() -> None:
    assert lead_story([], lambda a: True) is None


# -- by_section -------------------------------------------------------------------------


def test_by_section_follows_navigation_order_not_article_order() -> None:
    ordered = order([story("s1", 3, "Science"), story("w1", 2, "World"), story("x1", 1, "Security")])
    blocks = by_section(ordered, section_of, ["Security", "World", "Science"], count=4)
    assert [(name, slugs(items)) for name, items in blocks] == [
        ("Security", ["x1"]),
        ("World", ["w1"]),
        ("Science", ["s1"]),
    ]


def test_by_section_takes_the_newest_up_to_count() -> None:
    ordered = order([story(f"s{i}", i) for i in range(6)])
    [(name, items)] = by_section(ordered, section_of, ["Security"], count=3)
    assert name == "Security" and slugs(items) == ["s5", "s4", "s3"]


def test_by_section_drops_empty_and_unknown_sections() -> None:
    ordered = order([story("a", 1, "Security"), story("b", 2, "Gossip")])
    blocks = by_section(ordered, section_of, ["Science", "Security", "World"], count=2)
    assert [name for name, _ in blocks] == ["Security"]


def test_by_section_excludes_the_lead_and_backfills_from_older_stories() -> None:
    ordered = order([story("a", 1), story("b", 2), story("c", 3)])
    lead = ordered[0]
    [(_, items)] = by_section(ordered, section_of, ["Security"], count=2, exclude=lead)
    assert slugs(items) == ["b", "a"]


def test_by_section_exclude_uses_identity_not_equality() -> None:
    first, twin = story("same", 1), story("same", 1)
    assert first == twin
    [(_, items)] = by_section([first, twin], section_of, ["Security"], count=5, exclude=first)
    assert items == [twin] and items[0] is twin


def test_section_emptied_by_the_exclusion_is_dropped() -> None:
    only = story("only", 1, "World")
    blocks = by_section([only, story("x", 0)], section_of, ["World", "Security"], count=3, exclude=only)
    assert [name for name, _ in blocks] == ["Security"]


def test_by_section_with_no_articles_is_empty() -> None:
    assert by_section([], section_of, ["Security"], count=3) == []


# -- latest_in_section -------------------------------------------------------------------


def test_related_lists_exclude_the_article_itself_and_keep_newest_first() -> None:
    ordered = order([story(f"s{i}", i) for i in range(6)])
    related = latest_in_section(ordered, section_of, count=3)
    by_slug = {a.slug: slugs(related[id(a)]) for a in ordered}
    assert by_slug["s5"] == ["s4", "s3", "s2"]
    assert by_slug["s4"] == ["s5", "s3", "s2"]
    assert by_slug["s2"] == ["s5", "s4", "s3"]
    assert by_slug["s0"] == ["s5", "s4", "s3"]


def test_related_lists_stay_within_the_section() -> None:
    ordered = order([story("a", 1, "Security"), story("b", 2, "World"), story("c", 3, "Security")])
    related = latest_in_section(ordered, section_of, count=4)
    assert {a.slug: slugs(related[id(a)]) for a in ordered} == {"c": ["a"], "b": [], "a": ["c"]}


@pytest.mark.parametrize(("size", "count"), [(1, 3), (2, 3), (3, 3), (4, 3), (10, 1)])
def test_every_article_gets_min_of_count_and_section_size_minus_one(size: int, count: int) -> None:
    ordered = order([story(f"s{i:02}", i) for i in range(size)])
    related = latest_in_section(ordered, section_of, count=count)
    assert set(related) == {id(a) for a in ordered}
    for article in ordered:
        others = related[id(article)]
        assert len(others) == min(count, size - 1)
        assert article not in others
        assert others == [a for a in ordered if a is not article][:count]


def test_related_with_no_articles_is_empty() -> None:
    assert latest_in_section([], section_of, count=3) == {}


# -- standfirst_from_html -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>First paragraph.</p><p>Second.</p>", "First paragraph."),
        ("<h2>Heading</h2><p>Body text.</p>", "Body text."),
        ("<p></p><p>  </p><p>Real text.</p>", "Real text."),
        ("<p><img src='a.png' alt='x'></p><p>After the image.</p>", "After the image."),
        ("<p>Tom &amp; Jerry &lt;3 &quot;cheese&quot; &#8212; caf&eacute;</p>", 'Tom & Jerry <3 "cheese" — café'),
        ("<p>A <em>very</em> <a href='#'>linked <strong>bold</strong></a> claim.</p>", "A very linked bold claim."),
        ("<p>Line one\n  line   two</p>", "Line one line two"),
        ("<div>outside</div><blockquote><p>Quoted.</p></blockquote>", "Quoted."),
        ("<P>Upper-case tags.</P>", "Upper-case tags."),
        ("No paragraphs at all.", ""),
        ("", ""),
    ],
)
def test_standfirst_is_the_text_of_the_first_non_empty_paragraph(html: str, expected: str) -> None:
    assert standfirst_from_html(html, words=40) == expected


def test_standfirst_is_cut_to_a_word_count_with_an_ellipsis() -> None:
    assert standfirst_from_html("<p>one two three four five</p>", words=3) == "one two three…"


@pytest.mark.parametrize("words", [5, 6])
def test_standfirst_at_or_under_the_limit_has_no_ellipsis(words: int) -> None:
    assert standfirst_from_html("<p>one two three four five</p>", words=words) == "one two three four five"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("alpha, beta gamma", "alpha…"),
        ("alpha; beta", "alpha…"),
        ("alpha: beta", "alpha…"),
        ("alpha. beta", "alpha.…"),
    ],
)
def test_standfirst_cut_drops_trailing_punctuation_before_the_ellipsis(text: str, expected: str) -> None:
    assert standfirst_from_html(f"<p>{text}</p>", words=1) == expected


def test_standfirst_only_reads_the_first_paragraph_even_when_cut() -> None:
    assert standfirst_from_html("<p>short one</p><p>second paragraph words</p>", words=5) == "short one"

"""Typographic punctuation: quotes, apostrophes, dashes and ellipses in text, never in code or markup."""

from __future__ import annotations

import random

import pytest
from newsroom import typography
from newsroom.typography import smarten_html, smarten_text


@pytest.mark.parametrize(
    ("plain", "typeset"),
    [
        ('Minister says "no deal" on chips', "Minister says \u201cno deal\u201d on chips"),
        ("Tickwise's 'quiet' retreat", "Tickwise\u2019s \u2018quiet\u2019 retreat"),
        ("Rock 'n' roll in the '90s", "Rock \u2019n\u2019 roll in the \u201990s"),
        ("Cloud outage - a post-mortem", "Cloud outage \u2013 a post-mortem"),
        ("Pages 10--12 of the report---leaked", "Pages 10\u201312 of the report\u2014leaked"),
        ("Wait for it...", "Wait for it\u2026"),
        ('("Quoted") and "—quoted"', "(\u201cQuoted\u201d) and \u201c\u2014quoted\u201d"),
        ("2020-2021 budget, e-mail", "2020-2021 budget, e-mail"),
        ("", ""),
    ],
)
def test_plain_text(plain: str, typeset: str) -> None:
    assert smarten_text(plain) == typeset


def test_already_typeset_text_is_left_as_it_is() -> None:
    once = smarten_text('It\'s "done" -- really...')
    assert smarten_text(once) == once == "It\u2019s \u201cdone\u201d \u2013 really\u2026"


def test_web_addresses_in_text_are_left_alone() -> None:
    text = "See https://example.com/a--b?q='x' and www.example.org/it's-here - or 'not'"
    assert smarten_text(text) == (
        "See https://example.com/a--b?q='x' and www.example.org/it's-here \u2013 or \u2018not\u2019"
    )


def test_html_text_changes_but_not_tags_or_attributes() -> None:
    html = '<p>He said "it\'s done" -- <a href="https://e.com/a--b" title="q \'x\'">the "link"</a>.</p>'
    assert smarten_html(html) == (
        '<p>He said \u201cit\u2019s done\u201d \u2013 <a href="https://e.com/a--b" title="q \'x\'">'
        "the \u201clink\u201d</a>.</p>"
    )


def test_code_spans_and_preformatted_blocks_stay_as_written() -> None:
    html = (
        "<p>Run <code>echo \"it's\" -- now</code>'s way.</p>\n"
        '<pre><code>x = "a" -- \'b\'\n<span class="s">"c"</span>\n</code></pre>\n'
        "<p>Then \"<kbd>Ctrl</kbd>\" and <samp>'s'</samp>.</p>"
    )
    assert smarten_html(html) == (
        '<p>Run <code>echo "it\'s" -- now</code>\u2019s way.</p>\n'
        '<pre><code>x = "a" -- \'b\'\n<span class="s">"c"</span>\n</code></pre>\n'
        "<p>Then \u201c<kbd>Ctrl</kbd>\u201d and <samp>'s'</samp>.</p>"
    )


def test_quotes_around_inline_markup_open_and_close_by_what_precedes_them() -> None:
    assert smarten_html('<p>"<em>Never</em>," she said. "<strong>Ever</strong>"</p>') == (
        "<p>\u201c<em>Never</em>,\u201d she said. \u201c<strong>Ever</strong>\u201d</p>"
    )
    assert smarten_html('<p>End.</p>\n<p>"Start</p>') == "<p>End.</p>\n<p>\u201cStart</p>"


def test_quote_entities_in_text_are_typeset_and_other_entities_kept() -> None:
    assert smarten_html("<p>&quot;AT&amp;T&#39;s&quot; &lt;tag&gt;</p>") == (
        "<p>\u201cAT&amp;T\u2019s\u201d &lt;tag&gt;</p>"
    )


def test_comments_and_bare_addresses_in_html_are_untouched() -> None:
    html = '<!-- "x" -- y --><p><a href="https://e.com/">https://e.com/it\'s--here</a> "ok"</p>'
    assert smarten_html(html) == (
        '<!-- "x" -- y --><p><a href="https://e.com/">https://e.com/it\'s--here</a> \u201cok\u201d</p>'
    )


def _turned_one_by_one(text: str, before: str) -> str:
    """The rule, a character at a time: a quote after an opener (or at the start of a run after one) opens."""
    out, previous = [], before
    for char in typography._ELISION.sub("\u2019", text):
        turned = char
        if char in "\"'":
            opens = previous in typography.OPENERS
            turned = ("\u201c" if opens else "\u201d") if char == '"' else ("\u2018" if opens else "\u2019")
        out.append(turned)
        previous = turned
    return "".join(out)


def test_quotes_turn_as_the_rule_says_a_character_at_a_time() -> None:
    rng = random.Random(21)
    alphabet = "ab 9'\"(-\u2018\u201c\n\u00a0x/"
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        before = rng.choice(alphabet)
        assert typography._quotes(text, before) == _turned_one_by_one(text, before), (text, before)

"""twitter:description: at most 200 characters, cut at a word (X shows no more)."""

from __future__ import annotations

from seo.social import TWITTER_TEXT, cut_at_word, social_tags


def test_a_short_text_is_kept_and_a_long_one_cut_at_a_word_with_an_ellipsis() -> None:
    assert cut_at_word("Short and sweet.", 200) == "Short and sweet."
    text = "Contract prices for ordinary memory have risen again, as makers divert capacity to AI chips."
    cut = cut_at_word(text, 40)
    assert cut == "Contract prices for ordinary memory\u2026" and len(cut) <= 40
    assert cut_at_word("word " * 100, 200).endswith("word\u2026") and len(cut_at_word("word " * 100, 200)) <= 200
    assert cut_at_word("x" * 300, 200) == "x" * 199 + "\u2026"  # one word longer than the limit
    assert cut_at_word("a" * 199 + " bc", 200) == "a" * 199 + "\u2026"  # a space right at the limit ends the cut


def test_only_the_twitter_description_is_cut() -> None:
    long = "A sentence about a story. " * 12
    tags = dict(((kind, name), value) for kind, name, value in social_tags(
        kind="article", title="T", description=long, url="https://x.example/", site_name="S", locale="en_GB",
        image=None))  # fmt: skip
    assert tags[("property", "og:description")] == long
    short = tags[("name", "twitter:description")]
    assert len(short) <= TWITTER_TEXT and short.endswith("\u2026") and not short[:-1].endswith(" ")
    assert long.startswith(short[:-1])

"""Invisible characters pasted into front-matter or the author registry stop the build; the body keeps them."""

from __future__ import annotations

from pathlib import Path

from support.builds import article_text, build
from support.refusals import assert_refused


def test_invisible_characters_in_front_matter_stop_the_build_and_make_check(make_site, tmp_path: Path) -> None:
    content = make_site(
        {
            "articles/rlo.md": article_text("Apple \u202ebuys Intel"),
            "articles/zwsp.md": article_text("Zero width", Tags="cloud, se\u200bcurity"),
            "articles/emoji.md": article_text("Emoji").replace("First paragraph", "A developer 👩\u200d💻 at work"),
            "authors.toml": '[[author]]\nname = "Ada\u2060 Lovelace"\nrole = "Editor"\n',
        }
    )
    expected = [
        "articles/rlo.md:1: error: [Title] has an invisible character: RIGHT-TO-LEFT OVERRIDE (U+202E) after "
        "'Title: Apple'; it changes the order in which the text is shown. Fix: delete it",
        "articles/zwsp.md:5: error: [Tags] has an invisible character: ZERO WIDTH SPACE (U+200B) "
        "after 'Tags: cloud, se'",
        "authors.toml:2: error: [author[0].name] has an invisible character: WORD JOINER (U+2060) after 'Ada'",
    ]
    output = tmp_path / "output"
    result = assert_refused(content, output, expected)
    assert "emoji.md" not in result.stderr

    for name in ("rlo.md", "zwsp.md"):
        (content / "articles" / name).unlink()
    (content / "authors.toml").write_text('[[author]]\nname = "Ada Lovelace"\n')
    assert build(content, output).returncode == 0
    assert "👩\u200d💻" in (output / "2026/11/emoji/index.html").read_text()

"""Tags and bylines spelt differently but sharing one page stop the build, naming both."""

from __future__ import annotations

import textwrap
from pathlib import Path

from support.builds import article_text, build, run_newsdesk, tree_digest
from support.commands import publish

REGISTRY = textwrap.dedent("""\
    [[author]]
    name = "Ada Lovelace"

    [[author]]
    name = "Priya Raman"
    """)


def test_tags_and_bylines_sharing_a_page_stop_the_build_and_make_check(make_site, tmp_path: Path) -> None:
    content = make_site(
        {
            "authors.toml": REGISTRY,
            "articles/cpp.md": article_text("Cpp", Tags="C++, supply chain", Authors="José Pérez"),
            "articles/c.md": article_text("C", Tags="C, Supply  chain", Authors="Jose Perez"),
            "articles/csharp.md": article_text("Csharp", Tags="C#, supply-chain", Authors="Priya Ramán"),
        }
    )
    output = tmp_path / "output"
    output.mkdir()
    before = tree_digest(output)

    result = build(content, output)

    assert result.returncode != 0
    stderr = result.stderr
    expected = [
        "articles/c.md:5: error: [Tags] the tag 'C' shares the topic page /tag/c/ with 'C#' in articles/csharp.md; "
        "'C++' in articles/cpp.md.",
        "articles/cpp.md:5: error: [Tags] the tag 'C++' shares the topic page /tag/c/",
        "articles/csharp.md:5: error: [Tags] the tag 'C#' shares the topic page /tag/c/",
        "articles/c.md:3: error: [Authors] the author 'Jose Perez' shares the author page /author/jose-perez/ "
        "with 'José Pérez' in articles/cpp.md.",
        "articles/cpp.md:3: error: [Authors] the author 'José Pérez' shares the author page",
        "articles/csharp.md:3: error: [Authors] 'Priya Ramán' and 'Priya Raman' (authors.toml) share the author "
        "page /author/priya-raman/. Fix: write 'Priya Raman' as the author registry does",
    ]
    for text in expected:
        assert text in stderr, f"{text!r} missing from:\n{stderr}"
    assert "supply" not in stderr.lower()  # one topic written three ways: one page, as before
    assert tree_digest(output) == before

    check = run_newsdesk("check", "--input", str(content))
    assert check.returncode == 1
    errors = sorted(line for line in check.stdout.splitlines() if ": error: " in line)
    built = sorted(line for line in stderr.splitlines() if ": error: " in line)
    assert errors == built


def test_a_tag_spelt_differently_by_a_draft_stops_only_the_builds_that_write_the_draft(
    make_site, tmp_path: Path
) -> None:
    content = make_site(
        {
            "articles/cpp.md": article_text("Cpp", Tags="C++"),
            "articles/draft.md": article_text("C draft", Tags="C", Status="draft"),
        }
    )
    result = build(content, tmp_path / "output")
    assert result.returncode != 0
    assert "articles/draft.md:5: error: [Tags] the tag 'C' shares the topic page /tag/c/ with 'C++'" in result.stderr
    assert publish(content, tmp_path / "published").returncode == 0

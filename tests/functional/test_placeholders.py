"""The scaffold's [[placeholders]]: a warning on a draft, an error on a story that would go live."""

from __future__ import annotations

from pathlib import Path

from newsroom.frontmatter import split_front_matter
from newsroom.placeholders import find, is_placeholder, mark
from support.builds import build, run_newsdesk, tree_digest
from support.commands import make_article


def scaffolded(content: Path, status: str) -> Path:
    """A story exactly as ``make article`` writes it, with its Status set to ``status``."""
    result = make_article(content, "TITLE=Untouched", "SECTION=Security", "AUTHORS=Ada Lovelace")
    assert result.returncode == 0 and "Created" in result.stdout, result.stderr
    story = next((content / "articles").rglob("untouched.md"))
    story.write_text(story.read_text().replace("Status: draft", f"Status: {status}"))
    return story


def said(report: str, *parts: str) -> bool:
    """Whether one line of ``report`` holds every part."""
    return any(all(part in line for part in parts) for line in report.splitlines())


def test_the_untouched_scaffold_cannot_go_live(make_site, tmp_path: Path) -> None:
    content = make_site()
    story = scaffolded(content, "published")
    lines = story.read_text().splitlines()
    tags_line = next(i for i, line in enumerate(lines, 1) if line.startswith("Tags:"))
    body_line = next(i for i, line in enumerate(lines, 1) if line.startswith("[[Start with the news"))

    result = run_newsdesk("check", "--input", str(content))
    assert result.returncode == 1, result.stdout + result.stderr
    assert said(result.stdout, f"untouched.md:{tags_line}:", "error", "[Tags] [[first tag]] is placeholder text")
    assert said(result.stdout, f"untouched.md:{body_line}:", "error", " [[Start with the news")
    assert said(result.stdout, "untouched.md:", "error", "[Summary] [[One or two sentences")

    output = tmp_path / "out"
    result = build(content, output)
    assert result.returncode != 0 and "[[first tag]] is placeholder text" in result.stderr
    assert not output.exists()

    live = tmp_path / "live"
    story.unlink()
    assert build(content, live, "publishconf.py").returncode == 0
    before = tree_digest(live)
    scaffolded(content, "published")
    published = run_newsdesk(
        "build", "--settings", "publishconf.py", "--input", str(content), "--output", str(live), "--verify"
    )
    assert published.returncode != 0 and "placeholder text" in published.stderr
    assert tree_digest(live) == before and not (live / "tag" / "first-tag").exists()


def test_a_scaffolded_draft_builds_with_warnings_and_makes_no_placeholder_tag(make_site, tmp_path: Path) -> None:
    content = make_site()
    scaffolded(content, "draft")
    result = run_newsdesk("check", "--input", str(content))
    assert result.returncode == 0, result.stdout + result.stderr
    assert said(result.stdout, "untouched.md:", "warning", "[Tags] [[first tag]] is placeholder text")
    assert "before the story is published" in result.stdout
    output = tmp_path / "out"
    result = build(content, output)
    assert result.returncode == 0, result.stderr
    assert not (output / "tag" / "first-tag").exists() and not (output / "tag" / "second-tag").exists()


def test_placeholders_are_found_by_their_marker_outside_code() -> None:
    text = "\n".join(
        [
            "Title: A story",
            "Tags: real, [[first tag]]",
            "Summary: Done.",
            "",
            "Pandas picks columns with `df[[name]]`, and numpy rows with rows[[0]].",
            "",
            "```python",
            "frame[[Column]]",
            "[[Not a placeholder in code]]",
            "```",
            "",
            "Still [[to write]] here and [[there]].",
            "[[1]] is a footnote-style reference, not a placeholder.",
        ]
    )
    split = split_front_matter(text)
    found = [(p.line, p.field, p.text) for p in find(split.fields, split.body, split.body_line)]
    assert found == [
        (2, "Tags", "[[first tag]]"),
        (12, None, "[[to write]]"),
    ]
    assert is_placeholder(mark("second tag")) and not is_placeholder("second tag")
    assert not is_placeholder("[[a]] and [[b]]") and not is_placeholder("rows[[0]]")

"""Broken input stops the build with a clear message and leaves the live output alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.builds import article_text, build, tree_digest

BAD = "articles/bad.md"

CASES = {
    "missing title": ({BAD: article_text("x", Title=None)}, ["Title", "missing"]),
    "invalid date": ({BAD: article_text("Bad date", date="11/28/2026")}, ["Date", "ISO 8601", ":2:"]),
    "missing date": ({BAD: article_text("No date", Date=None)}, ["Date", "missing"]),
    "impossible date": ({BAD: article_text("Feb", date="2026-02-30 10:00")}, ["Date", "not a real date"]),
    "invalid status": ({BAD: article_text("Status", Status="publish")}, ["Status", "published, draft, hidden"]),
    "unknown key typo": ({BAD: article_text("Typo", Tag="oops")}, ["unknown field 'Tag'", "did you mean 'Tags'"]),
    "unknown section": ({BAD: article_text("Sec", Category="Securty")}, ["Securty", "did you mean 'Security'"]),
    "blank line in front-matter": (
        {BAD: article_text("Blank").replace("\nImage:", "\n\nImage:", 1)},
        ["Image", "blank line", "remove the blank line"],
    ),
    "empty slug from title": ({BAD: article_text("!!! ???")}, ["empty URL slug", "Slug"]),
    "duplicate url": (
        {BAD: article_text("Copy", date="2026-11-10 12:00", slug="story-number-0")},
        ["same URL", "2026/11/story-number-0", "story-0.md"],
    ),
    "invalid utf-8": (
        {BAD: article_text("Bytes").encode() + b"\n\xff\xfe broken\n"},
        ["UTF-8", f"bad.md:{len(article_text('Bytes').splitlines()) + 2}:"],
    ),
    "missing image": ({BAD: article_text("Img", Image="images/nope.png")}, ["content/images/nope.png", "Image"]),
}


@pytest.fixture(scope="module")
def live_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A good build of a small site, copied before each test as the 'live' output."""
    from support.builds import PNG_16x9  # noqa: PLC0415

    root = tmp_path_factory.mktemp("live")
    content = root / "content"
    (content / "images").mkdir(parents=True)
    (content / "images" / "hero.png").write_bytes(PNG_16x9)
    for i in range(3):
        (content / f"story-{i}.md").write_text(article_text(f"Story number {i}", date=f"2026-11-1{i} 09:30"))
    result = build(content, root / "output")
    assert result.returncode == 0, result.stderr
    return root / "output"


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_input_stops_build_and_keeps_output(case: str, make_site, live_output: Path, tmp_path: Path) -> None:
    files, expected = CASES[case]
    content = make_site(files)
    output = tmp_path / "output"
    shutil.copytree(live_output, output)
    before = tree_digest(output)

    result = build(content, output)

    assert result.returncode != 0
    assert "bad.md" in result.stderr
    for text in expected:
        assert text in result.stderr, f"{text!r} missing from:\n{result.stderr}"
    assert "Fix:" in result.stderr
    assert tree_digest(output) == before
    assert not any(p.name.endswith(".staging") for p in tmp_path.iterdir())


def test_all_errors_of_a_build_are_reported_together(make_site, tmp_path: Path) -> None:
    content = make_site(
        {
            "articles/one.md": article_text("One", Tag="x"),
            "articles/two.md": article_text("Two", date="yesterday"),
            "authors.toml": '[[author]]\nname = "Ada Lovelace"\nphoto = "images/missing.svg"\n',
        }
    )
    result = build(content, tmp_path / "output")
    assert result.returncode != 0
    for text in ("one.md", "two.md", "authors.toml", "3 errors in 3 files"):
        assert text in result.stderr
    assert not (tmp_path / "output").exists()


def test_draft_with_errors_still_stops_the_build(make_site, tmp_path: Path) -> None:
    content = make_site({BAD: article_text("Draft", Status="draft", Date="soon")})
    assert build(content, tmp_path / "output").returncode != 0


def test_page_slug_that_would_overwrite_a_site_page_is_refused(make_site, tmp_path: Path) -> None:
    content = make_site({"pages/tags.md": "Title: Topics\nSlug: tag\n\nText.\n"})
    result = build(content, tmp_path / "output")
    assert result.returncode != 0
    assert "pages/tags.md" in result.stderr and "tag/index.html" in result.stderr


def test_symlinked_source_is_refused(make_site, tmp_path: Path) -> None:
    content = make_site()
    outside = tmp_path / "outside.md"
    outside.write_text(article_text("Outside"))
    (content / "articles" / "link.md").symlink_to(outside)
    result = build(content, tmp_path / "output")
    assert result.returncode != 0 and "link.md" in result.stderr and "symbolic link" in result.stderr
    assert result.stderr.count("link.md") == 1


def test_good_build_replaces_output_and_marks_it(make_site, tmp_path: Path) -> None:
    content = make_site()
    output = tmp_path / "output"
    assert build(content, output).returncode == 0
    (content / "articles" / "story-2.md").unlink()
    assert build(content, output).returncode == 0
    assert (output / ".newsdesk-output").is_file()
    assert not (output / "2026" / "11" / "story-number-2").exists()
    assert (output / "2026" / "11" / "story-number-1" / "index.html").is_file()


def test_refuses_to_replace_a_folder_it_did_not_build(make_site, tmp_path: Path) -> None:
    content = make_site()
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.txt").write_text("keep me")
    result = build(content, precious)
    assert result.returncode != 0 and "did not write" in result.stderr
    assert (precious / "thesis.txt").read_text() == "keep me"


def test_link_to_a_missing_article_stops_the_build(make_site, tmp_path: Path) -> None:
    text = article_text("Linker").replace("First paragraph", "See [the earlier story]({filename}story-9.md)")
    content = make_site(
        {
            "articles/linker.md": text,
            "articles/ok.md": article_text("Ok").replace(
                "First paragraph", "See [story]({filename}story-1.md) and ![x]({static}/images/hero.png)"
            ),
        }
    )
    result = build(content, tmp_path / "output")
    assert result.returncode != 0
    assert "linker.md" in result.stderr and "story-9.md" in result.stderr
    assert "ok.md" not in result.stderr

"""{attach} moves a file next to the story that attaches it: refused on a file another story uses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import pyvips
from support.builds import PNG_16x9, article_text, build, run_newsdesk


def story(title: str, body: str, **fields: str) -> str:
    return article_text(title, date="2026-11-15 09:30", **fields).replace("First paragraph", body)


@pytest.mark.parametrize(
    ("other", "use"),
    [
        (story("Second", "Text.", Image="images/shared.png"), "articles/second.md (hero image)"),
        (story("Second", "See ![chart]({static}/images/shared.png)."), "articles/second.md ({static} link)"),
        (story("Second", "See ![chart]({attach}../images/shared.png)."), "articles/second.md ({attach} link)"),
    ],
)
def test_attaching_a_file_another_story_uses_stops_the_build(make_site, tmp_path: Path, other: str, use: str) -> None:
    content = make_site(
        {
            "images/shared.png": PNG_16x9,
            "articles/first.md": story("First", "The chart: ![chart]({attach}/images/shared.png)"),
            "articles/second.md": other,
        }
    )
    output = tmp_path / "output"
    result = build(content, output)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert (
        "articles/first.md:12: error: attaches {attach}/images/shared.png, which moves the file next to this story, "
        f"but {use} uses it too, and that link would break. Fix: link to it with {{static}} instead"
    ) in result.stderr
    assert not output.exists()
    checked = run_newsdesk("check", "--input", str(content))
    assert checked.returncode != 0 and "articles/first.md:12: error: attaches {attach}/images/shared.png" in (
        checked.stdout
    )


def test_attaching_a_storys_own_hero_or_an_author_photo_is_refused(make_site, tmp_path: Path) -> None:
    content = make_site(
        {
            "images/shared.png": PNG_16x9,
            "images/ada.png": PNG_16x9,
            "articles/first.md": story("First", "![hero]({attach}/images/shared.png)", Image="images/shared.png"),
            "articles/third.md": story("Third", "![Ada]({attach}/images/ada.png)"),
        }
    )
    registry = content / "authors.toml"
    registry.write_text(registry.read_text() + 'photo = "images/ada.png"\n', encoding="utf-8")
    result = build(content, tmp_path / "output")
    assert result.returncode != 0
    assert (
        "articles/first.md:12: error: attaches {attach}/images/shared.png, which moves the file next to this story, "
    ) in (result.stderr)
    assert "but this story's hero image uses it too" in result.stderr
    assert "but the author photo of Ada Lovelace uses it too" in result.stderr


def test_a_file_only_one_story_attaches_moves_next_to_it(make_site, tmp_path: Path) -> None:
    content = make_site(
        {
            "images/own.png": PNG_16x9,
            "images/shared.png": PNG_16x9,
            "articles/first.md": story("First", "![own]({attach}/images/own.png) ![s]({static}/images/shared.png)"),
            "articles/second.md": story("Second", "![s]({static}/images/shared.png)", Image="images/shared.png"),
        }
    )
    output = tmp_path / "output"
    result = build(content, output)
    assert result.returncode == 0, result.stderr
    page = (output / "2026" / "11" / "first" / "index.html").read_text(encoding="utf-8")
    assert 'src="/2026/11/first/own.png"' in page  # the attached image moved next to the story
    moved = pyvips.Image.new_from_file(str(output / "2026" / "11" / "first" / "own.png"))  # re-encoded, no metadata
    original = pyvips.Image.new_from_buffer(PNG_16x9, "")
    assert (moved.width, moved.height) == (original.width, original.height)
    # the {static} image is shown as a picture of its derivatives, and the original is not published
    assert "/images/shared.png" not in page and re.search(
        r'<picture><source type="image/webp" srcset="/img/shared-', page
    )
    assert not (output / "images" / "shared.png").exists()

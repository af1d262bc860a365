"""Links in a body can never make the build read or write outside content/ and the output folder.

Pelican reads ``{static}``, ``|static|``, ``{attach}`` and ``{filename}`` links (either spelling)
in the converted HTML and copies every static or attached target into the output: a target
written with ``..`` was copied from beside the content folder to beside the output folder.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from support.builds import PNG_16x9, article_text, build, run_newsdesk, write_conf


def whole_tree(folder: Path) -> dict[str, str]:
    """Every file and folder under ``folder`` (hidden ones too), files with their bytes' digest."""
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        found[rel] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "folder"
    return found


def evil_story(body: str) -> str:
    return article_text("Evil", date="2026-11-15 09:30").replace("First paragraph", body)


@pytest.mark.parametrize(
    "link",
    [
        "[x](|static|/../victim.txt)",  # Pelican's other spelling: our checker only knew {…}
        "[x]({attach}../../victim.txt)",
        "![x](|static|/images/../../victim.txt)",
        "[x]({static}/%2e%2e/victim.txt)",
    ],
)
def test_a_link_out_of_content_stops_the_build_before_anything_is_written(make_site, tmp_path: Path, link: str) -> None:
    content = make_site()  # tmp/content: the file beside it is tmp/victim.txt
    (tmp_path / "victim.txt").write_text("beside the content folder\n")
    site = tmp_path / "site"
    site.mkdir()
    (site / "victim.txt").write_text("beside the output folder\n")
    output = site / "out"
    assert build(content, output).returncode == 0
    (content / "articles" / "evil.md").write_text(evil_story(f"See {link} for more"), encoding="utf-8")
    before = whole_tree(tmp_path)

    result = build(content, output)

    assert result.returncode != 0
    assert f"articles/evil.md:12: error: links to {link.split('(')[1].rstrip(')')}" in result.stderr
    assert "outside content/" in result.stderr and "Fix:" in result.stderr
    assert "Traceback" not in result.stderr
    assert whole_tree(tmp_path) == before  # nothing copied, nothing overwritten, output untouched

    checked = run_newsdesk("check", "--input", str(content))
    assert checked.returncode != 0
    assert "articles/evil.md:12: error: links to" in checked.stdout and "outside content/" in checked.stdout


def test_a_link_to_a_symbolic_link_in_content_copies_nothing(make_site, tmp_path: Path) -> None:
    content = make_site()
    (tmp_path / "victim.txt").write_text("beside the content folder\n")
    (content / "images" / "leak.png").symlink_to(tmp_path / "victim.txt")
    (content / "articles" / "evil.md").write_text(evil_story("![x](|static|/images/leak.png)"), encoding="utf-8")
    before = whole_tree(tmp_path)
    result = build(content, tmp_path / "out")
    assert result.returncode != 0
    assert "images/leak.png:1: error: is a symbolic link" in result.stderr
    after = whole_tree(tmp_path)
    assert {k: v for k, v in after.items() if k != ".out.lock"} == before  # no output, nothing copied


def test_a_pipe_filename_link_to_a_missing_story_stops_the_build(make_site, tmp_path: Path) -> None:
    content = make_site(
        {"articles/linker.md": evil_story("See [it](|filename|missing.md) and [ok](|filename|story-1.md)")}
    )
    result = build(content, tmp_path / "output")
    assert result.returncode != 0
    assert (
        "articles/linker.md:12: error: links to |filename|missing.md, but content/articles/missing.md does not exist."
    ) in (result.stderr)
    assert "story-1.md" not in result.stderr
    checked = run_newsdesk("check", "--input", str(content))
    assert checked.returncode != 0 and "articles/linker.md:12: error: links to |filename|missing.md" in checked.stdout


def test_pipe_links_inside_content_still_work(make_site, tmp_path: Path) -> None:
    content = make_site(
        {
            "articles/linker.md": evil_story("See [it](|filename|story-1.md) and ![c](|static|../images/chart.png)"),
            "images/chart.png": PNG_16x9,
        }
    )
    output = tmp_path / "output"
    result = build(content, output)
    assert result.returncode == 0, result.stderr
    page = (output / "2026" / "11" / "evil" / "index.html").read_text(encoding="utf-8")
    assert 'href="/2026/11/story-number-1/"' in page
    assert '<img src="/img/chart-16x9-' in page and "/images/chart.png" not in page  # shown as its derivatives
    assert not (output / "images" / "chart.png").exists()


def test_a_static_file_is_never_written_outside_the_output_folder(make_site, tmp_path: Path) -> None:
    content = make_site({"images/chart.png": PNG_16x9})  # published as it is (a hero photo: as derivatives)
    settings = tmp_path / "settings"
    settings.mkdir()
    conf = write_conf(settings, STATIC_SAVE_AS="../leaked/{path}", STATIC_URL="leaked/{path}")
    before = whole_tree(tmp_path)
    result = build(content, tmp_path / "site" / "out", settings=str(conf))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert (
        "images/chart.png:1: error: would be written to ../leaked/images/chart.png, outside the output folder."
    ) in result.stderr
    after = {k: v for k, v in whole_tree(tmp_path).items() if not k.startswith("settings/.newsdesk")}  # its cache
    assert {k: v for k, v in after.items() if not k.startswith("site")} == before
    assert sorted(after.keys() - before.keys()) == ["site", "site/.out.lock"]

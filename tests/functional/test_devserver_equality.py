"""After a series of saves, the devserver's output folder is a clean ``make html`` of the same sources,
byte for byte: its resident build process carries nothing from one build into the next that a
fresh build would not, and a template change is built by a fresh process."""

from __future__ import annotations

import shutil
from pathlib import Path

from support.builds import ROOT, article_text, build, tree_digest, write_conf

from newsdesk.devloop import Devserver, Once


def clean_build(content: Path, tmp_path: Path, name: str) -> dict[str, str]:
    """What ``make html`` writes for ``content`` into a new folder with an empty cache."""
    theme = tmp_path / "theme"
    (tmp_path / name).mkdir()
    conf = write_conf(tmp_path / name, CACHE_PATH=str(tmp_path / name / "cache"), THEME=str(theme))
    result = build(content, tmp_path / name / "output", str(conf))
    assert result.returncode == 0, result.stderr
    return tree_digest(tmp_path / name / "output")


def _devserver(make_site, tmp_path: Path) -> tuple[Devserver, Path, Path, Path]:
    """A devserver over a five-story site, with a theme of its own to edit: (it, theme, content, output)."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    (tmp_path / "dev").mkdir()
    conf = write_conf(tmp_path / "dev", CACHE_PATH=str(tmp_path / "dev" / "cache"), THEME=str(theme))
    content, output = make_site(count=5), tmp_path / "dev" / "output"
    return Devserver(str(conf), str(content), str(output), theme=str(theme)), theme, content, output


def test_the_devserver_output_equals_a_clean_build_after_a_series_of_saves(make_site, tmp_path: Path) -> None:
    dev, theme, content, output = _devserver(make_site, tmp_path)
    articles = content / "articles"
    try:
        assert dev.rebuild() == 0
        resident = dev.builder.pid
        saves = {
            "body": (articles / "story-0.md", article_text("Story number 0", date="2026-11-10 09:30") + "\nMore.\n"),
            "tags": (articles / "story-1.md", article_text("Story number 1", date="2026-11-11 09:30", Tags="cloud")),
            "headline": (
                articles / "story-2.md",
                article_text("A new headline", date="2026-11-12 09:30", slug="story-number-2"),
            ),
            "new article": (articles / "story-9.md", article_text("A new story", date="2026-11-30 08:00")),
        }
        fast = {"body", "headline"}  # saves the fast path renders first: the page it showed is the build's
        for what, (path, text) in saves.items():
            path.write_text(text, encoding="utf-8")
            dev.last_fast = None
            assert dev.rebuild([str(path)]) == 0, what
            shown = dev.last_fast
            assert (shown is not None) == (what in fast), (what, dev.last_refusal)
            if shown is not None:
                assert shown.path.read_bytes() == shown.page, what
        (articles / "story-3.md").unlink()
        assert dev.rebuild([str(articles / "story-3.md")]) == 0
        assert dev.builder.pid == resident  # the saves were built by the resident process
        assert tree_digest(output) == clean_build(content, tmp_path, "clean-1")

        template = theme / "templates" / "base.html"
        template.write_text(template.read_text(encoding="utf-8").replace("</body>", "<p>Edited.</p>\n</body>", 1))
        assert dev.rebuild([str(template)]) == 0
        assert dev.builder.pid != resident  # a template change is built by a fresh process
        assert "<p>Edited.</p>" in (output / "index.html").read_text(encoding="utf-8")
        assert tree_digest(output) == clean_build(content, tmp_path, "clean-2")
    finally:
        dev.builder.close()


def test_saves_in_a_row_a_broken_save_and_its_fix_and_a_restored_file_equal_a_clean_build(
    make_site, tmp_path: Path
) -> None:
    """After two saves in a row, a save that fails and its fix, and a file deleted then restored, the
    devserver's output is a clean build's, byte for byte; only the broken save fails."""
    dev, _theme, content, output = _devserver(make_site, tmp_path)
    articles = content / "articles"
    said: list[str] = []
    dev.say = Once(said.append)
    story, other, gone = articles / "story-0.md", articles / "story-1.md", articles / "story-2.md"
    restored = gone.read_text(encoding="utf-8")
    try:
        assert dev.rebuild() == 0
        steps = [
            ("first save", story, article_text("Story number 0", date="2026-11-10 09:30") + "\nOne.\n", 0),
            ("second save", story, article_text("Story number 0", date="2026-11-10 09:30") + "\nTwo.\n", 0),
            ("a broken save", other, article_text("Story number 1", date="2026-11-11 09:30", Tag="x"), 1),
            ("its fix", other, article_text("Story number 1", date="2026-11-11 09:30", Tags="cloud"), 0),
            ("deleted", gone, None, 0),
            ("restored", gone, restored, 0),
        ]
        for what, path, text, code in steps:
            if text is None:
                path.unlink()
            else:
                path.write_text(text, encoding="utf-8")
            said.clear()
            assert dev.rebuild([str(path)]) == code, (what, said)
        assert tree_digest(output) == clean_build(content, tmp_path, "clean")
    finally:
        dev.builder.close()

"""Checked front-matter reused by real builds: a deleted image still fails the build, a warning is said again."""

from __future__ import annotations

from pathlib import Path

from support.builds import article_text, run_newsdesk, write_conf


def _build(content: Path, output: Path, conf: Path):
    return run_newsdesk("build", "--settings", str(conf), "--input", str(content), "--output", str(output))


def test_a_deleted_image_fails_the_next_build_though_the_article_did_not_change(make_site, tmp_path: Path) -> None:
    conf = write_conf(tmp_path, CACHE_PATH=str(tmp_path / "cache"))
    content = make_site()
    chart = content / "images" / "chart.png"
    chart.write_bytes((content / "images" / "hero.png").read_bytes())
    story = content / "articles" / "story-1.md"
    story.write_text(story.read_text().replace("First paragraph", "![chart]({static}/images/chart.png) First"))
    output = tmp_path / "output"
    assert _build(content, output, conf).returncode == 0
    assert (tmp_path / "cache" / "newsroom-readings.sqlite3").is_file()

    chart.unlink()
    result = _build(content, output, conf)
    assert result.returncode != 0
    assert "articles/story-1.md" in result.stderr and "images/chart.png" in result.stderr

    chart.write_bytes((content / "images" / "hero.png").read_bytes())
    assert _build(content, output, conf).returncode == 0


def test_a_warning_is_reported_again_on_every_build_that_reuses_the_reading(make_site, tmp_path: Path) -> None:
    conf = write_conf(tmp_path, CACHE_PATH=str(tmp_path / "cache"))
    script = "<script>alert(1)</script>\n\nFirst paragraph"
    content = make_site({"articles/warned.md": article_text("Warned").replace("First paragraph", script)})
    output = tmp_path / "output"
    for _ in range(2):
        result = _build(content, output, conf)
        assert result.returncode == 0
        assert "warned.md" in result.stderr and "removed from the body" in result.stderr

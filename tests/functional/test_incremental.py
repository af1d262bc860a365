"""An incremental build gives the same bytes as a clean build, after every kind of edit."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from support.builds import ROOT, article_text, run_newsdesk, tree_digest, write_conf


def build(content: Path, output: Path, conf: Path, *extra: str) -> tuple[int, int]:
    """Build; return (rendered, reused) counts."""
    result = run_newsdesk("build", "-v", "--settings", str(conf), "--input", str(content), "--output", str(output),
                          *extra)  # fmt: skip
    assert result.returncode == 0, result.stderr
    counts = re.search(r"Pages rendered: (\d+), reused unchanged: (\d+)", result.stderr)
    return int(counts.group(1)), int(counts.group(2))


@pytest.mark.parametrize("workers", [500, 1], ids=["in-process", "workers"])
def test_incremental_builds_match_clean_builds_after_a_series_of_edits(make_site, tmp_path: Path, workers: int) -> None:
    """``workers``: from how many articles related lists and feeds are made in worker processes."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    settings = {"THEME": str(theme), "RELATED_WORKER_FROM": workers, "FEEDS_WORKER_FROM": workers}
    conf = write_conf(tmp_path, CACHE_PATH=str(tmp_path / "cache"), **settings)
    # the clean builds start from an empty cache each time: nothing (bodies, feed items, the
    # related memo) carries over from the incremental builds or from each other
    clean_cache = tmp_path / "clean-cache"
    clean_conf = write_conf(tmp_path, CACHE_PATH=str(clean_cache), **settings)
    content = make_site(count=6)
    live, clean = tmp_path / "live", tmp_path / "clean"
    rendered, reused = build(content, live, conf)
    assert reused == 0

    def check_against_clean() -> tuple[int, int]:
        counts = build(content, live, conf)
        shutil.rmtree(clean_cache, ignore_errors=True)
        build(content, clean, clean_conf, "--full")
        assert tree_digest(live) == tree_digest(clean)
        return counts

    story = content / "articles"
    assert check_against_clean() == (0, rendered)  # nothing changed: nothing rendered

    (story / "story-1.md").write_text((story / "story-1.md").read_text().replace("First paragraph", "A new lede"))
    rendered_after_edit, reused_after_edit = check_against_clean()
    # the article, the 11 feeds carrying its body, the search index, and any of the 6 articles whose
    # related list moves; never the listings
    assert rendered_after_edit <= 13 + 6 and reused_after_edit >= 10

    (story / "story-2.md").write_text(article_text("Story number 2", date="2026-11-12 09:30", Tags="cloud, outage"))
    check_against_clean()
    (story / "added.md").write_text(article_text("A new story", date="2026-11-20 07:00"))
    check_against_clean()
    (story / "story-3.md").unlink()
    check_against_clean()
    assert not (live / "2026/11/story-number-3").exists()
    (story / "story-4.md").write_text(article_text("Story number 4", date="2026-11-14 09:30", slug="renamed"))
    check_against_clean()
    assert not (live / "2026/11/story-number-4").exists() and (live / "2026/11/renamed/index.html").is_file()
    (content / "authors.toml").write_text((content / "authors.toml").read_text().replace("engines", "looms"))
    check_against_clean()
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text().replace("Skip to content", "Skip to the story"))
    # the feeds (not the subscribe page nor the feeds' precompressed siblings) and the photos plugin's images,
    # reused as one entry per source image (its files are named stem-WxH-digest.ext)
    feeds = [p for p in (live / "feeds").rglob("*") if p.is_file() and p.suffix not in (".html", ".gz", ".br")]
    sources = {p.name.rsplit("-", 2)[0] for p in (live / "img").rglob("*") if p.is_file()}  # no template makes them
    # a template change renders every page again; feeds and images stay
    assert check_against_clean()[1] == len(feeds) + len(sources)
    assert "Skip to the story" in (live / "index.html").read_text()


def test_an_edit_re_indexes_only_the_search_shard_of_its_year(make_site, tmp_path: Path) -> None:
    conf = write_conf(tmp_path)
    older = {"articles/older.md": article_text("An older story", date="2025-03-02 09:30")}
    content = make_site(older, count=1)  # one story a year: an edit cannot reorder the other's related list
    live, clean = tmp_path / "live", tmp_path / "clean"
    build(content, live, conf)
    assert json.loads((live / "pagefind" / "shards.json").read_text()) == {"shards": ["2026", "2025"]}

    def inodes(year: str) -> dict[Path, int]:
        """The shard's own files: the precompressed siblings of its unchanged scripts are kept, rightly."""
        folder = live / "pagefind" / year
        return {p.relative_to(folder): p.stat().st_ino for p in folder.rglob("*")
                if p.is_file() and p.suffix not in (".gz", ".br")}  # fmt: skip

    before = {year: inodes(year) for year in ("2026", "2025")}
    older_page = live / "2025/03/an-older-story/index.html"
    older_inode = older_page.stat().st_ino
    story = content / "articles" / "story-0.md"
    story.write_text(story.read_text().replace("First paragraph", "A new lede"))
    result = run_newsdesk("build", "-v", "--settings", str(conf), "--input", str(content), "--output", str(live))
    assert result.returncode == 0, result.stderr
    assert older_page.stat().st_ino == older_inode  # the 2025 page was reused: so must its shard be
    assert "Search index: 2 shard(s), 1 reused unchanged, indexed: 2026" in result.stderr
    assert inodes("2025") == before["2025"]  # hard-linked from the live site, not indexed again
    after = inodes("2026")
    assert after.keys() & before["2026"].keys()
    assert all(after[name] != before["2026"][name] for name in after.keys() & before["2026"].keys())
    build(content, clean, conf, "--full")
    assert tree_digest(live) == tree_digest(clean)

    (content / "articles" / "oldest.md").write_text(article_text("The oldest story", date="2024-05-06 09:30"))
    build(content, live, conf)
    build(content, clean, conf, "--full")
    assert tree_digest(live) == tree_digest(clean)
    assert json.loads((live / "pagefind" / "shards.json").read_text()) == {"shards": ["2026", "2025", "2024"]}
    (content / "articles" / "oldest.md").unlink()
    build(content, live, conf)
    build(content, clean, conf, "--full")
    assert tree_digest(live) == tree_digest(clean)
    assert not (live / "pagefind" / "2024").exists()


def test_a_split_year_re_indexes_only_the_part_with_the_edit(make_site, tmp_path: Path) -> None:
    conf = write_conf(tmp_path, CACHE_PATH=str(tmp_path / "cache"), SEARCH_SHARD_PAGES=1)
    older = {
        "articles/spring.md": article_text("A spring story", date="2025-03-02 09:30"),
        "articles/autumn.md": article_text("An autumn story", date="2025-09-02 09:30"),
    }
    content = make_site(older, count=1)
    live, clean = tmp_path / "live", tmp_path / "clean"
    build(content, live, conf)
    assert json.loads((live / "pagefind" / "shards.json").read_text()) == {"shards": ["2026", "2025-h2", "2025-h1"]}
    kept = tmp_path / "cache" / "search-documents"
    assert sorted(p.name for p in kept.iterdir() if p.is_dir()) == ["shard-2025-h1", "shard-2025-h2", "shard-2026"]

    def inodes(bundle: str) -> dict[Path, int]:
        folder = live / "pagefind" / bundle
        return {p.relative_to(folder): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}

    autumn = inodes("2025-h2")
    spring = content / "articles" / "spring.md"
    spring.write_text(spring.read_text().replace("First paragraph", "A new lede"))
    result = run_newsdesk("build", "-v", "--settings", str(conf), "--input", str(content), "--output", str(live))
    assert result.returncode == 0, result.stderr
    assert "Search index: 3 shard(s), 2 reused unchanged, indexed: 2025-h1" in result.stderr
    assert inodes("2025-h2") == autumn  # the other half of the year was not indexed again
    build(content, clean, conf, "--full")
    assert tree_digest(live) == tree_digest(clean)

    (content / "articles" / "later.md").write_text(article_text("A later story", date="2026-11-20 09:30"))
    build(content, live, conf)  # 2026 now holds two stories, both of November: its shard is that month
    assert json.loads((live / "pagefind" / "shards.json").read_text())["shards"][0] == "2026-11"
    assert not (live / "pagefind" / "2026").exists()
    assert sorted(p.name for p in kept.iterdir() if p.is_dir()) == ["shard-2025-h1", "shard-2025-h2", "shard-2026-11"]
    build(content, clean, conf, "--full")
    assert tree_digest(live) == tree_digest(clean)


@pytest.mark.parametrize("previews", [True, False], ids=["previewed", "withheld"])
def test_a_story_falling_due_between_builds_gives_the_clean_build_at_the_later_time(
    make_site, tmp_path: Path, previews: bool
) -> None:
    """The story is scheduled at the first build and live at the second: every page listing it, its own
    page (the preview's banner gone) and the feeds and search index must change as a clean build's."""
    settings = {"NEWSROOM_SCHEDULED_PREVIEWS": previews}
    conf = write_conf(tmp_path, CACHE_PATH=str(tmp_path / "cache"), **settings)
    clean_conf = write_conf(tmp_path, CACHE_PATH=str(tmp_path / "clean-cache"), **settings)
    story = article_text("Embargoed launch", date="2026-12-10 09:00", Tags="security, launch")
    content = make_site({"articles/embargoed.md": story}, count=4)
    live, clean = tmp_path / "live", tmp_path / "clean"
    build(content, live, conf, "--now", "2026-12-10T08:59")
    page = live / "2026/12/embargoed-launch/index.html"
    assert page.is_file() == previews and not (live / "tag/launch").exists()
    build(content, live, conf, "--now", "2026-12-10T09:00")
    build(content, clean, clean_conf, "--full", "--now", "2026-12-10T09:00")
    assert tree_digest(live) == tree_digest(clean)
    assert "Scheduled for" not in page.read_text() and (live / "tag/launch/index.html").is_file()

"""newsboat, a real feed reader, reads the sample site's feeds over HTTP: the article link and the byline it keeps."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from support.browser import served

NEWSBOAT = shutil.which("newsboat")


@pytest.fixture(scope="module", autouse=True)
def require_newsboat() -> None:
    """Skip without newsboat, with a reason; under CI (which installs it, see .ci/run) fail instead."""
    if NEWSBOAT:
        return
    reason = "the newsboat test needs newsboat (apt-get install newsboat)"
    if os.environ.get("CI", "").lower() not in ("", "0", "false"):
        pytest.fail(f"CI is set but {reason}", pytrace=False)
    pytest.skip(reason)


def read_with_newsboat(feed_url: str, home: Path) -> list[tuple[str, str, str]]:
    """(title, link, author) of every item newsboat keeps after reloading ``feed_url`` once."""
    home.mkdir()
    (home / "urls").write_text(feed_url + "\n")
    (home / "config").write_text("")
    cache = home / "cache.db"
    command = [NEWSBOAT, "-u", str(home / "urls"), "-c", str(cache), "-C", str(home / "config"), "-x", "reload"]
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home), "XDG_DATA_HOME": str(home)}
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env, check=False)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(cache) as db:
        return db.execute("SELECT title, url, author FROM rss_item ORDER BY pubDate DESC").fetchall()


def byline_of(site: Path, link: str) -> str:
    page = site / link.split("/", 3)[3] / "index.html"
    byline = BeautifulSoup(page.read_text(), "lxml").select_one(".story-byline .byline")
    return " ".join(byline.get_text().split()).removeprefix("By ")


@pytest.mark.parametrize("feed", ["feeds/all.rss.xml", "feeds/all.atom.xml", "feeds/author/priya-raman.atom.xml"])
def test_newsboat_opens_the_article_and_shows_every_author(sample_site: Path, tmp_path: Path, feed: str) -> None:
    with served(sample_site) as base:
        items = read_with_newsboat(f"{base}/{feed}", tmp_path / "newsboat")
    assert len(items) > 2
    for title, link, author in items:
        assert "/images/" not in link and (sample_site / link.split("/", 3)[3] / "index.html").is_file(), (title, link)
        printed = byline_of(sample_site, link)
        if feed.endswith(".rss.xml"):
            assert author == printed, (title, author)
        else:  # newsboat joins an Atom entry's authors (one <author> each) with commas itself
            assert author == printed.replace(" and ", ", "), (title, author)
    co_written = next(item for item in items if "post-mortem" in item[0])
    assert "Priya Raman" in co_written[2] and "Marta Fernández" in co_written[2]

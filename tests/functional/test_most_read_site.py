"""Functional: a generated corpus and a 30-day access log with known true counts, ingested and built.

The corpus and its log come from the project's own generator (``python -m bench.corpus``),
whose truth file counts, per article path, the human GETs answered 200 or 304, query string
ignored, a client's repeats within 30 seconds counted once.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from support.builds import ROOT, article_text, build, run_newsdesk, tree_digest, write_conf

ARTICLES, LINES = 200, 30_000
PAGES = ("index.html", "archives/index.html", "tag/index.html", "author/index.html", "404.html", "section/index.html")


def most_read(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsdesk.most_read", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def widget(page: Path) -> BeautifulSoup:
    box = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("#most-read")
    assert box is not None, page
    return box


def listed(page: Path) -> list[str]:
    return [a["href"] for a in widget(page).select("ol li a")]


class Site:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "corpus" / "content"
        self.log = root / "corpus" / "access.log"
        self.output = root / "output"
        self.db = root / "pv.sqlite3"
        truth = json.loads((root / "corpus" / "truth.json").read_text(encoding="utf-8"))
        self.truth: dict[str, int] = truth["counts"]
        self.conf = write_conf(
            root, PLUGINS=["newsroom", "feeds", "most_read"], MOST_READ_DB=str(self.db), MOST_READ_WINDOW_DAYS=30
        )

    def ingest(self, *logs: Path) -> subprocess.CompletedProcess:
        result = most_read("--settings", str(self.conf), "--output", str(self.output), "--logs", *map(str, logs))
        assert result.returncode == 0, result.stderr
        return result

    def index(self) -> list[dict[str, object]]:
        document = json.loads((self.output / "most-read-articles.json").read_text(encoding="utf-8"))
        return [dict(zip(document["columns"], row, strict=True)) for row in document["articles"]]

    def top(self, count: int = 5, section: str | None = None) -> list[str]:
        sections = {f"/{a['url']}": a["section"] for a in self.index()}
        ranked = sorted(self.truth.items(), key=lambda kv: (-kv[1], kv[0]))
        return [path for path, _ in ranked if section is None or sections[path] == section][:count]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("most_read_site")
    corpus = root / "corpus"
    generated = subprocess.run(
        [sys.executable, "-m", "bench.corpus", "--articles", str(ARTICLES), "--out", str(corpus), "--seed", "1",
         "--images", "--pageviews", str(corpus / "access.log"), "--pv-truth", str(corpus / "truth.json"),
         "--pv-lines", str(LINES), "--url-template", "{year}/{month}/{slug}/", "-q"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert generated.returncode == 0, generated.stderr
    built = Site(root)
    built.ingest(built.log)
    result = build(built.content, built.output, str(built.conf))
    assert result.returncode == 0, result.stderr
    assert "Most read" not in result.stderr  # views for the whole window: no fallback warning
    yield built


def test_the_list_is_the_true_top_five(site: Site) -> None:
    assert listed(site.output / "index.html") == site.top()
    box = widget(site.output / "index.html")
    assert box.h2.get_text() == "Most read"
    assert all(li.select_one("img[src]") and li.select_one("span").get_text() for li in box.select("ol li"))


def test_every_page_shows_it(site: Site) -> None:
    article = site.output / site.top()[0].strip("/") / "index.html"
    for page in [*(site.output / p for p in PAGES), article]:
        assert listed(page) == site.top(), page
        assert widget(page)["data-src"] == "/most-read.json"


def test_section_pages_show_their_own_section(site: Site) -> None:
    sections = sorted({str(a["section"]) for a in site.index()})
    assert len(sections) >= 5
    for section in sections:
        page = site.output / "section" / section / "index.html"
        assert listed(page) == site.top(section=section), section
        assert widget(page)["data-section"] == section
        assert widget(page).h2.get_text().startswith("Most read in ")


def test_json_carries_the_same_ranking(site: Site) -> None:
    document = json.loads((site.output / "most-read.json").read_text(encoding="utf-8"))
    assert [item["url"] for item in document["items"]] == site.top()
    assert [item["views"] for item in document["items"]] == [site.truth[p] for p in site.top()]
    assert document["window"] == {"start": "2025-06-01T00:00:00Z", "end": "2025-07-01T00:00:00Z", "days": 30}
    titles = [s.get_text() for s in widget(site.output / "index.html").select("ol li span")]
    assert [item["title"] for item in document["items"]] == titles
    security = document["sections"]["security"]
    assert [item["url"] for item in security["items"]] == site.top(section="security")


def test_every_count_matches_the_truth(site: Site) -> None:
    import sqlite3  # noqa: PLC0415

    with sqlite3.connect(site.db) as db:
        rows = db.execute(
            "SELECT paths.path, SUM(views) FROM log_views JOIN paths ON paths.id = log_views.path GROUP BY 1"
        )
        counted = {path: n for path, n in rows}
    assert counted == {path.rstrip("/"): n for path, n in site.truth.items()}


def test_ingesting_the_log_again_changes_nothing(site: Site) -> None:
    published = (site.output / "most-read.json").read_bytes()
    again = site.ingest(site.log)
    assert "views counted:            +0" in again.stderr
    hits = again.stderr.split("article hits ", 1)[1].split(";", 1)[0]
    assert f"already ingested {hits};" in again.stderr and int(hits.replace(",", "")) > LINES // 2
    assert (site.output / "most-read.json").read_bytes() == published


def rebuild(site: Site) -> tuple[int, int]:
    """An incremental build over the live output; (pages rendered, pages reused)."""
    result = run_newsdesk("build", "-v", "--settings", str(site.conf), "--input", str(site.content),
                          "--output", str(site.output))  # fmt: skip
    assert result.returncode == 0, result.stderr
    counts = re.search(r"Pages rendered: (\d+), reused unchanged: (\d+)", result.stderr)
    assert counts, result.stderr[-2000:]
    return int(counts.group(1)), int(counts.group(2))


def test_an_unchanged_list_lets_an_incremental_build_reuse_every_page(site: Site) -> None:
    rendered, reused = rebuild(site)
    assert rendered == 0 and reused > ARTICLES
    # more views for the article on top: the counts change, the lists do not
    top = site.top()[0]
    more = site.root / "access.log.more"
    more.write_text(
        "".join(
            f'198.51.100.{i} - - [30/Jun/2025:12:00:{i:02d} +0000] "GET {top} HTTP/1.1" 200 9000 "-" '
            f'"Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"\n'
            for i in range(3)
        ),
        encoding="utf-8",
    )
    assert "views counted:            +3" in site.ingest(more).stderr
    site.truth[top] += 3
    rendered, _ = rebuild(site)
    assert rendered == 0 and listed(site.output / "index.html") == site.top()


def test_refresh_without_a_rebuild(site: Site) -> None:
    """New traffic: `make most-read` rewrites most-read.json alone, in well under a second of work."""
    pages = {k: v for k, v in tree_digest(site.output).items() if not k.startswith("most-read")}
    last = site.top(count=200)[-1]  # the least read article
    more = site.truth[site.top()[0]] + 1  # enough new readers to put it on top
    extra = site.root / "access.log.new"
    extra.write_text(
        "".join(
            f"192.0.2.{i % 200} - - [30/Jun/2025:{i * 40 // 3600:02d}:{i * 40 // 60 % 60:02d}:{i * 40 % 60:02d} +0000]"
            f' "GET {last} HTTP/1.1" 200 9000 "-" "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0 r{i}"\n'
            for i in range(more)
        ),
        encoding="utf-8",
    )
    started = time.perf_counter()
    result = site.ingest(extra)
    assert time.perf_counter() - started < 20  # the whole command, Python start-up included, on a busy CI machine
    assert f"views counted:            +{more:,}" in result.stderr
    document = json.loads((site.output / "most-read.json").read_text(encoding="utf-8"))
    assert document["items"][0]["url"] == last and document["items"][0]["views"] == site.truth[last] + more
    assert {k: v for k, v in tree_digest(site.output).items() if not k.startswith("most-read")} == pages


def test_a_rebuild_puts_the_fresh_list_into_the_pages(site: Site) -> None:
    document = json.loads((site.output / "most-read.json").read_text(encoding="utf-8"))
    rendered, _ = rebuild(site)
    assert rendered > ARTICLES  # the list is on every page
    assert listed(site.output / "index.html") == [item["url"] for item in document["items"]]


def test_no_data_falls_back_to_the_latest_with_a_warning(make_site, tmp_path: Path) -> None:
    content = make_site(count=4)
    conf = write_conf(tmp_path, PLUGINS=["newsroom", "feeds", "most_read"], MOST_READ_DB=str(tmp_path / "none.db"))
    result = build(content, tmp_path / "out", str(conf))
    assert result.returncode == 0, result.stderr
    assert "WARNING: Most read: no page views in" in result.stderr
    box = widget(tmp_path / "out" / "index.html")
    assert box.h2.get_text() == "Latest stories" and box.has_attr("hidden")  # until most-read.js brings a ranking
    assert not widget(tmp_path / "out" / "archives" / "index.html").has_attr("hidden")
    assert [a.get_text(strip=True) for a in box.select("li a")] == [f"Story number {i}" for i in (3, 2, 1, 0)]
    assert not (tmp_path / "none.db").exists()  # a build never creates the store
    document = json.loads((tmp_path / "out" / "most-read.json").read_text(encoding="utf-8"))
    assert not document["ranked"] and len(document["items"]) == 4


def test_without_the_plugin_the_widget_lists_the_latest(make_site, tmp_path: Path) -> None:
    content = make_site(files={"articles/extra.md": article_text("Extra story", date="2026-11-30 10:00")})
    result = build(content, tmp_path / "out", str(write_conf(tmp_path, PLUGINS=["newsroom", "feeds"])))
    assert result.returncode == 0, result.stderr
    home = BeautifulSoup((tmp_path / "out" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select_one("#most-read") is None  # the front page's Latest rail lists them already
    box = widget(tmp_path / "out" / "archives" / "index.html")
    assert box.h2.get_text() == "Latest stories" and not box.has_attr("data-src")
    assert box.select_one("li a span").get_text() == "Extra story"
    assert not (tmp_path / "out" / "most-read.json").exists()

"""A story's photo record is fingerprinted by a hash of its kept text, not read in full: a change to the
photo's bytes or to a PHOTOS_ setting still re-renders every page that lists the story, its own page and
the feeds that carry it, as a clean build."""

from __future__ import annotations

import re
from pathlib import Path

from support.builds import article_text, run_newsdesk, write_conf

from bench.photos import photo

ORIGINAL = "images/2026/harbour.jpg"


def _build(content: Path, output: Path, conf: Path, *extra: str) -> int:
    """Build; the number of pages rendered (not reused from the live site)."""
    result = run_newsdesk("build", "-v", "--settings", str(conf), "--input", str(content), "--output", str(output),
                          *extra)  # fmt: skip
    assert result.returncode == 0, result.stderr
    return int(re.search(r"Pages rendered: (\d+)", result.stderr).group(1))


def _derivatives(page: Path) -> set[str]:
    return set(re.findall(r"harbour-[0-9x]+-[0-9a-f]+\.(?:jpg|webp|avif)", page.read_text(encoding="utf-8")))


def _showing(site: Path) -> dict[str, bytes]:
    """Every page and feed of ``site`` that shows the photo's derivatives, with its bytes."""
    found = {}
    for path in sorted([*site.rglob("*.html"), *site.rglob("*.xml")]):
        if _derivatives(path):
            found[path.relative_to(site).as_posix()] = path.read_bytes()
    return found


def _same_as_clean_and_changed(live: Path, clean: Path, before: dict[str, bytes]) -> dict[str, bytes]:
    now = _showing(live)
    assert now == _showing(clean)
    assert {"index.html", "2026/11/harbour/index.html"} <= now.keys()
    assert any(rel.endswith(".xml") for rel in now)  # a feed carries it (media:content, enclosure)
    assert all(_derivatives(live / rel) != set(re.findall(rb"harbour-[0-9x]+-[0-9a-f]+\.\w+", before[rel]))
               for rel in now if rel in before)  # fmt: skip
    return now


def test_a_new_photo_or_photo_setting_re_renders_the_listing_pages(make_site, tmp_path: Path) -> None:
    story = article_text("Harbour at dawn", date="2026-11-21 07:00", slug="harbour", Image=ORIGINAL)
    content = make_site({ORIGINAL: photo(1600, 1000, seed=21), "articles/harbour.md": story}, count=2)
    conf = write_conf(tmp_path, CACHE_PATH=str(tmp_path / "cache"), SITEURL="")
    live = tmp_path / "live"
    _build(content, live, conf)
    assert _build(content, live, conf) == 0  # nothing changed: nothing rendered
    home = _derivatives(live / "index.html")
    assert home  # the home page lists the story with its photo's derivatives
    shown = _showing(live)

    (content / ORIGINAL).write_bytes(photo(1600, 1000, seed=22))  # the same path and size, other bytes
    assert _build(content, live, conf) > 0
    clean = tmp_path / "clean"
    _build(content, clean, conf, "--full")
    assert _derivatives(live / "index.html") == _derivatives(clean / "index.html") != home
    assert (live / "index.html").read_bytes() == (clean / "index.html").read_bytes()
    shown = _same_as_clean_and_changed(live, clean, shown)

    other = write_conf(
        tmp_path, CACHE_PATH=str(tmp_path / "cache"), SITEURL="", PHOTOS_QUALITY={"jpeg": 70, "webp": 65, "avif": 50}
    )
    before = _derivatives(live / "index.html")
    assert _build(content, live, other) > 0
    _build(content, clean, other, "--full")
    assert _derivatives(live / "index.html") == _derivatives(clean / "index.html") != before
    assert (live / "index.html").read_bytes() == (clean / "index.html").read_bytes()
    _same_as_clean_and_changed(live, clean, shown)

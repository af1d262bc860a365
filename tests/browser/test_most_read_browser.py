"""theme/static/js/most-read.js in headless Chromium: the fresh list replaces the built one, safely."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from support.browser import require_browser
from support.builds import PNG_16x9, article_text, build, write_conf

pytestmark = pytest.mark.browser
require_browser()

from selenium import webdriver  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

# base.html loads the script, under its content-hashed name: make sure the page does.
LOAD_SCRIPT = """if (!document.querySelector('script[src*="/theme/js/most-read."][src$=".js"]')) {
  throw new Error('the page does not load theme/js/most-read.js'); }"""
STATE = """const box = document.getElementById('most-read');
return {fresh: box.dataset.fresh || null, heading: box.querySelector('h2').textContent,
  items: [...box.querySelectorAll('ol li a')].map(a => [a.getAttribute('href'), a.textContent.trim(),
    a.querySelector('img') ? a.querySelector('img').getAttribute('src') : null]),
  injected: document.querySelectorAll('#most-read script, #most-read [onerror], #most-read b').length};"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("js")
    content = root / "content"
    (content / "images").mkdir(parents=True)
    (content / "images" / "hero.png").write_bytes(PNG_16x9)
    (content / "authors.toml").write_text('[[author]]\nname = "Ada Lovelace"\n', encoding="utf-8")
    for i, section in enumerate(["Security", "Cloud", "Security"]):
        (content / f"s{i}.md").write_text(
            article_text(f"Story {i}", date=f"2026-11-1{i} 09:30", Category=section), encoding="utf-8"
        )
    conf = write_conf(root, PLUGINS=["newsroom", "feeds", "most_read"], MOST_READ_DB=str(root / "none.db"))
    result = build(content, root / "out", str(conf))
    assert result.returncode == 0, result.stderr
    return root / "out"


def fresh_state(driver: webdriver.Chrome, url: str) -> dict[str, Any]:
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(url)
    driver.execute_script(LOAD_SCRIPT)
    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script("return document.getElementById('most-read').dataset.fresh")
    )
    severe = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert not severe, severe
    return driver.execute_script(STATE)


def publish(site: Path, document: dict[str, Any] | str) -> None:
    """Write a new most-read.json, as a refresh does, and move its time on: the test server's
    Last-Modified has a one-second resolution, and the script asks it to revalidate."""
    target = site / "most-read.json"
    target.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    publish.clock = getattr(publish, "clock", 2_000_000_000) + 10  # type: ignore[attr-defined]
    os.utime(target, (publish.clock, publish.clock))  # type: ignore[attr-defined]


ITEM = {"url": "/2026/11/story-2/", "title": "Story 2", "image": "/images/hero.png", "views": 12}


def test_the_fresh_list_replaces_the_built_one(driver: webdriver.Chrome, base_url: str, site: Path) -> None:
    hostile = '<img src=x onerror="document.title=1"><b>bold</b>'
    publish(site, {
        "version": 1, "ranked": True, "window": {"start": "2026-11-11T00:00:00Z", "end": "2026-11-18T00:00:00Z"},
        "heading": "Most read",
        "items": [ITEM, {"url": "/2026/11/story-0/", "title": hostile, "image": None, "views": 3}],
        "sections": {"security": {"heading": "Most read in Security", "items": [ITEM]}},
    })  # fmt: skip
    state = fresh_state(driver, base_url + "/")
    assert state["fresh"] == "2026-11-18T00:00:00Z" and state["heading"] == "Most read"
    assert state["items"] == [
        [base_url + "/2026/11/story-2/", "Story 2", base_url + "/images/hero.png"],
        [base_url + "/2026/11/story-0/", hostile, None],  # shown as text, never parsed as HTML
    ]
    assert state["injected"] == 0 and driver.title != "1"
    # the front page hid the latest stories standing in (its Latest rail lists them); a ranking shows
    assert driver.execute_script("return document.getElementById('most-read').hidden") is False
    section = fresh_state(driver, base_url + "/section/security/")
    assert section["heading"] == "Most read in Security" and len(section["items"]) == 1


def test_links_off_the_site_are_dropped(driver: webdriver.Chrome, base_url: str, site: Path) -> None:
    bad = ["//evil.example/x", "https://evil.example/", "javascript:alert(1)", "/\\evil.example", "x/y", 7, None]
    items = [{"url": url, "title": "Bad", "image": "//evil.example/i.png"} for url in bad]
    publish(site, {"version": 1, "window": None, "heading": "Latest stories", "items": [*items, ITEM], "sections": {}})
    state = fresh_state(driver, base_url + "/")
    assert state["items"] == [[base_url + "/2026/11/story-2/", "Story 2", base_url + "/images/hero.png"]]


def test_a_broken_document_keeps_the_built_list(driver: webdriver.Chrome, base_url: str, site: Path) -> None:
    publish(site, "{not json")
    driver.get(base_url + "/")
    built = driver.execute_script(STATE)
    driver.execute_script(LOAD_SCRIPT)
    driver.execute_script("return new Promise(r => setTimeout(r, 500))")
    assert driver.execute_script(STATE) == built and built["items"] and built["fresh"] is None

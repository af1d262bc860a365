"""On-site search in headless Chromium: the sample site built with search on, served on localhost.

The sample stories are all from 2026, so the site gets one from 2024 as well: the index is then two
shards (pagefind/2026/ and pagefind/2024/) that the search page merges, as on a real archive.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from support.browser import chrome, require_browser, served
from support.builds import ROOT, article_text, build, front_matter, write_conf

pytestmark = pytest.mark.browser
require_browser()

from selenium import webdriver  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

ARTICLE = ROOT / "content" / "articles" / "2026" / "chip-scale-optical-clock.md"
QUERY = "strontium"  # only the chip-scale optical clock story mentions it
OLDER = {
    "Title": "Harbour tide gauges trade their radio links for satellite telemetry",
    "Summary": "A heliograph once signalled the tide from the harbour wall; now a satellite modem does.",
    "Slug": "harbour-tide-gauges-satellite-telemetry",
}
OLDER_QUERY = "heliograph"  # only the 2024 story mentions it: it is found through the merged shard


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample content and one story of 2024, so that the index has two year shards to merge."""
    folder = tmp_path_factory.mktemp("search-content") / "content"
    shutil.copytree(ROOT / "content", folder)
    story = article_text(
        OLDER["Title"], "2024-03-14 08:00", OLDER["Slug"], Authors="Dev Okafor", Category="Cloud",
        Tags="cloud, telemetry", Summary=OLDER["Summary"], Image="images/2026/cloud-egress-fees-explainer.svg",
        Status="published",
    )  # fmt: skip
    (folder / "articles" / "2024").mkdir()
    (folder / "articles" / "2024" / f"{OLDER['Slug']}.md").write_text(story, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def site(content: Path) -> Path:
    out = content.parent / "out"
    result = build(content, out)  # pelicanconf.py has search on
    assert result.returncode == 0, result.stderr
    assert json.loads((out / "pagefind" / "shards.json").read_text()) == {"shards": ["2026", "2024"]}
    return out


@pytest.fixture(scope="module", autouse=True)
def wide_window(driver: webdriver.Chrome) -> None:
    driver.set_window_size(1280, 900)


def results(driver: webdriver.Chrome) -> list[Any]:
    return driver.find_elements(By.CSS_SELECTOR, "#search-results .search-result")


def test_typing_a_query_shows_the_right_article_first(driver: webdriver.Chrome, base_url: str) -> None:
    meta = front_matter(ARTICLE)
    driver.get_log("browser")
    driver.get(base_url + "/")
    driver.find_element(By.CSS_SELECTOR, ".masthead a.search-link").click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url.rstrip("/").endswith("/search"))
    box = driver.find_element(By.CSS_SELECTOR, "#search-form input[name=q]")
    box.send_keys(QUERY)
    WebDriverWait(driver, 20).until(results)
    first = results(driver)[0]
    link = first.find_element(By.CSS_SELECTOR, ".card-title a")
    assert link.get_attribute("href") == f"{base_url}/2026/11/{meta['Slug']}/"
    assert link.text == meta["Title"]
    assert first.find_element(By.CSS_SELECTOR, ".card-standfirst").text == meta["Summary"]
    assert first.find_element(By.CSS_SELECTOR, ".search-date").text == "4 November 2026"
    assert QUERY in driver.find_element(By.ID, "search-status").text
    assert driver.current_url.endswith(f"/search/?q={QUERY}")
    severe = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert not severe, severe
    link.click()
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "headline"))
    assert driver.find_element(By.ID, "headline").text == meta["Title"]


def test_a_shared_search_link_runs_its_query_and_enter_searches_again(driver: webdriver.Chrome, base_url: str) -> None:
    driver.get(f"{base_url}/search/?q={QUERY}")
    WebDriverWait(driver, 20).until(results)
    assert driver.find_element(By.CSS_SELECTOR, "#search-form input[name=q]").get_attribute("value") == QUERY
    box = driver.find_element(By.CSS_SELECTOR, "#search-form input[name=q]")
    box.clear()
    box.send_keys("zzqxjv-nothing-matches", Keys.ENTER)
    WebDriverWait(driver, 20).until(lambda d: "No stories match" in d.find_element(By.ID, "search-status").text)
    assert results(driver) == []


def test_without_javascript_the_search_page_says_it_needs_it(base_url: str, tmp_path: Path) -> None:
    browser = chrome(tmp_path / "profile", javascript=False)
    try:
        browser.get(f"{base_url}/search/")
        notice = browser.find_element(By.CSS_SELECTOR, ".search-notice")
        assert notice.is_displayed() and "needs JavaScript" in notice.text
        assert browser.find_element(By.CSS_SELECTOR, "#search-form input[name=q]").is_displayed()
        browser.get(f"{base_url}/2026/11/chip-scale-optical-clock/")
        assert browser.find_element(By.ID, "headline").is_displayed()
        assert browser.find_element(By.CSS_SELECTOR, ".reading-time").text.endswith("min read")
    finally:
        browser.quit()


def check_older_story_is_found(driver: webdriver.Chrome, search_url: str, story_url: str) -> None:
    driver.get_log("browser")
    driver.get(f"{search_url}?q={OLDER_QUERY}")
    WebDriverWait(driver, 20).until(results)
    (found,) = results(driver)
    link = found.find_element(By.CSS_SELECTOR, ".card-title a")
    assert link.get_attribute("href") == story_url
    assert link.text == OLDER["Title"]
    assert found.find_element(By.CSS_SELECTOR, ".card-standfirst").text == OLDER["Summary"]
    assert found.find_element(By.CSS_SELECTOR, ".search-date").text == "14 March 2024"
    assert driver.find_element(By.ID, "search-status").text == f"1 story matches \u201c{OLDER_QUERY}\u201d."
    severe = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert not severe, severe


def test_a_story_from_an_older_year_shard_is_found_too(driver: webdriver.Chrome, base_url: str) -> None:
    check_older_story_is_found(driver, f"{base_url}/search/", f"{base_url}/2024/03/{OLDER['Slug']}/")


@pytest.mark.parametrize(
    ("sub_path", "flat", "limit", "shards"),
    [
        ("/news", False, 1500, ["2026", "2024"]),
        ("", True, 1500, ["."]),
        ("", False, 10, ["2026-11", "2026-10", "2024"]),  # 2026 split: its busiest month alone holds more than 10
    ],
    ids=["year-shards-under-a-sub-path", "flat-urls-one-bundle", "a-big-year-split-by-month"],
)
def test_search_works_under_a_sub_path_with_one_bundle_for_flat_urls_and_with_split_years(
    driver: webdriver.Chrome, content: Path, tmp_path: Path, sub_path: str, flat: bool, limit: int, shards: list[str]
) -> None:
    root = tmp_path / "root"
    root.mkdir()
    urls = {"ARTICLE_URL": "{slug}.html", "ARTICLE_SAVE_AS": "{slug}.html"} if flat else {}
    with served(root) as url:  # served first: SITEURL names the port
        conf = write_conf(tmp_path, SITEURL=url + sub_path, SEARCH_SHARD_PAGES=limit, **urls)
        result = build(content, root / sub_path.strip("/"), settings=str(conf))
        assert result.returncode == 0, result.stderr
        assert json.loads((root / sub_path.strip("/") / "pagefind" / "shards.json").read_text())["shards"] == shards
        story = f"{OLDER['Slug']}.html" if flat else f"2024/03/{OLDER['Slug']}/"
        check_older_story_is_found(driver, f"{url}{sub_path}/search/", f"{url}{sub_path}/{story}")

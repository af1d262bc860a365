"""On-site search in headless Chromium: the sample site built with search on, served on localhost."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser_support import chrome, require_browser
from conftest import ROOT, build, front_matter

pytestmark = pytest.mark.browser
require_browser()

from selenium import webdriver  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

ARTICLE = ROOT / "content" / "articles" / "2026" / "chip-scale-optical-clock.md"
QUERY = "strontium"  # only the chip-scale optical clock story mentions it


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("search-site")
    result = build(ROOT / "content", folder / "out")  # pelicanconf.py has search on
    assert result.returncode == 0, result.stderr
    return folder / "out"


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

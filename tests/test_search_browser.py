"""On-site search in headless Chromium: the sample site built with search on, served on localhost."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, build, write_conf

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")

pytestmark = pytest.mark.browser

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    _reason = f"headless browser tests need {CHROMIUM} and {CHROMEDRIVER} (apt-get install chromium chromium-driver)"
    if os.environ.get("CI", "").lower() not in ("", "0", "false"):
        pytest.fail(f"CI is set but {_reason}", pytrace=False)
    pytest.skip(_reason, allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROME_ARGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking"
    " --disable-component-update --disable-sync --disable-dev-shm-usage"
).split()
ARTICLE = ROOT / "content" / "articles" / "2026" / "chip-scale-optical-clock.md"
QUERY = "strontium"  # only the chip-scale optical clock story mentions it


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def front_matter(path: Path) -> dict[str, str]:
    head = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return dict(line.split(": ", 1) for line in head.splitlines())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("search-site")
    conf = write_conf(
        folder,
        PLUGINS=["newsroom", "feeds", "seo"],
        DIRECT_TEMPLATES=["index", "archives", "tags", "categories", "authors", "notfound", "search"],
        SEARCH_SAVE_AS="search/index.html",
        SEARCH_URL="search/",
    )
    result = build(ROOT / "content", folder / "out", settings=str(conf))
    assert result.returncode == 0, result.stderr
    return folder / "out"


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def chrome(profile: Path, javascript: bool = True) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (*CHROME_ARGS, f"--user-data-dir={profile}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    return webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    browser = chrome(tmp_path_factory.mktemp("chromium-profile"))
    browser.set_window_size(1280, 900)
    yield browser
    browser.quit()


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

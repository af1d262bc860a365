"""The subscribe page (feeds/) in headless Chromium: no console errors, full addresses, copy buttons, no overflow."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.browser import chrome, require_browser

pytestmark = pytest.mark.browser
require_browser()

from selenium import webdriver  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

ROWS = """return [...document.querySelectorAll('.feed-url')].map(row => ({
  href: row.querySelector('a.feed-format').href, shown: row.querySelector('.feed-address').textContent,
  button: !row.querySelector('.feed-copy').hidden}));"""
WIDER_THAN_VIEWPORT = """const w = document.documentElement.clientWidth;
return [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > w + 1)
  .slice(0, 5).map(e => e.tagName.toLowerCase() + '.' + e.className);"""


@pytest.fixture(scope="module")
def site(sample_site: Path) -> Path:
    return sample_site


def load(driver: webdriver.Chrome, url: str, width: int) -> list[dict[str, Any]]:
    driver.set_window_size(width, 900)
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(url)
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    problems = [e["message"] for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert not problems, problems
    return driver.execute_script(ROWS)


@pytest.mark.parametrize("width", [390, 1280])
def test_every_address_is_shown_in_full_with_a_copy_button(driver: webdriver.Chrome, base_url: str,
                                                            width: int) -> None:  # fmt: skip
    rows = load(driver, f"{base_url}/feeds/", width)
    assert len(rows) > 60
    for row in rows:
        assert row["shown"] == row["href"] and row["href"].startswith(f"{base_url}/feeds/"), row
        assert row["button"], row
    assert driver.execute_script(WIDER_THAN_VIEWPORT) == []
    assert driver.find_element(By.CSS_SELECTOR, "#everything h3").is_displayed()


def test_the_copy_button_puts_the_address_on_the_clipboard(driver: webdriver.Chrome, base_url: str) -> None:
    load(driver, f"{base_url}/feeds/", 1280)
    driver.execute_cdp_cmd("Browser.grantPermissions", {
        "origin": base_url, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})  # fmt: skip
    button = driver.find_element(By.CSS_SELECTOR, "#section-cloud .feed-copy")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", button)
    button.click()
    WebDriverWait(driver, 5).until(lambda d: button.text == "Copied")
    copied = driver.execute_async_script("navigator.clipboard.readText().then(arguments[arguments.length - 1]);")
    assert copied == f"{base_url}/feeds/section/cloud.rss.xml"


@pytest.fixture(scope="module")
def no_script(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    browser = chrome(tmp_path_factory.mktemp("chromium-no-js"), javascript=False)
    yield browser
    browser.quit()


def test_without_javascript_the_addresses_stay_readable_and_no_button_shows(no_script: webdriver.Chrome,
                                                                              base_url: str) -> None:  # fmt: skip
    rows = load(no_script, f"{base_url}/feeds/", 390)
    for row in rows:
        assert row["shown"].startswith("/feeds/") and row["href"] == base_url + row["shown"], row
        assert not row["button"], row
    assert no_script.execute_script(WIDER_THAN_VIEWPORT) == []

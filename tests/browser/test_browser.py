"""Render the sample site in headless Chromium; screenshots land in tests/artifacts/ (git-ignored)."""

from __future__ import annotations

import base64
import itertools
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from support.browser import require_axe, require_browser
from support.builds import ROOT, run_newsdesk, write_conf

ARTIFACTS = ROOT / "tests" / "artifacts"
WIDTHS = (360, 1280)

pytestmark = pytest.mark.browser
require_browser()

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import TimeoutException  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

BROKEN_IMAGES_JS = "return [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src);"
OVERFLOW_JS = """const w = document.documentElement.clientWidth, scrolls = e => {
  for (let p = e.parentElement; p; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') return true;
  return false; };
return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1 && !scrolls(e))
  .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));"""

HEADING_LEVELS_JS = "return [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1]);"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site with a week of page views, so that the pages show a ranked Most Read."""
    root = tmp_path_factory.mktemp("site")
    out = root / "output"
    conf = str(write_conf(root, MOST_READ_DB=str(root / "pageviews.sqlite3")))
    built = run_newsdesk("build", "--settings", conf, "--input", str(ROOT / "content"), "--output", str(out))
    assert built.returncode == 0, f"site build failed:\n{built.stdout}\n{built.stderr}"
    export = root / "views.csv"
    yesterday = (datetime.now(UTC) - timedelta(days=1)).strftime("%Y-%m-%d")
    stories = sorted(out.glob("20*/*/*/index.html"))
    rows = [
        f"/{page.parent.relative_to(out).as_posix()}/,{yesterday},{100 + i * 37 % 500}"
        for i, page in enumerate(stories)
    ]
    export.write_text("path,day,views\n" + "\n".join(rows) + "\n", encoding="utf-8")
    counted = run_newsdesk("most-read", "--settings", conf, "--output", str(out), "--csv", str(export))
    assert counted.returncode == 0, counted.stderr
    built = run_newsdesk("build", "--settings", conf, "--input", str(ROOT / "content"), "--output", str(out))
    assert built.returncode == 0 and "Most read" not in built.stderr, built.stderr
    return out


PAGES = ("home", "article", "section", "tag", "author", "search", "404")
FIRST_PAGE = {"section": "section/*/index.html", "tag": "tag/*/index.html", "author": "author/*/index.html"}


def page_path(site: Path, page: str) -> str:
    """The address of one page of each type in the sample site."""
    fixed = {"home": "/", "search": "/search/", "404": "/404.html"}
    if page in fixed:
        return fixed[page]
    found = sorted(site.glob(FIRST_PAGE.get(page, "20*/*/*/index.html")))
    assert found, f"the sample site has no {page} page"
    return "/" + found[0].parent.relative_to(site).as_posix() + "/"


def open_page(driver: webdriver.Chrome, url: str, width: int) -> None:
    driver.set_window_size(width, 900)
    driver.get_log("browser")  # drop messages left over from earlier tests
    driver.get(url)


def scroll_through(driver: webdriver.Chrome) -> None:
    """Scroll a viewport at a time (instantly, despite CSS smooth scrolling) so lazy images load."""
    driver.execute_async_script("""const done = arguments[arguments.length - 1];
        const pause = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)));
        (async () => {
          for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight - 100) {
            scrollTo({top: y, behavior: "instant"});
            await pause();
          }
          scrollTo({top: 0, behavior: "instant"});
          done();
        })();""")


def save_full_screenshot(driver: webdriver.Chrome, path: Path) -> None:
    width, height = driver.execute_script(
        "return [document.documentElement.clientWidth, document.documentElement.scrollHeight]"
    )
    clip = {"x": 0, "y": 0, "width": width, "height": min(height, 12000), "scale": 1}
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"captureBeyondViewport": True, "clip": clip})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(base64.b64decode(shot["data"]))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", PAGES)
def test_page_renders_cleanly(driver: webdriver.Chrome, base_url: str, site: Path, page: str, width: int) -> None:
    open_page(driver, base_url + page_path(site, page), width)
    scroll_through(driver)
    try:
        WebDriverWait(driver, 10).until(lambda d: not d.execute_script(BROKEN_IMAGES_JS))
    except TimeoutException:
        pytest.fail(f"images not loaded: {driver.execute_script(BROKEN_IMAGES_JS)}")
    save_full_screenshot(driver, ARTIFACTS / f"{page}-{width}.png")

    severe = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert not severe, f"console errors: {severe}"

    # clientWidth excludes the vertical scrollbar; innerWidth would hide up to ~15px of overflow.
    scroll_width, client_width = driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll_width <= client_width, f"horizontal overflow: {driver.execute_script(OVERFLOW_JS)}"

    headings = driver.find_elements(By.TAG_NAME, "h1")
    assert len(headings) == 1, f"expected one h1, found {len(headings)}"
    h1 = headings[0]
    if "visually-hidden" in (h1.get_attribute("class") or ""):  # the home page's h1 is for screen readers
        assert h1.text or h1.get_attribute("textContent"), "empty h1"
        assert driver.find_element(By.CSS_SELECTOR, ".brand-name").is_displayed()
    else:
        assert h1.is_displayed()
    if page == "home":  # lead, Latest, then Most Read before the section blocks, on a phone too
        tops = driver.execute_script(
            "return ['.lead-story', '.front-latest', '#most-read', '.home-section']"
            ".map(s => document.querySelector(s)).map(e => e && e.offsetParent && e.getBoundingClientRect().top);"
        )
        assert all(tops) and (width > 900 or tops == sorted(tops)), f"front page order: {tops}"
        assert tops[2] < 2000, f"Most Read starts {tops[2]} px down"
    if page == "article":
        assert driver.find_elements(By.ID, "related"), "#related missing"
        assert driver.find_elements(By.ID, "most-read"), "#most-read missing"
    levels = driver.execute_script(HEADING_LEVELS_JS)
    skips = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert not skips, f"heading levels skip (h{skips[0][0]} then h{skips[0][1]}): {levels}"
    nav = driver.execute_script(
        "const u = document.querySelector('.sections-nav ul'); return [u.scrollHeight, u.clientHeight];"
    )
    assert nav[0] <= nav[1], f"the section navigation scrolls vertically ({nav[0]} px in {nav[1]} px)"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", PAGES)
def test_axe_finds_no_violations(driver: webdriver.Chrome, base_url: str, site: Path, page: str, width: int) -> None:
    """axe-core, the engine behind Lighthouse's accessibility audit, with all its WCAG and best-practice rules."""
    axe = require_axe()
    open_page(driver, base_url + page_path(site, page), width)
    scroll_through(driver)
    driver.execute_script(axe)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations), e => done(String(e)));"
    )
    assert isinstance(result, list), f"axe-core failed: {result}"
    found = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}" for v in result]
    assert not found, f"{page} at {width} px:\n" + "\n".join(found)


@pytest.mark.parametrize("width", WIDTHS)
def test_skip_link_gets_visible_focus(driver: webdriver.Chrome, base_url: str, width: int) -> None:
    open_page(driver, base_url + "/", width)
    hidden = driver.execute_script("return document.querySelector('.skip-link').getBoundingClientRect().bottom <= 0")
    assert hidden, "the skip link should be off-screen until focused"
    ActionChains(driver).send_keys(Keys.TAB).perform()
    state = driver.execute_script("""const el = document.activeElement, s = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return {cls: el.className, outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow,
                visible: r.width > 0 && r.top >= 0 && r.left >= 0 &&
                         r.bottom <= window.innerHeight && r.right <= window.innerWidth};""")
    assert "skip-link" in state["cls"].split(), f"first Tab focused {state['cls']!r}, not the skip link"
    has_ring = (state["outline"] != "none" and state["width"] > 0) or state["shadow"] != "none"
    assert has_ring, f"no focus indicator: {state}"
    assert state["visible"], "focused skip link is off-screen"

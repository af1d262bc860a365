"""The front page's section blocks in headless Chromium: one story is a wide feature, two share
the width evenly, three sit in a row, four two by two; none is left stranded."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.browser import require_browser
from support.builds import PNG_16x9, article_text, build

pytestmark = pytest.mark.browser
require_browser()

from selenium import webdriver  # noqa: E402

BLOCKS = {"Security": 1, "Software": 2, "Cloud": 3, "Enterprise": 4}
BOXES_JS = """return [...document.querySelectorAll('.home-section')].map(s => [
  s.querySelector('h2').textContent.trim(),
  s.querySelector('.story-grid').getBoundingClientRect().width,
  [...s.querySelectorAll('.story-grid > .card')].map(c => {
    const r = c.getBoundingClientRect(); return [Math.round(r.left), Math.round(r.top), Math.round(r.width)]; })]);"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("front")
    content = root / "content"
    (content / "images").mkdir(parents=True)
    (content / "images" / "hero.png").write_bytes(PNG_16x9)
    (content / "authors.toml").write_text('[[author]]\nname = "Ada Lovelace"\n', encoding="utf-8")
    stories = [("Lead story of the day", "Science", 28)]
    stories += [(f"{section} story {i}", section, 10 + i) for section, n in BLOCKS.items() for i in range(n)]
    for title, section, day in stories:
        path = content / "articles" / f"{title.lower().replace(' ', '-')}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(article_text(title, date=f"2026-11-{day} 09:30", Category=section), encoding="utf-8")
    output = root / "output"
    result = build(content, output)
    assert result.returncode == 0, result.stderr
    return output


@pytest.mark.parametrize("width", [800, 1280])
def test_blocks_with_one_two_three_and_four_stories(driver: webdriver.Chrome, base_url: str, width: int) -> None:
    driver.set_window_size(width, 900)
    driver.get(base_url + "/")
    blocks = {name: (grid, cards) for name, grid, cards in driver.execute_script(BOXES_JS)}
    assert {name: len(cards) for name, (_, cards) in blocks.items()} == BLOCKS
    grid, (feature,) = blocks["Security"]
    assert feature[2] >= grid - 1, "a single story spans its block"
    for name, per_row in (("Software", 2), ("Cloud", 3), ("Enterprise", 2)):
        grid, cards = blocks[name]
        rows = [cards[i : i + per_row] for i in range(0, len(cards), per_row)]
        for row in rows:
            assert len({top for _, top, _ in row}) == 1, f"{name}: a row's cards start level: {cards}"
            assert len(row) == per_row, f"{name}: a card left stranded: {cards}"
        widths = {w for _, _, w in cards}
        assert max(widths) - min(widths) <= 1, f"{name}: uneven cards: {cards}"
        assert per_row * max(widths) > grid * 0.9, f"{name}: cards do not fill the block: {cards} in {grid}"

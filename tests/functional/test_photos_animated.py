"""An animated GIF keeps moving: animated WebP and GIF files of every frame, stripped; thumbnails its first frame."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pyvips
from bs4 import BeautifulSoup
from support.builds import article_text, build, write_conf

ANIMATION = "images/2026/signal.gif"
COLOURS = ([220, 40, 40], [40, 200, 60], [40, 60, 220])  # one frame each


def three_frames(width: int = 900, height: int = 600) -> bytes:
    """A real 3-frame GIF, each frame a colour, 300 ms apiece, looping, with a comment a site must not publish."""
    frames = [pyvips.Image.black(width, height).new_from_image(c).cast("uchar") for c in COLOURS]
    roll = pyvips.Image.arrayjoin(frames, across=1).copy(interpretation="srgb")
    roll.set_type(pyvips.GValue.gint_type, "page-height", height)
    roll.set_type(pyvips.GValue.array_int_type, "delay", [300, 300, 300])
    roll.set_type(pyvips.GValue.gint_type, "loop", 0)
    roll.set_type(pyvips.GValue.gstr_type, "gif-comment", "shot by Pat Example at 51.5N 0.1W")
    return roll.write_to_buffer(".gif")


def _frames(output: Path, url: str) -> pyvips.Image:
    return pyvips.Image.new_from_file(str(output / urlparse(url).path.lstrip("/")), n=-1)


def test_an_animated_gif_hero_stays_animated_and_its_thumbnails_show_the_first_frame(make_site, tmp_path: Path) -> None:
    gif = three_frames()
    assert pyvips.Image.new_from_buffer(gif, "").get("n-pages") == 3
    story = article_text("Signals change", date="2026-11-22 08:00", slug="signals", Image=ANIMATION)
    content = make_site({ANIMATION: gif, "articles/signals.md": story}, count=2)
    output = tmp_path / "output"
    result = build(content, output, settings=str(write_conf(tmp_path, CACHE_PATH=str(tmp_path / "cache"))))
    assert result.returncode == 0, result.stderr

    page = BeautifulSoup((output / "2026/11/signals/index.html").read_text(encoding="utf-8"), "html.parser")
    hero = page.select_one(".article-hero picture") or page.find("picture")
    webp = hero.select_one('source[type="image/webp"]')
    img = hero.select_one("img")
    assert urlparse(img["src"]).path.endswith(".gif") and img["srcset"].count(".gif") == len(img["srcset"].split(","))
    for url in [img["src"], *(part.split()[0] for part in webp["srcset"].split(","))]:
        moving = _frames(output, url)
        assert moving.get("n-pages") == 3 and moving.get("delay") == [300, 300, 300], url
        page_height = moving.get("page-height")
        middle = [moving(moving.width // 2, page_height * i + page_height // 2) for i in range(3)]
        assert [max(range(3), key=lambda band, px=px: px[band]) for px in middle] == [0, 1, 2], url  # red, green, blue
        data = (output / urlparse(url).path.lstrip("/")).read_bytes()
        assert b"Pat Example" not in data
    og = page.find("meta", property="og:image")["content"]
    card = pyvips.Image.new_from_file(str(output / urlparse(og).path.lstrip("/")))
    assert urlparse(og).path.endswith(".jpg") and card(600, 315)[0] > 150  # the first frame: red
    assert not (output / ANIMATION).exists()

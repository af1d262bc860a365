"""A page's raster photos become responsive pictures too, as a story's body photos do."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from bs4 import BeautifulSoup
from support.builds import build, write_conf

from bench.photos import OWNER, SERIAL, photo

NEWSROOM = "images/pages/newsroom.jpg"
PAGE = f"""Title: Visit us
Slug: visit

Our newsroom: ![The newsroom at night]({{static}}/{NEWSROOM} "Level 3")
"""


def test_a_page_photo_is_a_lazy_picture_of_stripped_derivatives(make_site, tmp_path: Path) -> None:
    content = make_site({NEWSROOM: photo(2000, 1200, seed=12), "pages/visit.md": PAGE}, count=2)
    output = tmp_path / "output"
    result = build(content, output, settings=str(write_conf(tmp_path, CACHE_PATH=str(tmp_path / "cache"))))
    assert result.returncode == 0, result.stderr

    page = BeautifulSoup((output / "visit" / "index.html").read_text(encoding="utf-8"), "html.parser")
    img = page.find("img", alt="The newsroom at night")
    picture = img.parent
    assert picture.name == "picture", "the page's photo is still a plain <img>"
    assert img["title"] == "Level 3"
    assert (img["width"], img["height"], img["loading"]) == ("800", "480", "lazy")  # the fallback JPEG, 5:3
    assert img.get("sizes") and "1200w" in img["srcset"]
    webp = picture.select_one('source[type="image/webp"]')
    assert webp is not None and "2000w" not in webp["srcset"]  # no width past the photo's own
    for url in [img["src"], *(part.split()[0] for part in webp["srcset"].split(","))]:
        data = (output / urlparse(url).path.lstrip("/")).read_bytes()
        assert SERIAL.encode() not in data and OWNER.encode() not in data
    assert "newsroom.jpg" not in str(page)  # the original is never named
    assert not (output / NEWSROOM).exists()

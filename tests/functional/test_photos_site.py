"""A site with a real photo: derivatives, srcset, share card, feed image, privacy, caching and stable bytes."""

from __future__ import annotations

import re
from pathlib import Path

import pyvips
from bs4 import BeautifulSoup
from support.builds import article_text, build, tree_digest, write_conf

from bench.photos import OWNER, SERIAL, photo, png_claiming

TYPES = {"image/webp": "webp", "image/jpeg": "jpeg", "image/avif": "heif"}
ORIGINAL = "images/2026/harbour.jpg"


def _site(make_site, tmp_path: Path) -> tuple[Path, Path]:
    story = article_text("Harbour at dusk", date="2026-11-20 09:30", slug="harbour", Image=ORIGINAL)
    content = make_site({ORIGINAL: photo(3000, 2000, seed=7), "articles/harbour.md": story}, count=2)
    return content, write_conf(tmp_path, CACHE_PATH=str(tmp_path / "cache"), SITEURL="")


def _built(content: Path, output: Path, conf: Path) -> str:
    result = build(content, output, settings=str(conf))
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


def _candidates(srcset: str) -> list[tuple[str, int]]:
    return [(url, int(w[:-1])) for url, w in (part.strip().split(" ") for part in srcset.split(","))]


def _image(output: Path, url: str) -> pyvips.Image:
    assert url.startswith("/img/"), url
    return pyvips.Image.new_from_file(str(output / url.lstrip("/")))


def test_a_photo_is_published_only_as_stripped_derivatives_that_every_page_and_feed_uses(
    make_site, tmp_path: Path
) -> None:
    content, conf = _site(make_site, tmp_path)
    output = tmp_path / "output"
    first = _built(content, output, conf)
    # the photo, the test PNG and the theme's mark for the site's square share image
    assert re.search(r"Photos: \d+ image file\(s\) made from 3 source image\(s\)", first)

    page = BeautifulSoup((output / "2026/11/harbour/index.html").read_text(encoding="utf-8"), "html.parser")
    picture = page.select_one("figure.hero picture")
    img = picture.find("img")
    assert img["fetchpriority"] == "high" and not img.get("loading")
    assert img["sizes"] == "(min-width: 900px) 820px, 100vw" and (img["width"], img["height"]) == ("800", "533")
    widths = []
    for source in [*picture.find_all("source"), img]:
        kind = source.get("type", "image/jpeg")
        assert source["sizes"] == img["sizes"]
        for url, width in _candidates(source["srcset"]):
            made = _image(output, url)
            assert made.get("vips-loader").startswith(TYPES[kind]) and made.width == width
            assert made.height == round(2000 * width / 3000)
            widths.append(width)
    assert sorted(set(widths)) == [480, 800, 1200, 1600, 2400]
    assert [s["type"] for s in picture.find_all("source")] == ["image/webp"]

    related = page.select("#related img") + page.select("#most-read img")
    assert related and all(i["loading"] == "lazy" and i["srcset"] for i in related)
    thumb = page.select_one("#most-read img")
    assert (thumb["width"], thumb["height"]) == ("96", "54")
    assert [_image(output, u).height for u, _ in _candidates(thumb["srcset"])] == [54, 108]

    og = {m["property"]: m["content"] for m in page.select("meta[property^='og:image']")}
    assert (og["og:image:width"], og["og:image:height"], og["og:image:type"]) == ("1200", "630", "image/jpeg")
    card = _image(output, "/" + og["og:image"].split("/", 3)[3])
    assert (card.width, card.height) == (1200, 630)
    assert page.select_one("meta[name='twitter:card']")["content"] == "summary_large_image"
    assert '"image": ["' in str(page) and "1200x1200" in str(page)

    home = BeautifulSoup((output / "index.html").read_text(encoding="utf-8"), "html.parser")
    cards = [i for i in home.select(".card-image picture img") if "/img/harbour-" in i["src"]]
    assert cards and all("960w" in i["srcset"] for i in cards)
    lead = home.select_one(".card-lead .card-image img")  # the newest story, at the top: fetched at once
    assert lead in cards and lead["fetchpriority"] == "high" and not lead.get("loading")
    below = home.select(".card-image img")[1:]
    assert below and all(i["loading"] == "lazy" and not i.get("fetchpriority") for i in below)
    assert _image(output, _candidates(cards[0]["srcset"])[-1][0]).height == 540  # cropped to 16:9

    rss = (output / "feeds/all.rss.xml").read_text(encoding="utf-8")
    thumbs = re.findall(r'<media:thumbnail url="[^"]*?(/img/harbour-[^"]+)"', rss)
    assert thumbs and (_image(output, thumbs[0]).width, _image(output, thumbs[0]).height) == (800, 533)

    assert not (output / ORIGINAL).exists()
    for path in output.rglob("*"):
        if path.suffix in (".html", ".xml", ".json"):
            assert ORIGINAL not in path.read_text(encoding="utf-8"), path
        if path.suffix in (".jpg", ".webp", ".avif", ".png"):
            data = path.read_bytes()
            assert SERIAL.encode() not in data and OWNER.encode() not in data, path
            assert not [f for f in pyvips.Image.new_from_file(str(path)).get_fields() if f.startswith(("exif", "xmp"))]

    kept = tree_digest(output)
    second = _built(content, output, conf)
    assert "Photos:" not in second  # nothing made: every file came from the cache or the live site
    assert tree_digest(output) == kept

    again = tmp_path / "again"
    fresh = write_conf(tmp_path, CACHE_PATH=str(tmp_path / "cache2"), SITEURL="")
    assert "Photos:" in _built(content, again, fresh)
    assert tree_digest(again) == kept  # made afresh: the same bytes


def test_bad_photos_stop_the_build_each_naming_its_story_the_file_and_the_fix(make_site, tmp_path: Path) -> None:
    files = {
        "images/cut.jpg": photo(600, 400, seed=2)[:9000],
        "images/bomb.png": png_claiming(20_000, 20_000),
        "images/liar.png": photo(600, 400, seed=3),
    }
    for name in ("cut", "bomb", "liar"):
        ext = "jpg" if name == "cut" else "png"
        files[f"articles/{name}.md"] = article_text(f"Story {name}", slug=name, Image=f"images/{name}.{ext}")
    content = make_site(files, count=1)
    conf = write_conf(tmp_path, CACHE_PATH=str(tmp_path / "cache"))
    result = build(content, tmp_path / "output", settings=str(conf))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    expected = {
        "cut": r"images/cut\.jpg could not be decoded \(VipsJpeg: premature end of JPEG image\)\. Fix: Export it",
        "bomb": r"images/bomb\.png is 20,000 x 20,000 pixels \(400 MP\), over the limit of 50 MP .* Fix: export it at",
        "liar": r"images/liar\.png is a JPEG file named as a PNG\. Fix: rename it to end in \.jpg",
    }
    for name, message in expected.items():
        assert re.search(rf"articles/{name}\.md:\d+: error: \[Image\] {message}", result.stderr), result.stderr
    assert "3 errors in 3 files" in result.stderr
    assert not (tmp_path / "output").exists()

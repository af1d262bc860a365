"""Hero images and author photos must be in a folder the build copies, or the page shows a broken image."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from support.builds import PNG_16x9, article_text, build, write_conf
from support.refusals import assert_refused


def test_images_the_build_would_not_copy_stop_the_build_and_make_check(make_site, tmp_path: Path) -> None:
    content = make_site(
        {
            "articles/2026/beside.md": article_text("Beside", Image="articles/2026/beside.png"),
            "articles/2026/hidden.md": article_text("Hidden", Image="images/.hidden.png"),
            "authors.toml": '[[author]]\nname = "Ada Lovelace"\nphoto = "staff/ada.png"\n',
            "articles/2026/beside.png": PNG_16x9,
            "images/.hidden.png": PNG_16x9,
            "staff/ada.png": PNG_16x9,
        }
    )
    expected = [
        "articles/2026/beside.md:7: error: [Image] content/articles/2026/beside.png would be a broken image: "
        "only files under images/ (STATIC_PATHS) are copied into the site. Fix: move it under images/ and write "
        "'Image: images/beside.png'.",
        "articles/2026/hidden.md:7: error: [Image] content/images/.hidden.png would be a broken image: the name "
        "'.hidden.png' matches '.*' in IGNORE_FILES, so it is not copied.",
        "authors.toml:1: error: [author[0].photo] content/staff/ada.png would be a broken image: "
        "only files under images/ (STATIC_PATHS) are copied into the site.",
    ]
    assert_refused(content, tmp_path / "output", expected)


def test_a_hero_image_in_a_static_folder_of_another_name_is_published(make_site, tmp_path: Path) -> None:
    story = article_text("Storm", Image="media/2026/storm.png")
    content = make_site({"media/2026/storm.png": PNG_16x9, "articles/storm.md": story})
    conf = write_conf(tmp_path, STATIC_PATHS=["images", "media"])
    output = tmp_path / "output"
    result = build(content, output, settings=str(conf))
    assert result.returncode == 0, result.stderr
    page = next(output.rglob("storm/index.html"))
    hero = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select_one("figure.hero img")
    assert (output / urlsplit(hero["src"]).path.lstrip("/")).is_file()  # the photo pipeline's copy of it
    assert not (output / "media" / "2026" / "storm.png").exists()  # a raster original is never published

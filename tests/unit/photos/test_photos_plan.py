"""The photo pipeline's plan: which files a photo gives, their names, and the records pages read (pure)."""

from __future__ import annotations

import re

import pytest
from common.errors import SettingsError
from photos.plan import Job, filled, fitted, photo, plan, plan_drawing, plan_site_image, share, stem, widths
from photos.settings import load

CONFIG = load({"SITEURL": "https://news.example/"})
SHA = "a" * 64


def test_widths_never_exceed_the_photo_and_a_small_photo_keeps_its_own() -> None:
    assert widths((3000, 2000), (480, 800, 1200, 1600, 2400)) == (480, 800, 1200, 1600, 2400)
    assert widths((1000, 700), (480, 800, 1200)) == (480, 800)
    assert widths((300, 200), (480, 800)) == (300,)


def test_a_crop_keeps_its_ratio_and_shrinks_to_fit_a_small_photo() -> None:
    assert filled((3000, 2000), (16, 9), 960) == (960, 540)
    assert filled((3000, 2000), (1, 1), 1200) == (1200, 1200)
    assert filled((400, 300), (16, 9), 960) == (400, 225)  # never wider than the photo
    assert filled((1000, 300), (4, 3), 960) == (400, 300)  # nor taller
    assert fitted((3000, 2000), 800) == (800, 533)


def test_a_photo_is_planned_into_every_slot_with_a_jpeg_behind_each_modern_format() -> None:
    planned = plan("images/2026/Storm Over Kyiv.JPG", SHA, (3000, 2000), CONFIG, "code1")
    by_kind = {(j.width, j.height, j.fmt) for j in planned.jobs.values()}
    for width, height in ((480, 320), (800, 533), (1200, 800), (1600, 1067), (2400, 1600)):
        assert {(width, height, "webp"), (width, height, "jpeg")} <= by_kind
    for size in ((480, 270), (960, 540), (240, 135), (480, 270), (96, 54), (192, 108)):
        assert (*size, "jpeg") in by_kind and (*size, "webp") in by_kind
    for size in ((1200, 630), (1200, 675), (1200, 900), (1200, 1200), (800, 533)):
        assert (*size, "jpeg") in by_kind
    assert all(re.fullmatch(r"img/storm-over-kyiv-\d+x\d+-[0-9a-f]{16}\.(jpg|webp)", n) for n in planned.jobs)
    share = [j for n, j in planned.jobs.items() if n in planned.singles["share"]]
    assert share == [Job(1200, 630, True, "jpeg", 80, upscale=True)]


def test_a_small_photo_gets_no_share_images_rather_than_a_blur() -> None:
    assert "share" not in plan("images/icon.png", SHA, (599, 400), CONFIG, "c").singles
    assert "share" in plan("images/photo.jpg", SHA, (600, 400), CONFIG, "c").singles


def test_names_change_with_the_photo_and_the_code_and_only_with_them() -> None:
    first = plan("images/a.jpg", SHA, (3000, 2000), CONFIG, "code1")
    assert plan("images/a.jpg", SHA, (3000, 2000), CONFIG, "code1") == first
    other_bytes = plan("images/a.jpg", "b" * 64, (3000, 2000), CONFIG, "code1")
    other_code = plan("images/a.jpg", SHA, (3000, 2000), CONFIG, "code2")
    assert not set(first.jobs) & set(other_bytes.jobs) and not set(first.jobs) & set(other_code.jobs)


def test_the_photo_record_holds_srcsets_sizes_and_dimensions_ready_for_templates() -> None:
    planned = plan("images/a.jpg", SHA, (3000, 2000), CONFIG, "c")
    lengths = {rel: 1000 + i for i, rel in enumerate(planned.jobs)}
    record = photo(planned, lengths, CONFIG.site_url)
    hero = record.hero
    assert [t for t, _ in hero.sources] == ["image/webp"]
    webp = hero.sources[0][1]
    assert webp.startswith("https://news.example/img/a-480x320-") and webp.endswith(" 2400w")
    assert webp.count("w, ") == 4 and hero.srcset.count(".jpg ") == 5
    assert (hero.width, hero.height) == (800, 533) and hero.src.endswith(".jpg") and "800x533" in hero.src
    assert hero.sizes == "(min-width: 900px) 820px, 100vw"
    assert (record.thumb.width, record.thumb.height, record.thumb.sizes) == (96, 54, "96px")
    cards = share(planned, lengths)
    assert (cards.card.width, cards.card.height, cards.card.type) == (1200, 630, "image/jpeg")
    assert cards.card.length == lengths[cards.card.url]
    assert [(r.width, r.height) for r in cards.schema] == [(1200, 675), (1200, 900), (1200, 1200)]
    assert (record.feed.width, record.feed.height) == (800, 533)
    assert (record.small.width, record.small.height) == (192, 108)


def test_no_modern_format_leaves_the_jpeg_alone_and_avif_comes_first_when_asked() -> None:
    jpeg_only = load({"PHOTOS_FORMATS": ()})
    planned = plan("images/a.jpg", SHA, (1000, 600), jpeg_only, "c")
    assert {j.fmt for j in planned.jobs.values()} == {"jpeg"}
    both = load({"PHOTOS_FORMATS": ("avif", "webp")})
    with_avif = plan("images/a.jpg", SHA, (1000, 600), both, "c")
    record = photo(with_avif, dict.fromkeys(with_avif.jobs, 1), "")
    assert [t for t, _ in record.hero.sources] == ["image/avif", "image/webp"]
    assert record.hero.src.startswith("/img/")


def test_a_drawing_gets_only_share_images_and_the_site_a_padded_square() -> None:
    drawing = plan_drawing("images/chart.svg", SHA, CONFIG, "c")
    assert not drawing.pictures and set(drawing.singles) == {"share", "schema"}
    assert {(j.width, j.height, j.fmt, j.upscale) for j in drawing.jobs.values()} == {
        (1200, 630, "jpeg", True), (1200, 675, "jpeg", True), (1200, 900, "jpeg", True), (1200, 1200, "jpeg", True)
    }  # fmt: skip
    site = plan_site_image(SHA, CONFIG, "c")
    assert [(j.width, j.height, j.pad) for j in site.jobs.values()] == [(1200, 1200, True)]


def test_stem_keeps_a_readable_ascii_name() -> None:
    assert stem("images/2026/Straße & Co_final.JPEG") == "stra-e-co-final"
    assert stem("images/ü.png") == "photo"


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("PHOTOS_FORMATS", ("heic",), "PHOTOS_FORMATS must list some of avif, webp"),
        ("PHOTOS_WIDTHS", (0, 800), "PHOTOS_WIDTHS must be a whole number of 16 or more"),
        ("PHOTOS_QUALITY", {"jpeg": 101}, "PHOTOS_QUALITY['jpeg'] must be a whole number of 1 or more and at most 100"),
        ("PHOTOS_FOLDER", "../out", "PHOTOS_FOLDER must be a folder of the site"),
        ("PHOTOS_WIDTH", 3, "did you mean PHOTOS_WIDTHS?"),
    ],
)
def test_a_bad_setting_is_refused_by_name(setting: str, value: object, message: str) -> None:
    with pytest.raises(SettingsError, match=re.escape(message)):
        load({setting: value})

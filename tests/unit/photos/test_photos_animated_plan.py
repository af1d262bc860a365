"""An animation is planned to move where it is shown large, and to stand still in cards and share images."""

from __future__ import annotations

from photos.plan import body_picture, plan, plan_body
from photos.settings import load

CONFIG = load({"PHOTOS_FORMATS": ("avif", "webp")})


def test_an_animated_hero_moves_on_its_page_as_webp_and_gif_and_stands_still_elsewhere() -> None:
    planned = plan("a/signal.gif", "0" * 64, (1600, 900), CONFIG, "code", animated=True)
    _, hero = planned.pictures["hero"]
    assert set(hero) == {"webp", "gif"}  # no animated AVIF; a GIF for the <img>
    moving = {rel for files in hero.values() for rel, _, _ in files}
    assert all(planned.jobs[rel].animated for rel in moving)
    assert all(not job.animated for rel, job in planned.jobs.items() if rel not in moving)
    _, card = planned.pictures["card"]
    assert set(card) == {"avif", "webp", "jpeg"}
    assert planned.jobs[planned.singles["share"][0]].fmt == "jpeg"


def test_an_animated_body_photo_falls_back_to_a_gif_and_a_still_one_to_a_jpeg() -> None:
    moving = body_picture(plan_body("b.gif", "1" * 64, (800, 600), CONFIG, "code", animated=True), "")
    assert moving.src.endswith(".gif") and [t for t, _ in moving.sources] == ["image/webp"]
    still = body_picture(plan_body("b.gif", "1" * 64, (800, 600), CONFIG, "code"), "")
    assert still.src.endswith(".jpg") and [t for t, _ in still.sources] == ["image/avif", "image/webp"]

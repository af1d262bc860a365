"""Unit tests for newsroom.fields.validate: the Image field (local files only, safe paths, suggestions)."""

from __future__ import annotations

import pytest
from common.errors import Problem
from newsroom.fields import validate
from newsroom.frontmatter import split_front_matter
from newsroom.heroimage import IMAGE_SUFFIXES
from newsroom.values import Result
from support.fields import ASKED, IMAGE_VOCAB


def check(image: str, kind: str = "page") -> Result:
    ASKED.clear()
    text = f"Title: About\nImage: {image}\n\nBody.\n"
    return validate(split_front_matter(text), "pages/about.md", kind, IMAGE_VOCAB)


def only(result: Result) -> Problem:
    assert len(result.problems) == 1, [p.format() for p in result.problems]
    problem = result.problems[0]
    assert (problem.field, problem.line) == ("Image", 2)
    assert "image" not in result.metadata
    return problem


@pytest.mark.parametrize(
    ("value", "path"),
    [
        ("images/hero.png", "images/hero.png"),
        ("/images/hero.png", "images/hero.png"),
        ("{static}/images/hero.png", "images/hero.png"),
        ("{static}images/hero.png", "images/hero.png"),
        ("{attach}/images/2026/storm.jpg", "images/2026/storm.jpg"),
        ("images/LOGO.SVG", "images/LOGO.SVG"),
        ("  images/hero.png  ", "images/hero.png"),
    ],
)
def test_existing_local_image_is_stored_relative_to_content(value: str, path: str) -> None:
    result = check(value)
    assert result.problems == []
    assert result.metadata["image"] == path
    assert ASKED == [path]


def test_image_is_validated_for_articles_too() -> None:
    result = check("images/hero.png", kind="article")
    assert result.metadata["image"] == "images/hero.png"


@pytest.mark.parametrize(
    "value",
    [
        "https://example.com/hero.png",
        "http://example.com/hero.png",
        "//cdn.example.com/hero.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "ftp://example.com/hero.png",
        "{static}https://example.com/hero.png",
    ],
)
def test_remote_and_inline_images_are_refused_without_touching_the_disk(value: str) -> None:
    problem = only(check(value))
    assert problem.message == f"'{value}' is not a file in this site."
    assert problem.fix.startswith("put the image under content/images/")
    assert ASKED == []


@pytest.mark.parametrize(
    "value",
    [
        "../secret.png",
        "images/../../etc/hero.png",
        "{static}/../hero.png",
        "images\\hero.png",
        "images/hero.txt",
        "images/hero",
        "images/hero.png.exe",
        "/",
        "{static}",
        "images/hero.pdf",
    ],
)
def test_unsafe_or_non_image_paths_are_refused_without_touching_the_disk(value: str) -> None:
    problem = only(check(value))
    assert problem.message == f"'{value}' is not a usable image path."
    assert problem.fix == f"give a path under content/ ending in one of {', '.join(IMAGE_SUFFIXES)}."
    assert ASKED == []


@pytest.mark.parametrize("suffix", IMAGE_SUFFIXES)
def test_every_documented_suffix_is_accepted_in_any_case(suffix: str) -> None:
    for name in (f"images/x{suffix}", f"images/x{suffix.upper()}"):
        problem = only(check(name))
        assert "does not exist" in problem.message  # got past the suffix rule to the existence check


def test_double_dots_inside_a_file_name_are_allowed() -> None:
    problem = only(check("images/hero..png"))
    assert problem.message == "the image content/images/hero..png does not exist."


@pytest.mark.parametrize(
    ("value", "guess"),
    [
        ("images/heor.png", "images/hero.png"),
        ("images/hero.jpg", "images/hero.png"),
        ("/images/2026/strom.jpg", "images/2026/storm.jpg"),
    ],
)
def test_missing_image_suggests_the_nearest_existing_file(value: str, guess: str) -> None:
    problem = only(check(value))
    path = value.lstrip("/")
    assert problem.message == f"the image content/{path} does not exist."
    assert problem.fix == f"did you mean '{guess}'?"


def test_missing_image_without_a_near_file_asks_to_add_it() -> None:
    problem = only(check("photos/completely-different-name.gif"))
    assert problem.fix == "add the file or correct the path (relative to content/)."


def test_image_path_case_must_match_the_file() -> None:
    problem = only(check("images/Hero.png"))
    assert problem.fix == "did you mean 'images/hero.png'?"


def test_image_alt_caption_and_credit_are_plain_text() -> None:
    text = "Title: A\nImage: images/hero.png\nImage_Alt: Alt\nImage_Caption: Cap\nImage_Credit: Photo: X\n\nB\n"
    meta = validate(split_front_matter(text), "pages/a.md", "page", IMAGE_VOCAB).metadata
    assert (meta["image_alt"], meta["image_caption"], meta["image_credit"]) == ("Alt", "Cap", "Photo: X")

"""Unit tests for newsroom.copying: hero images and author photos must be files the build copies."""

from __future__ import annotations

import dataclasses

from newsroom.authors import parse_registry
from newsroom.copying import StaticRules
from newsroom.fields import validate
from newsroom.frontmatter import split_front_matter
from support.fields import IMAGE_VOCAB

RULES = StaticRules.from_settings(
    {"STATIC_PATHS": ["images", "/media/"], "STATIC_EXCLUDES": ["images/raw"], "IGNORE_FILES": [".*", "README*"]}
)


def test_rules_come_from_the_settings() -> None:
    assert RULES == StaticRules(("images", "media"), ("images/raw",), (".*", "README*"))
    assert StaticRules.from_settings({}) == StaticRules((), (), ())
    assert RULES.folders() == "images/, media/"


def test_files_under_a_static_folder_are_copied() -> None:
    for path in ("images/hero.png", "images/2026/11/storm.jpg", "media/x.svg", "images/raw2/x.png"):
        assert RULES.why_not_copied(path) is None, path


def test_files_outside_the_static_folders_are_not() -> None:
    for path in ("articles/2026/hero.png", "imagesx/hero.png", "hero.png", "pages/images/hero.png"):
        assert RULES.why_not_copied(path) == "only files under images/, media/ (STATIC_PATHS) are copied into the site"


def test_excluded_folders_and_ignored_names_are_not_copied() -> None:
    assert RULES.why_not_copied("images/raw/hero.png") == "images/raw/ is left out by STATIC_EXCLUDES"
    assert RULES.why_not_copied("images/.hero.png") == (
        "the name '.hero.png' matches '.*' in IGNORE_FILES, so it is not copied"
    )
    assert RULES.why_not_copied("images/.drafts/hero.png").startswith("the name '.drafts' matches '.*'")
    assert "README*" in RULES.why_not_copied("media/README.png")


def test_the_whole_content_folder_as_static_path_copies_everything_not_ignored() -> None:
    everything = StaticRules(("",), (), (".*",))
    assert everything.why_not_copied("articles/2026/hero.png") is None
    assert everything.why_not_copied(".hero.png") is not None
    assert everything.folders() == "anywhere under content/"


def test_suggestion_is_the_first_static_folder_with_the_files_name() -> None:
    assert RULES.suggestion("articles/2026/storm.jpg") == "images/storm.jpg"
    assert RULES.suggestion("images/.hero.png") == "images/hero.png"


def test_a_hero_image_outside_the_static_folders_is_refused_on_its_line() -> None:
    vocab = dataclasses.replace(IMAGE_VOCAB, statics=StaticRules(("images",), (), (".*",)))
    text = "Title: About\nImage: /authors/ada.webp\n\nBody.\n"
    result = validate(split_front_matter(text), "pages/about.md", "page", vocab)
    assert [(p.line, p.field, p.message, p.fix) for p in result.problems] == [
        (
            2,
            "Image",
            "content/authors/ada.webp would be a broken image: only files under images/ (STATIC_PATHS) are copied "
            "into the site.",
            "move it under images/ and write 'Image: images/ada.webp'.",
        )
    ]
    assert "image" not in result.metadata
    inside = validate(split_front_matter(text.replace("/authors/ada.webp", "images/hero.png")), "p.md", "page", vocab)
    assert inside.problems == [] and inside.metadata["image"] == "images/hero.png"


def test_an_author_photo_outside_the_static_folders_is_refused() -> None:
    data = {"author": [{"name": "Ada Lovelace", "photo": "staff/ada.png"}, {"name": "Grace", "photo": "images/g.png"}]}
    exists = {"staff/ada.png", "images/g.png"}.__contains__
    profiles, problems = parse_registry(data, "authors.toml", str.lower, exists, RULES)
    assert [(p.field, p.message, p.fix) for p in problems] == [
        (
            "author[0].photo",
            "content/staff/ada.png would be a broken image: only files under images/, media/ (STATIC_PATHS) are "
            "copied into the site.",
            'move it under images/, media/ and write photo = "images/ada.png".',
        )
    ]
    assert profiles["ada lovelace"].photo == "" and profiles["grace"].photo == "images/g.png"

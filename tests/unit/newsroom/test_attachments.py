"""{attach} on a file that something else uses is refused; on a file only its story uses it is fine."""

from __future__ import annotations

from engine import intrasite_pattern
from newsroom.attachments import Story, shared_attachments
from pelican.settings import DEFAULT_CONFIG

PATTERN = intrasite_pattern(DEFAULT_CONFIG["INTRASITE_LINK_REGEX"])
BODIES = {"articles/a.md": ("Intro.\n\n![c]({attach}/images/c.png)\n", 12)}


def attach(source: str, url: str = "/images/c.png", hero: str | None = None) -> Story:
    return Story(source, f'<p><img alt="c" src="{{attach}}{url}"></p>', hero)


def static(source: str, url: str = "/images/c.png", kind: str = "static") -> Story:
    return Story(source, f'<p><img alt="c" src="{{{kind}}}{url}"></p>', None)


def messages(stories: list[Story], photos: dict[str, str] | None = None) -> list[str]:
    problems = shared_attachments(stories, photos or {}, PATTERN, BODIES.get)
    return [p.format() for p in problems]


def test_a_file_only_its_story_attaches_is_fine() -> None:
    assert (
        messages(
            [
                attach("articles/a.md"),
                attach("articles/a.md", "../images/c.png"),
                static("articles/b.md", "/images/d.png"),
            ]
        )
        == []
    )


def test_every_other_use_is_named_at_the_line_of_the_attachment() -> None:
    found = messages(
        [
            attach("articles/a.md", hero="images/c.png"),
            Story("articles/b.md", "<p>No links.</p>", "images/c.png"),
            static("articles/c.md", "../images/c.png"),
            static("pages/about.md", "/images/c.png", kind="filename"),
            attach("articles/d.md", "../images/c.png"),
        ],
        {"images/c.png": "Ada Lovelace"},
    )
    assert found[0] == (
        "articles/a.md:14: error: attaches {attach}/images/c.png, which moves the file next to this story, "
        "but the author photo of Ada Lovelace, this story's hero image, articles/b.md (hero image), "
        "articles/c.md ({static} link) "
        "and 2 more use it too, and that link would break. Fix: link to it with {static} instead; the file then "
        "keeps its own address for every story."
    )
    assert found[1].startswith("articles/d.md:1: error: attaches {attach}../images/c.png, which moves the file")
    assert len(found) == 2


def test_a_link_spelt_otherwise_in_the_html_still_counts_as_a_use() -> None:
    stories = [
        attach("articles/a.md", "/images/my%20chart.png"),
        Story("articles/b.md", '<img src="|static|/images/my chart.png">', None),
    ]
    assert "articles/b.md ({static} link)" in messages(stories)[0]

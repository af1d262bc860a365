"""A body's photos found and made ``<picture>``s in the HTML as converted (pure)."""

from __future__ import annotations

from engine import Picture
from photos.bodies import images, linked, rewrite

PIC = Picture((("image/webp", "/img/a-480.webp 480w, /img/a-800.webp 800w"),), "/img/a-800.jpg",
              "/img/a-480.jpg 480w, /img/a-800.jpg 800w", "100vw", 800, 533)  # fmt: skip
SOURCE = "articles/2026/story.md"


def test_images_are_found_relative_to_the_story_or_the_content_folder_once_each() -> None:
    html = (
        '<p><img alt="a" src="{static}/images/a.jpg"> <img src="|static|../../images/b.png" alt="b">'
        '<img src="https://example.com/c.jpg"> <img src="{static}/images/a.jpg"> <img src="{attach}d.jpg"></p>'
    )
    assert images(html, SOURCE) == ["images/a.jpg", "images/b.png"]


def test_an_img_becomes_a_picture_keeping_the_authors_alt_title_and_class_escaped() -> None:
    html = (
        '<p>Look: <img class="wide" title="At &quot;dawn&quot;" alt="Boats &amp; nets" src="{static}/images/a.jpg"></p>'
    )
    out = rewrite(html, SOURCE, {"images/a.jpg": PIC})
    assert out.startswith('<p>Look: <picture><source type="image/webp" srcset="/img/a-480.webp 480w, ')
    assert '<img src="/img/a-800.jpg" srcset="/img/a-480.jpg 480w, /img/a-800.jpg 800w" sizes="100vw"' in out
    assert 'alt="Boats &amp; nets" title="At &quot;dawn&quot;" class="wide" width="800" height="533"' in out
    assert out.endswith(' loading="lazy" decoding="async"></picture></p>')
    assert "{static}" not in out and "images/a.jpg" not in out


def test_other_images_and_links_stay_and_are_still_linked() -> None:
    html = (
        '<img src="{static}/images/a.jpg" alt=""><img src="{static}/images/x.gif" alt="">'
        '<a href="{static}/images/a.jpg">full size</a>'
    )
    out = rewrite(html, SOURCE, {"images/a.jpg": PIC})
    assert '<img src="{static}/images/x.gif" alt="">' in out and '<a href="{static}/images/a.jpg">' in out
    assert linked(out, SOURCE) == {"images/x.gif", "images/a.jpg"}
    assert linked(rewrite('<img src="{static}/images/a.jpg">', SOURCE, {"images/a.jpg": PIC}), SOURCE) == set()

"""Open Graph and Twitter card tags as (attribute, key, content) triples for the template (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

Tag = tuple[str, str, str]  # ("property" or "name", key, content): <meta property="og:title" content="…">


@dataclass(frozen=True)
class SocialImage:
    url: str  # absolute
    alt: str = ""
    width: int | None = None
    height: int | None = None
    type: str = ""


@dataclass(frozen=True)
class ArticleFacts:
    published: datetime
    modified: datetime
    section: str
    tags: tuple[str, ...] = ()
    author_urls: tuple[str, ...] = ()


def _image_tags(image: SocialImage) -> list[Tag]:
    tags: list[Tag] = [("property", "og:image", image.url)]
    if image.type:
        tags.append(("property", "og:image:type", image.type))
    if image.width and image.height:
        tags += [("property", "og:image:width", str(image.width)), ("property", "og:image:height", str(image.height))]
    if image.alt:
        tags.append(("property", "og:image:alt", image.alt))
    return tags


def _article_tags(facts: ArticleFacts) -> list[Tag]:
    tags: list[Tag] = [
        ("property", "article:published_time", facts.published.isoformat()),
        ("property", "article:modified_time", facts.modified.isoformat()),
        ("property", "article:section", facts.section),
    ]
    tags += [("property", "article:author", url) for url in facts.author_urls]
    tags += [("property", "article:tag", tag) for tag in facts.tags]
    return tags


TWITTER_TEXT = 200  # X shows at most this many characters of a card's description


def cut_at_word(text: str, limit: int) -> str:
    """``text`` when it has at most ``limit`` characters, else its longest start of whole words that fits
    with an ellipsis after it (a single word longer than the limit is cut inside)."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if not text[limit - 1].isspace() and " " in head:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:.-–—") + "…"


def social_tags(
    *,
    kind: str,
    title: str,
    description: str,
    url: str,
    site_name: str,
    locale: str,
    image: SocialImage | None,
    twitter_site: str = "",
    large_image: bool = False,
    article: ArticleFacts | None = None,
    twitter_extra: Sequence[tuple[str, str]] = (),
) -> tuple[Tag, ...]:
    """``kind`` is og:type (website, article, profile). ``large_image`` asks for the big Twitter card."""
    tags: list[Tag] = [
        ("property", "og:site_name", site_name),
        ("property", "og:locale", locale),
        ("property", "og:type", kind),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:url", url),
    ]
    if image:
        tags += _image_tags(image)
    if article:
        tags += _article_tags(article)
    card = "summary_large_image" if image and large_image else "summary"
    tags.append(("name", "twitter:card", card))
    if twitter_site:
        tags.append(("name", "twitter:site", twitter_site))
    tags += [("name", "twitter:title", title), ("name", "twitter:description", cut_at_word(description, TWITTER_TEXT))]
    if image:
        tags.append(("name", "twitter:image", image.url))
        if image.alt:
            tags.append(("name", "twitter:image:alt", image.alt))
    for number, (label, value) in enumerate(twitter_extra, 1):
        tags += [("name", f"twitter:label{number}", label), ("name", f"twitter:data{number}", value)]
    return tuple(tags)

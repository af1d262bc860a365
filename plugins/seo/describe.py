"""Pelican's objects read into the plain records the pure modules describe: the site (publisher,
logo, author profiles) and each article's page meta, worked out when its page is rendered."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from typing import Any

from common.errors import SettingsError
from common.images import mime_type
from engine import Hero

from .jsonld import ArticleData, Person, Publisher
from .pages import PageMeta, SeoSite, article_meta
from .settings import SeoSettings
from .social import SocialImage
from .urls import absolute, og_locale


def logo_file(settings: dict[str, Any], path: str) -> str:
    """Where the logo comes from: the theme's static files (theme/img/x.png) or the content folder."""
    candidates = []
    static_dir = str(settings.get("THEME_STATIC_DIR", "theme")).strip("/")
    if path.startswith(static_dir + "/"):
        rest = path[len(static_dir) + 1 :]
        for folder in settings.get("THEME_STATIC_PATHS", ["static"]):
            candidates.append(os.path.join(settings["THEME"], folder, rest))
    candidates.append(os.path.join(settings["PATH"], path))
    for candidate in candidates:
        if os.path.isfile(candidate):
            return candidate
    raise SettingsError(
        f"SEO_PUBLISHER_LOGO {path!r} is not a file of the theme's static folder or of the content folder "
        f"(looked for {', '.join(candidates)})."
    )


def modified(content: Any) -> datetime | None:
    """When a story or page last changed: its Modified, else its Date."""
    return getattr(content, "modified", None) or getattr(content, "date", None)


def _person(profile: Any, url: str, base: str) -> Person:
    return Person(
        name=profile.name,
        url=url,
        job_title=profile.role,
        description=profile.bio[0] if profile.bio else "",
        image=absolute(base, profile.photo) if profile.photo else "",
        same_as=tuple(link.url for link in profile.links if link.url.startswith(("http://", "https://"))),
    )


def _site_image(image: Any, base: str) -> SocialImage | None:
    """The square site image the photos plugin made for pages without a hero (Open Graph and X want
    at least 200 x 200; the publisher's wide logo is for the JSON-LD)."""
    if image is None:
        return None
    return SocialImage(absolute(base, image.url), "", image.width, image.height, image.type)


def site_of(generator: Any, config: SeoSettings, logo_size: tuple[int, int]) -> SeoSite:
    """The site as search engines and social sites see it, from the article generator's lists and context."""
    base = config.site_url
    width, height = logo_size
    logo_url = absolute(base, config.publisher_logo)
    publisher = Publisher(config.publisher_name, absolute(base, ""), logo_url, width, height)
    pages = {author.slug: absolute(base, author.url) for author, _ in generator.authors if author.save_as}
    profiles = generator.context["newsroom"].authors
    search = generator.context.get("search")  # the search page, when the search plugin is on
    return SeoSite(
        base=base,
        site_name=config.site_name,
        description=config.description,
        language=config.language,
        locale=og_locale(config.language),
        publisher=publisher,
        logo=_site_image(generator.context.get("site_image"), base)
        or SocialImage(logo_url, config.publisher_name, width, height, mime_type(logo_url)),
        twitter_site=config.twitter_site,
        search_url=search.url if search else "",
        home_file=config.index_save_as,
        noindex=tuple(sorted({*config.noindex, *([search.save_as] if search else [])})),
        profiles={slug: _person(p, pages.get(slug, ""), base) for slug, p in sorted(profiles.items())},
    )


def _hero(hero: Hero | None, base: str, share: Any = None) -> SocialImage | None:
    """The article's share image: the 1200 x 630 card the photos plugin made from its hero, else the hero."""
    if not hero:
        return None
    if share is not None:
        card = share.card
        return SocialImage(absolute(base, card.url), hero.alt, card.width, card.height, card.type)
    return SocialImage(absolute(base, hero.path), hero.alt, hero.width, hero.height, hero.type)


class LazyMeta:
    """An article's ``PageMeta``, worked out the first time its page is rendered: a build that
    renders a few pages again does not describe every article of the site."""

    __slots__ = ("_make", "_meta")

    def __init__(self, make: Callable[[], PageMeta]) -> None:
        self._make: Callable[[], PageMeta] | None = make
        self._meta: PageMeta | None = None

    def resolve(self) -> PageMeta:
        if self._meta is None:
            assert self._make is not None
            self._meta, self._make = self._make(), None
        return self._meta

    def __getattr__(self, name: str) -> Any:
        return getattr(self.resolve(), name)


def describe(article: Any, site: SeoSite, config: SeoSettings, words: int, minutes: int) -> PageMeta:
    """One article's meta tags and JSON-LD, from its Pelican object and what the other plugins set on it."""
    base = config.site_url
    share = getattr(article, "share", None)
    hero = _hero(getattr(article, "hero", None), base, share)
    authors = tuple(
        Person(author.name, absolute(base, author.url) if has_page else "")
        for author, _profile, has_page in getattr(article, "byline", [])
    )
    tags = tuple(tag.name for tag in getattr(article, "tags", []))
    data = ArticleData(
        url=absolute(base, article.url),
        headline=article.title,
        description=article.summary,
        published=article.date,
        modified=modified(article),
        images=tuple(absolute(base, r.url) for r in share.schema) if share else (hero.url,) if hero else (),
        section=article.category.name,
        keywords=tags,
        authors=authors,
        language=config.language,
        word_count=words,
        minutes=minutes,
    )
    section_url = absolute(base, article.category.url)
    preview = article.status == "draft" or getattr(article, "scheduled", None) is not None
    return article_meta(site, data, section_url, hero, tags, draft=preview)

"""The thin shell: Pelican's articles in, template data, sitemaps and robots.txt out."""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from common.errors import SettingsError
from common.images import dimensions, mime_type
from engine import AROUND, DERIVED, OWN_PAGE, Hero, body_html, context_of
from pelican import signals

from . import settings as seo_settings
from .files import crawler_files
from .jsonld import ArticleData, Person, Publisher
from .news import NewsItem
from .pages import PageMeta, SeoSite, article_meta
from .reading import reading_minutes
from .sequence import Story, in_section_neighbours
from .sitemap import UrlEntry
from .social import SocialImage
from .urls import absolute, og_locale
from .wordcounts import WordCounts

log = logging.getLogger(__name__)


@dataclass
class SeoBuild:
    config: seo_settings.SeoSettings
    logo_size: tuple[int, int]
    word_counts: WordCounts | None = None
    files: Callable[[], list[tuple[str, bytes]]] | None = None  # the crawler files, made once pages are written


def _build(holder: Any) -> SeoBuild:
    return context_of(holder).slots["seo"]


# What this plugin sets on articles (see engine.contract)
SETS = {DERIVED: ("seo_meta",), OWN_PAGE: ("reading_minutes",), AROUND: ("previous_in_section", "next_in_section")}


def _logo_file(settings: dict[str, Any], path: str) -> str:
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


def initialized(pelican: Any) -> None:
    config = seo_settings.load(pelican.settings)
    with open(_logo_file(pelican.settings, config.publisher_logo), "rb") as handle:
        size = dimensions(handle.read(65536))
    if size is None:
        raise SettingsError(f"SEO_PUBLISHER_LOGO {config.publisher_logo!r} is not a readable PNG, JPEG, GIF or WebP.")
    ctx = context_of(pelican)
    ctx.contract.declare_all("seo", SETS)
    ctx.slots["seo"] = SeoBuild(config, size)
    ctx.refreshed.connect(article_refreshed)


def _modified(content: Any) -> datetime | None:
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


def _site(generator: Any, config: seo_settings.SeoSettings) -> SeoSite:
    base = config.site_url
    width, height = _build(generator).logo_size
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


def _describe(article: Any, site: SeoSite, config: seo_settings.SeoSettings, words: int, minutes: int) -> PageMeta:
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
        modified=_modified(article),
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


def article_generator_finalized(generator: Any) -> None:
    build = _build(generator)
    config = build.config
    site = _site(generator, config)
    generator.context["seo"] = site
    published = list(generator.articles)
    neighbours = in_section_neighbours(Story(a.url, a.category.slug, a.date, a.slug) for a in published)
    by_url = {a.url: a for a in published}
    for article in published:
        before, after = neighbours[article.url]
        article.previous_in_section = by_url[before] if before else None
        article.next_in_section = by_url[after] if after else None
    build.word_counts = WordCounts(config.cache_path)
    for article in [*published, *generator.drafts, *generator.hidden_articles]:
        _measure(article, build, site)


def _measure(article: Any, build: SeoBuild, site: SeoSite) -> None:
    # the body as converted: Pelican's ``content`` only rewrites link targets inside tags,
    # which leaves the words alone, and costs a pass over every body to produce
    config, words = build.config, build.word_counts.count(body_html(article))
    article.reading_minutes = reading_minutes(words, config.words_per_minute)
    article.seo_meta = LazyMeta(functools.partial(_describe, article, site, config, words, article.reading_minutes))


def article_refreshed(article: Any, generator: Any, changed: frozenset[str]) -> None:
    """The devserver read ``article``'s headline, standfirst and body again: its reading time and meta follow."""
    _measure(article, _build(generator), generator.context["seo"])


def _newest(items: Iterable[Any]) -> datetime | None:
    dates = [d for d in (_modified(i) for i in items) if d is not None]
    return max(dates) if dates else None


def _crawler_files(generators: list[Any], config: seo_settings.SeoSettings) -> list[tuple[str, bytes]]:
    """The sitemaps, news sitemap and robots.txt of the site the generators hold."""
    base = config.site_url
    entries: list[UrlEntry] = []
    articles: list[Any] = []
    for generator in generators:
        if hasattr(generator, "articles") and hasattr(generator, "categories"):
            articles.extend(generator.articles)
            groups = [*generator.categories, *generator.tags.items(), *generator.authors]
            entries.extend(UrlEntry(absolute(base, term.url), _newest(items)) for term, items in groups if term.save_as)
        for page in getattr(generator, "pages", []) or []:
            entries.append(UrlEntry(absolute(base, page.url), _modified(page)))
    entries.append(UrlEntry(absolute(base, ""), _newest(articles)))
    # pages other plugins write for readers (the feeds' subscribe page): (path in the site, lastmod or None)
    extra = generators[0].context.get("sitemap_pages", ()) if generators else ()
    entries.extend(UrlEntry(absolute(base, path), lastmod) for path, lastmod in extra)
    entries.extend(UrlEntry(absolute(base, a.url), _modified(a)) for a in articles)
    news = [NewsItem(absolute(base, a.url), a.title, a.date) for a in articles]
    return crawler_files(entries, news, config, context_of(generators[0]).now)


def all_generators_finalized(generators: list[Any]) -> None:
    # made at the end, once the pages are written, not before the first page: nothing
    # between changes the URLs and dates they list
    if generators:
        build = _build(generators[0])
        build.files = functools.partial(_crawler_files, list(generators), build.config)


def finalized(pelican: Any) -> None:
    output = os.path.abspath(pelican.output_path)
    build = _build(pelican)
    if build.word_counts is not None:
        build.word_counts.save()
    for name, data in build.files() if build.files is not None else []:
        with open(os.path.join(output, name), "wb") as handle:
            handle.write(data)


def connect() -> None:
    signals.initialized.connect(initialized)
    signals.article_generator_finalized.connect(article_generator_finalized)
    signals.all_generators_finalized.connect(all_generators_finalized)
    signals.finalized.connect(finalized)

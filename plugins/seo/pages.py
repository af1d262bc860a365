"""What each page's <head> says to search engines and social sites, as plain data (pure).

``SeoSite`` is put in the template context as ``seo``; templates call ``seo.page()``,
``seo.home()`` or ``seo.author()`` with the file being written, and article pages use the
``PageMeta`` that ``article_meta`` built for them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .jsonld import ArticleData, Person, Publisher, breadcrumbs, news_article, profile_page, website
from .social import ArticleFacts, SocialImage, Tag, social_tags
from .urls import absolute, page_path


@dataclass(frozen=True)
class PageMeta:
    canonical: str  # "" on pages that ask not to be indexed
    robots: str  # "" or "noindex"
    tags: tuple[Tag, ...]
    jsonld: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class SeoSite:
    base: str  # absolute site URL, no trailing slash
    site_name: str
    description: str
    language: str
    locale: str  # og:locale
    publisher: Publisher
    logo: SocialImage
    twitter_site: str
    search_url: str  # relative ("search/"), "" when search is off
    home_file: str  # the home page's output file
    noindex: tuple[str, ...]  # output files that ask not to be indexed
    profiles: Mapping[str, Person] = field(default_factory=dict)  # author slug -> Person (absolute URLs)

    def canonical(self, output_file: str) -> str:
        return absolute(self.base, page_path(output_file))

    def _meta(
        self, output_file: str, title: str, description: str, kind: str, image: SocialImage, jsonld: tuple[Any, ...]
    ) -> PageMeta:
        if output_file in self.noindex:
            return PageMeta("", "noindex", (), ())
        url = self.canonical(output_file)
        tags = social_tags(
            kind=kind, title=title, description=description, url=url, site_name=self.site_name,
            locale=self.locale, image=image, twitter_site=self.twitter_site,
        )  # fmt: skip
        return PageMeta(url, "", tags, jsonld)

    def page(self, output_file: str, title: str, description: str) -> PageMeta:
        """Any list or static page: canonical URL and cards with the site's logo."""
        return self._meta(output_file, title, description or self.description, "website", self.logo, ())

    def home(self, output_file: str, title: str, description: str) -> PageMeta:
        """The home page carries the WebSite object; its further pages are plain list pages."""
        if output_file != self.home_file:
            return self.page(output_file, title, description)
        search = absolute(self.base, self.search_url) if self.search_url else ""
        site = website(
            self.site_name, self.canonical(output_file), self.description, self.language, self.publisher, search
        )
        return self._meta(output_file, title, description or self.description, "website", self.logo, (site,))

    def author(self, output_file: str, slug: str, description: str) -> PageMeta:
        """An author page carries ProfilePage/Person (on its first page) and the author's portrait."""
        person = self.profiles.get(slug)
        if person is None:
            return self.page(output_file, self.site_name, description)
        raster = person.image and not person.image.lower().endswith(".svg")  # social sites show no SVG
        image = SocialImage(person.image, f"Portrait of {person.name}") if raster else self.logo
        first = self.canonical(output_file) == person.url
        data = (profile_page(person, self.publisher, self.language),) if first else ()
        return self._meta(output_file, person.name, description, "profile", image, data)


def article_meta(
    site: SeoSite,
    data: ArticleData,
    section_url: str,
    hero: SocialImage | None,
    tags: tuple[str, ...],
    draft: bool = False,
) -> PageMeta:
    """NewsArticle and BreadcrumbList, Open Graph article tags and a large Twitter card.

    ``data.url`` is the article's canonical URL; drafts and scheduled stories are previews and ask not to
    be indexed.
    """
    facts = ArticleFacts(
        published=data.published,
        modified=data.modified,
        section=data.section,
        tags=tags,
        author_urls=tuple(p.url for p in data.authors if p.url),
    )
    names = ", ".join(p.name for p in data.authors)
    extra = (("Written by", names), ("Reading time", f"{data.minutes} min read"))
    social = social_tags(
        kind="article", title=data.headline, description=data.description, url=data.url, site_name=site.site_name,
        locale=site.locale, image=hero or site.logo, twitter_site=site.twitter_site, large_image=hero is not None,
        article=facts, twitter_extra=extra,
    )  # fmt: skip
    trail = breadcrumbs(
        [(site.site_name, absolute(site.base, "")), (data.section, section_url), (data.headline, data.url)]
    )
    return PageMeta(data.url, "noindex" if draft else "", social, (news_article(data, site.publisher), trail))

"""schema.org structured data as plain dicts, ready for Jinja's ``tojson`` (pure).

Properties follow Google's article, breadcrumb and profile-page documentation: NewsArticle with
headline, image (absolute URLs), datePublished, dateModified, author (Person with name and url),
publisher (NewsMediaOrganization with logo) and mainEntityOfPage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

CONTEXT = "https://schema.org"


@dataclass(frozen=True)
class Person:
    name: str
    url: str = ""  # the author page; "" when the author has none (a draft-only byline)
    job_title: str = ""
    description: str = ""
    image: str = ""  # absolute URL of a portrait
    same_as: tuple[str, ...] = ()  # absolute http(s) URLs of the same person elsewhere


@dataclass(frozen=True)
class Publisher:
    name: str
    url: str  # the home page
    logo_url: str
    logo_width: int | None
    logo_height: int | None


@dataclass(frozen=True)
class ArticleData:
    url: str
    headline: str
    description: str
    published: datetime
    modified: datetime
    images: tuple[str, ...]  # absolute URLs
    section: str
    keywords: tuple[str, ...]
    authors: tuple[Person, ...]
    language: str
    word_count: int
    minutes: int


def person(p: Person) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Person", "name": p.name}
    optional = {"url": p.url, "jobTitle": p.job_title, "description": p.description, "image": p.image}
    data.update({k: v for k, v in optional.items() if v})
    if p.same_as:
        data["sameAs"] = list(p.same_as)
    return data


def organization(pub: Publisher) -> dict[str, Any]:
    logo: dict[str, Any] = {"@type": "ImageObject", "url": pub.logo_url}
    if pub.logo_width and pub.logo_height:
        logo.update(width=pub.logo_width, height=pub.logo_height)
    return {"@type": "NewsMediaOrganization", "name": pub.name, "url": pub.url, "logo": logo}


def news_article(a: ArticleData, pub: Publisher) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": a.url},
        "url": a.url,
        "headline": a.headline,
        "description": a.description,
        "datePublished": a.published.isoformat(),
        "dateModified": a.modified.isoformat(),
        "author": [person(p) for p in a.authors],
        "publisher": organization(pub),
        "articleSection": a.section,
        "inLanguage": a.language,
        "wordCount": a.word_count,
        "timeRequired": f"PT{a.minutes}M",
    }
    if a.images:
        data["image"] = list(a.images)
    if a.keywords:
        data["keywords"] = list(a.keywords)
    return data


def breadcrumbs(trail: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """``trail`` is (name, absolute URL) from the home page to the page itself."""
    items = [{"@type": "ListItem", "position": i, "name": name, "item": url} for i, (name, url) in enumerate(trail, 1)]
    return {"@context": CONTEXT, "@type": "BreadcrumbList", "itemListElement": items}


def website(name: str, url: str, description: str, language: str, pub: Publisher, search: str = "") -> dict[str, Any]:
    """``search`` is the search page's absolute URL, or "" when the site has none."""
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": name,
        "url": url,
        "description": description,
        "inLanguage": language,
        "publisher": organization(pub),
    }
    if search:
        data["potentialAction"] = {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        }
    return data


def profile_page(p: Person, pub: Publisher, language: str) -> dict[str, Any]:
    main = person(p)
    main["worksFor"] = {"@type": "NewsMediaOrganization", "name": pub.name, "url": pub.url}
    return {"@context": CONTEXT, "@type": "ProfilePage", "url": p.url, "inLanguage": language, "mainEntity": main}

"""The thin shell: connects Pelican's signals to the pure newsroom functions."""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import Any

from common.dates import format_date
from common.errors import ContentErrors
from common.images import mime_type
from engine import AROUND, DERIVED, LISTED, OWN_PAGE, BuildContext, Hero, body_html, context_of, intrasite_pattern
from pelican import signals

from . import sitepaths, urls
from .attachments import Story, author_photos, shared_attachments
from .checks import missing_pages, url_collisions
from .fields import ARTICLE_FIELDS, PAGE_FIELDS
from .listings import latest_in_section, newest_first
from .located import located
from .reader import (
    NewsroomReader,
    early_link_problems,
    source_body,
)
from .schedule import due_line, next_due
from .site import build_site_data
from .startup import prepare
from .state import NewsroomBuild, build_of
from .teaser import Teaser

# The code a file's reading comes from: a change to any of it checks every file again.
SETS = {
    LISTED: (
        *(name.lower() for name in {*ARTICLE_FIELDS, *PAGE_FIELDS} if name not in ("Related", "Correction")),
        "related_pins", "scheduled", "summary_derived", "hero", "byline",
    ),
    OWN_PAGE: ("correction", "topics"),
    AROUND: ("related", "related_heading"),  # "More from <section>" until the related plugin ranks
    DERIVED: ("card_html",),
}  # fmt: skip


def initialized(pelican: Any) -> None:
    ctx = context_of(pelican)
    ctx.contract.declare_all("newsroom", SETS)
    ctx.refreshed.connect(article_refreshed)
    prepare(pelican.settings)  # see startup.py


def generator_init(generator: Any) -> None:
    generator.env.filters["newsdate"] = format_date


def readers_init(readers: Any) -> None:
    for extension in NewsroomReader.file_extensions:
        readers.reader_classes[extension] = NewsroomReader


def _hero(article: Any, nr: NewsroomBuild) -> Hero | None:
    path = getattr(article, "image", None)
    if not path:
        return None
    size, length = nr.hero_sizes.size(nr.content_path, path)
    caption = getattr(article, "image_caption", "")
    return Hero(
        path=path,
        type=mime_type(path),
        length=length,
        width=size[0] if size else None,
        height=size[1] if size else None,
        alt=getattr(article, "image_alt", "") or caption or article.title,
        caption=caption,
        credit=getattr(article, "image_credit", ""),
    )


def article_generator_finalized(generator: Any) -> None:
    ctx, nr = build_of(generator)
    with ctx.timed("newsroom"):
        _finalize_articles(generator, nr)


def _finalize_articles(generator: Any, nr: NewsroomBuild) -> None:
    config = nr.settings
    ordered = newest_first(generator.articles, lambda a: a.date, lambda a: a.slug)
    fallback = latest_in_section(ordered, lambda a: a.category.name, config.related_count)
    bylines: dict[str, str] = {}
    for article in [*ordered, *generator.drafts, *generator.hidden_articles]:
        # Pelican formats url and save_as from the settings on every access; templates ask
        # thousands of times. Fix them once (Pelican honours override_* attributes).
        article.override_url, article.override_save_as = article.url, article.save_as
        article.hero = _hero(article, nr)
        if not hasattr(article, "related"):
            article.related = fallback.get(id(article), [])
            article.related_heading = f"More from {article.category.name}"
        for author in getattr(article, "authors", []):
            bylines.setdefault(author.slug, author.name)
    settings = generator.settings
    generator.context["newsroom"] = build_site_data(
        ordered,
        sorted((name, slug) for slug, name in bylines.items()),
        nr.registry,
        config,
        settings["CATEGORY_URL"],
        settings["MONTH_ARCHIVE_URL"],
    )
    profiles = generator.context["newsroom"].authors
    listed_tags = {tag.slug for tag in generator.tags}
    listed_authors = {author.slug for article in ordered for author in article.authors}
    for article in [*ordered, *generator.drafts, *generator.hidden_articles]:
        # Drafts are previews: a tag or author that only they use has no page to link to yet.
        article.byline = [(a, profiles[a.slug], a.slug in listed_authors) for a in article.authors]
        article.topics = [(tag, tag.slug in listed_tags) for tag in getattr(article, "tags", [])]
    # A story's teaser looks the same in every list it appears in (home, sections, tags, authors):
    # render it once, when the first list page that shows it is rendered, instead of once per list.
    card = generator.env.get_template("partials/card.html")
    for article in ordered:
        article.card_html = _teaser(card, generator, article)


def _teaser(card: Any, generator: Any, article: Any) -> Teaser:
    return Teaser(functools.partial(card.render, SITEURL=generator.settings.get("SITEURL", ""), item=article, size=""))


def article_refreshed(article: Any, generator: Any, changed: frozenset[str]) -> None:
    """The devserver read ``article``'s headline, standfirst and body again: its hero (whose alt text
    may be the headline) and its teaser follow."""
    article.hero = _hero(article, build_of(generator)[1])
    article.card_html = _teaser(generator.env.get_template("partials/card.html"), generator, article)


def all_generators_finalized(generators: list[Any]) -> None:
    if not generators:
        return
    settings = generators[-1].settings
    ctx, nr = build_of(settings)
    ctx.problems.extend(early_link_problems(nr))
    claims = [sitepaths.claim(settings, "article", "published", *withheld) for withheld in nr.withheld]
    if generators:
        written = urls.written_articles(generators)
        ctx.problems.extend(urls.name_problems(written, settings, nr.registry, nr.settings.authors_file))
        _refuse_shared_attachments(generators, settings, ctx, nr)
    claims.extend(urls.claims(generators))
    ctx.settling = functools.partial(_settle, ctx, nr, claims, *urls.site_paths(settings))
    if not ctx.pending:
        ctx.settle()
    # Otherwise work still runs beside the build (the related stories, ranked in a worker). The
    # writer settles before its first page, once it has made the site fingerprint, which that
    # work does not change (it sets what only an article's own page shows): the two overlap.


def _refuse_shared_attachments(
    generators: list[Any], settings: dict[str, Any], ctx: BuildContext, nr: NewsroomBuild
) -> None:
    """``{attach}`` moves a file: refused on one that other stories, heroes or author photos use."""
    stories = [
        Story(content.get_relative_source_path(), body_html(content), getattr(content, "image", None))
        for generator in generators
        for attr in urls.CONTENT_LISTS
        for content in getattr(generator, attr, []) or []
    ]
    pattern = intrasite_pattern(settings["INTRASITE_LINK_REGEX"])
    body_of = functools.partial(source_body, nr.content_path)
    ctx.problems.extend(shared_attachments(stories, author_photos(nr.registry), pattern, body_of))


def _settle(
    ctx: BuildContext,
    nr: NewsroomBuild,
    claims: list[sitepaths.Claim],
    reserved: dict[str, str],
    folders: dict[str, str],
) -> None:
    while ctx.pending:
        ctx.pending.pop(0)()
    ctx.problems.extend(url_collisions(claims, reserved, folders))
    for problem in located((p for p in ctx.problems if p.severity == "warning"), nr.content_path):
        print(problem.format(), file=sys.stderr)  # the same lines make check prints, which editors link
    if ctx.errors():
        raise ContentErrors(located(ctx.errors(), nr.content_path))


def article_writer_finalized(generator: Any, writer: Any) -> None:
    _, nr = build_of(generator)
    nr.written = {a.get_relative_source_path(): a.save_as for a in generator.articles}


def finalized(pelican: Any) -> None:
    ctx, nr = build_of(pelican)
    ctx.settle()  # when no page was written
    output = os.path.abspath(pelican.output_path)
    kept = set(ctx.reuse.kept) if ctx.reuse is not None else set()  # left in the live site, unchanged
    exists = [t for t in nr.written.values() if t in kept or os.path.isfile(os.path.join(output, t))]
    problems = missing_pages(nr.published, nr.written, exists)
    if problems:
        raise ContentErrors(located(problems, nr.content_path))
    nr.body_store.save(nr.bodies, nr.used_bodies)
    nr.reading_store.save(nr.used_readings)
    nr.hero_sizes.save()
    story = next_due(nr.scheduled)
    if story is not None and nr.settings is not None:  # printed once the build has succeeded
        source = Path(nr.content_path) / story.path
        shown = os.path.relpath(source) if source.is_relative_to(Path.cwd()) else str(source)
        ctx.notes.append(due_line(story, shown, nr.settings.zone, len(nr.scheduled)))


def connect() -> None:
    signals.initialized.connect(initialized)
    signals.readers_init.connect(readers_init)
    signals.generator_init.connect(generator_init)
    signals.article_generator_finalized.connect(article_generator_finalized)
    signals.all_generators_finalized.connect(all_generators_finalized)
    signals.article_writer_finalized.connect(article_writer_finalized)
    signals.finalized.connect(finalized)

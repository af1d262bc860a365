"""The thin shell: connects Pelican's signals to the pure newsroom functions."""

from __future__ import annotations

import functools
import os
import sys
import tomllib
from pathlib import Path
from typing import Any

from common.dates import format_date
from common.errors import ContentErrors, Problem, SettingsError
from common.files import read_bytes
from common.images import mime_type
from engine import AROUND, DERIVED, LISTED, OWN_PAGE, BuildContext, Hero, body_html, context_of, intrasite_pattern
from pelican import signals

from . import readings, sitepaths, urls
from . import settings as newsroom_settings
from .attachments import Story, author_photos, shared_attachments
from .authors import parse_registry
from .bodies import BodyStore, body_key, convert_all, fingerprint
from .checks import missing_pages, url_collisions
from .copying import StaticRules
from .fields import ARTICLE_FIELDS, PAGE_FIELDS
from .frontmatter import split_front_matter
from .heroes import HeroSizes
from .limits import body_problems
from .listings import latest_in_section, newest_first
from .located import located
from .reader import (
    NewsroomReader,
    article_or_page,
    decode,
    early_link_problems,
    markdown_config,
    page_dirs,
    site_slugify,
    source_body,
)
from .schedule import due_line, next_due
from .site import build_site_data
from .state import NewsroomBuild, build_of
from .teaser import Teaser
from .vetting import Vetting
from .walk import MARKDOWN_SUFFIXES, scan_files

# The code a file's reading comes from: a change to any of it checks every file again.
CHECKING_MODULES = "reader readings fields frontmatter links names copying heroimage invisible limits placeholders"
COMMON = Path(__file__).parent.parent / "common"
CHECKING_CODE = (
    *(Path(__file__).with_name(f"{name}.py") for name in CHECKING_MODULES.split()),
    COMMON / "dates.py",
    COMMON / "errors.py",
)


# What the content model sets on articles and pages (see engine.contract): the front-matter fields,
# and what it works out from them.
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
    context_of(pelican).contract.declare_all("newsroom", SETS)
    prepare(pelican.settings)


def prepare(settings: dict[str, Any]) -> None:
    """Validate the settings and load what every reader needs: images, author registry."""
    ctx, nr = build_of(settings)
    nr.__init__()  # a build context serves one build; ``make check`` prepares once per run
    nr.settings = newsroom_settings.load(settings)
    ctx.now = nr.settings.now
    if not settings.get("JINJA_ENVIRONMENT", {}).get("autoescape"):
        raise SettingsError("JINJA_ENVIRONMENT must set 'autoescape': True so reader-visible text is escaped.")
    if settings.get("WITH_FUTURE_DATES") is False:  # Pelican would turn stories into drafts by the wall clock
        raise SettingsError(
            'WITH_FUTURE_DATES must stay True: newsroom holds stories dated after the build\'s "now" itself '
            "(NEWSROOM_NOW, newsdesk build --now)."
        )
    nr.content_path = os.path.abspath(settings["PATH"])
    nr.images = scan_files(nr.content_path, ctx.problems)
    registry_path = os.path.join(nr.content_path, nr.settings.authors_file)
    if os.path.exists(registry_path):
        _load_registry(registry_path, settings, ctx, nr)
    cache = settings.get("CACHE_PATH") if nr.settings.body_cache else None
    vetted = os.path.join(cache, "newsroom-statics.sqlite3") if cache else None
    ctx.statics = Vetting(nr.content_path, vetted, nr.images)  # which content files are published, and how
    with ctx.timed("bodies"):
        _prepare_bodies(settings, nr)


def _prepare_bodies(settings: dict[str, Any], nr: NewsroomBuild) -> None:
    """Load checked front-matter and converted bodies from the cache; convert the missing
    bodies on every core."""
    config = markdown_config(settings)
    hosts = nr.settings.embed_hosts
    nr.body_fingerprint = fingerprint(config, hosts)
    rules = (settings.get("SLUG_REGEX_SUBSTITUTIONS"), StaticRules.from_settings(settings))
    nr.reading_fingerprint = readings.fingerprint(
        nr.settings.zone.key,
        nr.settings.section_lookup(),
        rules,
        CHECKING_CODE,
        settings["INTRASITE_LINK_REGEX"],
    )
    if nr.settings.body_cache and settings.get("CACHE_PATH"):
        nr.body_store = BodyStore(os.path.join(settings["CACHE_PATH"], "newsroom-bodies.sqlite3"))
        nr.reading_store = readings.ReadingStore(os.path.join(settings["CACHE_PATH"], "newsroom-readings.sqlite3"))
        nr.hero_sizes = HeroSizes(os.path.join(settings["CACHE_PATH"], "newsroom-hero-sizes.sqlite3"))
    nr.bodies = nr.body_store.load()
    pages = page_dirs(settings)
    for rel in sorted(p for p in nr.images if p.endswith(MARKDOWN_SUFFIXES)):
        try:
            raw = read_bytes(os.path.join(nr.content_path, rel))
        except OSError:
            continue  # the reader reports it
        key = readings.reading_key(nr.reading_fingerprint, rel, article_or_page(rel, pages), raw)
        nr.sources[rel] = (key, raw)
    nr.readings = nr.reading_store.load(key for key, _ in nr.sources.values())
    missing: dict[str, str] = {}
    for rel, (key, raw) in nr.sources.items():
        known = nr.readings.get(key)
        if known is not None and known.body_key in nr.bodies:
            continue
        text, problem = decode(raw, "")
        if problem:
            continue  # the reader reports it
        split = split_front_matter(text)
        body = split.body
        if body_problems(rel, body, split.body_line):
            continue  # too big to convert: the reader reports it
        body_id = body_key(body, nr.body_fingerprint)
        if body_id not in nr.bodies:
            missing[body_id] = body
    nr.bodies.update(convert_all(sorted(missing.items()), config, hosts, os.cpu_count() or 1))


def _load_registry(path: str, settings: dict[str, Any], ctx: BuildContext, nr: NewsroomBuild) -> None:
    rel = os.path.relpath(path, nr.content_path)
    try:
        text = read_bytes(path).decode("utf-8")
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        ctx.problems.append(Problem(rel, None, None, f"is not valid TOML: {exc}.", "fix the line it names."))
        return
    statics = StaticRules.from_settings(settings)
    nr.registry, problems = parse_registry(
        data, rel, lambda name: site_slugify(settings, name), nr.images.__contains__, statics, text
    )
    ctx.problems.extend(problems)


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
    siteurl = generator.settings.get("SITEURL", "")
    for article in ordered:
        article.card_html = Teaser(functools.partial(card.render, SITEURL=siteurl, item=article, size=""))


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

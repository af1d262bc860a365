"""The thin shell: connects Pelican's signals to the pure newsroom functions."""

from __future__ import annotations

import functools
import os
import sys
import tomllib
from pathlib import Path
from typing import Any

from pelican import signals

from . import readings, sitepaths, urls
from . import settings as newsroom_settings
from .attachments import Story, author_photos, shared_attachments
from .authors import parse_registry
from .bodies import BodyStore, body_key, convert_all, fingerprint
from .checks import missing_pages, url_collisions
from .copying import StaticRules
from .dates import format_date
from .errors import ContentErrors, Problem, SettingsError
from .frontmatter import split_front_matter
from .heroes import HeroSizes
from .images import mime_type
from .limits import body_problems
from .links import intrasite_pattern
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
from .readfile import read_bytes
from .site import build_site_data
from .state import STATE, timed
from .teaser import Teaser
from .writer import ReusingWriter

SKIP_DIRS = {".git", "__pycache__"}
MARKDOWN_SUFFIXES = tuple(f".{ext}" for ext in NewsroomReader.file_extensions)
# The code a file's reading comes from: a change to any of it checks every file again.
CHECKING_MODULES = (
    "reader readings fields frontmatter dates links errors names copying heroimage invisible limits placeholders"
)
CHECKING_CODE = tuple(Path(__file__).with_name(f"{name}.py") for name in CHECKING_MODULES.split())


def _scan_files(root: str) -> frozenset[str]:
    """Every file under the content folder; symbolic links are refused, never followed.

    ``os.scandir`` says what each entry is from the directory listing itself: 20,000 files
    took 20,000 ``lstat`` calls when each was asked about on its own.
    """
    found = []
    pending = [("", root)]
    while pending:
        prefix, folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            if prefix:  # a folder the build cannot read would silently drop its stories
                fix = "make the folder readable, or move its files out."
                STATE.problems.append(Problem(prefix.rstrip("/"), None, None, f"could not be read: {exc}.", fix))
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False) and entry.name in SKIP_DIRS:
                continue
            if entry.is_symlink():
                message = "is a symbolic link; links could publish files from outside content/."
                STATE.problems.append(Problem(prefix + entry.name, None, None, message, "copy the file in instead."))
            elif entry.is_dir(follow_symlinks=False):
                pending.append((f"{prefix}{entry.name}/", entry.path))
            else:
                found.append(prefix + entry.name)
    return frozenset(found)


def initialized(pelican: Any) -> None:
    prepare(pelican.settings)


def prepare(settings: dict[str, Any]) -> None:
    """Validate the settings and load what every reader needs: images, author registry."""
    STATE.__init__()
    STATE.mark("start")
    STATE.settings = newsroom_settings.load(settings)
    if not settings.get("JINJA_ENVIRONMENT", {}).get("autoescape"):
        raise SettingsError("JINJA_ENVIRONMENT must set 'autoescape': True so reader-visible text is escaped.")
    if settings.get("WITH_FUTURE_DATES") is False:  # Pelican would turn stories into drafts by the wall clock
        raise SettingsError(
            'WITH_FUTURE_DATES must stay True: newsroom holds stories dated after the build\'s "now" itself '
            "(NEWSROOM_NOW, newsdesk build --now)."
        )
    STATE.content_path = os.path.abspath(settings["PATH"])
    STATE.images = _scan_files(STATE.content_path)
    registry_path = os.path.join(STATE.content_path, STATE.settings.authors_file)
    if os.path.exists(registry_path):
        _load_registry(registry_path, settings)
    with timed("bodies"):
        _prepare_bodies(settings)


def article_generator_pretaxonomy(generator: Any) -> None:
    STATE.mark("read")


def _prepare_bodies(settings: dict[str, Any]) -> None:
    """Load checked front-matter and converted bodies from the cache; convert the missing
    bodies on every core."""
    config = markdown_config(settings)
    hosts = STATE.settings.embed_hosts
    STATE.body_fingerprint = fingerprint(config, hosts)
    rules = (settings.get("SLUG_REGEX_SUBSTITUTIONS"), StaticRules.from_settings(settings))
    STATE.reading_fingerprint = readings.fingerprint(
        STATE.settings.zone.key,
        STATE.settings.section_lookup(),
        rules,
        CHECKING_CODE,
        settings["INTRASITE_LINK_REGEX"],
    )
    if STATE.settings.body_cache and settings.get("CACHE_PATH"):
        STATE.body_store = BodyStore(os.path.join(settings["CACHE_PATH"], "newsroom-bodies.sqlite3"))
        STATE.reading_store = readings.ReadingStore(os.path.join(settings["CACHE_PATH"], "newsroom-readings.sqlite3"))
        STATE.hero_sizes = HeroSizes(os.path.join(settings["CACHE_PATH"], "newsroom-hero-sizes.sqlite3"))
    STATE.bodies = STATE.body_store.load()
    pages = page_dirs(settings)
    for rel in sorted(p for p in STATE.images if p.endswith(MARKDOWN_SUFFIXES)):
        try:
            raw = read_bytes(os.path.join(STATE.content_path, rel))
        except OSError:
            continue  # the reader reports it
        key = readings.reading_key(STATE.reading_fingerprint, rel, article_or_page(rel, pages), raw)
        STATE.sources[rel] = (key, raw)
    STATE.readings = STATE.reading_store.load(key for key, _ in STATE.sources.values())
    missing: dict[str, str] = {}
    for rel, (key, raw) in STATE.sources.items():
        known = STATE.readings.get(key)
        if known is not None and known.body_key in STATE.bodies:
            continue
        text, problem = decode(raw, "")
        if problem:
            continue  # the reader reports it
        split = split_front_matter(text)
        body = split.body
        if body_problems(rel, body, split.body_line):
            continue  # too big to convert: the reader reports it
        body_id = body_key(body, STATE.body_fingerprint)
        if body_id not in STATE.bodies:
            missing[body_id] = body
    STATE.bodies.update(convert_all(sorted(missing.items()), config, hosts, os.cpu_count() or 1))


def _load_registry(path: str, settings: dict[str, Any]) -> None:
    rel = os.path.relpath(path, STATE.content_path)
    try:
        text = read_bytes(path).decode("utf-8")
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        STATE.problems.append(Problem(rel, None, None, f"is not valid TOML: {exc}.", "fix the line it names."))
        return
    statics = StaticRules.from_settings(settings)
    STATE.registry, problems = parse_registry(
        data, rel, lambda name: site_slugify(settings, name), STATE.images.__contains__, statics, text
    )
    STATE.problems.extend(problems)


def generator_init(generator: Any) -> None:
    generator.env.filters["newsdate"] = format_date


def get_writer(pelican: Any) -> type:
    return ReusingWriter


def readers_init(readers: Any) -> None:
    for extension in NewsroomReader.file_extensions:
        readers.reader_classes[extension] = NewsroomReader


def _hero(article: Any) -> dict[str, Any] | None:
    path = getattr(article, "image", None)
    if not path:
        return None
    size, length = STATE.hero_sizes.size(STATE.content_path, path)
    caption = getattr(article, "image_caption", "")
    return {
        "path": path,
        "type": mime_type(path),
        "length": length,
        "width": size[0] if size else None,
        "height": size[1] if size else None,
        "alt": getattr(article, "image_alt", "") or caption or article.title,
        "caption": caption,
        "credit": getattr(article, "image_credit", ""),
    }


def article_generator_finalized(generator: Any) -> None:
    with timed("newsroom"):
        _finalize_articles(generator)


def _finalize_articles(generator: Any) -> None:
    config = STATE.settings
    ordered = newest_first(generator.articles, lambda a: a.date, lambda a: a.slug)
    fallback = latest_in_section(ordered, lambda a: a.category.name, config.related_count)
    bylines: dict[str, str] = {}
    for article in [*ordered, *generator.drafts, *generator.hidden_articles]:
        # Pelican formats url and save_as from the settings on every access; templates ask
        # thousands of times. Fix them once (Pelican honours override_* attributes).
        article.override_url, article.override_save_as = article.url, article.save_as
        article.hero = _hero(article)
        if not hasattr(article, "related"):
            article.related = fallback.get(id(article), [])
            article.related_heading = f"More from {article.category.name}"
        for author in getattr(article, "authors", []):
            bylines.setdefault(author.slug, author.name)
    settings = generator.settings
    generator.context["newsroom"] = build_site_data(
        ordered,
        sorted((name, slug) for slug, name in bylines.items()),
        STATE.registry,
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
    STATE.problems.extend(early_link_problems())
    settings = generators[-1].settings if generators else {}
    claims = [sitepaths.claim(settings, "article", "published", *withheld) for withheld in STATE.withheld]
    if generators:
        written = urls.written_articles(generators)
        STATE.problems.extend(urls.name_problems(written, settings, STATE.registry, STATE.settings.authors_file))
        _refuse_shared_attachments(generators, settings)
    claims.extend(urls.claims(generators))
    STATE.settling = functools.partial(_settle, claims, *urls.site_paths(settings))
    if not STATE.pending:
        STATE.settle()
    # Otherwise work still runs beside the build (the related stories, ranked in a worker). The
    # writer settles before its first page, once it has made the site fingerprint, which that
    # work does not change (it sets what only an article's own page shows): the two overlap.


def _refuse_shared_attachments(generators: list[Any], settings: dict[str, Any]) -> None:
    """``{attach}`` moves a file: refused on one that other stories, heroes or author photos use."""
    stories = [
        Story(content.get_relative_source_path(), content._content or "", getattr(content, "image", None))
        for generator in generators
        for attr in urls.CONTENT_LISTS
        for content in getattr(generator, attr, []) or []
    ]
    pattern = intrasite_pattern(settings["INTRASITE_LINK_REGEX"])
    body_of = functools.partial(source_body, STATE.content_path)
    STATE.problems.extend(shared_attachments(stories, author_photos(STATE.registry), pattern, body_of))


def _settle(claims: list[sitepaths.Claim], reserved: dict[str, str], folders: dict[str, str]) -> None:
    while STATE.pending:
        STATE.pending.pop(0)()
    STATE.mark("context")
    STATE.problems.extend(url_collisions(claims, reserved, folders))
    for problem in located((p for p in STATE.problems if p.severity == "warning"), STATE.content_path):
        print(problem.format(), file=sys.stderr)  # the same lines make check prints, which editors link
    if STATE.errors():
        raise ContentErrors(located(STATE.errors(), STATE.content_path))


def article_writer_finalized(generator: Any, writer: Any) -> None:
    STATE.written = {a.get_relative_source_path(): a.save_as for a in generator.articles}


def finalized(pelican: Any) -> None:
    STATE.settle()  # when no page was written
    STATE.mark("written")
    output = os.path.abspath(pelican.output_path)
    kept = set(STATE.reuse.kept) if STATE.reuse is not None else set()  # left in the live site, unchanged
    exists = [t for t in STATE.written.values() if t in kept or os.path.isfile(os.path.join(output, t))]
    problems = missing_pages(STATE.published, STATE.written, exists)
    if problems:
        raise ContentErrors(located(problems, STATE.content_path))
    STATE.body_store.save(STATE.bodies, STATE.used_bodies)
    STATE.reading_store.save(STATE.used_readings)
    STATE.hero_sizes.save()


def connect() -> None:
    signals.initialized.connect(initialized)
    signals.readers_init.connect(readers_init)
    signals.article_generator_pretaxonomy.connect(article_generator_pretaxonomy)
    signals.get_writer.connect(get_writer)
    signals.generator_init.connect(generator_init)
    signals.article_generator_finalized.connect(article_generator_finalized)
    signals.all_generators_finalized.connect(all_generators_finalized)
    signals.article_writer_finalized.connect(article_writer_finalized)
    signals.finalized.connect(finalized)

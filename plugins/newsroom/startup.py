"""What the content model loads before Pelican reads a file: the settings, the content folder's files,
the author and tag registries, the static-file policy, and every body converted (from the cache, or on every core).

``plugin.initialized`` runs it for a build; ``make check`` and ``make related-report`` run it before
reading the sources with the same reader, without Pelican.
"""

from __future__ import annotations

import functools
import os
import tomllib
from pathlib import Path
from typing import Any

from common.errors import Problem, SettingsError
from common.files import read_bytes
from engine import BuildContext
from pelican.contents import Tag

from . import readings
from . import settings as newsroom_settings
from .authors import parse_registry
from .bodies import BodyStore, body_key, convert_all, fingerprint
from .copying import StaticRules
from .frontmatter import split_front_matter
from .heroes import HeroSizes
from .limits import body_problems
from .reader import article_or_page, decode, markdown_config, page_dirs, site_slugify
from .state import NewsroomBuild, build_of
from .tagnames import parse_tag_registry
from .vetting import Vetting
from .walk import MARKDOWN_SUFFIXES, scan_files

# The code a file's reading comes from: a change to any of it checks every file again.
CHECKING_MODULES = (
    "reader readings fields values frontmatter links names copying heroimage invisible limits placeholders"
)
COMMON = Path(__file__).parent.parent / "common"
CHECKING_CODE = (
    *(Path(__file__).with_name(f"{name}.py") for name in CHECKING_MODULES.split()),
    COMMON / "dates.py",
    COMMON / "errors.py",
)


# What the content model sets on articles and pages (see engine.contract): the front-matter fields,
# and what it works out from them.


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
    authors = _read_toml(os.path.join(nr.content_path, nr.settings.authors_file), ctx, nr)
    if authors is not None:
        rel, text, data = authors
        slugify = functools.partial(site_slugify, settings)
        nr.registry, problems = parse_registry(
            data, rel, slugify, nr.images.__contains__, StaticRules.from_settings(settings), text
        )
        ctx.problems.extend(problems)
    tags = _read_toml(os.path.join(nr.content_path, nr.settings.tags_file), ctx, nr)
    if tags is not None:
        nr.tag_names, problems = parse_tag_registry(tags[2], tags[0], lambda name: Tag(name, settings).slug)
        ctx.problems.extend(problems)
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


def _read_toml(path: str, ctx: BuildContext, nr: NewsroomBuild) -> tuple[str, str, dict[str, Any]] | None:
    """A registry's path (relative to the content folder), text and data; None when there is no
    such file, or when it cannot be read (the problem goes to the build)."""
    if not os.path.exists(path):
        return None
    rel = os.path.relpath(path, nr.content_path)
    try:
        text = read_bytes(path).decode("utf-8")
        return rel, text, tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        ctx.problems.append(Problem(rel, None, None, f"is not valid TOML: {exc}.", "fix the line it names."))
        return None

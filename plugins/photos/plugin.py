"""The photos plugin's shell: Pelican's signals, the build context, the cache and the output folder.

After the content model has set each story's ``hero``, every raster hero is checked, planned
(``plan``, or the plan kept from an earlier build: ``planner``) and its missing files made on every
core (``work``); the story gets its ``photo`` record. The files are put into the site with the
stories, each reused from the live site while unchanged, else hard-linked from the cache; the
original photo is never published (its metadata would leak).
"""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass, field
from typing import Any

from common.errors import Problem
from engine import LISTED, OWN_PAGE, BuildContext, Picture, context_of
from pelican import signals

from . import kinds, published
from . import settings as photo_settings
from .memo import Plans
from .planner import Planner
from .render import EXPORT, BadPhoto
from .store import Made, Sources, usable_folder
from .work import make_all

RASTER = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp", "image/avif"})
log = logging.getLogger(__name__)


@dataclass
class PhotosBuild:
    config: photo_settings.PhotoSettings
    content: str
    site_image: str  # the square image's source: a file of the theme
    planner: Planner
    originals: set[str] = field(default_factory=set)  # raster heroes: never published as they are
    pictures: dict[str, Picture] = field(default_factory=dict)  # body photos by content-relative path
    bodies: list[Any] = field(default_factory=list)  # the stories whose bodies may show them
    keys: dict[str, None] = field(default_factory=dict)  # the plans whose files the site shows, in order
    made_now: int = 0  # files made by this build (stories' and pages' photos)
    sources_now: int = 0


def _build(holder: Any) -> tuple[BuildContext, PhotosBuild]:
    ctx = context_of(holder)
    return ctx, ctx.slots["photos"]


def initialized(pelican: Any) -> None:
    ctx, settings = context_of(pelican), pelican.settings
    cache = settings.get("CACHE_PATH") or os.path.join(tempfile.gettempdir(), "newsdesk-cache")
    config = photo_settings.load(settings)
    made = Made(usable_folder(os.path.join(cache, "photos")))
    sources = Sources(os.path.join(cache, "photos-sources.sqlite3"))
    plans = Plans(os.path.join(cache, "photos-sources.sqlite3"))
    ctx.slots["photos"] = PhotosBuild(
        config=config,
        content=settings["PATH"],
        site_image=os.path.join(settings["THEME"], "static", config.site_image),
        planner=Planner(sources, plans, made, repr(config), kinds.CODE, config.max_pixels),
    )
    ctx.contract.declare("photos", LISTED, ["photo"])
    ctx.contract.declare("photos", OWN_PAGE, ["share"])


def article_generator_finalized(generator: Any) -> None:
    ctx, pb = _build(generator)
    with ctx.timed("photos"):
        _make_photos(generator, ctx, pb)


def _make_photos(generator: Any, ctx: BuildContext, pb: PhotosBuild) -> None:
    articles = [*generator.articles, *generator.drafts, *generator.hidden_articles]
    keys: dict[str, str | None] = {}  # hero path -> plan key
    planner = pb.planner
    for article in articles:
        hero = getattr(article, "hero", None)
        if hero is None or hero.path in keys or hero.type not in (*RASTER, "image/svg+xml"):
            continue
        raster = hero.type in RASTER
        if raster:
            pb.originals.add(hero.path)
        try:
            keys[hero.path] = kinds.hero(pb.planner, pb.config, pb.content, hero.path, raster)
        except (BadPhoto, OSError) as exc:
            keys[hero.path] = None
            fix = getattr(exc, "fix", "check that the file can be read.")
            ctx.problems.append(Problem(article.relative_source_path, None, "Image", f"{hero.path} {exc}", fix))
    site = _site_image(pb, ctx)
    in_bodies = _plan_bodies(pb, ctx, articles)
    failed = _make(pb)
    for article in articles:
        hero = getattr(article, "hero", None)
        key = keys.get(hero.path) if hero is not None else None
        failure = failed.get(os.path.join(pb.content, hero.path)) if key is not None else None
        if failure:
            ctx.problems.append(
                Problem(article.relative_source_path, None, "Image", f"{hero.path} {failure[0]}", failure[1])
            )
        shown = planner.shown.get(key) if key is not None and not failure else None
        article.photo, article.share = (shown["photo"], shown["share"]) if shown else (None, None)
    pb.keys.update((key, None) for key in [*keys.values(), site] if key in planner.shown)
    _show_bodies(pb, ctx, articles, in_bodies, failed)
    if site is not None and site in planner.shown:
        generator.context["site_image"] = planner.shown[site]["site"]


def page_generator_finalized(generator: Any) -> None:
    """The photos the pages' bodies show become ``<picture>``s too, made like the stories' body photos."""
    ctx, pb = _build(generator)
    with ctx.timed("photos"):
        pages = [*generator.pages, *generator.hidden_pages, *generator.draft_pages]
        in_bodies = _plan_bodies(pb, ctx, pages)
        _show_bodies(pb, ctx, pages, in_bodies, _make(pb))


def _plan_bodies(pb: PhotosBuild, ctx: BuildContext, items: list[Any]) -> dict[str, str]:
    """The plan key of each raster photo the bodies of ``items`` show, by content-relative path."""
    in_bodies, problems = published.plan_bodies(
        items,
        lambda rel: pb.planner.source(pb.content, rel),
        lambda rel, *_: kinds.body(pb.planner, pb.config, pb.content, rel),
    )
    ctx.problems.extend(problems)
    return in_bodies


def _make(pb: PhotosBuild) -> dict[str, tuple[str, str]]:
    """Make every planned file of the stories' and pages' photos still missing, counted for the build's note;
    the failures by source path."""
    failed, made, sources = _make_missing(pb.planner)
    pb.made_now, pb.sources_now = pb.made_now + made, pb.sources_now + sources
    return failed


def _make_missing(planner: Planner) -> tuple[dict[str, tuple[str, str]], int, int]:
    """Make every planned file still missing, on every core: (the failures by source path, files made, sources)."""
    tasks = planner.tasks()
    failures, made = make_all(tasks, planner.made.folder, progress=planner.keep_made)
    planner.take(made)
    return {path: (message, fix) for path, message, fix in failures}, len(made), len(tasks)


def _show_bodies(
    pb: PhotosBuild, ctx: BuildContext, items: list[Any], in_bodies: dict[str, str], failed: dict[str, Any]
) -> None:
    """Note the ``<picture>`` of each body photo of ``items`` made (``all_generators_finalized`` puts it in)."""
    failed_bodies = {rel: failed.get(os.path.join(pb.content, rel)) for rel in in_bodies}
    pictures, problems = published.pictures(
        {rel: pb.planner.shown.get(key, {}).get("picture") for rel, key in in_bodies.items()}, failed_bodies
    )
    ctx.problems.extend(problems)
    pb.pictures.update(pictures)
    pb.originals.update(pictures)
    pb.bodies.extend(items)
    pb.keys.update((key, None) for key in in_bodies.values() if key in pb.planner.shown)


def _site_image(pb: PhotosBuild, ctx: BuildContext) -> str | None:
    """The plan key of the site's square image; a problem when its source cannot be used."""
    try:
        return kinds.site_image(pb.planner, pb.config, pb.site_image)
    except (BadPhoto, OSError) as exc:
        fix = "set PHOTOS_SITE_IMAGE to an SVG, PNG or JPEG of the theme's static folder (e.g. img/favicon.svg)."
        ctx.problems.append(Problem(pb.site_image, None, "PHOTOS_SITE_IMAGE", str(exc), fix))
        return None


def article_writer_finalized(generator: Any, writer: Any) -> None:
    """Put every derivative into the site: each source's files reused from the live site while unchanged,
    else linked from the cache (a file shared by two plans of one source is put once)."""
    ctx, pb = _build(generator)
    with ctx.timed("photos"):
        reuse, folders, planner, done = ctx.reuse, set(), pb.planner, set()
        for key in pb.keys:
            entry = f"photos:{key}"  # one manifest entry for all the files of a source's plan
            if reuse is not None and reuse.try_reuse(entry, key, stored=False, by_name=True):
                done.update(reuse.new[entry]["files"])
                continue
            names = sorted(set(planner.files(key)) - done)
            for name in names:
                target = os.path.join(generator.output_path, name)
                if os.path.dirname(target) not in folders:
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    folders.add(os.path.dirname(target))
                if not planner.place(key, name, target):  # damaged in the cache, and its source unreadable now
                    log.error("Photos: %s could not be made again from %s.", name, planner.source_of[key])
            done.update(names)
            if reuse is not None and names:
                reuse.record(entry, key, names, stored=False)


def static_generator_finalized(generator: Any) -> None:
    """No raster file is published as it came. A hero or body photo no page links any more (pages show its
    derivatives) stays out of the site; every other raster file the site publishes at its own address (a
    portrait, a photo a body links) is published as a copy the pipeline re-encodes without its metadata."""
    ctx, pb = _build(generator)
    planner = pb.planner
    with ctx.timed("photos"):
        linked = published.still_linked(generator.context, pb.pictures)
        keep, copies, problems = published.plan_copies(
            generator.staticfiles, pb.originals - linked, lambda path: planner.source(pb.content, path), kinds.CODE
        )
        problems = [p for p in problems if published.is_what_it_says(os.path.join(pb.content, p.path))]
        ctx.problems.extend(problems)
        generator.staticfiles[:] = keep
        keys = {rel: kinds.copy(planner, pb.content, rel, job, name) for rel, (job, name) in sorted(copies.items())}
        failed, _, _ = _make_missing(planner)  # re-encoded copies: not counted in the note, as before
        for rel, (_, name) in sorted(copies.items()):
            data = None if os.path.join(pb.content, rel) in failed else planner.data(keys[rel], name)
            if data is None:
                message, fix = failed.get(os.path.join(pb.content, rel), ("could not be re-encoded.", EXPORT))
                ctx.problems.append(Problem(rel, None, "Image", f"{rel} {message}", fix))
            else:
                ctx.static_bytes[rel] = data


def all_generators_finalized(generators: list[Any]) -> None:
    if generators:
        ctx, pb = _build(generators[-1])
        published.show_bodies(pb.bodies, pb.pictures)
        if pb.made_now:
            ctx.notes.append(f"Photos: {pb.made_now} image file(s) made from {pb.sources_now} source image(s).")


def finalized(pelican: Any) -> None:
    _, pb = _build(pelican)
    pb.planner.sources.save()
    pb.planner.plans.save()


def connect() -> None:
    signals.initialized.connect(initialized)
    signals.article_generator_finalized.connect(article_generator_finalized)
    signals.page_generator_finalized.connect(page_generator_finalized)
    signals.article_writer_finalized.connect(article_writer_finalized)
    signals.static_generator_finalized.connect(static_generator_finalized)
    signals.all_generators_finalized.connect(all_generators_finalized)
    signals.finalized.connect(finalized)

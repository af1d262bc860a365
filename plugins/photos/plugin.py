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
from pathlib import Path
from typing import Any

import pyvips
from common.errors import Problem
from engine import LISTED, OWN_PAGE, BuildContext, Picture, context_of, source_digest
from pelican import signals

from . import plan as planning
from . import published
from . import settings as photo_settings
from .memo import Plans, Shown
from .planner import Planner, Show
from .render import EXPORT, BadPhoto
from .store import Made, Sources, usable_folder
from .work import make_all

HERE = Path(__file__).parent
CODE = f"{source_digest((HERE / 'plan.py', HERE / 'render.py'))[:16]}-vips{pyvips.version(0)}.{pyvips.version(1)}"
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
    keys: list[str] = field(default_factory=list)  # the plans whose files the site shows, in order
    made_now: int = 0


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
        planner=Planner(sources, plans, made, repr(config), CODE, config.max_pixels),
    )
    ctx.contract.declare("photos", LISTED, ["photo"])
    ctx.contract.declare("photos", OWN_PAGE, ["share"])


def article_generator_finalized(generator: Any) -> None:
    ctx, pb = _build(generator)
    with ctx.timed("photos"):
        _make_photos(generator, ctx, pb)


def _show_hero(config: photo_settings.PhotoSettings) -> Show:
    def show(plan: planning.Plan, lengths: dict[str, int]) -> Shown:
        share = planning.share(plan, lengths) if "share" in plan.singles else None
        return {"photo": planning.photo(plan, lengths, config.site_url) if plan.pictures else None, "share": share}

    return show


def _hero_plan(pb: PhotosBuild, rel: str, raster: bool) -> str:
    config, show = pb.config, _show_hero(pb.config)
    if raster:
        return pb.planner.plan(
            "hero", pb.content, rel, lambda sha, size: planning.plan(rel, sha, size, config, CODE), show
        )
    return pb.planner.plan(
        "drawing", pb.content, rel, lambda sha, _: planning.plan_drawing(rel, sha, config, CODE), show
    )


def _body_plan(pb: PhotosBuild, rel: str) -> str:
    config = pb.config
    return pb.planner.plan(
        "body",
        pb.content,
        rel,
        lambda sha, size: planning.plan_body(rel, sha, size, config, CODE),
        lambda plan, _: {"picture": planning.body_picture(plan, config.site_url)},
    )


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
            keys[hero.path] = _hero_plan(pb, hero.path, raster)
        except (BadPhoto, OSError) as exc:
            keys[hero.path] = None
            fix = getattr(exc, "fix", "check that the file can be read.")
            ctx.problems.append(Problem(article.relative_source_path, None, "Image", f"{hero.path} {exc}", fix))
    site = _site_image(pb, ctx)
    in_bodies, problems = published.plan_bodies(
        articles, lambda rel: planner.source(pb.content, rel), lambda rel, _sha, _size: _body_plan(pb, rel)
    )
    ctx.problems.extend(problems)
    tasks = planner.tasks()
    failures, made = make_all(tasks, planner.made.folder)
    failed = {path: (message, fix) for path, message, fix in failures}
    planner.take(made)
    pb.made_now = len(made)
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
    failed_bodies = {rel: failed.get(os.path.join(pb.content, rel)) for rel in in_bodies}
    pb.pictures, problems = published.pictures(
        {rel: planner.shown.get(key, {}).get("picture") for rel, key in in_bodies.items()}, failed_bodies
    )
    pb.originals.update(pb.pictures)
    pb.bodies = articles
    ctx.problems.extend(problems)
    shown_keys = [*(k for k in keys.values() if k is not None), *([site] if site else []), *in_bodies.values()]
    pb.keys = [key for key in dict.fromkeys(shown_keys) if key in planner.shown]
    if site is not None and site in planner.shown:
        generator.context["site_image"] = planner.shown[site]["site"]
    if pb.made_now:
        ctx.notes.append(f"Photos: {pb.made_now} image file(s) made from {len(tasks)} source image(s).")


def _site_image(pb: PhotosBuild, ctx: BuildContext) -> str | None:
    """The plan key of the site's square image; a problem when its source cannot be used."""
    root, rel = os.path.dirname(pb.site_image), os.path.basename(pb.site_image)
    try:
        return pb.planner.plan(
            "site",
            root,
            rel,
            lambda sha, _: planning.plan_site_image(sha, pb.config, CODE),
            lambda plan, lengths: {"site": planning.rendition(plan, plan.singles["site"][0], lengths)},
        )
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
            if reuse is not None and reuse.try_reuse(entry, key):
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
                reuse.record(entry, key, names)


def static_generator_finalized(generator: Any) -> None:
    """No raster file is published as it came. A hero or body photo no page links any more (pages show its
    derivatives) stays out of the site; every other raster file the site publishes at its own address (a
    portrait, a photo a body links) is published as a copy the pipeline re-encodes without its metadata."""
    ctx, pb = _build(generator)
    planner = pb.planner
    with ctx.timed("photos"):
        linked = published.still_linked(generator.context, pb.pictures)
        keep, copies, problems = published.plan_copies(
            generator.staticfiles, pb.originals - linked, lambda path: planner.source(pb.content, path), CODE
        )
        problems = [p for p in problems if published.is_what_it_says(os.path.join(pb.content, p.path))]
        ctx.problems.extend(problems)
        generator.staticfiles[:] = keep
        keys = {
            rel: planner.plan("copy", pb.content, rel, lambda *_, j=job, n=name: planning.Plan({n: j}, {}, {}), _none)
            for rel, (job, name) in sorted(copies.items())
        }
        tasks = planner.tasks()
        failures, made = make_all(tasks, planner.made.folder)
        failed = {path: (message, fix) for path, message, fix in failures}
        planner.take(made)
        for rel, (_, name) in sorted(copies.items()):
            data = None if os.path.join(pb.content, rel) in failed else planner.data(keys[rel], name)
            if data is None:
                message, fix = failed.get(os.path.join(pb.content, rel), ("could not be re-encoded.", EXPORT))
                ctx.problems.append(Problem(rel, None, "Image", f"{rel} {message}", fix))
            else:
                ctx.static_bytes[rel] = data
        pb.made_now += len(made)


def _none(plan: planning.Plan, lengths: dict[str, int]) -> Shown:
    return {}


def all_generators_finalized(generators: list[Any]) -> None:
    if generators:
        _, pb = _build(generators[-1])
        published.show_bodies(pb.bodies, pb.pictures)


def finalized(pelican: Any) -> None:
    _, pb = _build(pelican)
    pb.planner.sources.save()
    pb.planner.plans.save()


def connect() -> None:
    signals.initialized.connect(initialized)
    signals.article_generator_finalized.connect(article_generator_finalized)
    signals.article_writer_finalized.connect(article_writer_finalized)
    signals.static_generator_finalized.connect(static_generator_finalized)
    signals.all_generators_finalized.connect(all_generators_finalized)
    signals.finalized.connect(finalized)

"""The photos plugin's shell: Pelican's signals, the build context, the cache and the output folder.

After the content model has set each story's ``hero``, every raster hero is checked, planned
(``plan``) and its missing files made on every core (``work``); the story gets its ``photo``
record. The files are written into the site with the stories, each reused from the live site
while unchanged; the original photo is never published (its metadata would leak).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
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
from .render import EXPORT, BadPhoto, inspect
from .store import Made, Sources, file_key, usable_folder
from .work import Task, make_all, make_files

HERE = Path(__file__).parent
CODE = f"{source_digest((HERE / 'plan.py', HERE / 'render.py'))[:16]}-vips{pyvips.version(0)}.{pyvips.version(1)}"
RASTER = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp", "image/avif"})
CHECK = len(b"\n") + 64  # the checksum line before each kept file's bytes


@dataclass
class PhotosBuild:
    config: photo_settings.PhotoSettings
    content: str
    site_image: str  # the square image's source: a file of the theme
    made: Made
    sources: Sources
    originals: set[str] = field(default_factory=set)  # raster heroes: never published as they are
    files: dict[str, str] = field(default_factory=dict)  # published path -> cache key
    origin: dict[str, str] = field(default_factory=dict)  # published path -> its source file (absolute)
    jobs: dict[str, planning.Job] = field(default_factory=dict)
    pictures: dict[str, Picture] = field(default_factory=dict)  # body photos by content-relative path
    bodies: list[Any] = field(default_factory=list)  # the stories whose bodies may show them
    made_now: int = 0


def _build(holder: Any) -> tuple[BuildContext, PhotosBuild]:
    ctx = context_of(holder)
    return ctx, ctx.slots["photos"]


def initialized(pelican: Any) -> None:
    ctx, settings = context_of(pelican), pelican.settings
    cache = settings.get("CACHE_PATH") or os.path.join(tempfile.gettempdir(), "newsdesk-cache")
    ctx.slots["photos"] = PhotosBuild(
        config=photo_settings.load(settings),
        content=settings["PATH"],
        site_image=os.path.join(settings["THEME"], "static", photo_settings.load(settings).site_image),
        made=Made(usable_folder(os.path.join(cache, "photos"))),
        sources=Sources(os.path.join(cache, "photos-sources.sqlite3")),
    )
    ctx.contract.declare("photos", LISTED, ["photo"])
    ctx.contract.declare("photos", OWN_PAGE, ["share"])


def _source(pb: PhotosBuild, rel: str, root: str | None = None) -> tuple[str, tuple[int, int]]:
    """The photo's SHA-256 and its size as shown; ``BadPhoto`` when it cannot be published."""
    root = pb.content if root is None else root
    key = pb.sources.key(root, rel)
    known = pb.sources.get(key)
    if known is not None:
        return known[0], (known[1], known[2])
    with open(os.path.join(root, rel), "rb") as handle:
        data = handle.read()
    sha, size = hashlib.sha256(data).hexdigest(), inspect(data, rel, pb.config.max_pixels)
    pb.sources.put(key, (sha, *size))
    return sha, size


def article_generator_finalized(generator: Any) -> None:
    ctx, pb = _build(generator)
    with ctx.timed("photos"):
        _make_photos(generator, ctx, pb)


def _make_photos(generator: Any, ctx: BuildContext, pb: PhotosBuild) -> None:
    articles = [*generator.articles, *generator.drafts, *generator.hidden_articles]
    plans: dict[str, planning.Plan | None] = {}
    for article in articles:
        hero = getattr(article, "hero", None)
        if hero is None or hero.path in plans or hero.type not in (*RASTER, "image/svg+xml"):
            continue
        raster = hero.type in RASTER
        if raster:
            pb.originals.add(hero.path)
        try:
            sha, size = _source(pb, hero.path)
            plans[hero.path] = (planning.plan(hero.path, sha, size, pb.config, CODE) if raster
                                else planning.plan_drawing(hero.path, sha, pb.config, CODE))  # fmt: skip
        except (BadPhoto, OSError) as exc:
            plans[hero.path] = None
            fix = getattr(exc, "fix", "check that the file can be read.")
            ctx.problems.append(Problem(article.relative_source_path, None, "Image", f"{hero.path} {exc}", fix))
    site = _site_image(pb, ctx)
    in_bodies, problems = published.plan_bodies(
        articles,
        lambda rel: _source(pb, rel),
        lambda rel, sha, size: planning.plan_body(rel, sha, size, pb.config, CODE),
    )
    ctx.problems.extend(problems)
    every = {os.path.join(pb.content, r): p for r, p in plans.items() if p is not None}
    every.update(
        {os.path.join(pb.content, r): p for r, p in in_bodies.items() if os.path.join(pb.content, r) not in every}
    )
    tasks = _tasks(pb, every.items() if site is None else [*every.items(), (pb.site_image, site)])
    failed = {path: (message, fix) for path, message, fix in make_all(tasks, pb.made.folder)}
    pb.made_now = sum(len(jobs) for _, jobs in tasks)
    for article in articles:
        hero = getattr(article, "hero", None)
        planned = plans.get(hero.path) if hero is not None else None
        failure = failed.get(os.path.join(pb.content, hero.path)) if planned is not None else None
        if failure:
            ctx.problems.append(
                Problem(article.relative_source_path, None, "Image", f"{hero.path} {failure[0]}", failure[1])
            )
        if planned is None or failure:
            article.photo = article.share = None
            continue
        lengths = _lengths(pb, planned)
        article.share = planning.share(planned, lengths) if "share" in planned.singles else None
        article.photo = planning.photo(planned, lengths, pb.config.site_url) if planned.pictures else None
    failed_bodies = {rel: failed.get(os.path.join(pb.content, rel)) for rel in in_bodies}
    pb.pictures, problems = published.pictures(in_bodies, failed_bodies, pb.config.site_url)
    pb.originals.update(pb.pictures)
    pb.bodies = articles
    ctx.problems.extend(problems)
    if site is not None and pb.site_image not in failed:
        name = site.singles["site"][0]
        generator.context["site_image"] = planning.rendition(site, name, _lengths(pb, site))
    if pb.made_now:
        ctx.notes.append(f"Photos: {pb.made_now} image file(s) made from {len(tasks)} source image(s).")


def _tasks(pb: PhotosBuild, every: Iterable[tuple[str, planning.Plan]]) -> list[Task]:
    """Each source's files still to make; every planned file noted for writing into the site."""
    tasks: list[Task] = []
    for source, planned in sorted(every, key=lambda item: item[0]):
        missing = []
        for name, job in planned.jobs.items():
            key = file_key(name)
            pb.files[name], pb.origin[name], pb.jobs[name] = key, source, job
            if not os.path.exists(pb.made.path(key)):
                missing.append((key, job))
        if missing:
            tasks.append((source, missing))
    return tasks


def _lengths(pb: PhotosBuild, planned: planning.Plan) -> dict[str, int]:
    """The byte length of each file a page or feed names (the kept file less its checksum line)."""
    singles = [rel for paths in planned.singles.values() for rel in paths]
    return {rel: os.path.getsize(pb.made.path(file_key(rel))) - CHECK for rel in singles}


def _site_image(pb: PhotosBuild, ctx: BuildContext) -> planning.Plan | None:
    """The plan of the site's square image; a problem when its source cannot be used."""
    try:
        sha, _ = _source(pb, os.path.basename(pb.site_image), os.path.dirname(pb.site_image))
    except (BadPhoto, OSError) as exc:
        fix = "set PHOTOS_SITE_IMAGE to an SVG, PNG or JPEG of the theme's static folder (e.g. img/favicon.svg)."
        ctx.problems.append(Problem(pb.site_image, None, "PHOTOS_SITE_IMAGE", str(exc), fix))
        return None
    return planning.plan_site_image(sha, pb.config, CODE)


def article_writer_finalized(generator: Any, writer: Any) -> None:
    """Write every derivative into the site: reused from the live site while unchanged, else from the cache."""
    ctx, pb = _build(generator)
    with ctx.timed("photos"):
        reuse, folders = ctx.reuse, set()
        for name, key in sorted(pb.files.items()):
            if reuse is not None and reuse.try_reuse(name, key):
                continue
            data = pb.made.get(key)
            if data is None:  # damaged in the cache since it was planned: made again
                make_files((pb.origin[name], [(key, pb.jobs[name])]), pb.made.folder)
                data = pb.made.get(key)
            target = os.path.join(generator.output_path, name)
            if os.path.dirname(target) not in folders:
                os.makedirs(os.path.dirname(target), exist_ok=True)
                folders.add(os.path.dirname(target))
            with open(target, "wb") as handle:
                handle.write(data or b"")
            if reuse is not None:
                reuse.record(name, key, [name])


def static_generator_finalized(generator: Any) -> None:
    """No raster file is published as it came. A hero or body photo no page links any more (pages show its
    derivatives) stays out of the site; every other raster file the site publishes at its own address (a
    portrait, a photo a body links) is published as a copy the pipeline re-encodes without its metadata."""
    ctx, pb = _build(generator)
    with ctx.timed("photos"):
        linked = published.still_linked(generator.context, pb.pictures)
        keep, copies, problems = published.plan_copies(
            generator.staticfiles, pb.originals - linked, lambda path: _source(pb, path), CODE
        )
        problems = [p for p in problems if published.is_what_it_says(os.path.join(pb.content, p.path))]
        ctx.problems.extend(problems)
        generator.staticfiles[:] = keep
        tasks: list[Task] = []
        for rel, (job, name) in sorted(copies.items()):
            if not os.path.exists(pb.made.path(file_key(name))):
                tasks.append((os.path.join(pb.content, rel), [(file_key(name), job)]))
        failed = {path: (message, fix) for path, message, fix in make_all(tasks, pb.made.folder)}
        for rel, (_, name) in sorted(copies.items()):
            data = None if os.path.join(pb.content, rel) in failed else pb.made.get(file_key(name))
            if data is None:
                message, fix = failed.get(os.path.join(pb.content, rel), ("could not be re-encoded.", EXPORT))
                ctx.problems.append(Problem(rel, None, "Image", f"{rel} {message}", fix))
            else:
                ctx.static_bytes[rel] = data
        pb.made_now += len(tasks)


def all_generators_finalized(generators: list[Any]) -> None:
    if generators:
        _, pb = _build(generators[-1])
        published.show_bodies(pb.bodies, pb.pictures)


def finalized(pelican: Any) -> None:
    _, pb = _build(pelican)
    pb.sources.save()


def connect() -> None:
    signals.initialized.connect(initialized)
    signals.article_generator_finalized.connect(article_generator_finalized)
    signals.article_writer_finalized.connect(article_writer_finalized)
    signals.static_generator_finalized.connect(static_generator_finalized)
    signals.all_generators_finalized.connect(all_generators_finalized)
    signals.finalized.connect(finalized)

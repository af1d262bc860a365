"""What is made from one photo, and how pages, cards, feeds and share cards show it (pure).

A photo of known pixel size is planned into ``Job`` records (one image file each) named by a
digest of the source's bytes, the job and the pipeline's code: the same photo and settings
always give the same file names, and a changed photo, setting or pipeline gives new ones.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from engine import Photo, Picture, Rendition, Share

from .settings import PhotoSettings

EXTENSIONS = {"jpeg": "jpg", "webp": "webp", "avif": "avif", "gif": "gif"}
TYPES = {"jpeg": "image/jpeg", "webp": "image/webp", "avif": "image/avif", "gif": "image/gif"}
FALLBACKS = ("jpeg", "gif")  # the <img> of a <picture>: JPEG, or GIF for an animation


class Job(NamedTuple):
    """One image file to make: the photo fitted to ``width`` (``crop`` False) or filled to exactly
    ``width`` x ``height`` and cropped about its centre; ``upscale`` lets it grow past the photo."""

    width: int
    height: int
    crop: bool
    fmt: str
    quality: int
    upscale: bool = False
    pad: bool = False  # fitted inside width x height and centred on a white canvas of that size
    animated: bool = False  # every frame of an animation (else its first frame only)


@dataclass(frozen=True)
class Slot:
    """A place the theme shows a photo: its widths, its ratio (None: the photo's own) and ``sizes``."""

    widths: tuple[int, ...]
    ratio: tuple[int, int] | None
    sizes: str
    shown: tuple[int, int] | None = None  # the <img>'s width and height when fixed (a thumbnail)


# The theme's layout (theme/static/css/site.css): the article column is at most about 820 px wide from
# 900 px up; cards fill a grid of three (a lead card takes three fifths); related cards a grid of 200 px
# and more; Most Read thumbnails are 96 x 54. Thumbnails are made at 1x and 2x.
CARD = Slot((480, 960), (16, 9), "(min-width: 900px) 480px, (min-width: 560px) 50vw, 100vw")
RELATED = Slot((240, 480), (16, 9), "(max-width: 559px) 112px, 240px", (240, 135))
THUMB = Slot((96, 192), (16, 9), "96px", (96, 54))
HERO_SIZES = "(min-width: 900px) 820px, 100vw"
SHARE = (1200, 630)  # Open Graph and X: 1.91:1
SCHEMA = ((16, 9), (4, 3), (1, 1))  # the NewsArticle image ratios Google asks for, 1200 px wide
SITE_IMAGE = (1200, 1200)  # pages without a hero: a square that every platform takes
SHARE_FROM = 600  # a narrower photo gets no share images: blown up more than twice it would only blur


def fitted(size: tuple[int, int], width: int) -> tuple[int, int]:
    """The photo ``size`` scaled to ``width``, its height rounded."""
    return width, max(1, round(size[1] * width / size[0]))


def filled(size: tuple[int, int], ratio: tuple[int, int], width: int) -> tuple[int, int]:
    """``width`` x its height at ``ratio``, shrunk to fit inside the photo ``size`` when larger."""
    height = max(1, round(width * ratio[1] / ratio[0]))
    scale = min(1.0, size[0] / width, size[1] / height)
    if scale < 1.0:
        width = max(1, int(width * scale))
        height = max(1, round(width * ratio[1] / ratio[0]))
    return width, height


def widths(size: tuple[int, int], wanted: tuple[int, ...]) -> tuple[int, ...]:
    """The wanted widths no wider than the photo; the photo's own width when all are wider."""
    return tuple(w for w in wanted if w <= size[0]) or (size[0],)


def name(stem: str, source_sha: str, job: Job, code: str, folder: str) -> str:
    """The published path of ``job``'s file: readable, and a digest of everything it is made from."""
    key = hashlib.sha256(f"{source_sha}\0{job!r}\0{code}".encode()).hexdigest()[:16]
    return f"{folder}/{stem}-{job.width}x{job.height}-{key}.{EXTENSIONS[job.fmt]}"


def stem(path: str) -> str:
    """A file name's stem, kept to letters, digits and hyphens (the derivative's readable part)."""
    base = posixpath.splitext(posixpath.basename(path))[0].lower()
    clean = "".join(c if c.isascii() and c.isalnum() else "-" for c in base).strip("-")
    return "-".join(p for p in clean.split("-") if p)[:60] or "photo"


@dataclass(frozen=True)
class Plan:
    """A photo's jobs by published path, and how to show it once their files' lengths are known."""

    jobs: dict[str, Job]
    pictures: dict[str, tuple[Slot, dict[str, list[tuple[str, int, int]]]]]  # slot -> format -> (path, w, h)
    singles: dict[str, list[str]]  # share, schema, feed -> their paths


def _adder(jobs: dict[str, Job], base: str, source_sha: str, code: str, folder: str) -> Callable[[Job], str]:
    def add(job: Job) -> str:
        rel = name(base, source_sha, job, code, folder)
        jobs[rel] = job
        return rel

    return add


def share_jobs(add: Callable[[Job], str], quality: int) -> dict[str, list[str]]:
    """The share card and the JSON-LD images, made from any hero (a photo, or an SVG drawn at their size)."""
    return {
        "share": [add(Job(*SHARE, True, "jpeg", quality, upscale=True))],
        "schema": [add(Job(1200, 1200 * r[1] // r[0], True, "jpeg", quality, upscale=True)) for r in SCHEMA],
    }


def plan_drawing(path: str, source_sha: str, config: PhotoSettings, code: str) -> Plan:
    """An SVG hero: only its raster share images (pages keep showing the SVG itself)."""
    jobs: dict[str, Job] = {}
    singles = share_jobs(_adder(jobs, stem(path), source_sha, code, config.folder), config.quality["jpeg"])
    return Plan(jobs, {}, singles)


def plan_site_image(source_sha: str, config: PhotoSettings, code: str) -> Plan:
    """The site's square image for pages without a hero: its mark centred on a white 1200 x 1200 canvas."""
    jobs: dict[str, Job] = {}
    add = _adder(jobs, "site", source_sha, code, config.folder)
    return Plan(jobs, {}, {"site": [add(Job(*SITE_IMAGE, False, "jpeg", config.quality["jpeg"], True, True))]})


def plan(
    path: str, source_sha: str, size: tuple[int, int], config: PhotoSettings, code: str, animated: bool = False
) -> Plan:
    """Every file made from the photo at ``path`` (content-relative) of pixel ``size``. An ``animated`` one
    moves on its page (animated WebP, a GIF for the ``<img>``); cards, thumbnails and share images show
    its first frame."""
    jobs: dict[str, Job] = {}
    add = _adder(jobs, stem(path), source_sha, code, config.folder)

    hero = Slot(config.widths, None, HERO_SIZES)
    pictures = {
        **_pictures(add, size, config, {"hero": hero}, animated),
        **_pictures(add, size, config, {"card": CARD, "related": RELATED, "thumb": THUMB}),
    }
    quality = config.quality["jpeg"]
    singles = {
        **(share_jobs(add, quality) if size[0] >= SHARE_FROM else {}),
        "feed": [add(Job(*fitted(size, min(config.feed_width, size[0])), False, "jpeg", quality))],
        "small": [pictures["thumb"][1]["jpeg"][-1][0]],
    }
    return Plan(jobs, pictures, singles)


def _pictures(
    add: Callable[[Job], str],
    size: tuple[int, int],
    config: PhotoSettings,
    slots: dict[str, Slot],
    animated: bool = False,
) -> dict[str, tuple[Slot, dict[str, list[tuple[str, int, int]]]]]:
    formats = (*(f for f in config.formats if f != "avif"), "gif") if animated else (*config.formats, "jpeg")
    pictures = {}
    for slot_name, slot in slots.items():
        by_format: dict[str, list[tuple[str, int, int]]] = {}
        for fmt in formats:  # an animation's GIF, for browsers without WebP, at its own size alone (BENCHMARKS.md)
            for width in widths(size, slot.widths) if fmt != "gif" else (size[0],):
                w, h = fitted(size, width) if slot.ratio is None else filled(size, slot.ratio, width)
                quality = config.quality.get(fmt, 100)
                rel = add(Job(w, h, slot.ratio is not None, fmt, quality, animated=animated))
                by_format.setdefault(fmt, []).append((rel, w, h))
        pictures[slot_name] = (slot, by_format)
    return pictures


def plan_body(
    path: str, source_sha: str, size: tuple[int, int], config: PhotoSettings, code: str, animated: bool = False
) -> Plan:
    """A photo shown in a story's body: the hero's widths and formats, at the photo's own ratio."""
    jobs: dict[str, Job] = {}
    add = _adder(jobs, stem(path), source_sha, code, config.folder)
    return Plan(jobs, _pictures(add, size, config, {"body": Slot(config.widths, None, HERO_SIZES)}, animated), {})


def body_picture(planned: Plan, site_url: str) -> Picture:
    """The ``Picture`` of a body photo planned by ``plan_body``."""
    slot, files = planned.pictures["body"]
    return _picture(slot, files, site_url)


def _picture(slot: Slot, by_format: dict[str, list[tuple[str, int, int]]], site_url: str) -> Picture:
    def srcset(files: list[tuple[str, int, int]]) -> str:
        return ", ".join(f"{site_url}/{rel} {w}w" for rel, w, _ in files)

    fallbacks = next(by_format[fmt] for fmt in FALLBACKS if fmt in by_format)
    fallback = fallbacks[min(1, len(fallbacks) - 1)]  # the second width: enough for a browser without srcset
    width, height = slot.shown or (fallback[1], fallback[2])
    sources = tuple((TYPES[fmt], srcset(files)) for fmt, files in by_format.items() if fmt not in FALLBACKS)
    return Picture(sources, f"{site_url}/{fallback[0]}", srcset(fallbacks), slot.sizes, width, height)


def rendition(planned: Plan, rel: str, lengths: Mapping[str, int]) -> Rendition:
    job = planned.jobs[rel]
    return Rendition(rel, job.width, job.height, TYPES[job.fmt], lengths[rel])


def share(planned: Plan, lengths: Mapping[str, int]) -> Share:
    """The ``Share`` record of a planned hero whose files are made."""
    return Share(
        card=rendition(planned, planned.singles["share"][0], lengths),
        schema=tuple(rendition(planned, rel, lengths) for rel in planned.singles["schema"]),
    )


def photo(planned: Plan, lengths: Mapping[str, int], site_url: str) -> Photo:
    """The ``Photo`` record of a planned photo whose files are made (``lengths``: bytes by path)."""

    pictures = {slot: _picture(s, files, site_url) for slot, (s, files) in planned.pictures.items()}
    return Photo(
        hero=pictures["hero"],
        card=pictures["card"],
        related=pictures["related"],
        thumb=pictures["thumb"],
        feed=rendition(planned, planned.singles["feed"][0], lengths),
        small=rendition(planned, planned.singles["small"][0], lengths),
    )

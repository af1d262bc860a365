"""What each kind of source image is planned into, and what pages show of it once its files are made (shell).

A raster hero becomes a ``Photo`` (pictures, feed and Most Read images) and a ``Share`` (an animated
one moves on its own page and in bodies: ``plan.plan``); an SVG hero
only a ``Share``; a photo in a story's or page's body a ``Picture``; the theme's site image a square
``Rendition``. Each is planned through the ``Planner``, which keeps what pages show between builds.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyvips
from common.images import mime_type
from engine import source_digest

from . import plan as planning
from .memo import Shown
from .planner import Planner
from .render import frames
from .settings import PhotoSettings

HERE = Path(__file__).parent
CODE = f"{source_digest((HERE / 'plan.py', HERE / 'render.py'))[:16]}-vips{pyvips.version(0)}.{pyvips.version(1)}"


def hero(planner: Planner, config: PhotoSettings, content: str, rel: str, raster: bool) -> str:
    """The plan key of a story's hero: a photo (``raster``) or a drawing."""

    def show(plan: planning.Plan, lengths: dict[str, int]) -> Shown:
        share = planning.share(plan, lengths) if "share" in plan.singles else None
        return {"photo": planning.photo(plan, lengths, config.site_url) if plan.pictures else None, "share": share}

    def make(sha: str, size: tuple[int, int]) -> planning.Plan:
        return planning.plan(rel, sha, size, config, CODE, animated(content, rel))

    if raster:
        return planner.plan("hero", content, rel, make, show)
    return planner.plan("drawing", content, rel, lambda sha, _: planning.plan_drawing(rel, sha, config, CODE), show)


def body(planner: Planner, config: PhotoSettings, content: str, rel: str) -> str:
    """The plan key of a photo a story's or page's body shows."""
    return planner.plan(
        "body",
        content,
        rel,
        lambda sha, size: planning.plan_body(rel, sha, size, config, CODE, animated(content, rel)),
        lambda plan, _: {"picture": planning.body_picture(plan, config.site_url)},
    )


def animated(content: str, rel: str) -> bool:
    """Whether the image ``rel`` is an animation (a GIF or WebP of several frames)."""
    if mime_type(rel) not in ("image/gif", "image/webp"):
        return False
    with open(os.path.join(content, rel), "rb") as handle:
        return frames(handle.read()) > 1


def site_image(planner: Planner, config: PhotoSettings, path: str) -> str:
    """The plan key of the site's square image (``path``: a file of the theme)."""
    return planner.plan(
        "site",
        os.path.dirname(path),
        os.path.basename(path),
        lambda sha, _: planning.plan_site_image(sha, config, CODE),
        lambda plan, lengths: {"site": planning.rendition(plan, plan.singles["site"][0], lengths)},
    )


def copy(planner: Planner, content: str, rel: str, job: planning.Job, name: str) -> str:
    """The plan key of a raster file published at its own address as a re-encoded copy (pages show nothing of it)."""
    return planner.plan("copy", content, rel, lambda *_: planning.Plan({name: job}, {}, {}), lambda *_: {})

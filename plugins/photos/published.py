"""Photos outside the hero (shell): those a story's body shows, and every other raster file the site publishes.

A body's ``<img>`` of a raster file of the site is planned like a hero's photo (its widths and formats)
and replaced by a ``<picture>`` once the files are made. Any raster file the site still publishes at
its own address (a portrait, a photo a body links for download, an image nothing names) is published
as a copy re-encoded by the pipeline, at its full size and in its own format, never as it came: its
metadata (GPS position, serial numbers, names) is left out, its orientation applied.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from common.errors import Problem
from common.images import mime_type, sniff
from engine import Picture, body_html, replace_body_html

from . import bodies
from . import plan as planning
from .render import BadPhoto

RASTER = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp", "image/avif"})
OWN_FORMAT = {"image/jpeg": "jpeg", "image/png": "png", "image/gif": "gif", "image/webp": "webp", "image/avif": "avif"}
KEPT_QUALITY = {"jpeg": 90, "webp": 90, "avif": 70, "png": 100, "gif": 100}  # a full-size copy: near the original
T = TypeVar("T")
Source = Callable[[str], tuple[str, tuple[int, int]]]  # content-relative path -> (sha256, size); BadPhoto, OSError


def plan_bodies(
    articles: Iterable[Any], source: Source, plan: Callable[[str, str, tuple[int, int]], T]
) -> tuple[dict[str, T], list[Problem]]:
    """The plan (or its key) of each raster photo the stories' bodies show, by content-relative path; problems
    of those that cannot be published (each named in the first story showing it)."""
    plans: dict[str, T] = {}
    problems, refused = [], set()
    for article in articles:
        for path in bodies.images(body_html(article), article.relative_source_path):
            if path in plans or path in refused or mime_type(path) not in RASTER or path.split("/")[0] == "..":
                continue  # a link out of content/ is refused by the content model, never read here
            try:
                sha, size = source(path)
                plans[path] = plan(path, sha, size)
            except FileNotFoundError:  # the content model names the missing file
                refused.add(path)
            except (BadPhoto, OSError) as exc:
                refused.add(path)
                fix = getattr(exc, "fix", "check that the file exists and can be read.")
                problems.append(Problem(article.relative_source_path, None, "body image", f"{path} {exc}", fix))
    return plans, problems


def pictures(
    shown: dict[str, Picture | None], failed: dict[str, tuple[str, str] | None]
) -> tuple[dict[str, Picture], list[Problem]]:
    """The ``Picture`` of each body photo whose files were made, by path; a problem for each that failed."""
    made, problems = {}, []
    for rel, picture in shown.items():
        failure = failed.get(rel)
        if failure:
            problems.append(Problem(rel, None, "body image", f"{rel} {failure[0]}", failure[1]))
        elif picture is not None:
            made[rel] = picture
    return made, problems


def show_bodies(articles: Iterable[Any], pictures: dict[str, Any]) -> None:
    """Each story's body with its photos' ``<img>`` made ``<picture>``s (``pictures``: Picture by path). Done once
    every check of the bodies as written has run (an ``{attach}`` shared with a ``{static}`` is still refused)."""
    for article in articles:
        html = body_html(article)
        if any(path in pictures for path in bodies.images(html, article.relative_source_path)):
            replace_body_html(article, bodies.rewrite(html, article.relative_source_path, pictures))


def still_linked(context: dict[str, Any], pictures: dict[str, Any]) -> set[str]:
    """Every content file that a story's or page's body still links once its photos are ``<picture>``s."""
    found: set[str] = set()
    for kind in ("articles", "drafts", "hidden_articles", "pages", "hidden_pages", "draft_pages"):
        for item in context.get(kind) or ():
            html = body_html(item)
            if bodies.may_link(html):
                source = item.relative_source_path
                found |= bodies.linked(bodies.rewrite(html, source, pictures), source)
    return found


def plan_copies(
    statics: Iterable[Any], dropped: set[str], source: Source, code: str
) -> tuple[list[Any], dict[str, tuple[planning.Job, str]], list[Problem]]:
    """The static files still published (``dropped`` left out), and the re-encoding of each raster one among
    them, by content-relative path: its job (full size, own format) and cache name; problems of unreadable ones."""
    keep, copies, problems = [], {}, []
    for static in statics:
        rel = static.get_relative_source_path()
        if mime_type(rel) in RASTER:
            if rel in dropped:
                continue
            try:
                sha, size = source(rel)
            except (BadPhoto, OSError) as exc:  # kept for the content model's checks: the build stops anyway
                fix = getattr(exc, "fix", "check that the file can be read.")
                problems.append(Problem(rel, None, "Image", f"{rel} {exc}", fix))
                keep.append(static)
                continue
            fmt = OWN_FORMAT[mime_type(rel)]
            job = planning.Job(size[0], size[1], False, fmt, KEPT_QUALITY[fmt], animated=fmt in ("gif", "webp"))
            copies[rel] = (job, f"copy\0{sha}\0{job!r}\0{code}")
        keep.append(static)
    return keep, copies, problems


def is_what_it_says(path: str) -> bool:
    """Whether the file at ``path`` starts as its extension says (the content model reports one that does not)."""
    try:
        with open(path, "rb") as handle:
            return sniff(handle.read(64)) == mime_type(path)
    except OSError:
        return True

"""``make check``: editorial lint of every source file, without a build.

Reports the same errors a build would stop on, plus warnings an editor wants to
see before publishing: bylines missing from the author registry, no standfirst,
hero images without alt text or credit, two stories on one URL. The report is
text (the build's own lines), GitHub Actions annotations or JSON: see
``annotations`` and docs/workflow.md.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import Any

from .annotations import default_format, render
from .build import configure_logging, load_settings


def _statics(settings: dict[str, Any], files: frozenset[str], linked: set[str], read: set[str]) -> list[str]:
    """The content files Pelican's static generator publishes: those under ``STATIC_PATHS`` (but
    ignored and excluded ones) and those that stories link to with {static} or {attach}, less the
    articles and pages ``read``."""
    from newsroom.copying import StaticRules  # noqa: PLC0415

    rules = StaticRules.from_settings(settings)
    found = {rel for rel in files if rules.why_not_copied(rel) is None}
    sources = read if settings.get("STATIC_EXCLUDE_SOURCES", True) else set()
    return sorted(found | (linked & files) - sources)


def _file_problems(settings: dict[str, Any], stories: list[Any], linked: set[str], read: set[str]) -> list[Any]:
    """What the build finds once every story is read: attachments of shared files, and
    static files that may not be published."""
    from engine import intrasite_pattern  # noqa: PLC0415
    from newsroom.attachments import author_photos, shared_attachments  # noqa: PLC0415
    from newsroom.reader import source_body  # noqa: PLC0415
    from newsroom.state import build_of  # noqa: PLC0415
    from newsroom.vetting import Vetting  # noqa: PLC0415

    _, nr = build_of(settings)

    links = intrasite_pattern(settings["INTRASITE_LINK_REGEX"])
    body_of = functools.partial(source_body, settings["PATH"])
    problems = shared_attachments(stories, author_photos(nr.registry), links, body_of)
    vetting = Vetting(settings["PATH"], None)
    for rel in _statics(settings, nr.images, linked, read):
        problems.extend(vetting.vet(rel)[1])
    return problems


def check(settings_file: str, input_dir: str | None, strict: bool, fmt: str | None = None) -> int:
    configure_logging(verbose=False)
    overrides = {"PATH": str(Path(input_dir).resolve())} if input_dir else {}
    settings = load_settings(settings_file, overrides)
    from common.errors import Problem  # noqa: PLC0415
    from engine import intrasite_pattern  # noqa: PLC0415
    from newsroom.attachments import Story  # noqa: PLC0415
    from newsroom.checks import url_collisions  # noqa: PLC0415
    from newsroom.editorial import warnings_for  # noqa: PLC0415
    from newsroom.links import copied_path, file_links  # noqa: PLC0415
    from newsroom.located import located  # noqa: PLC0415
    from newsroom.names import Named  # noqa: PLC0415
    from newsroom.reader import NewsroomReader  # noqa: PLC0415
    from newsroom.sitepaths import Claim, claim, content_pattern  # noqa: PLC0415
    from newsroom.startup import prepare  # noqa: PLC0415
    from newsroom.state import build_of  # noqa: PLC0415
    from newsroom.urls import name_problems, site_paths  # noqa: PLC0415
    from newsroom.walk import markdown_sources  # noqa: PLC0415

    prepare(settings)
    ctx, nr = build_of(settings)
    reader = NewsroomReader(settings)
    claims: list[Claim] = []
    written: list[Named] = []
    warnings: list[Problem] = []
    linked: set[str] = set()
    stories = []
    links = intrasite_pattern(settings["INTRASITE_LINK_REGEX"])
    sources = markdown_sources(nr.images, settings)
    for rel, kind in sources:
        html, meta = reader.read(os.path.join(settings["PATH"], rel))
        if meta.get("status") == "skip":
            continue
        linked.update(copied_path(rel, url) for what, _, url in file_links(html or "", links) if what != "filename")
        stories.append(Story(rel, html or "", meta.get("image")))
        save_as = content_pattern(settings, kind, meta["status"]).format(**meta)
        claims.append(claim(settings, kind, meta["status"], save_as, rel))
        if save_as:
            written.append((rel, meta.get("tags", []), meta.get("authors", [])))
        warnings.extend(warnings_for(rel, kind, meta, nr.registry))
    ctx.problems.extend(url_collisions(claims, *site_paths(settings)))
    ctx.problems.extend(name_problems(written, settings, nr.registry, nr.settings.authors_file))
    ctx.problems.extend(_file_problems(settings, stories, linked, {rel for rel, _ in sources}))
    errors = ctx.errors()
    warnings.extend(p for p in ctx.problems if p.severity == "warning")
    shown = located(errors, settings["PATH"]) + located(warnings, settings["PATH"])
    checked = len(claims) + len({p.path for p in errors})
    report = render(shown, checked, fmt or default_format(os.environ))
    if report:
        print(report)
    print(f"{checked} files checked: {len(errors)} error(s), {len(warnings)} warning(s).", file=sys.stderr)
    return 1 if errors or (strict and warnings) else 0

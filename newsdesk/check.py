"""``make check``: editorial lint of every source file, without a build.

Reports the same errors a build would stop on, plus warnings an editor wants to
see before publishing: bylines missing from the author registry, no standfirst,
hero images without alt text or credit, two stories on one URL.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from .build import configure_logging, load_settings


def _sources(settings: dict[str, Any]) -> list[tuple[str, str]]:
    """(relative path, kind) of every Markdown source, sorted."""
    base = Path(settings["PATH"])
    pages = tuple(p.strip("/") + "/" for p in settings.get("PAGE_PATHS", []))
    excluded = tuple(p.strip("/") + "/" for p in settings.get("ARTICLE_EXCLUDES", []))
    found = []
    for path in sorted(base.rglob("*")):
        rel = path.relative_to(base).as_posix()
        if path.suffix.lower() not in (".md", ".markdown", ".mkd", ".mdown") or any(
            part.startswith(".") for part in Path(rel).parts
        ):
            continue
        if rel.startswith(pages):
            found.append((rel, "page"))
        elif not rel.startswith(excluded):
            found.append((rel, "article"))
    return found


def check(settings_file: str, input_dir: str | None, strict: bool) -> int:
    configure_logging(verbose=False)
    overrides = {"PATH": str(Path(input_dir).resolve())} if input_dir else {}
    settings = load_settings(settings_file, overrides)
    from newsroom import plugin  # noqa: PLC0415 - importable once load_settings set the path
    from newsroom.checks import url_collisions  # noqa: PLC0415
    from newsroom.editorial import warnings_for  # noqa: PLC0415
    from newsroom.errors import Problem  # noqa: PLC0415
    from newsroom.names import Named  # noqa: PLC0415
    from newsroom.reader import NewsroomReader  # noqa: PLC0415
    from newsroom.sitepaths import Claim, claim, content_pattern  # noqa: PLC0415
    from newsroom.state import STATE  # noqa: PLC0415
    from newsroom.urls import name_problems, site_paths  # noqa: PLC0415

    plugin.prepare(settings)
    reader = NewsroomReader(settings)
    claims: list[Claim] = []
    written: list[Named] = []
    warnings: list[Problem] = []
    for rel, kind in _sources(settings):
        _, meta = reader.read(os.path.join(settings["PATH"], rel))
        if meta.get("status") == "skip":
            continue
        save_as = content_pattern(settings, kind, meta["status"]).format(**meta)
        claims.append(claim(settings, kind, meta["status"], save_as, rel))
        if save_as:
            written.append((rel, meta.get("tags", []), meta.get("authors", [])))
        warnings.extend(warnings_for(rel, kind, meta, STATE.registry))
    STATE.problems.extend(url_collisions(claims, *site_paths(settings)))
    STATE.problems.extend(name_problems(written, settings, STATE.registry, STATE.settings.authors_file))
    errors = STATE.errors()
    warnings.extend(p for p in STATE.problems if p.severity == "warning")
    for problem in sorted(errors) + sorted(warnings):
        print(f"{problem.severity}: {problem.format()}")
    print(
        f"{len(claims) + len({p.path for p in errors})} files checked: "
        f"{len(errors)} error(s), {len(warnings)} warning(s).",
        file=sys.stderr,
    )
    return 1 if errors or (strict and warnings) else 0

"""``make related-report``: write every article's related list with scores and reasons.

    PYTHONPATH=plugins python -m related.report --settings pelicanconf.py [--input content] [--output FILE]

Reads the articles the way a build does (Pelican's settings, the newsroom reader) without
building the site. ``--output`` ending in ``.md`` gives Markdown tables, anything else plain
text. Exits 1 when an article cannot be read or a ``Related:`` pin cannot be honoured (the
report is still written for the rest), 2 when the settings are not valid.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

PLUGINS = Path(__file__).resolve().parent.parent
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown")


def article_sources(settings: dict[str, Any]) -> list[str]:
    """Absolute paths of the article sources, sorted: what a build would read as articles."""
    base = Path(settings["PATH"])
    skipped = tuple(
        p.strip("/") + "/" for p in [*settings.get("PAGE_PATHS", []), *settings.get("ARTICLE_EXCLUDES", [])]
    )
    found = []
    for path in sorted(base.rglob("*")):
        rel = path.relative_to(base).as_posix()
        if path.suffix.lower() not in MARKDOWN_SUFFIXES or any(part.startswith(".") for part in Path(rel).parts):
            continue
        if not rel.startswith(skipped) and path.is_file():
            found.append(str(path))
    return found


def read_docs(settings: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    """(docs, problems) for every article source, read with the newsroom reader."""
    from newsroom import plugin as newsroom  # noqa: PLC0415 - importable once the plugins folder is on the path
    from newsroom.reader import NewsroomReader  # noqa: PLC0415
    from newsroom.state import STATE  # noqa: PLC0415

    from .model import Doc  # noqa: PLC0415
    from .text import html_to_text  # noqa: PLC0415

    newsroom.prepare(settings)
    reader = NewsroomReader(settings)
    docs = []
    for source in article_sources(settings):
        html, meta = reader.read(source)
        if meta.get("status") == "skip":
            continue
        docs.append(
            Doc(
                key=os.path.relpath(source, settings["PATH"]).replace(os.sep, "/"),
                slug=meta["slug"],
                title=meta["title"],
                summary=meta.get("summary", ""),
                text=html_to_text(html or ""),
                tags=tuple(tag.name for tag in meta.get("tags", [])),
                section=meta["category"].name,
                timestamp=meta["date"].timestamp(),
                status=meta.get("status", "published"),
                pins=tuple(meta.get("related_pins", ())),
            )
        )
    return docs, STATE.errors()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m related.report", description=__doc__.split("\n\n")[0])
    parser.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file")
    parser.add_argument("--input", default=None, help="content folder (default: PATH in the settings)")
    parser.add_argument("--output", default="related-report.md", help="report file (.md for Markdown, else text)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(PLUGINS))
    from newsroom.errors import SettingsError  # noqa: PLC0415
    from newsroom.located import located  # noqa: PLC0415
    from pelican.settings import read_settings  # noqa: PLC0415

    from . import settings as related_settings  # noqa: PLC0415
    from .explain import report  # noqa: PLC0415
    from .scoring import rank  # noqa: PLC0415

    overrides = {"PATH": str(Path(args.input).resolve())} if args.input else {}
    settings = read_settings(args.settings, override=overrides)
    try:
        config = related_settings.load(settings).config
        docs, problems = read_docs(settings)
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    ranking = rank(docs, config)
    output = Path(args.output)
    output.write_text(report(docs, ranking, config, markdown=output.suffix == ".md"), encoding="utf-8")
    for problem in located(problems, settings["PATH"]):
        print(problem.format(), file=sys.stderr)
    for pin in ranking.problems:
        print(f"error: {pin.key}: [Related] {pin.message} Fix: {pin.fix}", file=sys.stderr)
    print(f"Wrote the related lists of {len(ranking.lists)} articles to {output}.", file=sys.stderr)
    return 1 if problems or ranking.problems else 0


if __name__ == "__main__":
    sys.exit(main())

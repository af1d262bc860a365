"""``make related-report``: write every article's related list with scores and reasons.

    python -m newsdesk.related_report --settings pelicanconf.py [--input content] [--output FILE]

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


def read_docs(settings: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    """(docs, problems) for every article source, read with the newsroom reader."""
    from newsroom.reader import NewsroomReader  # noqa: PLC0415
    from newsroom.startup import prepare  # noqa: PLC0415
    from newsroom.state import build_of  # noqa: PLC0415
    from newsroom.walk import markdown_sources  # noqa: PLC0415
    from related.model import Doc  # noqa: PLC0415
    from related.text import html_to_text  # noqa: PLC0415

    prepare(settings)
    ctx, nr = build_of(settings)
    reader = NewsroomReader(settings)
    docs = []
    for rel, kind in markdown_sources(nr.images, settings):
        if kind != "article":
            continue
        html, meta = reader.read(os.path.join(settings["PATH"], rel))
        if meta.get("status") == "skip":
            continue
        docs.append(
            Doc(
                key=rel,
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
    return docs, ctx.errors()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsdesk.related_report", description=__doc__.split("\n\n")[0])
    parser.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file")
    parser.add_argument("--input", default=None, help="content folder (default: PATH in the settings)")
    parser.add_argument("--output", default="related-report.md", help="report file (.md for Markdown, else text)")
    args = parser.parse_args(argv)
    from common.errors import SettingsError  # noqa: PLC0415
    from newsroom.located import located  # noqa: PLC0415
    from pelican.settings import read_settings  # noqa: PLC0415
    from related import settings as related_settings  # noqa: PLC0415
    from related.explain import report  # noqa: PLC0415
    from related.scoring import rank  # noqa: PLC0415

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

"""``python -m newsdesk COMMAND``: the commands behind the Makefile targets."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _build_arguments(p_build: argparse.ArgumentParser) -> None:
    p_build.add_argument("-v", "--verbose", action="store_true")
    p_build.add_argument("--verify", action="store_true", help="run the publish checks before going live")
    p_build.add_argument("--full", action="store_true", help="render every page, reusing nothing from the live site")
    p_build.add_argument(
        "--now",
        default=None,
        help="build the site as of this time, e.g. 2026-12-10T09:00 (default: NEWSDESK_NOW, else the clock)",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsdesk", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    def site_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file")
        p.add_argument("--input", default=None, help="content folder (default: PATH in the settings)")
        p.add_argument("--output", default="output", help="output folder")

    p_build = sub.add_parser("build", help="build the site (staging folder, swapped in on success)")
    site_args(p_build)
    _build_arguments(p_build)
    from .upload import add_arguments as upload_arguments  # noqa: PLC0415 - light: argparse only

    upload_arguments(sub.add_parser("upload", help="rsync the checked output of `make publish` to the web server"))
    p_clean = sub.add_parser("clean", help="delete the output folder, and nothing else")
    p_clean.add_argument("--output", default="output")
    p_clean.add_argument("--input", default=None, help="the content folder, which clean refuses to delete")
    from .annotations import FORMATS  # noqa: PLC0415 - light: no Pelican

    p_check = sub.add_parser("check", help="editorial lint of all content, without a build")
    site_args(p_check)
    p_check.add_argument("--strict", action="store_true", help="fail on warnings too")
    p_check.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="text (default), github (annotations; the default when GITHUB_ACTIONS=true) or json",
    )
    from .most_read import add_arguments as most_read_arguments  # noqa: PLC0415 - light: argparse only

    most_read_arguments(sub.add_parser("most-read", help="ingest access logs or analytics CSV; refresh Most Read"))
    from .scaffold import add_arguments as article_arguments  # noqa: PLC0415 - light: argparse only

    article_arguments(sub.add_parser("article", help="start a new article as a draft"))
    for name in ("serve", "devserver", "regenerate"):
        p = sub.add_parser(
            name,
            help={
                "serve": "serve the output folder",
                "devserver": "serve and rebuild on every save",
                "regenerate": "rebuild on every save",
            }[name],
        )
        site_args(p)
        p.add_argument("--port", type=int, default=8000)
        p.add_argument("--bind", default="127.0.0.1")

    args = parser.parse_args(argv)
    if args.command == "build":
        from .build import build  # noqa: PLC0415

        return build(args.settings, args.input, args.output, args.verbose, args.verify, args.full, args.now)
    if args.command == "upload":
        from .upload import run as upload  # noqa: PLC0415

        return upload(args)
    if args.command == "clean":
        return _clean(args.output, args.input)
    if args.command == "check":
        from .check import check  # noqa: PLC0415

        return check(args.settings, args.input, args.strict, args.format)
    if args.command == "most-read":
        from .most_read import run as most_read  # noqa: PLC0415

        return most_read(args)
    if args.command == "article":
        from .scaffold import scaffold  # noqa: PLC0415

        return scaffold(args.settings, args.title, args.section, args.authors, args.input, args.new_author)
    from .serve import run  # noqa: PLC0415

    return run(args.command, args.settings, args.input, args.output, args.bind, args.port)


def _clean(output: str, content: str | None) -> int:
    from .safety import UnsafeOutput, clean  # noqa: PLC0415

    try:
        removed = clean(output, Path(__file__).resolve().parent.parent, Path(content).resolve() if content else None)
    except UnsafeOutput as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # a read-only folder in it, or beside it
        where = exc.filename or output
        print(f"error: could not delete {where} ({exc.strerror or exc}). Fix: make it writable for you "
              "(chmod -R u+w) and run make clean again.", file=sys.stderr)  # fmt: skip
        return 1
    print(f"Removed {removed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

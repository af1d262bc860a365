"""Build the site into a staging folder and swap it in only when nothing went wrong."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path
from typing import Any

from .safety import UnsafeOutput, check_output_dir, remove_tree, staging_dirs, swap_in

PROJECT = Path(__file__).resolve().parent.parent


class _Counter(logging.Handler):
    """Counts what Pelican logs at ERROR or above: any of it fails the build."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _not_dev_feed_notice(record: logging.LogRecord) -> bool:
    """Pelican warns on every development build (empty SITEURL) that feeds are relative; expected here."""
    return not str(record.msg).startswith("Feeds generated without SITEURL")


def configure_logging(verbose: bool) -> _Counter:
    root = logging.getLogger()
    root.handlers.clear()
    console = logging.StreamHandler(sys.stderr)
    console.addFilter(_not_dev_feed_notice)
    console.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    root.addHandler(console)
    root.setLevel(logging.INFO if verbose else logging.WARNING)
    counter = _Counter()
    root.addHandler(counter)
    return counter


def load_settings(settings_file: str, overrides: dict[str, Any]) -> dict[str, Any]:
    from pelican.settings import read_settings  # noqa: PLC0415 - keep start-up light

    sys.path.insert(0, str(PROJECT / "plugins"))
    return read_settings(settings_file, override=overrides)


def build(settings_file: str, input_dir: str | None, output_dir: str, verbose: bool = False) -> int:
    """Run one build; return the process exit code."""
    counter = configure_logging(verbose)
    started = time.perf_counter()
    try:
        content = Path(input_dir).resolve() if input_dir else None
        output = check_output_dir(output_dir, PROJECT, content)
    except UnsafeOutput as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    staging, _ = staging_dirs(output)
    remove_tree(staging)
    overrides: dict[str, Any] = {"OUTPUT_PATH": str(staging)}
    if content is not None:
        overrides["PATH"] = str(content)
    ok = _run_pelican(settings_file, overrides, counter)
    if not ok:
        remove_tree(staging)
        print(f"Build failed; {output} was left as it was.", file=sys.stderr)
        return 1
    swap_in(staging, output)
    print(f"Built {output} in {time.perf_counter() - started:.1f} s.", file=sys.stderr)
    return 0


def _run_pelican(settings_file: str, overrides: dict[str, Any], counter: _Counter) -> bool:
    from pelican import Pelican  # noqa: PLC0415

    try:
        settings = load_settings(settings_file, overrides)
        Pelican(settings).run()
    except Exception as exc:
        report = getattr(exc, "report", None)
        print(report() if callable(report) else f"{type(exc).__name__}: {exc}", file=sys.stderr)
        if not callable(report):
            logging.getLogger(__name__).debug("build failed", exc_info=True)
        return False
    if counter.count:
        print(f"Pelican reported {counter.count} error(s) above; the build stopped.", file=sys.stderr)
        return False
    return True

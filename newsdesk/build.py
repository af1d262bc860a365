"""Build the site into a staging folder and put it live only when nothing went wrong.

A publish build (``verify``), a full build and a first build stage the whole site and swap
it in. A development build over an earlier one stages only what it rendered and applies
that to the live folder in place (``overlay``): on a large site, linking tens of thousands
of unchanged files into staging cost more than rendering the edited story.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Callable
from datetime import UTC
from pathlib import Path
from typing import Any

from .overlay import JOURNAL, Listing, finish_pending, put_live
from .safety import MARKER, UnsafeOutput, build_lock, check_output_dir, check_writable, remove_tree, staging_dirs
from .swap import finish_swap, swap_in
from .timings import cpu_used, write_timings

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

    return read_settings(settings_file, override=overrides)


def build(
    settings_file: str,
    input_dir: str | None,
    output_dir: str,
    verbose: bool = False,
    verify: bool = False,
    full: bool = False,
    now: str | None = None,
    templates: Any = None,
    keep: Callable[[Any], None] | None = None,
) -> int:
    """Run one build; return the process exit code.

    With ``verify`` (``make publish``), the staged site must also pass the publish
    checks, and it is stamped so that ``make upload`` can tell it was checked. ``now``
    (else ``NEWSDESK_NOW``, else the clock) is the time the build takes as "now": stories
    dated later are scheduled. ``templates``: compiled templates kept between the builds of one
    process (a ``jinja2.BytecodeCache``; the devserver's resident build process keeps one). ``keep``: called
    with the build's context once the site is live (the devserver's fast path renders from it).
    """
    counter = configure_logging(verbose)
    started, cpu = time.perf_counter(), cpu_used()
    try:
        content = Path(input_dir).resolve() if input_dir else None
        output = check_output_dir(output_dir, PROJECT, content)
        check_writable(output)
        overrides = _now_setting(now)
    except (UnsafeOutput, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        with build_lock(output, lambda message: print(message, file=sys.stderr)):
            return _build(settings_file, content, output, counter, (started, cpu), verify=verify, full=full,
                          extra=overrides, templates=templates, keep=keep)  # fmt: skip
    except OSError as exc:  # a folder the build writes became unwritable: no traceback
        print(f"error: {_unwritable(exc, output)}", file=sys.stderr)
        return 1


def _now_setting(given: str | None) -> dict[str, Any]:
    """``NEWSROOM_NOW`` from ``--now`` or ``NEWSDESK_NOW``, checked before anything is built (the site's
    time zone is applied when the settings are read); nothing when neither is set."""
    from common.clock import ClockError, moment  # noqa: PLC0415 - on the plugin path

    where, text = ("--now", given) if given else ("NEWSDESK_NOW", os.environ.get("NEWSDESK_NOW", ""))
    if not text.strip():
        return {}
    try:
        moment(text, UTC)
    except ClockError as exc:
        raise ValueError(f"{where}: {exc}.") from None
    return {"NEWSROOM_NOW": text.strip()}


def _unwritable(exc: OSError, output: Path) -> str:
    """One line for a file operation on the output folder that failed: what, where, and what to do."""
    if (output / JOURNAL).is_file():  # an apply under way: the journal lets the next build complete it
        state = f"; the next build finishes putting this one live in {output}"
    else:
        state = f"; {output} was left as it was" if output.is_dir() else ""
    where = exc.filename2 or exc.filename or output  # a file moved or linked: where it was going
    if not _of_output(Path(os.path.abspath(where)), output):  # a source, a cache, the settings
        fix = "check that it is there and that you can read it, and build again"
        return f"could not use {where} ({exc.strerror or exc}). Fix: {fix}{state}."
    return f"could not write {where} ({exc.strerror or exc}). Fix: make it writable for you and build again{state}."


def _of_output(path: Path, output: Path) -> bool:
    """Whether ``path`` is in the output folder or one of the build's folders beside it (``.output.staging``…)."""
    if not path.is_relative_to(output.parent) or path == output.parent:
        return False
    first = path.relative_to(output.parent).parts[0]
    return first == output.name or first.startswith(f".{output.name}.")


def _build(
    settings_file: str,
    content: Path | None,
    output: Path,
    counter: _Counter,
    clocks: tuple[float, tuple[float, float]],
    *,
    verify: bool,
    full: bool,
    extra: dict[str, Any],
    templates: Any = None,
    keep: Callable[[Any], None] | None = None,
) -> int:
    """``build``, holding the output folder's build lock; ``clocks``: when it started, and ``cpu_used()`` then."""
    started, cpu = clocks
    staging, _ = staging_dirs(output)
    if finish_swap(output):  # an earlier build was stopped between its two renames, with no site live
        print(
            f"Put the previous build's site in place at {output}: it was stopped while swapping it in.", file=sys.stderr
        )
    if finish_pending(output):  # an earlier build stopped half-way through applying its changes
        print(f"Finished applying the previous build to {output}.", file=sys.stderr)
    remove_tree(staging)
    staging.mkdir(parents=True)  # plugins write to its top even when no page is rendered again
    overrides: dict[str, Any] = {**extra, "OUTPUT_PATH": str(staging), "NEWSROOM_RENDER_ALL": full}
    in_place, live = False, None
    if not full and (output / MARKER).is_file():
        overrides["NEWSROOM_PREVIOUS_OUTPUT"] = str(output)
        in_place = overrides["NEWSROOM_IN_PLACE"] = not verify
        live = Listing(output) if in_place else None  # what an in-place apply compares with, listed meanwhile
        overrides["ENGINE_LIVE_LISTING"] = live
    if content is not None:
        overrides["PATH"] = str(content)
    ran = _run_pelican(settings_file, overrides, counter, templates)
    if ran is None or (verify and not _verified(staging, settings_file, ran[0])):
        remove_tree(staging)
        print(f"Build failed; {output} was left as it was.", file=sys.stderr)
        return 1
    ctx = ran[1]
    if in_place:
        applying = time.perf_counter()
        how = put_live(staging, output, ctx.reuse.kept if ctx.reuse is not None else (), live)
        logging.getLogger(__name__).info("Site %s, in %.2f s.", how, time.perf_counter() - applying)
    else:
        swap_in(staging, output)
    elapsed = time.perf_counter() - started
    print(f"Built {output} in {elapsed:.1f} s.", file=sys.stderr)
    for note in ctx.notes:  # e.g. when the next scheduled story falls due
        print(note, file=sys.stderr)
    if os.environ.get("NEWSDESK_TIMINGS"):
        counts = {"pages rendered": ctx.reuse.rendered, "pages reused": ctx.reuse.reused} if ctx.reuse else {}
        write_timings(os.environ["NEWSDESK_TIMINGS"], ctx.timings, started, elapsed, cpu, counts)
    if keep is not None:
        keep(ctx)
    return 0


def _verified(staging: Path, settings_file: str, settings: dict[str, Any]) -> bool:
    from .verify import STAMP, digest, verify_site  # noqa: PLC0415

    site_url = settings.get("SITEURL", "")
    problems = verify_site(staging, site_url)
    if problems:
        shown = "\n  ".join(problems[:50])
        more = f"\n  … and {len(problems) - 50} more" if len(problems) > 50 else ""
        print(f"The publish checks found {len(problems)} problem(s):\n  {shown}{more}", file=sys.stderr)
        return False
    stamp = {"settings": Path(settings_file).name, "site_url": site_url, "digest": digest(staging)}
    (staging / STAMP).write_text(json.dumps(stamp, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print("Publish checks passed: pages parse, links and images resolve, feeds and JSON parse.", file=sys.stderr)
    return True


def _run_pelican(
    settings_file: str, overrides: dict[str, Any], counter: _Counter, templates: Any = None
) -> tuple[dict[str, Any], Any] | None:
    """Run the engine; the settings and the build's context, or None when the build failed."""
    try:
        settings = load_settings(settings_file, overrides)
        from engine.run import run  # noqa: PLC0415 - on the plugin path once the settings are read

        ctx = run(settings, templates)
    except Exception as exc:
        report = getattr(exc, "report", None)
        print(report() if callable(report) else f"{type(exc).__name__}: {exc}", file=sys.stderr)
        if not callable(report):
            logging.getLogger(__name__).debug("build failed", exc_info=True)
        return None
    if counter.count:
        print(f"Pelican reported {counter.count} error(s) above; the build stopped.", file=sys.stderr)
        return None
    if sys.stderr.isatty() and ctx.counts:
        print("\r  " + ", ".join(f"{what}: {n:,}" for what, n in ctx.counts.items()), file=sys.stderr)
    if ctx.reuse is not None:
        logging.getLogger(__name__).info(
            "Pages rendered: %d, reused unchanged: %d.", ctx.reuse.rendered, ctx.reuse.reused
        )
    return settings, ctx

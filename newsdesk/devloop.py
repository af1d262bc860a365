"""The devserver's loop: watch the sources, rebuild on every save, tell the open pages.

A save under the content folder is built by the resident build process (``resident``);
a save to the settings, the theme or the plugins' code restarts that process first, so
the build runs as in a fresh one. The build's messages are printed as it prints them,
except that a warning already printed during this devserver run is not printed again
("Most read: no page views" on every save says nothing new). After the build, open pages
reload, or show the failed build's messages over the last good site.
"""

from __future__ import annotations

import base64
import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .build import PROJECT
from .livereload import Events
from .resident import Builder
from .warm import put_page

CODE = ("theme", "plugins", "pelicanconf.py", "publishconf.py")  # a change here: a fresh build process
# lines of a failed build that are not about what failed
CHATTER = ("INFO:", "WARNING:", "Done: Processed", "pages and ", "Copying ")


class Once:
    """Passes each line on, but a warning (a logged one, or a source's ``path:line: warning: …``) only
    the first time it is seen; errors every time."""

    def __init__(self, say: Callable[[str], None]) -> None:
        self.say = say
        self._warned: set[str] = set()

    def __call__(self, line: str) -> None:
        if line.startswith("WARNING:") or ": warning: " in line:
            if line in self._warned:
                return
            self._warned.add(line)
        self.say(line)


def needs_fresh_process(changed: Iterable[str], code: list[Path]) -> bool:
    """Whether a change touches ``code``: what a build imports or reads before any source."""
    for path in (Path(p).resolve() for p in changed):
        if any(path == root or root in path.parents for root in code):
            return True
    return False


def problems_of(lines: list[str]) -> list[str]:
    """What a failed build's output says went wrong, for the page: its messages without the progress notes."""
    kept = [line for line in lines if line.strip() and not line.lstrip().startswith(CHATTER)]
    return kept or ["The build failed without a message; see the terminal."]


@dataclass(frozen=True)
class FastPage:
    """A page the fast path put live: its path in the site and on disk, its bytes, and the bytes it replaced."""

    rel: str
    path: Path
    page: bytes
    before: bytes


def served_paths(rel: str) -> list[str]:
    """The URL paths a browser may show the page at ``rel`` under (``a/b/index.html``: also ``/a/b/``)."""
    paths = [f"/{rel}"]
    if rel == "index.html" or rel.endswith("/index.html"):
        paths.append(f"/{rel[: -len('index.html')]}")
    return paths


class Devserver:
    """One site's devserver: its resident build process and the pages listening for rebuilds."""

    def __init__(
        self, settings: str, input_dir: str | None, output: str, events: Events | None = None, theme: str = ""
    ) -> None:
        """``theme``: a theme folder outside the project (THEME in the settings), watched as code too."""
        self.settings, self.input_dir, self.output = settings, input_dir, output
        self.events = events
        self.code = [(PROJECT / name).resolve() for name in CODE] + [Path(settings).resolve()]
        self.code += [Path(theme).resolve()] if theme else []
        self.builder = Builder(settings, input_dir, output)
        self.say = Once(lambda line: print(line, file=sys.stderr, flush=True))
        self.healthy = False  # whether the last build succeeded: only then may a save take the fast path
        self.last_fast: FastPage | None = None  # the last page the fast path showed (for tests and the terminal)
        self.last_refusal = ""  # why the last save that could have taken the fast path did not

    def paths(self) -> list[Path]:
        found = [*self.code, Path(self.input_dir).resolve() if self.input_dir else PROJECT / "content"]
        return [p for p in dict.fromkeys(found) if p.exists()]

    def rebuild(self, changed: Iterable[str] = ()) -> int:
        """Build once (in a fresh build process if ``changed`` touches code); tell the open pages.

        A save of one article first takes the fast path when it can: the last build's process
        renders that article's page into the live site, and the open pages reload, before the
        site is built as usual; that build's reload then leaves alone the page the fast path
        already showed, if it came out the same."""
        changed = list(changed)
        fresh = needs_fresh_process(changed, self.code)
        if fresh:
            self.builder.restart()
        lines: list[str] = []

        def say(line: str) -> None:
            lines.append(line)
            self.say(line)

        shown = None if fresh or not self.healthy else self._fast(changed, say)
        code = self.builder.build(say)
        self.healthy = code == 0
        if code:
            if shown is not None:  # the last good site stays: the fast page goes back to what it was
                put_page(shown.path, shown.before)
            self.say("Build failed; still serving the last good site.")
            if self.events is not None:
                self.events.failed(problems_of(lines))
        else:
            same = shown is not None and shown.path.is_file() and shown.path.read_bytes() == shown.page
            if shown is not None and not same:  # e.g. the story's related list moved: the page reloads again
                self.say(f"The build changed {shown.rel} since it was shown; it reloads.")
            if self.events is not None:
                self.events.built(served_paths(shown.rel) if same else ())
        return code

    def _fast(self, changed: list[str], say: Callable[[str], None]) -> FastPage | None:
        """The fast path for a save of one source (``warm``): the page it put live, or None."""
        if len(changed) != 1 or not changed[0].endswith(".md") or not os.path.isfile(changed[0]):
            return None
        started = time.perf_counter()
        reply = self.builder.fast(changed[0], say)
        if "page" not in reply:
            self.last_refusal = reply.get("refused", "")
            return None
        path = Path(self.output) / reply["page"]
        shown = FastPage(reply["page"], path, path.read_bytes(), base64.b64decode(reply["before"]))
        if self.events is not None:
            self.events.built()
        took = f"{time.perf_counter() - started:.2f} s after the save ({reply['cpu']:.2f} s of CPU to render it)"
        self.say(f"Showing {reply['page']} {took}; building the site.")
        self.last_fast = shown
        return shown

    def watch(self, stop: Callable[[], bool] = lambda: False) -> None:
        """Build, then rebuild on every change until ``stop()`` (Ctrl+C in the terminal). The watcher
        starts before the first build, so that a save made while it runs is built next."""
        import watchfiles  # noqa: PLC0415 - only the devserver needs it

        first = True
        try:
            for changes in watchfiles.watch(*self.paths(), debounce=400, step=30, yield_on_timeout=True,
                                            rust_timeout=200, raise_interrupt=True):  # fmt: skip
                if stop():
                    return
                if first:
                    first = False
                    self.rebuild()
                    print("Watching for changes; Ctrl+C to stop.", file=sys.stderr, flush=True)
                elif changes:
                    started = time.perf_counter()
                    if not self.rebuild(path for _, path in changes):
                        self.say(f"Rebuilt after a save in {time.perf_counter() - started:.2f} s.")
        finally:
            self.builder.close()

"""The devserver's build process: it starts once, and each save's build is forked from it.

A fresh ``python -m newsdesk build`` per save spends a second or more starting Python and
importing Pelican, Markdown, Jinja, feedgen and the plugins before it reads a file. The
resident process does that once, then forks a child per build: the child starts with
everything imported and runs exactly the build a fresh process would (its own settings,
its own build context, the same caches on disk), so its output is the same, byte for byte.
Nothing a build does can leak into the next one: each child exits when its build is done.

A change to the settings, the theme or the plugins' code restarts the resident process
(the devserver calls ``restart``), so that nothing imported before the change is used after it.

Protocol: the devserver writes one line per build to the process's standard input; the
child's output (standard output and error) comes back on the process's standard output,
followed by a line ``DONE`` and the exit code.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import importlib.util
import json
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .build import PROJECT
from .warm import WarmChild, stay_warm

DONE = "\x00newsdesk-build-done "
FAST = "\x00newsdesk-fast-done "  # followed by the warm child's JSON reply
FAST_REQUEST = "fast "  # followed by the saved source's path


class Builder:
    """A resident build process for one site, owned by the devserver."""

    def __init__(self, settings: str, input_dir: str | None, output: str) -> None:
        self.command = [sys.executable, "-m", "newsdesk.resident", settings, input_dir or "", output]
        self._process: subprocess.Popen[str] | None = None

    def _started(self) -> subprocess.Popen[str]:
        if self._process is None or self._process.poll() is not None:
            self._process = subprocess.Popen(
                self.command,
                cwd=PROJECT,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                bufsize=1,
            )
        return self._process

    def build(self, say: Callable[[str], None]) -> int:
        """Run one build; each line it prints goes to ``say``; return its exit code."""
        process = self._started()
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write("build\n")
            process.stdin.flush()
        except BrokenPipeError:
            self.close()
            return self.build(say)
        for line in process.stdout:
            if line.startswith(DONE):
                return int(line[len(DONE) :])
            say(line.rstrip("\n"))
        self.close()  # the resident process died (killed from outside): the next build starts another
        say("The build process stopped unexpectedly; the next save starts a new one.")
        return 1

    def fast(self, source: str, say: Callable[[str], None]) -> dict[str, Any]:
        """Ask the last build's warm child to render ``source``'s page into the live site (``warm.fast_page``)."""
        process = self._process
        if process is None or process.poll() is not None or "\n" in source:
            return {"refused": "no finished build in memory"}
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write(f"{FAST_REQUEST}{source}\n")
            process.stdin.flush()
        except BrokenPipeError:
            return {"refused": "the build process has stopped"}
        for line in process.stdout:
            if line.startswith(FAST):
                return json.loads(line[len(FAST) :])
            say(line.rstrip("\n"))
        return {"refused": "the build process has stopped"}

    def restart(self) -> None:
        """Start afresh at the next build: settings, theme or plugin code changed."""
        self.close()

    @property
    def pid(self) -> int | None:
        """The resident process's id while it runs."""
        return self._process.pid if self._process is not None and self._process.poll() is None else None

    def close(self) -> None:
        """Stop the resident process: it ends when its input closes, or is stopped after a grace time."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.stdin:
            process.stdin.close()
        for stop in (lambda: None, process.terminate, process.kill):
            stop()
            try:
                process.wait(timeout=5)
                return
            except subprocess.TimeoutExpired:
                continue


def _warm(settings_file: str) -> None:
    """Import what every build imports, before the first fork. A settings file that cannot be read
    is left to the build, which reports it as it would in a fresh process."""
    import logging  # noqa: PLC0415

    from .build import load_settings  # noqa: PLC0415

    logging.disable(logging.CRITICAL)
    try:
        settings = load_settings(settings_file, {})
        from engine.run import warm  # noqa: PLC0415 - on the plugin path once the settings are read

        warm(settings)
    except Exception:  # noqa: BLE001 - the build that follows reports it
        pass
    finally:
        logging.disable(logging.NOTSET)


def _forked_build(
    run: Callable[..., int], output: Path, warm: WarmChild | None
) -> tuple[int, list[str], WarmChild | None]:
    """Run ``run(keep=…)`` in a forked child (``keep`` takes the finished build); its exit code, the modules
    it imported that this process lacks, and the child itself if it succeeded: it stays, holding its build
    for the fast path (``warm``)."""
    sys.stdout.flush()
    before = set(sys.modules)
    reading, writing = os.pipe()
    requests, asked = os.pipe()  # fast-path requests: this process writes, the child reads
    answers, replies = os.pipe()
    parent = os.getpid()
    child = os.fork()
    if child == 0:
        for fd in (reading, asked, answers, *(warm.fds() if warm else ())):  # the other ends, the last warm child's
            os.close(fd)
        with contextlib.suppress(ImportError):  # on the plugin path once a settings file was read
            from engine import die_with_parent  # noqa: PLC0415

            die_with_parent(parent)  # a warm child outlives no resident process, however that ends
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        code, kept = 1, []
        try:
            try:
                code = run(keep=kept.append)
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                with os.fdopen(writing, "w") as handle:
                    handle.write("\n".join([str(code), *sorted(set(sys.modules) - before)]))
            if code == 0 and kept:
                stay_warm(kept[0], output, requests, replies)
        finally:
            os._exit(code)  # never back into this process's loop
    for fd in (writing, requests, replies):
        os.close(fd)
    with os.fdopen(reading) as handle:
        code, *imported = handle.read().split() or ["1"]
    if code == "0":
        return 0, imported, WarmChild(child, os.fdopen(asked, "w", encoding="utf-8"), os.fdopen(answers))
    os.close(asked)
    os.close(answers)
    _, status = os.waitpid(child, 0)
    return int(code) or os.waitstatus_to_exitcode(status) or 1, imported, None


def _learn(modules: list[str]) -> None:
    """Import what a build imported that the resident process had not, so that the next build need not:
    libraries and plugin code only, never a settings file (each build reads its own afresh)."""
    libraries = (sys.base_prefix, sys.prefix, str(PROJECT / "plugins"))
    for name in modules:
        if name in sys.modules:
            continue
        with contextlib.suppress(Exception):  # a module that cannot be imported here is left to the builds
            spec = importlib.util.find_spec(name)
            if spec is not None and spec.origin and spec.origin.startswith(libraries):
                importlib.import_module(name)


def serve_builds(settings: str, input_dir: str | None, output: str) -> None:
    """The resident process: a forked build for each line on standard input, until it closes."""
    from jinja2 import FileSystemBytecodeCache  # noqa: PLC0415

    from .build import build  # noqa: PLC0415

    _warm(settings)
    # compiled templates, kept for this process's builds only: each checks its template's source
    # before using it, and a change to the settings or the theme starts a new process, with a new folder
    kept = tempfile.TemporaryDirectory(prefix="newsdesk-templates-")
    templates = FileSystemBytecodeCache(kept.name)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C stops the build under way; the devserver stops this
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stopped: the kept templates are removed
    warm: WarmChild | None = None
    try:
        for request in sys.stdin:
            if request.startswith(FAST_REQUEST):
                source = request[len(FAST_REQUEST) :].rstrip("\n")
                reply = warm.ask(source) if warm is not None else {"refused": "no finished build in memory"}
                print(f"{FAST}{json.dumps(reply)}", flush=True)
                continue
            run = functools.partial(build, settings, input_dir, output, templates=templates)
            code, imported, child = _forked_build(run, Path(output), warm)
            if warm is not None:  # the new build replaces it; a failed one leaves none (the sources moved on)
                warm.dismiss()
            warm = child
            print(f"{DONE}{code}", flush=True)
            _learn(imported)
    finally:
        if warm is not None:
            warm.dismiss()
        kept.cleanup()


if __name__ == "__main__":
    os.dup2(1, 2)  # one ordered stream: the build's messages, then DONE
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    sys.stderr = sys.stdout
    serve_builds(sys.argv[1], sys.argv[2] or None, sys.argv[3])

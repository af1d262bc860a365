"""The devserver's warm build: the forked child that built the site last stays, holding that build.

A build child of the resident process (``resident``) that succeeded does not exit: it keeps
everything its build read and worked out (``BuildContext``: the articles, the lists, the
template context and Jinja environment) and waits for fast-path requests on a pipe. For a
save that changed an article's headline, standfirst or body only, it reads that file again
and renders its page (``engine.refresh``), puts it into the live site (one rename, under the
output folder's build lock) and replies with the page's path. The resident process ends it
when the next build replaces it, or when it stops. Each build is still forked from the
resident process, never from a warm child: a full build starts from nothing a build learnt.
"""

from __future__ import annotations

import base64
import json
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .safety import build_lock


def put_page(target: Path, page: bytes) -> None:
    """Replace ``target`` with ``page`` at once: a reader gets the old file or the new one, never half."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.newsdesk-fast")
    temporary.write_bytes(page)
    os.replace(temporary, target)


def fast_page(ctx: Any, output: Path, source: str) -> dict[str, Any]:
    """Render ``source``'s article page from the finished build ``ctx`` into the live site ``output``:
    ``{"page": path in the site, "before": the bytes it replaced, base64}``, or ``{"refused": why}``."""
    from engine.refresh import NotRefreshable, refresh_article  # noqa: PLC0415 - on the plugin path in a build

    started, cpu = time.perf_counter(), time.process_time()
    try:
        done = refresh_article(ctx, source)
    except NotRefreshable as exc:
        return {"refused": str(exc)}
    except Exception as exc:  # noqa: BLE001 - the full build that follows reports it
        return {"refused": f"{type(exc).__name__}: {exc}"}
    target = output / done.save_as
    with build_lock(output, lambda _message: None):
        before = target.read_bytes() if target.is_file() else b""
        put_page(target, done.page)
    return {"page": done.save_as, "before": base64.b64encode(before).decode(),
            "seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu}  # fmt: skip


def stay_warm(ctx: Any, output: Path, requests: int, replies: int) -> None:
    """In the build child that succeeded: answer fast-path requests (one source path a line) until the
    resident process closes the pipe."""
    with os.fdopen(requests, encoding="utf-8") as asked, os.fdopen(replies, "w", encoding="utf-8") as answers:
        for line in asked:
            answers.write(json.dumps(fast_page(ctx, output, line.rstrip("\n"))) + "\n")
            answers.flush()


@dataclass
class WarmChild:
    """The resident process's end of a warm child."""

    pid: int
    requests: Any  # text file, written
    replies: Any  # text file, read

    def fds(self) -> list[int]:
        return [self.requests.fileno(), self.replies.fileno()]

    def ask(self, source: str) -> dict[str, Any]:
        try:
            self.requests.write(source + "\n")
            self.requests.flush()
            line = self.replies.readline()
        except OSError:
            line = ""
        return json.loads(line) if line else {"refused": "the last build's process has stopped"}

    def dismiss(self) -> None:
        """End the child (it holds a whole build's memory) and wait for it."""
        for handle in (self.requests, self.replies):
            try:
                handle.close()
            except OSError:
                pass
        try:
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass

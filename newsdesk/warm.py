"""The devserver's warm build: the forked child that built the site last stays, holding that build.

A build child of the resident process (``resident``) that succeeded does not exit: it keeps
everything its build read and worked out (``BuildContext``: the articles, the lists, the
template context and Jinja environment) and waits for requests on a socket. For a save that
changed an article's headline, standfirst or body only, it reads that file again and renders
its page (``engine.refresh``), puts it into the live site (one rename, under the output
folder's build lock) and replies with the page's path.

The next build is forked from it (``serve``, a ``build`` request carrying the new build's
pipes): the new child starts with this build's memory, and the build it runs is handed this
build's context as ``previous``, from which each part of the build takes what it can prove
unchanged (see docs/devserver.md). The child's stack is this one's: when it has built, it
serves from the same loop with its own build, so nothing piles up from one save to the next.
The resident process ends a warm child when the next build replaces it, or when it stops.
"""

from __future__ import annotations

import base64
import contextlib
import gc
import json
import os
import select
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .safety import build_lock

MAX_FDS = 2  # a build request carries the new build's result pipe and its socket
IDLE_AFTER = 2.0  # seconds without a request before a warm build reads ahead for the next (``serve``)


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


def receive(channel: socket.socket) -> tuple[str, list[int]]:
    """One request line (without its newline) and the descriptors sent with it; ``""`` when the channel closed."""
    data, fds = b"", []
    while not data.endswith(b"\n"):
        chunk, more, _flags, _address = socket.recv_fds(channel, 65536, MAX_FDS)
        fds += more
        if not chunk:
            for fd in fds:
                os.close(fd)
            return "", []
        data += chunk
    return data[:-1].decode("utf-8"), fds


def _reap(pid: int) -> None:
    """Wait for a build forked from this warm child (one that failed ends while this one still runs)."""
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def _outlive_no_resident(parents: frozenset[int]) -> None:
    """In a build forked from a warm child: end when the resident process has ended. Its parent (the warm
    child) is ended when this build replaces it, so the parent's death cannot be the signal; once it has
    ended, the resident process adopts this one (``engine.adopt_orphans``)."""
    while os.getppid() in parents:
        time.sleep(0.5)
    os._exit(1)


def serve(ctx: Any, output: Path, channel: socket.socket, resident: int) -> tuple[int, socket.socket] | None:
    """In the build child that succeeded: answer requests until the resident process closes ``channel``
    (then None). ``fast <path>``: render that source's page (``fast_page``). ``build`` with two descriptors:
    fork the next build from this one; in the forked child, return its result pipe and socket (the caller
    runs the build there, with ``ctx`` as its previous build). Once no request has come for ``IDLE_AFTER``
    seconds, the build's ``idle`` work runs (reading ahead for the next build): a save that comes sooner is
    answered first, and the next build then reads those files itself."""
    idle = list(ctx.idle)
    with channel:
        while True:
            if idle and not select.select([channel], [], [], IDLE_AFTER)[0]:
                with contextlib.suppress(Exception):  # the next build reads it itself
                    idle.pop(0)()
                continue
            line, fds = receive(channel)
            if not line:
                return None
            if line.startswith("fast "):
                reply: dict[str, Any] = fast_page(ctx, output, line[len("fast ") :])
            elif line == "build" and len(fds) == MAX_FDS:
                child = os.fork()
                if child == 0:
                    parents = frozenset({os.getppid(), resident})
                    threading.Thread(target=_outlive_no_resident, args=(parents,), daemon=True).start()
                    return fds[0], socket.socket(fileno=fds[1])
                threading.Thread(target=_reap, args=(child,), daemon=True).start()
                reply = {"forked": child}
            else:
                reply = {"refused": "an unknown request"}
            for fd in fds:
                os.close(fd)
            channel.sendall(json.dumps(reply).encode() + b"\n")


def build_child(run: Callable[..., int], output: Path, result: int, channel: socket.socket, resident: int) -> None:
    """A build child's life: run the build, report on ``result``; if it succeeded, stay warm (``warm.serve``).
    A build forked from it comes back here, in the new child, and runs with this one's context as its
    previous build: the loop replaces the context it holds rather than nesting, so a long run of saves
    piles up neither stack nor earlier builds. Once the new build is live, and before it says so, what is
    left of the earlier one is collected (``settle_memory``)."""
    earlier: list[Any] = []  # the last build, until the new build takes it (``earlier.pop``): nothing else holds it
    code = 1
    try:
        while True:
            before, kept, code = set(sys.modules), [], 1

            def keep(ctx: Any, kept: list[Any] = kept) -> None:
                kept.append(ctx)
                settle_memory()  # before the build says it is done: no save's page waits for it

            try:
                code = run(keep=keep, previous=earlier.pop if earlier else None)
            finally:
                earlier.clear()
                sys.stdout.flush()
                sys.stderr.flush()
                with os.fdopen(result, "w") as handle:
                    handle.write("\n".join([str(code), *sorted(set(sys.modules) - before)]))
            if code != 0 or not kept:
                return
            forked = serve(kept[0], output, channel, resident)
            if forked is None:
                return
            result, channel = forked
            earlier.append(kept.pop())
    finally:
        os._exit(code)  # never back into the resident process's loop


def settle_memory() -> None:
    """Free what earlier builds left (their objects refer to each other: only the cyclic collector frees them;
    workers froze it, ``gc.freeze``), then freeze what is left: the collections of a build forked from this
    process never walk it, so they neither spend time on it nor copy its pages."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def reap_adopted() -> None:
    """Wait for the descendants this process adopted that have ended (``adopt_orphans``): a warm build that is
    replaced leaves it the processes it started and did not wait for (the background removal of old files)."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


@dataclass
class WarmChild:
    """The resident process's end of a warm child. ``current``: its build is the last one (a failed build
    since leaves it as the previous build of the next one, but not for the fast path)."""

    pid: int
    channel: socket.socket
    current: bool = True

    def fds(self) -> list[int]:
        return [self.channel.fileno()]

    def _request(self, line: str, fds: list[int] | None = None) -> dict[str, Any]:
        try:
            socket.send_fds(self.channel, [line.encode() + b"\n"], fds or [])
            reply = b""
            while not reply.endswith(b"\n"):
                chunk = self.channel.recv(1 << 20)
                if not chunk:
                    break
                reply += chunk
        except OSError:
            reply = b""
        return json.loads(reply) if reply.endswith(b"\n") else {"refused": "the last build's process has stopped"}

    def ask(self, source: str) -> dict[str, Any]:
        if not self.current:
            return {"refused": "the last build failed"}
        return self._request(f"fast {source}")

    def fork_build(self, result: int, channel: socket.socket) -> int | None:
        """Have this warm child fork the next build, handing it ``result`` and ``channel``: the new build's id."""
        reply = self._request("build", [result, channel.fileno()])
        return reply.get("forked")

    def dismiss(self) -> None:
        """End the child (it holds a whole build's memory) and wait for it."""
        try:
            self.channel.close()
        except OSError:
            pass
        try:
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass

"""A job run in a process forked from the build, its result handed back through a pipe (shell).

A forked child starts with a copy of the build's memory: it reads the articles, the
planned feeds or the writer's reuse manifest without any of it being copied or pickled,
and only its result travels back. The child is a daemon, so a build that fails before
it asks for the result does not wait for the job: the child is stopped when the build
exits.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable
from typing import Any


class WorkerError(RuntimeError):
    """The worker process ended without handing back a result (killed, or out of memory)."""


def available() -> bool:
    """Whether this system can fork (Linux and other Unixes; not Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


def _run(job: Callable[[], Any], send: Any) -> None:
    try:
        result = (True, job())
    except BaseException as exc:  # noqa: BLE001 - any failure is the build's failure, raised in the parent
        result = (False, exc)
    try:
        send.send(result)
    except Exception as exc:  # noqa: BLE001 - a result or exception that cannot be pickled
        send.send((False, WorkerError(f"The worker's result could not be handed back: {exc!r}")))
    send.close()


class Forked:
    """``job()`` running in a forked child; ``result()`` waits for it and returns it, or raises its exception."""

    def __init__(self, job: Callable[[], Any], name: str) -> None:
        context = multiprocessing.get_context("fork")
        # Everything alive now moves to the collector's permanent generation: the child's collections
        # then never walk (and so never copy) the inherited heap, and the build's own full collections
        # skip the articles it has read. Those live until the build ends anyway.
        gc.freeze()
        self._receive, send = context.Pipe(duplex=False)
        self.name = name
        self._process = context.Process(target=_run, args=(job, send), name=name, daemon=True)
        self._process.start()
        send.close()  # the child holds the other end: the pipe closes when it ends

    def result(self) -> Any:
        try:
            ok, value = self._receive.recv()
        except EOFError:
            raise WorkerError(f"The {self.name} worker process ended without a result.") from None
        finally:
            self._receive.close()
            self._process.join()
        if not ok:
            raise value
        return value

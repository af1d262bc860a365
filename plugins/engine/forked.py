"""A job run in a process forked from the build, its result handed back through a pipe (shell).

A forked child starts with a copy of the build's memory: it reads the articles, the
planned feeds or the writer's reuse manifest without any of it being copied or pickled,
and only its result travels back. The child is a daemon, so a build that fails before
it asks for the result does not wait for the job: the child is stopped when the build
exits.

A child also dies with the build when the build is killed (``die_with_parent``), and keeps
none of the build's locks (``closed_in_children``): a worker left running by a killed build
would otherwise hold the output folder's lock, inherited through fork, and every later
build would wait for it for ever.
"""

from __future__ import annotations

import ctypes
import functools
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


class WorkerError(RuntimeError):
    """The worker process ended without handing back a result (killed, or out of memory)."""


def available() -> bool:
    """Whether this system can fork (Linux and other Unixes; not Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


def _find_prctl() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_PRCTL = _find_prctl()  # looked up once, in the build: a child only calls it


def _ask_for_death_signal(parent: int) -> bool:
    """Linux: be killed when the thread that forked this process ends (with its process); False if not possible."""
    if _PRCTL is None or _PRCTL(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        return False
    if os.getppid() != parent:  # the build died before the signal was asked for: nobody would send it
        os._exit(1)
    return True


def die_with_parent(parent: int) -> None:
    """Called first in a child forked from the process ``parent``: end as soon as the parent ends, however
    it ends (``kill -9`` included). Linux sends a signal; elsewhere a thread watches for the parent."""
    if not _ask_for_death_signal(parent):
        threading.Thread(target=_watch_parent, args=(parent,), name="parent watch", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def dies_with_parent() -> Callable[[], None] | None:
    """For ``subprocess.Popen(preexec_fn=...)``, from the thread that waits for the program: the program
    is killed when that thread's process ends. None where the system cannot do this (not Linux)."""
    return functools.partial(_ask_for_death_signal, os.getpid()) if _PRCTL is not None else None


# -- files a forked child must not keep -----------------------------------------------------------


def _close_inherited() -> None:
    """In a forked child: close the build's ends of other workers' result pipes (the locks' open files
    are closed by ``common.locks``)."""
    for connection in _RECEIVING:  # other workers' result pipes: only the build reads them
        connection.close()
    _RECEIVING.clear()


_RECEIVING: set[Connection] = set()  # the build's ends of its workers' result pipes
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_inherited)


# -- the worker -----------------------------------------------------------------------------------


def _run(job: Callable[[], Any], send: Connection, parent: int) -> None:
    die_with_parent(parent)
    try:
        result = (True, job())
    except BaseException as exc:  # noqa: BLE001 - any failure is the build's failure, raised in the parent
        result = (False, exc)
    try:
        send.send(result)
    except OSError:
        pass  # the build is gone (the pipe has no reader left): nobody to hand it to
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
        _RECEIVING.add(self._receive)  # the child closes its copy: killed, the build leaves it no reader
        self.name = name
        self._process = context.Process(target=_run, args=(job, send, os.getpid()), name=name, daemon=True)
        self._process.start()
        send.close()  # the child holds the other end: the pipe closes when it ends

    def result(self) -> Any:
        try:
            ok, value = self._receive.recv()
        except EOFError:
            raise WorkerError(f"The {self.name} worker process ended without a result.") from None
        finally:
            _RECEIVING.discard(self._receive)
            self._receive.close()
            self._process.join()
        if not ok:
            raise value
        return value

"""Each source image planned once a build, or what its pages show kept from an earlier build (shell).

A source is known by one ``stat`` while its size and time stay the same (``Sources``); what its pages
show and the records of its files by ``memo.plan_key`` (``Plans``). An unchanged source is therefore
neither read nor planned, and its files are not looked at unless one must be put into the site: it
is then checked by one ``stat`` against its record (hashed when that differs) and hard-linked, or
made again from the source when it does not hold what it should.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable

from .memo import Files, Plans, Shown, plan_key
from .plan import Job, Plan
from .render import inspect
from .store import Kept, Made, Sources, file_key
from .work import Task, make_files

Show = Callable[[Plan, dict[str, int]], Shown]  # what pages show of a plan whose files are made (their lengths)


class Planner:
    def __init__(self, sources: Sources, plans: Plans, made: Made, settings: str, code: str, max_pixels: int) -> None:
        self.sources, self.plans, self.made = sources, plans, made
        self.settings, self.code, self.max_pixels = settings, code, max_pixels
        self.shown: dict[str, Shown] = {}  # plan key -> what pages show (known, or made this build)
        self.source_of: dict[str, str] = {}  # plan key -> the source's path
        self.todo: dict[str, tuple[Plan, Show]] = {}  # plan key -> a plan whose files are still to make
        self._files: dict[str, Files] = {}  # plan key -> its files, once looked at
        self._waiting: dict[str, str] | None = None  # cache key of a file being made -> its plan key

    def source(self, root: str, rel: str) -> tuple[str, tuple[int, int]]:
        """The image's SHA-256 and its size as shown; ``BadPhoto`` when it cannot be published, ``OSError``."""
        key = self.sources.key(root, rel)
        known = self.sources.get(key)
        if known is not None:
            return known[0], (known[1], known[2])
        with open(os.path.join(root, rel), "rb") as handle:
            data = handle.read()
        sha, size = hashlib.sha256(data).hexdigest(), inspect(data, rel, self.max_pixels)
        self.sources.put(key, (sha, *size))
        return sha, size

    def plan(self, kind: str, root: str, rel: str, make: Callable[[str, tuple[int, int]], Plan], show: Show) -> str:
        """The plan key of the ``kind`` of plan of the image ``rel`` under ``root``: what its pages show is
        ``shown[key]`` once known (kept from a build before, or ``make(sha, size)`` and its files made)."""
        sha, size = self.source(root, rel)
        source = os.path.join(root, rel)
        key = plan_key(kind, source, sha, size, self.settings, self.code)
        if key in self.source_of:
            return key
        self.source_of[key] = source
        found = self.plans.shown(key)
        if found is not None:
            self.shown[key] = found
        else:
            self.todo[key] = (make(sha, size), show)
        return key

    def tasks(self) -> list[Task]:
        """Each source's files still to make, by source path."""
        self._waiting = None
        jobs: dict[str, dict[str, Job]] = {}
        for key, (plan, _) in self.todo.items():
            for name, job in plan.jobs.items():
                jobs.setdefault(self.source_of[key], {})[file_key(name)] = job
        return [(source, sorted(found.items())) for source, found in sorted(jobs.items())]

    def take(self, made: dict[str, Kept]) -> None:
        """What the workers made, by cache key: each plan whose files are all made is shown, and kept."""
        for key in list(self.todo):
            self._take(key, made)
        self.todo.clear()

    def _take(self, key: str, made: dict[str, Kept]) -> bool:
        plan, show = self.todo[key]
        kept = {name: made.get(file_key(name)) for name in plan.jobs}
        if not all(kept.values()):
            return False
        files = {name: (job, kept[name]) for name, job in plan.jobs.items()}
        lengths = {name: k[0] for name, k in kept.items() if k}
        self.shown[key], self._files[key] = self.plans.put(key, show(plan, lengths), files), files
        del self.todo[key]
        return True

    def keep_made(self, fresh: dict[str, Kept], made: dict[str, Kept]) -> None:
        """While files are being made: take each plan that ``fresh`` files (made since the last call) complete,
        and store it at once (``Plans.keep_now``), so that a build stopped half-way keeps it."""
        if self._waiting is None:  # each file still to make -> its plan, worked out once
            self._waiting = {file_key(name): key for key, (plan, _) in self.todo.items() for name in plan.jobs}
        done = {self._waiting[k] for k in fresh if k in self._waiting}
        self.plans.keep_now([key for key in sorted(done) if key in self.todo and self._take(key, made)])

    def files(self, key: str) -> Files:
        """The files of the plan ``key`` (shown), with their jobs and what each holds."""
        if key not in self._files:
            self._files[key] = self.plans.files(key) or {}
        return self._files[key]

    def place(self, key: str, name: str, target: str) -> bool:
        """Put the file ``name`` of plan ``key`` at ``target``: linked from the cache, made again if it is not what
        it should be. Whether it could be."""
        kept = self.files(key)[name][1]
        checked = self.made.place(file_key(name), kept, target)
        if checked is None and self._remade(key, name):
            checked = self.made.place(file_key(name), self.files(key)[name][1], target)
        if checked is not None and checked != kept:
            self._renew(key, name, checked)
        return checked is not None

    def data(self, key: str, name: str) -> bytes | None:
        """The bytes of the file ``name`` of plan ``key`` (made again if the cache does not hold them), or None."""
        found = self.files(key).get(name)
        data = self.made.get(file_key(name), found[1]) if found else None
        if data is None and found and self._remade(key, name):
            data = self.made.get(file_key(name), self.files(key)[name][1])
        return data

    def _remade(self, key: str, name: str) -> bool:
        job = self.files(key)[name][0]
        failures, made = make_files((self.source_of[key], [(file_key(name), job)]), self.made.folder)
        if failures or file_key(name) not in made:
            return False
        self._renew(key, name, made[file_key(name)])
        return True

    def _renew(self, key: str, name: str, kept: Kept) -> None:
        files = self.files(key)
        files[name] = (files[name][0], kept)
        self.plans.put_files(key, files)

"""Writing the siblings of every text file of the site, on every core, only for files that changed (shell).

Runs when every file of the build is written, before the site goes live. The site is what
the staging folder holds and, for a build that applies in place, the live files the build
kept; the siblings of a kept file are kept too (``keep``), so applying the build leaves them.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass

from common.compress import Encoding, is_text, siblings, write_siblings
from common.files import file_sha256, place
from engine import Forked, available

from .kept import SiblingCache
from .records import NAME, Record, decide, dump, load

WORKER_FROM = 64  # fewer files than this are compressed in the build's own process
CHUNK = 500  # files read, and looked up in the cache, at a time


@dataclass(frozen=True)
class Outcome:
    made: int  # files compressed by this build
    cached: int  # files whose siblings were written from the cache
    kept: int  # files whose siblings were kept from the live site
    small: int  # text files under the size threshold


def _walk(root: str) -> list[str]:
    found = []
    for folder, _, names in os.walk(root):
        rel = os.path.relpath(folder, root).replace(os.sep, "/")
        found.extend(name if rel == "." else f"{rel}/{name}" for name in names)
    return found


def _compress(
    jobs: list[tuple[str, str]], staging: str, encoding: Encoding, cache: SiblingCache
) -> tuple[list[tuple[str, Record]], set[str], int]:
    """Compress each (name in the site, file to read), or write its siblings from the cache; the siblings
    go to staging. The records made, the cache keys found damaged, and how many came from the cache."""
    done, hits = [], 0
    for first in range(0, len(jobs), CHUNK):
        read = []
        for rel, path in jobs[first : first + CHUNK]:
            with open(path, "rb") as handle:
                data = handle.read()
            read.append((rel, data, hashlib.sha256(data).hexdigest()))
        found = cache.find(digest for _, _, digest in read)
        for rel, data, digest in read:
            target = os.path.join(staging, rel)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            kept = found.get(digest)
            if kept is None:
                made = siblings(data, encoding)
                write_siblings(target, made)
                sizes = {s: len(b) for s, b in sorted(made.items())}
            else:  # linked from the cache, never written: a cold build wrote these bytes once
                hits += 1
                for suffix, (path, _) in kept.items():
                    place(path, target + suffix)
                sizes = {s: size for s, (_, size) in sorted(kept.items())}
            done.append((rel, Record(digest, len(data), sizes)))
    return done, cache.damaged, hits


def _shares(jobs: list[tuple[str, str, int]], count: int) -> list[list[tuple[str, str]]]:
    """``jobs`` (name, path, size) in ``count`` shares of about equal bytes, largest first."""
    shares: list[list[tuple[str, str]]] = [[] for _ in range(count)]
    loads = [0] * count
    for rel, path, size in sorted(jobs, key=lambda job: (-job[2], job[0])):
        least = loads.index(min(loads))
        shares[least].append((rel, path))
        loads[least] += size
    return shares


def _in_parallel(
    jobs: list[tuple[str, str, int]], staging: str, encoding: Encoding, cache: SiblingCache
) -> tuple[list[tuple[str, Record]], set[str], int]:
    cores = os.cpu_count() or 1
    if cores == 1 or len(jobs) < WORKER_FROM or not available():
        return _compress([(rel, path) for rel, path, _ in jobs], staging, encoding, cache)
    first, *others = _shares(jobs, cores)
    workers = [
        Forked(lambda share=share: _compress(share, staging, encoding, cache), "precompress") for share in others
    ]
    done, damaged, hits = _compress(first, staging, encoding, cache)
    for worker in workers:
        more, broken, found = worker.result()
        done.extend(more)
        damaged |= broken
        hits += found
    return done, damaged, hits


def _siblings_there(live: str, rel: str, record: Record) -> bool:
    for suffix, size in record.siblings.items():
        try:
            if os.lstat(f"{live}/{rel}{suffix}").st_size != size:
                return False
        except OSError:
            return False
    return True


def precompress(
    staging: str,
    live: str | None,
    in_place: bool,
    kept: list[str],
    encoding: Encoding,
    keep: Callable[[str], None],
    cache_folder: str | None = None,
) -> Outcome:
    """Write or keep the siblings of every text file of the site; record them in staging, and keep them in
    ``cache_folder`` (None: nowhere) for a later build that writes the same bytes."""
    cache = SiblingCache(cache_folder, encoding.key())
    old: dict[str, Record] = {}
    if live:
        try:
            with open(os.path.join(live, NAME), encoding="utf-8") as handle:
                old = load(handle.read(), encoding.key())
        except (OSError, ValueError):
            old = {}
    staged = set(_walk(staging))
    site = sorted({*staged, *kept})
    records: dict[str, Record] = {}
    jobs: list[tuple[str, str, int]] = []
    small = reused_count = 0
    for rel in site:
        if not is_text(rel):
            continue
        record = old.get(rel)
        if rel not in staged and record is not None:  # kept in place: the very file the record was made from
            step, path, size = "keep", f"{live}/{rel}", record.size
        else:
            path = os.path.join(staging if rel in staged else str(live), rel)
            size = os.stat(path).st_size
            if size < encoding.min_bytes:
                small += 1
                continue
            linked = rel not in staged or (live is not None and _same_file(path, os.path.join(live, rel)))
            step = decide(size, record, linked)
        if step == "check" and record is not None and file_sha256(path) == record.digest:
            step = "keep"
        if step == "keep" and record is not None and live and _siblings_there(live, rel, record):
            for suffix in record.siblings:
                _keep_or_link(live, staging, rel + suffix, in_place, keep)
            records[rel] = record
            reused_count += 1
        else:
            jobs.append((rel, path, size))
    made, damaged, hits = _in_parallel(jobs, staging, encoding, cache)
    records.update(made)
    cache.save(records, [staging, *([live] if live else [])], damaged)
    with open(os.path.join(staging, NAME), "w", encoding="utf-8") as handle:
        handle.write(dump(encoding.key(), records))
    return Outcome(len(jobs) - hits, hits, reused_count, small)


def _same_file(first: str, second: str) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def _keep_or_link(live: str, staging: str, rel: str, in_place: bool, keep: Callable[[str], None]) -> None:
    """A live sibling stays where it is (in place) or is linked into staging (a site swapped in whole)."""
    if in_place:
        keep(rel)
        return
    target = os.path.join(staging, rel)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    try:
        os.link(os.path.join(live, rel), target)
    except OSError:
        shutil.copy2(os.path.join(live, rel), target)

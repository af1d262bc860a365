"""A build killed part-way leaves nothing running and nothing locked: the next build and `clean` go ahead.

Each test starts a real build of a 600-article site (large enough for its worker processes),
waits until a worker exists, sends the build process alone a signal (not its group, as a
supervisor, a CI runner or the out-of-memory killer does), then checks what is left.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support.builds import ROOT

from bench.corpus import generate
from newsdesk.conf import write_settings

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads processes from /proc")

SHM = Path("/dev/shm")


def _parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


def _command(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _running(pid: int) -> bool:
    """Alive and not a zombie waiting for its parent to collect it."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _workers(build: subprocess.Popen) -> set[int]:
    """The build's forked workers: its children running the same command line (Pagefind and the
    background remover of replaced sites run other commands)."""
    command = _command(build.pid)
    return {
        int(name)
        for name in os.listdir("/proc")
        if name.isdigit() and _parent_of(int(name)) == build.pid and _command(int(name)) == command
    }


class Site:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        self.output = root / "output"
        generate(root, 600, seed=19, images=True)
        self.settings = write_settings(root, CACHE_PATH=str(root / "cache"), MOST_READ_DB=str(root / "pv.sqlite3"))
        # search documents not kept between builds: each shard's are written to a scratch folder for its run
        self.uncached = write_settings(
            root, CACHE_PATH=str(root / "cache"), MOST_READ_DB=str(root / "pv.sqlite3"), SEARCH_CACHE=False
        )
        self.strays: set[int] = set()

    def command(self, *extra: str) -> list[str]:
        return [sys.executable, "-m", "newsdesk", *extra]

    def build_command(self, settings: Path | None = None) -> list[str]:
        return self.command(
            "build", "--settings", str(settings or self.settings), "--input", str(self.content),
            "--output", str(self.output),
        )  # fmt: skip

    def run(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
        """A newsdesk command that must end within ``timeout``: a wait on a lock nobody will release fails."""
        try:
            return subprocess.run(
                self.command(*args), cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired as exc:
            pytest.fail(f"`newsdesk {args[0]}` was still waiting after {timeout} s: {exc.stderr!r}")

    def kill_when(
        self,
        ready: Callable[[subprocess.Popen, set[int]], bool],
        signum: int,
        timeout: float = 240,
        settings: Path | None = None,
    ) -> set[int]:
        """Start a build, send it ``signum`` once ``ready(build, workers seen)``; return the workers seen."""
        build = subprocess.Popen(
            self.build_command(settings), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        seen: set[int] = set()
        deadline = time.monotonic() + timeout
        try:
            while True:
                seen |= _workers(build)
                if ready(build, seen):
                    break
                assert build.poll() is None, "the build ended before the moment to stop it came"
                assert time.monotonic() < deadline, "no worker process appeared"
                time.sleep(0.02)
            seen |= _workers(build)
            os.kill(build.pid, signum)
            build.wait(timeout=30)
        finally:
            if build.poll() is None:
                build.kill()
                build.wait()
            self.strays |= seen
        return seen

    def stop_strays(self) -> None:
        for pid in self.strays:
            if _running(pid) and _parent_of(pid) in (1, None):  # an orphan left by a test that failed
                os.kill(pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    return Site(tmp_path_factory.mktemp("killed"))


@pytest.fixture(autouse=True)
def _no_strays(site: Site) -> Iterator[None]:
    """A test that failed may leave orphans holding the output folder: they must not hold up the next test."""
    yield
    site.stop_strays()


def _gone_within(pids: set[int], seconds: float) -> set[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        left = {pid for pid in pids if _running(pid)}
        if not left:
            return set()
        time.sleep(0.05)
    return {pid for pid in pids if _running(pid)}


def _reset(site: Site) -> None:
    for path in (site.output, site.root / ".output.staging"):
        subprocess.run(["rm", "-rf", str(path)], check=True)


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_the_workers_converting_bodies_die_with_a_killed_build_and_clean_goes_ahead(site: Site, signum: int) -> None:
    _reset(site)
    subprocess.run(["rm", "-rf", str(site.root / "cache")], check=True)  # cold: the bodies are converted in a pool
    workers = site.kill_when(lambda _build, seen: bool(seen), signum)

    assert _gone_within(workers, 5) == set(), "worker processes outlived the killed build"
    cleaned = site.run("clean", "--output", str(site.output), timeout=60)
    assert cleaned.returncode == 0, cleaned.stderr
    assert "waiting" not in cleaned.stderr


def test_a_worker_blocked_on_its_result_dies_with_the_build_and_the_next_build_runs(site: Site) -> None:
    """The related stories are ranked in a worker whose result (600 lists) is larger than a pipe holds:
    it waits for the build to read it. Killed then, the build must not leave it waiting for ever."""
    _reset(site)
    first = site.run(*site.build_command()[3:])  # the body cache is warm after this: no pool in the next build
    assert first.returncode == 0, first.stderr
    _reset(site)
    workers = site.kill_when(lambda _build, seen: bool(seen), signal.SIGKILL)

    assert _gone_within(workers, 5) == set(), "the related-stories worker outlived the killed build"
    again = site.run(*site.build_command()[3:], timeout=300)
    assert again.returncode == 0, again.stderr
    assert "Another build" not in again.stderr
    assert (site.output / "index.html").is_file()


def _scratch_folders() -> set[Path]:
    return {p for p in SHM.glob("newsdesk-search-*") if p.is_dir()} if SHM.is_dir() else set()


@pytest.mark.skipif(not SHM.is_dir(), reason="no /dev/shm: the search documents go to the temporary folder")
def test_search_documents_in_shared_memory_are_removed_after_a_killed_build(site: Site) -> None:
    """Not kept between builds (SEARCH_CACHE = False), each search shard's documents are written to a folder in
    /dev/shm (memory, not disk) for its Pagefind run; a killed build must not leave them there for good:
    the next build removes them."""
    _reset(site)
    before = _scratch_folders()
    ours: set[Path] = set()
    known = site.content / "2025"  # a folder of the corpus: the documents are laid out like the site

    def writing_documents(_build: subprocess.Popen, _seen: set[int]) -> bool:
        for folder in _scratch_folders() - before:
            if any(folder.glob("20*/*/*/index.html")) and known.is_dir():
                ours.add(folder)
        return bool(ours)

    site.kill_when(writing_documents, signal.SIGKILL, settings=site.uncached)
    assert all(folder.exists() for folder in ours)  # what the kill left

    again = site.run(*site.build_command(site.uncached)[3:], timeout=300)
    assert again.returncode == 0, again.stderr
    assert not any(folder.exists() for folder in ours), "the killed build's search documents are still in /dev/shm"
    assert not any(Path(f"{folder}.lock").exists() for folder in ours)

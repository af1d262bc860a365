"""Two `make most-read` at once take turns on the store, and one killed halfway leaves it as it was.

The first ingest reads its log from a pipe that the test holds open, so the second starts while the
first is certainly running (Linux: the test watches /proc for the moment it waits on its input).
"""

from __future__ import annotations

import fcntl
import os
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from support.builds import ROOT, write_conf
from support.most_read import CLOCK, built_site, digest, line, published, rows, run, three_days, write_log

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="watches /proc to time the runs")


def _blocked_reading_stdin(process: subprocess.Popen) -> bool:
    """Whether ``process`` waits in read(2) on its standard input (Linux)."""
    try:
        return Path(f"/proc/{process.pid}/syscall").read_text().startswith("0 0x0 ")
    except OSError:
        return False


def _wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def _reading_from_stdin(*args: str, logs: tuple[str, ...] = ()) -> subprocess.Popen:
    """``make most-read LOGS="… -"``, once it has read ``logs`` and waits for standard input."""
    process = subprocess.Popen(
        [sys.executable, "-m", "newsdesk.most_read", *args, "--logs", *logs, "-"],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, **CLOCK},
    )  # fmt: skip
    _wait_for(lambda: _blocked_reading_stdin(process))
    return process


def _unread(process: subprocess.Popen) -> int:
    """Bytes written to the process's standard input that it has not read yet."""
    return struct.unpack("i", fcntl.ioctl(process.stdin.fileno(), termios.FIONREAD, b"\0" * 4))[0]


def _feed(process: subprocess.Popen, lines: list[str]) -> None:
    """Write ``lines`` to the process and wait until it has read and counted them."""
    process.stdin.write(("\n".join(lines) + "\n").encode())
    process.stdin.flush()
    _wait_for(lambda: _unread(process) == 0 and _blocked_reading_stdin(process))


def test_two_ingests_at_once_take_turns(tmp_path: Path, conf: Path) -> None:
    output = tmp_path / "output"
    built_site(output)
    traffic = [line(f"/2026/11/{'xyz'[i % 3]}/", seconds=i * 7, ip=f"10.0.{i // 200}.{i % 200}") for i in range(3000)]
    first_part, second_log = traffic[:1000], write_log(tmp_path / "access.log.1", traffic[500:])
    common = ("--settings", str(conf), "--output", str(output))

    first = _reading_from_stdin(*common)  # cron's ingest of the live log, still reading
    _feed(first, first_part)
    with open(tmp_path / "second.err", "w+", encoding="utf-8") as errors:
        second = subprocess.Popen([sys.executable, "-m", "newsdesk.most_read", *common, "--logs", str(second_log)],
                                  cwd=ROOT, stderr=errors, env={**os.environ, **CLOCK})  # fmt: skip
        _wait_for(lambda: second.poll() is not None or "waiting" in Path(errors.name).read_text(encoding="utf-8"))
        _, first_errors = first.communicate(("\n".join(traffic[1000:1500]) + "\n").encode(), timeout=120)
        second.wait(timeout=120)
        second_errors = Path(errors.name).read_text(encoding="utf-8")
    assert first.returncode == 0, first_errors.decode()
    assert second.returncode == 0, second_errors
    assert "Another `make most-read` is writing" in second_errors and "waiting for it to finish" in second_errors
    assert "Traceback" not in first_errors.decode() + second_errors

    alone = write_conf(tmp_path, MOST_READ_DB=str(tmp_path / "alone.sqlite3"))
    write_log(tmp_path / "both.log", traffic[:1500])
    reference = run(alone, tmp_path / "alone", "--logs", str(tmp_path / "both.log"), str(second_log))
    assert reference.returncode == 0
    per_article = "SELECT paths.path, SUM(views) FROM log_views JOIN paths ON paths.id = log_views.path GROUP BY 1"
    assert rows(tmp_path / "pv.sqlite3", per_article) == rows(tmp_path / "alone.sqlite3", per_article)
    assert rows(tmp_path / "pv.sqlite3", "SELECT COUNT(*) FROM hits") == [(3000,)]
    assert published(output)[0] == [("/2026/11/x/", 1000), ("/2026/11/y/", 1000), ("/2026/11/z/", 1000)]


def test_an_ingest_killed_halfway_leaves_the_store_as_it_was(tmp_path: Path, conf: Path) -> None:
    db = tmp_path / "pv.sqlite3"
    run(conf, tmp_path / "output", "--logs", str(write_log(tmp_path / "a.log", three_days())))
    before = digest(db)
    # a rotated log larger than the ingest holds in memory (250,000 hits), then the live log, still coming
    traffic = [line(seconds=i // 50, ip=f"10.{i // 65536}.{i // 256 % 256}.{i % 256}") for i in range(260_000)]
    rotated = write_log(tmp_path / "access.log.1", traffic)
    ingest = _reading_from_stdin("--settings", str(conf), "--output", str(tmp_path / "output"), logs=(str(rotated),))
    ingest.send_signal(signal.SIGKILL)  # the machine went down
    ingest.communicate(timeout=60)

    assert digest(db) == before
    again = run(conf, tmp_path / "output", "--logs", str(rotated))
    assert again.returncode == 0, again.stderr
    assert "views counted:            +260,000" in again.stderr
    assert rows(db, "SELECT COUNT(*) FROM hits") == [(260_042,)]
    assert rows(db, "SELECT SUM(views) FROM log_views") == [(260_042,)]

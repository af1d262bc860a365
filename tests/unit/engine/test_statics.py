"""Static files: unchanged ones are linked from the live site, changed ones copied afresh."""

from __future__ import annotations

import os
from pathlib import Path

from engine.statics import _unchanged, same_file_data


def test_same_file_data_compares_size_and_nanosecond_mtime(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.write_bytes(b"12345")
    b.write_bytes(b"54321")
    os.utime(b, ns=(0, a.stat().st_mtime_ns))
    assert same_file_data(a.stat(), b.stat())
    os.utime(b, ns=(0, a.stat().st_mtime_ns + 1))
    assert not same_file_data(a.stat(), b.stat())
    b.write_bytes(b"123456")
    os.utime(b, ns=(0, a.stat().st_mtime_ns))
    assert not same_file_data(a.stat(), b.stat())


def test_a_live_copy_counts_as_unchanged_only_when_it_is_a_regular_file(tmp_path: Path) -> None:
    source, live, link = tmp_path / "source.png", tmp_path / "live.png", tmp_path / "link.png"
    source.write_bytes(b"png")
    live.write_bytes(b"png")
    os.utime(live, ns=(0, source.stat().st_mtime_ns))
    assert _unchanged(str(source), str(live))
    link.symlink_to(source)  # same size and time through the link, but a link is never kept
    assert not _unchanged(str(source), str(link))
    assert not _unchanged(str(source), str(tmp_path / "missing.png"))

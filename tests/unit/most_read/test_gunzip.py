"""Unit tests of the gzip reader of the ingest: every member, zero padding, a break, damage."""

from __future__ import annotations

import gzip
import io

import pytest
from most_read import gunzip
from most_read.gunzip import Gunzip

TEXT = b"".join(b"203.0.113.%d - - [18/Nov/2026:07:45:12 +0000] line %d\n" % (n % 250, n) for n in range(20000))


def read_all(data: bytes, size: int = 1 << 16) -> bytes:
    reader, out = Gunzip(io.BytesIO(data)), []
    while part := reader.read1(size):
        assert len(part) <= size
        out.append(part)
    return b"".join(out)


def test_the_same_bytes_as_the_standard_library() -> None:
    assert gunzip.ENGINE in ("isal", "zlib")
    assert read_all(gzip.compress(TEXT)) == TEXT == gzip.decompress(gzip.compress(TEXT))


def test_members_one_after_another_and_zero_padding() -> None:
    data = gzip.compress(TEXT[:1000]) + gzip.compress(TEXT[1000:]) + b"\x00" * 16
    assert read_all(data, 333) == TEXT


def test_a_file_cut_short_gives_what_came_before_then_says_so() -> None:
    data = gzip.compress(TEXT)
    reader, got = Gunzip(io.BytesIO(data[: len(data) // 2])), b""
    with pytest.raises(EOFError):
        while part := reader.read1(1 << 14):
            got += part
    assert len(got) > len(TEXT) // 3 and TEXT.startswith(got)


@pytest.mark.parametrize("where", ["body", "trailer"])
def test_damaged_data_is_a_bad_gzip_file(where: str) -> None:
    data = bytearray(gzip.compress(TEXT))
    at = len(data) // 2 if where == "body" else len(data) - 6  # a byte of the deflate stream, or of the CRC
    data[at : at + 2] = bytes(255 - b for b in data[at : at + 2])
    with pytest.raises(gzip.BadGzipFile):
        read_all(bytes(data))

"""Reading a log file as blocks of complete lines, memory bounded whatever the input (pure I/O)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import BinaryIO

from .counting import MAX_LINE
from .gunzip import Gunzip

BLOCK = 1 << 20


def read_lines(
    handle: BinaryIO, max_line: int = MAX_LINE, block_size: int = BLOCK
) -> Iterator[list[bytes] | list[str]]:
    """Blocks of complete lines, without their newlines, as text when the block is valid UTF-8.

    Memory stays bounded whatever the input: a line longer than ``max_line`` is cut to
    ``max_line + 1`` bytes (enough to be rejected as too long) and the rest skipped.
    """
    for body in read_bodies(handle, max_line, block_size):
        yield body if isinstance(body, list) else split_body(body)


def read_bodies(handle: BinaryIO, max_line: int = MAX_LINE, block_size: int = BLOCK) -> Iterator[bytes | list[bytes]]:
    """``read_lines``'s blocks before they are cut into lines: the bytes of complete lines, each
    with its newline, or (a list) the start of a line longer than ``max_line``."""
    tail = b""
    skipping = False
    for block in _chunks(handle, block_size):
        cut = block.rfind(b"\n")
        if cut < 0:  # no line ends in this block
            if not skipping:
                tail += block
                if len(tail) > max_line:
                    yield [tail[: max_line + 1]]
                    tail, skipping = b"", True
            continue
        if skipping:
            start = block.find(b"\n") + 1  # the rest of the long line, already reported
            body, skipping = block[start : cut + 1], False
        else:
            body = tail + block[: cut + 1]
        tail = block[cut + 1 :]
        yield body
        if len(tail) > max_line:  # a long line starts here and goes on: report it, skip the rest
            yield [tail[: max_line + 1]]
            tail, skipping = b"", True
    if tail and not skipping:
        yield tail + b"\n"


def _chunks(handle: BinaryIO, size: int) -> Iterator[bytes]:
    """The bytes of ``handle`` in chunks of about ``size``; a broken gzip stream yields what came before
    its break, then raises (``read1``: a gzip file hands out what it has decompressed, a few kB at a time)."""
    read = getattr(handle, "read1", handle.read)
    parts: list[bytes] = []
    held = 0
    try:
        while part := read(size - held):
            parts.append(part)
            held += len(part)
            if held >= size:
                yield b"".join(parts)
                parts, held = [], 0
    except (OSError, EOFError):  # gzip.BadGzipFile is an OSError
        if parts:
            yield b"".join(parts)
        raise
    if parts:
        yield b"".join(parts)


def split_body(body: bytes) -> list[bytes] | list[str]:
    """The lines of a body without their newlines: text when it is valid UTF-8, else bytes."""
    try:
        return body.decode().split("\n")[:-1]
    except UnicodeDecodeError:
        return body.split(b"\n")[:-1]


def open_log(name: str) -> BinaryIO:
    """A log as bytes: "-" is standard input; gzip is recognised by its first bytes, whatever the name."""
    if name == "-":
        return sys.stdin.buffer
    handle = open(name, "rb")
    if handle.peek(2)[:2] == b"\x1f\x8b":
        return Gunzip(handle)  # type: ignore[return-value]
    return handle

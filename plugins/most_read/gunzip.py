"""Reading a gzip'd log: every member of the file in turn, what came before a break kept.

Decompression is the first cost of an ingest: ``gzip.GzipFile`` spends about 1.5 µs of CPU on
each line of a Combined log here, a third of the whole reading once the rest is fast. With
``isal`` installed (ISA-L's inflate, pinned in requirements.txt) the same stream takes about a
third of that; without it the standard library's ``zlib`` reads the same bytes, more slowly.
"""

from __future__ import annotations

import gzip
from typing import BinaryIO

try:
    from isal import isal_zlib as _zlib
except ImportError:  # the standard library's inflate: the same bytes, about 2.5 times the CPU
    import zlib as _zlib  # type: ignore[no-redef]

ENGINE = "isal" if _zlib.__name__.startswith("isal") else "zlib"
GZIP = 31  # wbits: a gzip header and trailer around a deflate stream
READ = 256 << 10  # compressed bytes read from the file at a time


class Gunzip:
    """The decompressed bytes of a gzip file, ``read1`` by ``read1``.

    A file cut short (a copy that stopped, a log still being compressed) gives everything before
    the break, then ``EOFError``; damaged data gives ``gzip.BadGzipFile`` naming what zlib found.
    """

    def __init__(self, fileobj: BinaryIO) -> None:
        self.fileobj = fileobj  # the file on disk: its position tells the progress line how far
        self._member = _zlib.decompressobj(GZIP)
        self._input = b""
        self._inside = False  # a member has begun and not ended

    def __enter__(self) -> Gunzip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fileno(self) -> int:
        return self.fileobj.fileno()

    def close(self) -> None:
        self.fileobj.close()

    def read(self, size: int = -1) -> bytes:
        """``size`` bytes (fewer at the end), or the whole rest when ``size`` is negative."""
        parts, wanted = [], size if size >= 0 else 1 << 62
        while wanted > 0 and (part := self.read1(min(wanted, 1 << 20))):
            parts.append(part)
            wanted -= len(part)
        return b"".join(parts)

    def read1(self, size: int = READ) -> bytes:
        """Up to ``size`` decompressed bytes; b"" at the end of the file."""
        while True:
            if not self._input:
                self._input = self.fileobj.read(READ)
                if not self._input:
                    if self._inside:
                        raise EOFError("Compressed file ended before the end-of-stream marker was reached")
                    return b""
            if not self._inside:
                self._input = self._input.lstrip(b"\x00")  # zeros padding the file's end, as gzip allows
                if not self._input:
                    continue
            self._inside = True
            try:
                out = self._member.decompress(self._input, size)
            except _zlib.error as exc:
                raise gzip.BadGzipFile(f"damaged gzip data ({exc})") from None
            if self._member.eof:  # the member ended: another may follow
                self._input = self._member.unused_data
                self._member, self._inside = _zlib.decompressobj(GZIP), False
            else:
                self._input = self._member.unconsumed_tail
            if out:
                return out

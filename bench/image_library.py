"""pyvips against Pillow: one 3000 x 2000 JPEG resized to five widths in one format (issue #22).

Run in a throwaway venv holding both libraries, once per library and format:
    python bench/image_library.py vips|pil photo.jpg avif|webp|jpeg
Prints wall and CPU seconds per source image (mean of three after one warm-up), the bytes
written and the peak resident memory. Both libraries shrink a JPEG on load (``draft``).
"""

from __future__ import annotations

import importlib
import io
import resource
import sys
import time

WIDTHS = (480, 800, 1200, 1600, 2400)
VIPS = {"avif": ".avif[Q=50,effort=2,keep=none]", "webp": ".webp[Q=75,keep=none]", "jpeg": ".jpg[Q=80,keep=none]"}
PIL = {"avif": {"quality": 50, "speed": 7}, "webp": {"quality": 75}, "jpeg": {"quality": 80}}


def with_vips(data: bytes, fmt: str) -> int:
    pyvips = importlib.import_module("pyvips")  # one library per process: a fair peak RSS

    return sum(len(pyvips.Image.thumbnail_buffer(data, w).write_to_buffer(VIPS[fmt])) for w in WIDTHS)


def with_pil(data: bytes, fmt: str) -> int:
    Image = importlib.import_module("PIL.Image")

    written = 0
    for w in WIDTHS:
        src = Image.open(io.BytesIO(data))
        src.draft("RGB", (w, w))
        scaled = src.resize((w, round(src.height * w / src.width)), Image.Resampling.LANCZOS, reducing_gap=3.0)
        out = io.BytesIO()
        scaled.save(out, fmt.upper(), **PIL[fmt])
        written += len(out.getvalue())
    return written


def main(lib: str, path: str, fmt: str, runs: int = 3) -> None:
    with open(path, "rb") as handle:
        data = handle.read()
    resize = with_vips if lib == "vips" else with_pil
    resize(data, fmt)
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(runs):
        written = resize(data, fmt)
    wall, cpu = (time.perf_counter() - wall) / runs, (time.process_time() - cpu) / runs
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{lib:4} {fmt:4}: wall {wall:5.2f} s  cpu {cpu:5.2f} s  {written / 1024:5.0f} KiB  peak RSS {peak:4.0f} MiB")


if __name__ == "__main__":
    main(*sys.argv[1:4])

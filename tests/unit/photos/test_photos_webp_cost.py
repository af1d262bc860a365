"""The WebP files: a fraction of the CPU that smart subsampling at effort 4 took, and still close to the photo."""

from __future__ import annotations

import math
import time

import pytest
import pyvips
from photos import render
from photos.plan import Job

from bench.photos import photo

SLOW = "Q={q},smart_subsample,effort=4"  # the options before: five times the CPU for 0.5 dB


def _psnr(reference: pyvips.Image, made: bytes) -> float:
    mse = ((reference.cast("float") - pyvips.Image.new_from_buffer(made, "").cast("float")) ** 2).avg()
    return 10 * math.log10(255**2 / mse)


def _cpu(source: render.Decoded, job: Job) -> float:
    times = []
    for _ in range(2):
        start = time.process_time()
        render.make_from(source, job)
        times.append(time.process_time() - start)
    return min(times)


def test_webp_costs_well_under_the_old_options_and_stays_close_to_the_photo(monkeypatch: pytest.MonkeyPatch) -> None:
    threads = pyvips.concurrency_get()
    pyvips.concurrency_set(1)  # as in the build's workers
    source = render.decode(photo(1600, 1000, seed=9))
    job = Job(1600, 1000, False, "webp", 75)
    made = render.make_from(source, job)
    assert _psnr(source.image, made) > 37
    assert made == render.make_from(source, job)
    now = _cpu(source, job)
    monkeypatch.setitem(render.OPTIONS, "webp", SLOW)
    before = _cpu(source, job)
    pyvips.concurrency_set(threads)
    assert now < 0.6 * before

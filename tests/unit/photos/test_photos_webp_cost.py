"""The WebP files: the cheap options (effort 2, no smart subsampling; their CPU is measured by `make
photo-bench`, never here) stay close to the photo and to what the old, five-times-dearer options made."""

from __future__ import annotations

import math

import pytest
import pyvips
from photos import render
from photos.plan import Job

from bench.photos import photo

SLOW = "Q={q},smart_subsample,effort=4"  # the options before


def _psnr(reference: pyvips.Image, made: bytes) -> float:
    mse = ((reference.cast("float") - pyvips.Image.new_from_buffer(made, "").cast("float")) ** 2).avg()
    return 10 * math.log10(255**2 / mse)


def test_webp_stays_close_to_the_photo_and_to_the_old_options_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    source = render.decode(photo(1600, 1000, seed=9))
    job = Job(1600, 1000, False, "webp", 75)
    made = render.make_from(source, job)
    assert made == render.make_from(source, job)  # byte-stable
    monkeypatch.setitem(render.OPTIONS, "webp", SLOW)
    old = render.make_from(source, job)
    assert old != made  # the options are really the build's
    assert _psnr(source.image, made) > 37 and _psnr(source.image, made) > _psnr(source.image, old) - 1.0
    assert len(made) < 1.05 * len(old)

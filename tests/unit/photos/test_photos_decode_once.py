"""A photo is decoded once for all the files made from it, and each file's bytes do not depend on which
other files were made with it (a build that finds some in the cache makes the same bytes for the rest)."""

from __future__ import annotations

from pathlib import Path

import pytest
import pyvips
from photos import plan as planning
from photos import settings as photo_settings
from photos.store import Made
from photos.work import make_files

from bench.photos import photo


def _jobs() -> list[tuple[str, planning.Job]]:
    config = photo_settings.load({})
    planned = planning.plan("p.jpg", "0" * 64, (1200, 800), config, "test")
    return [(f"{i:02d}" + "0" * 62, job) for i, job in enumerate(planned.jobs.values())]


def test_every_file_of_a_photo_comes_from_one_decode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "p.jpg"
    source.write_bytes(photo(1200, 800, seed=7))
    calls: list[str] = []
    for loader in ("new_from_buffer", "thumbnail_buffer", "new_from_file", "thumbnail"):
        real = getattr(pyvips.Image, loader)

        def counted(*args: object, _real: object = real, _name: str = loader, **kwargs: object) -> pyvips.Image:
            calls.append(_name)
            return _real(*args, **kwargs)  # type: ignore[operator]

        monkeypatch.setattr(pyvips.Image, loader, staticmethod(counted))
    jobs = _jobs()
    assert len(jobs) > 15
    failures, kept = make_files((str(source), jobs), str(tmp_path / "cache"))
    assert failures == [] and set(kept) == {key for key, _ in jobs}
    assert calls == ["new_from_buffer"]
    made = Made(str(tmp_path / "cache"))
    assert all(made.get(key, kept[key]) for key, _ in jobs)


def test_a_file_is_the_same_bytes_made_alone_or_with_the_others(tmp_path: Path) -> None:
    source = tmp_path / "p.jpg"
    source.write_bytes(photo(1200, 800, seed=8))
    jobs = _jobs()
    failures, kept = make_files((str(source), jobs), str(tmp_path / "all"))
    assert failures == []
    together, alone = Made(str(tmp_path / "all")), Made(str(tmp_path / "one"))
    for key, job in jobs[::5]:
        failures, one = make_files((str(source), [(key, job)]), str(tmp_path / "one"))
        assert failures == [] and one[key][:2] == kept[key][:2]
        assert alone.get(key, one[key]) == together.get(key, kept[key])

"""The related worker hands back the wall and the CPU seconds of its ranking, so that a build's timings
show whether it worked longer or waited for a core."""

from __future__ import annotations

from related import plugin, settings


def test_the_worker_reports_its_ranking_with_wall_and_cpu_seconds() -> None:
    config = settings.load({}).config
    ranking, wall, cpu = plugin._rank_in_worker([], config, None)
    assert ranking is not None
    assert wall >= 0 and 0 <= cpu <= wall + 0.01

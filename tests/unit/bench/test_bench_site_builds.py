"""The order of the bench's site builds (bench/run.py ``site_builds``): which builds see which page views."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import run as bench_run

LOG_LINE = '192.0.2.1 - - [30/Jun/2025:23:59:59 +0000] "GET /2025/06/a/ HTTP/1.1" 200 512 "-" "Mozilla/5.0"\n'


@pytest.fixture
def commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Every command ``site_builds`` runs, in order, with each one's environment's timings file written."""
    ran: list[list[str]] = []

    def fake_run(command: list[str], env: dict[str, str] | None = None, cwd: Path = bench_run.ROOT):
        ran.append(command)
        if env and env.get("NEWSDESK_TIMINGS"):
            Path(env["NEWSDESK_TIMINGS"]).write_text(json.dumps({"total": 1.0}))
        if "build" in command:
            out = Path(command[command.index("--output") + 1])
            out.mkdir(parents=True, exist_ok=True)
        return 1.0, 10, 1.0

    monkeypatch.setattr(bench_run, "run", fake_run)
    (tmp_path / "access.log").write_text(LOG_LINE)
    content = tmp_path / "content"
    content.mkdir()
    article = content / "a.md"
    article.write_text("Title: A\n\nFirst paragraph.\n\nSecond.\n")
    bench_run.site_builds(tmp_path / "work", content, tmp_path / "conf.py", article)
    return ran


def _kinds(commands: list[list[str]]) -> list[str]:
    kinds = []
    for command in commands:
        if "newsdesk.most_read" in command:
            kinds.append("refresh" if "next-hour.log" in command[-1] else "ingest")
        else:
            kinds.append("build --full" if "--full" in command else "build")
    return kinds


def test_the_page_views_are_ingested_before_the_cold_build(commands: list[list[str]]) -> None:
    kinds = _kinds(commands)
    assert kinds[0] == "ingest", kinds  # the cold and the warm build see the same traffic
    assert kinds[1] == "build --full", kinds  # the cold build stays the full reference
    assert kinds[2] == "build", kinds  # the warm one is a first build into an empty folder, the cache kept
    assert kinds[-1] == "refresh", kinds
    assert kinds.count("ingest") == 1

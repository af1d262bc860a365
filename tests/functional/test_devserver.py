"""`make devserver` rebuilds on save, survives a broken save and keeps serving the last good site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from support.builds import ROOT, article_text
from support.http import fetch, free_port, wait_for


def test_devserver_survives_a_broken_save(make_site, tmp_path: Path) -> None:
    content = make_site()
    port = free_port()
    log = tmp_path / "devserver.log"
    with log.open("w") as sink:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "newsdesk",
                "devserver",
                "--input",
                str(content),
                "--output",
                str(tmp_path / "out"),
                "--port",
                str(port),
            ],
            cwd=ROOT,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    story = content / "articles" / "story-1.md"
    try:
        wait_for(lambda: fetch(f"{base}/2026/11/story-number-1/")[0] == 200)
        assert fetch(f"{base}/no/such/page")[0] == 404

        story.write_text(article_text("Story number 1", date="2026-11-11 09:30", Tag="typo"))
        wait_for(lambda: "still serving the last good site" in log.read_text())
        status, page = fetch(f"{base}/2026/11/story-number-1/")
        assert status == 200 and "Story number 1" in page
        assert "story-1.md" in log.read_text() and "did you mean 'Tags'" in log.read_text()

        story.write_text(article_text("Story number 1, updated", date="2026-11-11 09:30", slug="story-number-1"))
        wait_for(lambda: "Story number 1, updated" in fetch(f"{base}/2026/11/story-number-1/")[1])
    finally:
        server.terminate()
        server.wait(timeout=10)

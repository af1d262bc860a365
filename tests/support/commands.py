"""The commands an editor runs, run the way the Makefile runs them: ``make publish`` and ``make article``."""

from __future__ import annotations

import subprocess
from pathlib import Path

from support.builds import ROOT, run_newsdesk


def publish(content: Path, output: Path) -> object:
    return run_newsdesk("build", "--settings", "publishconf.py", "--input", str(content), "--output", str(output),
                        "--verify")  # fmt: skip


def make_article(content: Path, *args: str) -> subprocess.CompletedProcess:
    """``make article`` on another content folder, with no terminal on stdin (as in CI or an editor)."""
    return subprocess.run(
        ["make", "-s", "article", f"INPUTDIR={content}", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=600,
        check=False,
    )

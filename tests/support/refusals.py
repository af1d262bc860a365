"""Broken content refused the same way by a build and by ``make check``."""

from __future__ import annotations

import subprocess
from pathlib import Path

from support.builds import build, run_newsdesk, tree_digest


def assert_refused(content: Path, output: Path, expected: list[str]) -> subprocess.CompletedProcess:
    """Build ``content`` into ``output`` (made when missing): the build fails, reports every ``expected``
    text and leaves ``output`` as it was; ``make check`` fails reporting each as an error. Returns the build."""
    output.mkdir(parents=True, exist_ok=True)
    before = tree_digest(output)
    result = build(content, output)
    assert result.returncode != 0
    for text in expected:
        assert text in result.stderr, f"{text!r} missing from:\n{result.stderr}"
    assert "Fix:" in result.stderr
    assert tree_digest(output) == before
    check = run_newsdesk("check", "--input", str(content))
    assert check.returncode == 1
    for text in expected:
        assert text in check.stdout, f"{text!r} missing from:\n{check.stdout}"
    return result

"""A build on a Pelican release the engine was not tested with stops at start, before reading anything."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from support.builds import ROOT


def test_a_build_on_an_untested_pelican_stops_before_reading_anything(tmp_path: Path) -> None:
    script = (
        "import sys, runpy, pelican\n"
        "pelican.__version__ = '4.99.0'\n"
        f"sys.argv = ['newsdesk', 'build', '--settings', 'pelicanconf.py', '--output', {str(tmp_path / 'out')!r}]\n"
        "runpy.run_module('newsdesk', run_name='__main__')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], check=False, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1
    assert "error: Pelican 4.99.0 is installed" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()

"""Pagefind's output is UTF-8 whatever the build's locale says: a build run under an ASCII locale (``LC_ALL=C``
without UTF-8 mode, as some CI runners have) must still read a summary with a non-ASCII character."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support.builds import ROOT

SCRIPT = """
import sys
from search.pagefind import collect, launch
from search.shards import Shard
process = launch(sys.argv[1], sys.argv[2], sys.argv[3], Shard("2026", ("2026/a.html",)), "en")
print(collect(process, Shard("2026", ("2026/a.html",))).encode("unicode_escape").decode("ascii"))
"""


def test_a_summary_with_a_non_ascii_character_is_read_under_an_ascii_locale(tmp_path: Path) -> None:
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\nprintf 'Running Pagefind \\342\\200\\246\\nIndexed 1 page \\342\\200\\224 en\\n'\n")
    fake.chmod(0o755)
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": "ascii",
           "PYTHONPATH": str(ROOT / "plugins")}  # fmt: skip
    done = subprocess.run([sys.executable, "-X", "utf8=0", "-c", SCRIPT, str(fake), str(tmp_path), "out"],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Indexed 1 page \\u2014 en"

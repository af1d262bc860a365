"""A corpus from the benchmark generator (bench/corpus.py) is a site the build accepts, every article on its page."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

from support.builds import ROOT
from support.corpus import read_articles

from bench.corpus import generate


def test_the_site_builds_a_generated_corpus(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    generate(out, 40, seed=1, images=True)
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "newsdesk", "build", "--input", str(out / "content"), "--output", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    articles = read_articles(out / "content")
    for a in articles:
        date = datetime.strptime(a["meta"]["Date"], "%Y-%m-%d %H:%M")
        page = site / f"{date:%Y}" / f"{date:%m}" / a["meta"]["Slug"] / "index.html"
        assert page.is_file(), page
        assert a["meta"]["Slug"] in page.read_text(encoding="utf-8")
    pages = [p for p in site.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/index.html") if p.parent.name != "page"]
    assert len(pages) == len(articles) == 40

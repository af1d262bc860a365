"""``make related-report``: every article's related list with scores and reasons, for an editor to check."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from related.explain import why
from related.model import SCORED, Link
from support.builds import FIXTURES, ROOT, article_text

EVAL = FIXTURES / "related_eval"


def report(content: Path, output: Path) -> subprocess.CompletedProcess:
    command = [
        "-m",
        "newsdesk.related_report",
        "--settings",
        "pelicanconf.py",
        "--input",
        str(content),
        "--output",
        str(output),
    ]
    return subprocess.run(
        [sys.executable, *command],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_markdown_report_lists_every_article_with_scores_and_reasons(tmp_path: Path) -> None:
    output = tmp_path / "related-report.md"
    result = report(EVAL / "articles", output)
    assert result.returncode == 0, result.stderr
    text = output.read_text(encoding="utf-8")
    assert text.startswith("# Related articles report")
    assert text.count("\n## ") == len(list((EVAL / "articles").glob("*.md")))
    section = text.split("## Ferry operator Harbourline hit by ransomware, sailings delayed")[1].split("\n## ")[0]
    first = next(line for line in section.splitlines() if line.startswith("| 1 |"))
    assert "harbourline" in first and "| scored |" in first
    assert "tags harbourline attack (" in section and "terms " in section and "days apart" in section
    assert "Settings: count 4; weights: text 1, tags 0.1" in text


def test_text_report_and_pin_errors(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(EVAL / "articles", content)
    (content / "pinned.md").write_text(
        article_text("Pinned", Image=None, Image_Alt=None, Image_Caption=None, Image_Credit=None, Related="nope"),
        encoding="utf-8",
    )
    output = tmp_path / "report.txt"
    result = report(content, output)
    assert result.returncode == 1
    assert "pinned.md: [Related] no article has the slug 'nope'" in result.stderr
    text = output.read_text(encoding="utf-8")
    assert text.startswith("RELATED ARTICLES REPORT")
    assert "ERROR pinned.md: [Related]" in text
    assert "| 1 |" not in text and "  1. " in text


def test_why_names_tags_terms_section_and_time() -> None:
    link = Link("k", "s", SCORED, 0.5, 0.3, 0.9, (("glimmerdb flaw", 0.84),), ("glimmerdb", "patch"), False, 2.4)
    assert why(link) == "tags glimmerdb flaw (0.84); terms glimmerdb, patch; other section; 2 days apart"

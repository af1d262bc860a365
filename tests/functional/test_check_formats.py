"""``make check`` for CI: GitHub Actions annotations and a JSON report of a stable shape."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from common.errors import Problem
from support.builds import ROOT, article_text, run_newsdesk

from newsdesk.annotations import default_format, github_command


def site_with_problems(make_site) -> Path:
    return make_site(
        {
            "articles/bad, name: 100%.md": article_text("Bad", Category="Sport"),
            "articles/no-alt.md": article_text("No alt", Image_Alt=None),
        }
    )


def test_github_commands_escape_data_and_properties_as_github_documents() -> None:
    problem = Problem("content/a,b:c%.md", 4, "Tags", "100% wrong\r\nhere: yes, really.", "fix, then: push.")
    assert github_command(problem) == (
        "::error file=content/a%2Cb%3Ac%25.md,line=4,title=Tags::"
        "100%25 wrong%0D%0Ahere: yes, really. Fix: fix, then: push."
    )
    assert github_command(Problem("a.md", None, None, "odd.", "", "warning")) == (
        "::warning file=a.md,line=1,title=newsdesk check::odd."
    )
    assert default_format({"GITHUB_ACTIONS": "true"}) == "github" and default_format({}) == "text"


def test_inside_github_actions_make_check_annotates_the_lines(make_site) -> None:
    content = site_with_problems(make_site)
    result = run_newsdesk("check", "--input", str(content), env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    bad = f"{content}/articles/bad%2C name%3A 100%25.md"
    category_line = article_text("Bad", Category="Sport").splitlines().index("Category: Sport") + 1
    assert f"::error file={bad},line={category_line},title=Category::'Sport' is not a section" in "\n".join(lines)
    assert any(line.startswith("::warning file=") and "title=Image_Alt::" in line for line in lines)
    assert all(line.startswith(("::error ", "::warning ")) for line in lines), lines
    text = run_newsdesk("check", "--input", str(content), "--format", "text", env={"GITHUB_ACTIONS": "true"})
    assert not any(line.startswith("::") for line in text.stdout.splitlines())


def test_make_check_format_json_has_the_documented_shape(make_site) -> None:
    content = site_with_problems(make_site)
    result = subprocess.run(
        ["make", "-s", "check", f"INPUTDIR={content}", "FORMAT=json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode != 0
    report = json.loads(result.stdout)
    assert set(report) == {"version", "files_checked", "errors", "warnings", "problems"}
    assert report["version"] == 1 and report["files_checked"] == 5
    assert (report["errors"], report["warnings"]) == (1, 1)
    [error] = [p for p in report["problems"] if p["severity"] == "error"]
    assert error == {
        "file": f"{content}/articles/bad, name: 100%.md",
        "line": 4,
        "field": "Category",
        "severity": "error",
        "message": "'Sport' is not a section of this site.",
        "fix": error["fix"],
    }
    assert "Sections: Cloud" in error["fix"]
    documented = (ROOT / "docs" / "workflow.md").read_text()
    for key in report["problems"][0]:
        assert f"`{key}`" in documented

"""Problem lines: ``path:line: severity:``, the path as seen from where make runs, the same from the build."""

from __future__ import annotations

from pathlib import Path

from common.errors import Problem
from newsroom.located import line_of, located, shown_path
from support.builds import ROOT, article_text, run_newsdesk

SETTINGS = str(ROOT / "pelicanconf.py")


def problem_lines(report: str) -> set[str]:
    return {line for line in report.splitlines() if ": error: " in line or ": warning: " in line}


def broken_site(make_site) -> Path:
    return make_site(
        {
            "articles/no-section.md": article_text("No section", Category=None),
            "articles/no-alt.md": article_text("No alt", Image_Alt=None),
            "articles/twin-a.md": article_text("Twin", slug="twin"),
            "articles/twin-b.md": article_text("Twin", slug="twin", Tags="security,,"),
        }
    )


def test_paths_are_relative_to_the_folder_make_runs_in_and_every_problem_has_a_line(make_site, tmp_path: Path) -> None:
    content = broken_site(make_site)
    result = run_newsdesk(
        "check", "--settings", SETTINGS, "--input", "content", cwd=tmp_path, env={"PYTHONPATH": str(ROOT)}
    )
    assert result.returncode == 1, result.stderr
    lines = problem_lines(result.stdout)
    assert "content/articles/no-section.md:1: error: [Category] 'Category' is missing or empty." in "\n".join(lines), (
        lines
    )
    slug_line = article_text("Twin", slug="twin").splitlines().index("Slug: twin") + 1
    assert any(line.startswith(f"content/articles/twin-a.md:{slug_line}: error: [Slug]") for line in lines), lines
    assert any(line.startswith("content/articles/no-alt.md:1: warning: [Image_Alt]") for line in lines), lines
    for line in lines:
        path, number, rest = line.split(":", 2)
        assert (tmp_path / path).is_file() and int(number) >= 1 and rest.startswith((" error: ", " warning: ")), line

    outside = run_newsdesk("check", "--input", str(content))  # from the repository, a folder elsewhere
    assert any(line.startswith(f"{content}/articles/no-section.md:1: error:") for line in problem_lines(outside.stdout))


def test_the_build_prints_the_same_lines_as_make_check(make_site, tmp_path: Path) -> None:
    broken_site(make_site)
    env = {"PYTHONPATH": str(ROOT)}
    checked = run_newsdesk("check", "--settings", SETTINGS, "--input", "content", cwd=tmp_path, env=env)
    built = run_newsdesk(
        "build", "--settings", SETTINGS, "--input", "content", "--output", "out", cwd=tmp_path, env=env
    )
    assert built.returncode != 0 and not (tmp_path / "out").exists()
    errors = {line for line in problem_lines(checked.stdout) if ": error: " in line}
    assert errors and errors == {line for line in problem_lines(built.stderr) if ": error: " in line}


def test_a_problem_without_a_line_points_at_its_field_or_the_first_line(tmp_path: Path) -> None:
    text = "Title: A\nDate: 2026-11-20 09:30\nSlug: a\n\nBody.\n"
    assert line_of(Problem("a.md", None, "Slug", "clash."), text) == 3
    assert line_of(Problem("a.md", None, "Category", "missing."), text) == 1
    assert line_of(Problem("a.md", None, None, "unreadable."), text) == 1
    toml = '[[author]]\nname = "A"\n\n[[author]]\nname = "B"\nphoto = "x.png"\n'
    assert line_of(Problem("authors.toml", None, "author[1].photo", "missing."), toml) == 4
    assert (
        line_of(Problem("authors.toml", None, None, "is not valid TOML: Expected '=' (at line 7, column 2)."), "") == 7
    )
    (tmp_path / "site" / "articles").mkdir(parents=True)
    (tmp_path / "site" / "articles" / "a.md").write_text(text)
    [shown] = located([Problem("articles/a.md", None, "Slug", "clash.")], str(tmp_path / "site"))
    assert (shown.line, shown.path.endswith("site/articles/a.md")) == (3, True)
    assert shown_path(str(tmp_path / "site"), "articles/a.md", str(tmp_path)) == "site/articles/a.md"
    assert shown_path(str(tmp_path / "site"), "articles/a.md", str(tmp_path / "elsewhere")) == str(
        tmp_path / "site" / "articles" / "a.md"
    )

"""The Makefile and command-line tools as a journalist or editor uses them."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from support.builds import ROOT, article_text, build, run_newsdesk, tree_digest

from newsdesk.safety import MARKER, UnsafeOutput, check_output_dir


def make(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "-s", *args], cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)


@pytest.mark.parametrize("value", ["", " ", "/", "..", ".", str(ROOT), str(ROOT / "content"), "~", str(ROOT.parent)])
def test_output_dir_guard_refuses_folders_that_hold_other_things(value: str) -> None:
    with pytest.raises(UnsafeOutput):
        check_output_dir(value, ROOT, ROOT / "content")


def test_output_dir_guard_refuses_the_content_folder_and_anything_inside(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "sub").mkdir(parents=True)
    for target in (content, content / "sub", tmp_path):
        with pytest.raises(UnsafeOutput):
            check_output_dir(str(target), ROOT, content)


def test_make_clean_deletes_only_a_folder_a_build_wrote(tmp_path: Path) -> None:
    precious = tmp_path / "notes"
    precious.mkdir()
    (precious / "draft.txt").write_text("keep")
    result = make("clean", f"OUTPUTDIR={precious}")
    assert result.returncode != 0 and "did not write" in result.stderr
    assert (precious / "draft.txt").read_text() == "keep"

    built = tmp_path / "site"
    built.mkdir()
    (built / MARKER).write_text("")
    (built / "index.html").write_text("x")
    assert make("clean", f"OUTPUTDIR={built}").returncode == 0
    assert not built.exists() and precious.exists()


def test_make_clean_refuses_a_content_folder_even_with_a_build_marker_in_it(make_site, tmp_path: Path) -> None:
    """A `.newsdesk-output` file (copied in with a site, say) is not enough: the content folder, a folder
    that holds it, and any folder holding article sources are refused with one line, and kept whole."""
    content = make_site()
    (content / MARKER).write_text("")
    (tmp_path / MARKER).write_text("")
    before = tree_digest(tmp_path)

    configured = make("clean", f"OUTPUTDIR={content}", f"INPUTDIR={content}")
    holding_it = make("clean", f"OUTPUTDIR={tmp_path}", f"INPUTDIR={content}")
    other = make("clean", f"OUTPUTDIR={content}")  # INPUTDIR is the repository's content: its sources give it away
    for result in (configured, holding_it, other):
        assert result.returncode != 0
        assert len([line for line in result.stderr.splitlines() if line.startswith("error:")]) == 1, result.stderr
    assert "is the content folder" in configured.stderr and "Fix:" in configured.stderr
    assert "holds other files" in holding_it.stderr
    assert "holds article sources (articles/story-0.md)" in other.stderr and "Fix:" in other.stderr
    assert tree_digest(tmp_path) == before


def test_make_clean_with_an_empty_outputdir_deletes_nothing() -> None:
    before = sorted(p.name for p in ROOT.iterdir())
    result = make("clean", "OUTPUTDIR=")
    assert result.returncode != 0
    assert sorted(p.name for p in ROOT.iterdir()) == before


def test_make_html_builds_another_content_folder_into_another_output(make_site, tmp_path: Path) -> None:
    content = make_site()
    output = tmp_path / "elsewhere"
    result = make("html", f"INPUTDIR={content}", f"OUTPUTDIR={output}")
    assert result.returncode == 0, result.stderr
    assert (output / "2026/11/story-number-0/index.html").is_file()


def test_make_html_fails_loudly_on_broken_content(make_site, tmp_path: Path) -> None:
    content = make_site({"articles/bad.md": article_text("Bad", Tag="x")})
    result = make("html", f"INPUTDIR={content}", f"OUTPUTDIR={tmp_path / 'out'}")
    assert result.returncode != 0 and "bad.md" in result.stderr


def test_article_scaffold_has_every_field_and_today(make_site, tmp_path: Path) -> None:
    content = make_site()
    conf = tmp_path / "conf.py"
    conf.write_text(f"from pelicanconf import *\nPATH = {str(content)!r}\n")
    result = run_newsdesk(
        "article",
        "--settings",
        str(conf),
        "--title",
        'Chipmaker & rival: a "merger"',
        "--section",
        "Hardware",
        "--authors",
        "Ada Lovelace",
        env={"PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    created = next((content / "articles").rglob("chipmaker-rival-a-merger.md"))
    text = created.read_text()
    from newsroom.fields import ARTICLE_FIELDS  # noqa: PLC0415

    for field in ARTICLE_FIELDS:
        assert f"\n{field}:" in f"\n{text}", field
    assert f"Date: {datetime.now().year}" in text and "Status: draft" in text
    again = run_newsdesk(
        "article", "--settings", str(conf), "--title", 'Chipmaker & rival: a "merger"', env={"PYTHONPATH": str(ROOT)}
    )
    assert again.returncode != 0 and "already exists" in again.stderr
    assert build(content, tmp_path / "out").returncode == 0


def test_check_reports_errors_and_warnings_without_building(make_site, tmp_path: Path) -> None:
    content = make_site(
        {"articles/new.md": article_text("Freelance", Authors="Ada Lovelace, Grace Hopper", Image_Alt=None)}
    )
    result = run_newsdesk("check", "--input", str(content))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Grace Hopper" in result.stdout and "not in the author registry" in result.stdout
    assert "Image_Alt" in result.stdout
    assert run_newsdesk("check", "--input", str(content), "--strict").returncode == 1

    (content / "articles/broken.md").write_text(article_text("Broken", Category="Sport"))
    result = run_newsdesk("check", "--input", str(content))
    assert result.returncode == 1 and "broken.md" in result.stdout and "Sport" in result.stdout


def test_ci_script_installs_the_browser_and_axe_core_and_runs_make_test() -> None:
    script = (ROOT / ".ci" / "run").read_text()
    commands = [line.split()[:2] for line in script.splitlines() if line and not line.startswith("#")]
    assert "chromium-driver" in script and " npm" in script
    # the unit lane first, then axe-core installed before the whole suite
    assert commands.index(["make", "test-fast"]) < commands.index(["npm", "ci"]) < commands.index(["make", "test"])


def test_shared_corpus_builds_as_it_is(tmp_path: Path) -> None:
    generator = ROOT.parent / "shared" / "bench" / "make_corpus.py"
    if not generator.is_file():
        pytest.skip("../shared/bench/make_corpus.py is not beside this clone")
    corpus = tmp_path / "corpus"
    subprocess.run(
        ["python3", str(generator), "--articles", "60", "--out", str(corpus), "--seed", "3", "--images", "-q"],
        check=True,
    )
    output = tmp_path / "out"
    result = build(corpus / "content", output)
    assert result.returncode == 0, result.stderr
    pages = [p for p in output.glob("20*/*/*/index.html")]
    assert len(pages) == 60
    shutil.rmtree(corpus)

"""``make article``: only a draft the build accepts is written, and nothing is invented."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from support.builds import ROOT, build, tree_digest
from support.commands import make_article


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("SECTION=Hardwear", "AUTHORS=Ada Lovelace"), "did you mean 'Hardware'?"),
        (("SECTION=Hardware", "AUTHORS=Ada Lovelac"), "did you mean 'Ada Lovelace'?"),
        (("SECTION=Hardware", "AUTHORS=Ada Lovelace, Nobody Known"), "'Nobody Known' is not in the author registry"),
        (("SECTION=Hardware", "AUTHORS=Ada Lovelace,,"), "empty name"),
        (("AUTHORS=Ada Lovelace",), "no section given; pass SECTION="),
        (("SECTION=Hardware",), "no byline given; pass AUTHORS="),
        (("SECTION=Hardware", "AUTHORS= "), "no byline given"),
    ],
)
def test_a_wrong_or_missing_section_or_byline_is_refused_and_nothing_is_written(
    make_site, args: tuple[str, ...], said: str
) -> None:
    content = make_site()
    before = tree_digest(content)
    result = make_article(content, "TITLE=Chipmaker confirms layoffs", *args)
    assert result.returncode != 0
    assert said in result.stderr and "Nothing was written." in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(content) == before


def test_the_byline_and_section_are_spelled_as_the_site_spells_them(make_site, tmp_path: Path) -> None:
    content = make_site()
    result = make_article(content, "TITLE=Chipmaker confirms layoffs", "SECTION=hardware", "AUTHORS=ada  lovelace")
    assert result.returncode == 0, result.stderr
    text = next((content / "articles").rglob("chipmaker-confirms-layoffs.md")).read_text()
    assert "\nAuthors: Ada Lovelace\n" in text and "\nCategory: Hardware\n" in text
    assert build(content, tmp_path / "out").returncode == 0


def test_a_new_byline_is_allowed_only_when_asked_for(make_site) -> None:
    content = make_site()
    args = ("TITLE=First story", "SECTION=Security", "AUTHORS=Ada Lovelace, Grace Hopper")
    assert make_article(content, *args).returncode != 0
    result = make_article(content, *args, "NEW_AUTHOR=1")
    assert result.returncode == 0, result.stderr
    story = next((content / "articles").rglob("first-story.md"))
    assert "\nAuthors: Ada Lovelace, Grace Hopper\n" in story.read_text()


def at_a_terminal(content: Path, answers: bytes) -> tuple[int, str, str]:
    """``newsdesk article`` with a terminal on stdin, typing ``answers`` at its questions."""
    main, secondary = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "newsdesk", "article", "--input", str(content), "--title", "Asked for"],
            cwd=ROOT,
            stdin=secondary,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        os.write(main, answers)
        out, err = process.communicate(timeout=120)
    finally:
        os.close(main)
        os.close(secondary)
    return process.returncode, out, err


def test_at_a_terminal_the_command_asks_for_what_is_missing(make_site) -> None:
    content = make_site()
    code, _, err = at_a_terminal(content, b"Hardwear\n")
    assert code != 0 and "did you mean 'Hardware'?" in err
    assert not list((content / "articles").rglob("asked-for.md"))

    code, out, err = at_a_terminal(content, b"cloud\nAda Lovelace\n")
    assert code == 0, err
    assert "Section (one of Security, Software" in out and "Byline (" in out
    text = next((content / "articles").rglob("asked-for.md")).read_text()
    assert "\nCategory: Cloud\n" in text and "\nAuthors: Ada Lovelace\n" in text

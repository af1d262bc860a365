"""An output folder the build cannot write gives one clear line, not a traceback, and is left as it was.

Permissions do not bind root, so when the tests run as root the builds run as the unprivileged
user ``nobody`` (with ``setpriv``), in a folder it can read.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.builds import ROOT, article_text, tree_digest, write_conf

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
NOBODY = 65534
PYTHON = [
    sys.executable,
    *(os.environ["NEWSDESK_DEBUG_MAIN"].split() if "NEWSDESK_DEBUG_MAIN" in os.environ else ["-m", "newsdesk"]),
]
AS_USER = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"] if os.geteuid() == 0 else []


@pytest.fixture
def place(make_site) -> Iterator[Path]:
    """A folder the build's user can read, with a small site's content, settings and a cache in it."""
    if AS_USER and not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    root = Path(tempfile.mkdtemp(prefix="newsdesk-unwritable-"))
    try:
        stories = {  # over a year: an edit to one story is applied to the live site in place
            f"articles/story-{i}.md": article_text(
                f"Story number {i}", date=f"2026-{1 + i % 12:02d}-{10 + i // 12} 09:30"
            )
            for i in range(60)
        }
        shutil.copytree(make_site(stories, count=0), root / "content")
        (root / "cache").mkdir()
        (root / "site").mkdir()
        write_conf(root, CACHE_PATH=str(root / "cache"), MOST_READ_DB=str(root / "pageviews.sqlite3"))
        for path in (root, *root.rglob("*")):
            path.chmod(0o755 if path.is_dir() else 0o644)
            if AS_USER and ("cache" in path.parts or "site" in path.parts):
                os.chown(path, NOBODY, NOBODY)
        yield root
    finally:
        for path in (root, *root.rglob("*")):
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(root)


def newsdesk_build(root: Path, output: Path, *extra: str) -> subprocess.CompletedProcess:
    command = [*PYTHON, "build", "--settings", str(root / "conf_0.py"),
               "--input", str(root / "content"), "--output", str(output), *extra]  # fmt: skip
    return subprocess.run([*AS_USER, *command], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)


def one_error(result: subprocess.CompletedProcess, *expected: str) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.stderr
    assert "Fix:" in errors[0] and all(text in errors[0] for text in expected), errors[0]
    return errors[0]


def test_a_read_only_folder_around_or_at_the_output_folder_is_refused_before_building(place: Path) -> None:
    site, output = place / "site", place / "site" / "output"
    assert newsdesk_build(place, output).returncode == 0
    before = tree_digest(place)

    site.chmod(0o555)  # the build cannot put its lock, staging folder or new site beside output/
    one_error(newsdesk_build(place, output, "--full"), f"cannot write in {site}", "read-only")
    one_error(newsdesk_build(place, site / "new-output"), f"cannot write in {site}")
    site.chmod(0o755)

    (place / "content" / "articles" / "story-0.md").write_text(article_text("An edited story"), encoding="utf-8")
    output.chmod(0o555)  # an edit is applied in place, in the folder itself
    one_error(newsdesk_build(place, output), f"the output folder {output} is read-only")
    output.chmod(0o755)

    assert tree_digest(place / "site") == {k[len("site/") :]: v for k, v in before.items() if k.startswith("site/")}
    assert sorted(p.name for p in site.iterdir()) == [".output.lock", "output"]  # no staging folder left


def test_a_folder_inside_the_output_that_cannot_be_written_stops_the_apply_and_the_next_build_finishes_it(
    place: Path,
) -> None:
    output = place / "site" / "output"
    assert newsdesk_build(place, output).returncode == 0
    source = place / "content" / "articles" / "story-0.md"  # its body only: its page and the feeds change
    source.write_text(source.read_text(encoding="utf-8").replace("First paragraph", "An edited paragraph"))
    page = output / "2026" / "01" / "story-number-0"
    page.chmod(0o555)
    line = one_error(newsdesk_build(place, output), str(page), "the next build finishes putting this one live")
    assert line.startswith("error: could not write")

    page.chmod(0o755)
    again = newsdesk_build(place, output)
    assert again.returncode == 0, again.stderr
    assert "Finished applying the previous build" in again.stderr
    assert "An edited paragraph" in (page / "index.html").read_text(encoding="utf-8")


def test_a_read_only_folder_in_a_replaced_site_does_not_fail_the_build_and_clean_says_what_to_do(
    place: Path,
) -> None:
    output = place / "site" / "output"
    assert newsdesk_build(place, output).returncode == 0
    stuck = output / "2026" / "01"
    stuck.chmod(0o555)
    rebuilt = newsdesk_build(place, output, "--full")  # the new site goes live; the old one cannot all be deleted
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert (output / "2026" / "01" / "story-number-0" / "index.html").is_file()

    (output / "2026" / "02").chmod(0o555)
    cleaned = subprocess.run([*AS_USER, *PYTHON, "clean", "--output", str(output)], cwd=ROOT, capture_output=True,
                             text=True, timeout=60, check=False)  # fmt: skip
    one_error(cleaned, "could not delete", "make clean again")
    (output / "2026" / "02").chmod(0o755)
    for retired in place.glob("site/.output.previous-*"):
        for folder in (retired, *retired.rglob("*")):
            if folder.is_dir():
                folder.chmod(0o755)
    cleaned = subprocess.run([*AS_USER, *PYTHON, "clean", "--output", str(output)], cwd=ROOT, capture_output=True,
                             text=True, timeout=60, check=False)  # fmt: skip
    assert cleaned.returncode == 0, cleaned.stderr
    assert sorted(p.name for p in (place / "site").iterdir()) == []


def test_a_file_the_build_only_reads_is_not_called_unwritable(tmp_path: Path) -> None:
    from newsdesk.build import _unwritable  # noqa: PLC0415

    output = tmp_path / "output"
    source = PermissionError(13, "Permission denied", str(tmp_path / "content" / "a.md"))
    staged = PermissionError(13, "Permission denied", str(tmp_path / ".output.staging" / "index.html"))
    assert _unwritable(source, output).startswith(f"could not use {tmp_path}/content/a.md (Permission denied). Fix: ")
    assert "that you can read it" in _unwritable(source, output)
    assert _unwritable(staged, output).startswith(f"could not write {tmp_path}/.output.staging/index.html")

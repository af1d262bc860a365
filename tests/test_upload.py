"""`make upload` sends only what `make publish` checked. Real rsync runs against temporary folders."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import run_newsdesk

pytestmark = pytest.mark.skipif(not shutil.which("rsync"), reason="rsync is not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small site built and checked by `make publish` once; each test uploads a copy of it."""
    from conftest import article_text  # noqa: PLC0415

    base = tmp_path_factory.mktemp("published")
    content = base / "content"
    (content / "articles").mkdir(parents=True)
    for i in range(3):
        (content / "articles" / f"story-{i}.md").write_text(
            article_text(f"Story number {i}", date=f"2026-11-{10 + i} 09:30", Image=None, Image_Alt=None,
                         Image_Caption=None, Image_Credit=None),
            encoding="utf-8",
        )  # fmt: skip
    output = base / "output"
    result = run_newsdesk("build", "--settings", "publishconf.py", "--input", str(content), "--output", str(output),
                          "--verify")  # fmt: skip
    assert result.returncode == 0, result.stderr
    return output


@pytest.fixture
def output(published: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "output"
    shutil.copytree(published, copy, symlinks=True)
    return copy


def upload(output: Path, target: str, *flags: str, env: dict[str, str] | None = None) -> object:
    return run_newsdesk("upload", "--output", str(output), "--target", target, *flags, env=env)


# --- only what make publish checked -----------------------------------------------------------------


def test_a_dangling_symlink_added_after_publish_is_refused_and_nothing_sent(output: Path, tmp_path: Path) -> None:
    (output / "2026" / "latest").symlink_to("../no-such-folder")
    www = tmp_path / "www"
    www.mkdir()
    result = upload(output, f"{www}/")
    assert result.returncode == 1
    assert "2026/latest is a symbolic link" in result.stderr and "make publish" in result.stderr
    assert list(www.iterdir()) == []


@pytest.mark.parametrize("kind", ["symlink-to-page", "fifo", "empty-folder"])
def test_anything_added_after_publish_is_refused(output: Path, tmp_path: Path, kind: str) -> None:
    if kind == "symlink-to-page":
        (output / "copy.html").symlink_to("index.html")
    elif kind == "fifo":
        os.mkfifo(output / "pipe")
    else:
        (output / "uploads").mkdir()
    www = tmp_path / "www"
    www.mkdir()
    result = upload(output, f"{www}/")
    assert result.returncode == 1, result.stderr
    assert list(www.iterdir()) == []

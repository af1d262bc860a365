"""`make upload` sends only to the site's own folder, deletes only what the site no longer has,
and sends only what `make publish` checked. Real rsync runs against temporary folders; a
"remote" target goes through rsync's remote protocol over a stand-in for ssh."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from support.builds import ROOT, run_newsdesk, tree_digest

pytestmark = pytest.mark.skipif(not shutil.which("rsync"), reason="rsync is not installed (.ci/run installs it)")

MARKER = ".newsdesk-site"
SITE_URL = "https://dailydiff.example"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small site built and checked by `make publish` once; each test uploads a copy of it."""
    from support.builds import article_text  # noqa: PLC0415

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


def site_files(folder: Path) -> dict[str, str]:
    """What a web server would serve from ``folder``: every file but Newsdesk's own markers."""
    return {rel: sha for rel, sha in tree_digest(folder).items() if not rel.split("/")[-1].startswith(".newsdesk-")}


def fake_ssh(tmp_path: Path) -> dict[str, str]:
    """An rsync remote shell that runs the far side locally: ``host:path`` targets use rsync's remote protocol."""
    script = tmp_path / "fake-ssh"
    script.write_text('#!/bin/sh\nwhile [ "$1" = -l ]; do shift 2; done\nshift\nexec "$@"\n')
    script.chmod(0o755)
    return {"RSYNC_RSH": str(script)}


# --- what may be replaced ------------------------------------------------------------------------


def test_a_parent_folder_with_other_files_is_refused_and_untouched(output: Path, tmp_path: Path) -> None:
    www = tmp_path / "www"
    (www / "site").mkdir(parents=True)
    (www / "other-site" / "index.html").parent.mkdir(parents=True)
    (www / "other-site" / "index.html").write_text("another site")
    (www / "notes.txt").write_text("the admin's notes")
    before = tree_digest(www)
    result = upload(output, f"{www}/")
    assert result.returncode == 1
    assert "no .newsdesk-site" in result.stderr and "TAKE_OVER=1" in result.stderr
    assert "notes.txt" in result.stderr and "other-site/index.html" in result.stderr  # what would have gone
    assert "Traceback" not in result.stderr
    assert tree_digest(www) == before and not (www / MARKER).exists()


def test_a_first_upload_into_an_empty_folder_sends_the_site_and_marks_it(output: Path, tmp_path: Path) -> None:
    www = tmp_path / "www"
    www.mkdir()
    result = upload(output, f"{www}/")
    assert result.returncode == 0, result.stderr
    assert site_files(www) == site_files(output)
    marker = www / MARKER
    assert f"site: {SITE_URL}\n" in marker.read_text(encoding="utf-8")
    assert stat.S_IMODE(marker.stat().st_mode) == 0o600  # a web server running as another user cannot serve it
    assert str(tmp_path) not in marker.read_text(encoding="utf-8")  # nothing in it but the public address
    assert not (www / ".newsdesk-verified").exists() and not (www / ".newsdesk-output").exists()


def test_a_first_upload_into_a_new_folder_creates_and_marks_it(output: Path, tmp_path: Path) -> None:
    www = tmp_path / "www"
    result = upload(output, str(www))
    assert result.returncode == 0, result.stderr
    assert (www / MARKER).is_file() and site_files(www) == site_files(output)


def test_a_dry_run_checks_the_target_and_changes_nothing(output: Path, tmp_path: Path) -> None:
    www = tmp_path / "www"
    www.mkdir()
    result = upload(output, f"{www}/", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert list(www.iterdir()) == [] and "index.html" in result.stdout
    (www / "notes.txt").write_text("not the site's")
    assert upload(output, f"{www}/", "--dry-run").returncode == 1


def test_a_second_upload_deletes_only_the_files_the_site_no_longer_has(output: Path, tmp_path: Path) -> None:
    www = tmp_path / "www"
    assert upload(output, f"{www}/").returncode == 0
    (www / "2025/01/old-story/index.html").parent.mkdir(parents=True)
    (www / "2025/01/old-story/index.html").write_text("a story since taken down")
    (www / "index.html").write_text("an older home page")
    result = upload(output, f"{www}/")
    assert result.returncode == 0, result.stderr
    assert site_files(www) == site_files(output)
    assert not (www / "2025/01/old-story").exists()
    assert f"site: {SITE_URL}" in (www / MARKER).read_text(encoding="utf-8")


def test_taking_over_a_folder_an_older_tool_filled_needs_the_flag(output: Path, tmp_path: Path) -> None:
    www = tmp_path / "www"
    (www / "about").mkdir(parents=True)
    (www / "about" / "index.html").write_text("the site before Newsdesk")
    assert upload(output, f"{www}/").returncode == 1
    result = upload(output, f"{www}/", "--take-over")
    assert result.returncode == 0, result.stderr
    assert site_files(www) == site_files(output) and (www / MARKER).is_file()


def test_a_folder_marked_for_another_site_is_refused(output: Path, tmp_path: Path) -> None:
    www = tmp_path / "www"
    www.mkdir()
    (www / MARKER).write_text("site: https://staging.dailydiff.example\n")
    (www / "index.html").write_text("the staging site")
    result = upload(output, f"{www}/")
    assert result.returncode == 1
    assert "https://staging.dailydiff.example" in result.stderr and SITE_URL in result.stderr
    assert (www / "index.html").read_text() == "the staging site"
    assert upload(output, f"{www}/", "--take-over").returncode == 0
    assert f"site: {SITE_URL}" in (www / MARKER).read_text(encoding="utf-8")


def test_many_deletions_show_the_list_and_need_confirming(output: Path, tmp_path: Path) -> None:
    www = tmp_path / "www"
    assert upload(output, f"{www}/").returncode == 0
    for i in range(30):
        (www / "2025" / f"story-{i:02}" / "index.html").parent.mkdir(parents=True)
        (www / "2025" / f"story-{i:02}" / "index.html").write_text("an old story")
    before = tree_digest(www)
    result = upload(output, f"{www}/")
    assert result.returncode == 1
    assert "would delete 30 files" in result.stderr and "CONFIRM_DELETIONS=1" in result.stderr
    assert "2025/story-00/index.html" in result.stderr
    assert tree_digest(www) == before
    result = upload(output, f"{www}/", "--confirm-deletions")
    assert result.returncode == 0, result.stderr
    assert site_files(www) == site_files(output)


def test_replaced_search_index_files_do_not_count_as_deletions(output: Path, tmp_path: Path) -> None:
    www = tmp_path / "www"
    assert upload(output, f"{www}/").returncode == 0
    (www / "pagefind" / "fragment").mkdir(parents=True, exist_ok=True)
    for i in range(40):  # every re-index names its files anew by their content's hash
        (www / "pagefind" / "fragment" / f"en_old{i:03}.pf_fragment").write_bytes(b"x")
    result = upload(output, f"{www}/")
    assert result.returncode == 0, result.stderr
    assert site_files(www) == site_files(output)


@pytest.mark.parametrize("name", ["", "/", "~", "home", "repository", "content", "output", "inside-output",
                                  "holds-output", "host:", "host:~", "host:~/", "host:.", "host:/"])  # fmt: skip
def test_obviously_wrong_targets_are_refused_even_when_taking_over(output: Path, tmp_path: Path, name: str) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "story.md").write_text("Title: a story")
    target = {
        "home": str(Path.home()), "repository": str(ROOT), "content": str(content), "output": str(output),
        "inside-output": f"{output}/mirror/", "holds-output": str(tmp_path),
    }.get(name, name)  # fmt: skip
    env = fake_ssh(tmp_path)
    before = tree_digest(tmp_path)
    result = run_newsdesk("upload", "--output", str(output), "--input", str(content), "--target", target,
                          "--take-over", "--confirm-deletions", env=env)  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr
    assert tree_digest(tmp_path) == before


def test_a_file_or_a_folder_under_a_missing_one_is_refused(output: Path, tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text("a page, not a folder")
    result = upload(output, str(page))
    assert result.returncode == 1 and "is a file, not a folder" in result.stderr
    assert page.read_text() == "a page, not a folder"
    result = upload(output, str(tmp_path / "no" / "such" / "www"))
    assert result.returncode == 1 and "Traceback" not in result.stderr and not (tmp_path / "no").exists()


# --- a remote target, through rsync's remote protocol ----------------------------------------------


def test_a_remote_target_is_inspected_and_marked_the_same_way(output: Path, tmp_path: Path) -> None:
    env = fake_ssh(tmp_path)
    parent = tmp_path / "srv"
    (parent / "www").mkdir(parents=True)
    (parent / "backup.tar").write_text("keep me")
    refused = upload(output, f"editor@webhost:{parent}/", env=env)
    assert refused.returncode == 1 and "backup.tar" in refused.stderr
    assert (parent / "backup.tar").read_text() == "keep me"
    result = upload(output, f"editor@webhost:{parent}/www/", env=env)
    assert result.returncode == 0, result.stderr
    assert site_files(parent / "www") == site_files(output) and (parent / "www" / MARKER).is_file()
    (parent / "www" / "stale.html").write_text("gone next time")
    assert upload(output, f"webhost:{parent}/www", env=env).returncode == 0
    assert not (parent / "www" / "stale.html").exists()


def test_an_unreachable_target_is_a_one_line_error(output: Path, tmp_path: Path) -> None:
    script = tmp_path / "no-ssh"
    script.write_text("#!/bin/sh\necho 'ssh: connect to host webhost port 22: Connection refused' >&2\nexit 255\n")
    script.chmod(0o755)
    result = upload(output, "webhost:/var/www/site/", env={"RSYNC_RSH": str(script)})
    assert result.returncode != 0
    assert "Connection refused" in result.stderr and "Traceback" not in result.stderr


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

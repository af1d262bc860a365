"""The pure parts of `make upload`: the digest that must cover every path of the checked site."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from newsdesk.verify import digest, irregular, verify_site


def files_only_digest(site: Path) -> str:
    """The digest as it was before it covered links: what stamps already written hold."""
    total = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file() and not p.name.startswith(".newsdesk-")):
        total.update(path.relative_to(site).as_posix().encode() + b"\0")
        total.update(hashlib.sha256(path.read_bytes()).digest())
    return total.hexdigest()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    for rel in ("index.html", "a/index.html", "a/b/c.css", "a-b/x.json", ".newsdesk-verified"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(rel)
    return site


def test_the_digest_of_files_is_the_one_stamps_already_hold(site: Path) -> None:
    assert digest(site) == files_only_digest(site)
    assert irregular(site) == []


@pytest.mark.parametrize("kind", ["dangling link", "link to a page", "link to a folder", "fifo", "empty folder"])
def test_the_digest_covers_every_path_that_is_not_a_file(site: Path, kind: str) -> None:
    before = digest(site)
    if kind == "dangling link":
        (site / "a" / "latest").symlink_to("../nowhere")
    elif kind == "link to a page":
        (site / "copy.html").symlink_to("index.html")
    elif kind == "link to a folder":
        (site / "mirror").symlink_to("a")
    elif kind == "fifo":
        os.mkfifo(site / "a" / "pipe")
    else:
        (site / "uploads").mkdir()
    assert digest(site) != before
    if kind == "empty folder":
        assert irregular(site) == []
    else:
        assert len(irregular(site)) == 1
        assert verify_site(site)[-1].endswith("a site holds only files and folders")


def test_a_links_target_is_named_and_part_of_the_digest(site: Path) -> None:
    (site / "latest").symlink_to("a/index.html")
    first = digest(site)
    assert irregular(site) == ["latest is a symbolic link to 'a/index.html'"]
    (site / "latest").unlink()
    (site / "latest").symlink_to("a/b/c.css")
    assert digest(site) != first


def test_newsdesk_files_are_left_out_of_the_digest_as_the_upload_leaves_them_out(site: Path) -> None:
    before = digest(site)
    (site / ".newsdesk-manifest.json").write_text("{}")
    (site / ".newsdesk-cache").mkdir()
    (site / ".newsdesk-cache" / "x").write_text("x")
    assert digest(site) == before

"""The pure parts of `make upload`: which targets are refused outright, reading rsync's listing,
dry run and the marker, and the digest that must cover every path of the checked site."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from newsdesk.target import (
    BadTarget,
    deletions,
    listed_names,
    listing,
    marker_site,
    marker_text,
    parse_target,
    to_confirm,
)
from newsdesk.verify import digest, irregular, verify_site


@pytest.fixture
def places(tmp_path: Path) -> dict[str, Path]:
    project, output, content = tmp_path / "repo", tmp_path / "site" / "output", tmp_path / "words"
    for folder in (project, output, content):
        folder.mkdir(parents=True)
    return {"project": project, "output": output, "content": content, "tmp": tmp_path}


def parse(given: str, places: dict[str, Path]) -> object:
    return parse_target(given, places["project"], places["output"], places["content"])


@pytest.mark.parametrize(
    ("given", "why"),
    [
        ("", "set PUBLISH_TARGET"),
        ("   ", "set PUBLISH_TARGET"),
        ("/", "the root folder"),
        ("~", "your home folder"),
        ("{project}", "the Newsdesk repository"),
        ("{project}/theme", "inside the Newsdesk repository"),
        ("{output}", "the output folder"),
        ("{output}/../output/", "the output folder"),
        ("{output}/2026", "inside the output folder"),
        ("{tmp}/site", "a folder that holds the output folder"),
        ("{content}", "the content folder"),
        ("{content}/images", "inside the content folder"),
        ("web:", "your home folder on web"),
        ("editor@web:", "your home folder on editor@web"),
        ("web:~", "your home folder"),
        ("web:~/", "your home folder"),
        ("web:~editor", "your home folder"),
        ("web:.", "your home folder"),
        ("web:./", "your home folder"),
        ("web:/", "the root folder of web"),
        ("web:///", "the root folder of web"),
        (":/var/www", "names no host"),
        ("web::", "names no module"),
        ("rsync://web/", "names no module"),
    ],
)
def test_targets_that_can_never_be_a_sites_folder_are_refused(places: dict[str, Path], given: str, why: str) -> None:
    with pytest.raises(BadTarget, match=why):
        parse(given.format(**places), places)


@pytest.mark.parametrize(
    ("given", "folder"),
    [
        ("web:/var/www/site", "web:/var/www/site/"),
        ("editor@web:/var/www/site/", "editor@web:/var/www/site/"),
        ("web:www", "web:www/"),
        ("web:~/public_html", "web:~/public_html/"),
        ("web::site/news", "web::site/news/"),
        ("rsync://web/site", "rsync://web/site/"),
        ("{tmp}/www", "{tmp}/www/"),
        ("{tmp}/a:b", "{tmp}/a:b/"),  # a ':' after a '/' is a local path, as rsync reads it
    ],
)
def test_a_sites_folder_is_taken_as_rsync_reads_it(places: dict[str, Path], given: str, folder: str) -> None:
    target = parse(given.format(**places), places)
    assert target.folder == folder.format(**places)
    assert target.marker == folder.format(**places) + ".newsdesk-site"
    assert bool(target.prefix) == (not given.startswith("{"))


def test_a_local_target_is_the_folder_the_shell_would_have_named(
    places: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert parse("~/www-newsdesk-test", places).folder == f"{Path.home().resolve()}/www-newsdesk-test/"
    monkeypatch.chdir(places["tmp"])
    assert parse("www", places).folder == f"{places['tmp'].resolve()}/www/"


def test_the_marker_says_only_the_public_address_and_reads_back() -> None:
    text = marker_text("https://news.example")
    assert marker_site(text) == "https://news.example"
    assert [line for line in text.splitlines() if not line.startswith("#")] == ["site: https://news.example"]
    assert marker_site(marker_text("")) == ""
    assert marker_site("garbage\n") is None


def test_rsync_listing_and_dry_run_are_read() -> None:
    listed = (
        "drwxr-xr-x          4,096 2026/12/07 04:18:37 .\n"
        "-rw-r--r--              0 2026/12/07 04:18:37 .newsdesk-site\n"
        "-rw-r--r--             12 2026/12/07 04:18:37 with space.html\n"
        "drwxr-xr-x          4,096 2026/12/07 04:18:37 2026\n"
    )
    assert listed_names(listed) == [".newsdesk-site", "with space.html", "2026"]
    itemized = (
        "*deleting   old story/index.html\n*deleting   old story/\n.d..t...... ./\n"
        ">f.st...... index.html\n*deleting   pagefind/2026/fragment/en_1.pf_fragment\ncd+++++++++ new/\n"
    )
    deleted = deletions(itemized)
    assert deleted == ["old story/index.html", "pagefind/2026/fragment/en_1.pf_fragment"]
    assert to_confirm(deleted) == ["old story/index.html"]
    assert listing([f"f{i}" for i in range(5)], limit=3) == "  f0\n  f1\n  f2\n  … and 2 more"


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

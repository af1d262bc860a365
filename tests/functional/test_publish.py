"""`make publish` checks the staged site before it goes live; `make upload` sends only a checked site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.builds import ROOT, run_newsdesk, tree_digest
from support.commands import publish

from newsdesk.upload import upload_problem
from newsdesk.verify import verify_site


def test_publish_checks_pass_and_stamp_the_sample_site(tmp_path: Path) -> None:
    output = tmp_path / "output"
    result = publish(ROOT / "content", output)
    assert result.returncode == 0, result.stderr
    assert "Publish checks passed" in result.stderr
    assert upload_problem(output, "publishconf.py") is None
    assert "https://dailydiff.example/2026/11/" in (output / "index.html").read_text()


def test_a_broken_internal_link_stops_publish_and_keeps_the_live_site(make_site, tmp_path: Path) -> None:
    content = make_site()
    output = tmp_path / "output"
    assert publish(content, output).returncode == 0
    before = tree_digest(output)
    story = content / "articles/story-1.md"
    story.write_text(story.read_text().replace("First paragraph", "See [this](/2026/11/no-such-story/)"))
    result = publish(content, output)
    assert result.returncode != 0
    assert "broken link or image /2026/11/no-such-story/" in result.stderr
    assert tree_digest(output) == before


def test_upload_refuses_anything_but_a_checked_publish(make_site, tmp_path: Path) -> None:
    content = make_site()
    output = tmp_path / "output"
    dev = run_newsdesk("build", "--input", str(content), "--output", str(output))
    assert dev.returncode == 0
    assert "make publish" in upload_problem(output, "publishconf.py")
    refused = run_newsdesk("upload", "--output", str(output), "--target", str(tmp_path / "www"))
    assert refused.returncode != 0 and not (tmp_path / "www").exists()

    assert publish(content, output).returncode == 0
    assert upload_problem(output, "publishconf.py") is None
    (output / "index.html").write_text("defaced")
    assert "changed after" in upload_problem(output, "publishconf.py")
    assert run_newsdesk("upload", "--output", str(output), "--target", "").returncode != 0


@pytest.mark.skipif(not shutil.which("rsync"), reason="rsync is not installed (.ci/run installs it)")
def test_upload_sends_a_checked_site_with_rsync(make_site, tmp_path: Path) -> None:
    content = make_site()
    output = tmp_path / "output"
    assert publish(content, output).returncode == 0
    www = tmp_path / "www"
    www.mkdir()
    assert run_newsdesk("upload", "--output", str(output), "--target", f"{www}/").returncode == 0
    (www / "stale.html").write_text("removed by --delete")
    result = run_newsdesk("upload", "--output", str(output), "--target", f"{www}/")
    assert result.returncode == 0, result.stderr
    assert (www / "2026/11/story-number-1/index.html").is_file()
    assert not (www / "stale.html").exists() and [p.name for p in www.glob(".newsdesk-*")] == [".newsdesk-site"]


def write(folder: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text)
    return folder


def test_verify_finds_broken_pages_links_feeds_and_json(tmp_path: Path) -> None:
    site = write(tmp_path, {
        "index.html": '<html><body><a href="/a/">a</a><a href="/missing/">m</a><a href="#top">t</a>'
                      '<img src="img/x.png"><a href="https://other.example/">o</a><p>x</div></body></html>',
        "a/index.html": '<html><body><a href="../index.html">up</a><a href="../../outside.html">out</a>'
                        '<script type="application/ld+json">{"bad": </script></body></html>',
        "feeds/all.xml": "<rss><channel></rss>",
        "data.json": "{nope}",
    })  # fmt: skip
    problems = verify_site(site)
    text = "\n".join(problems)
    assert "index.html: broken link or image /missing/" in text
    assert "index.html: broken link or image img/x.png" in text
    assert "index.html: link to missing anchor #top" in text
    assert "index.html: line 1: Unexpected end tag : div" in text
    assert "a/index.html: broken link or image ../../outside.html" in text
    assert "a/index.html: JSON-LD does not parse" in text
    assert "feeds/all.xml: XML does not parse" in text
    assert "data.json: JSON does not parse" in text
    assert "other.example" not in text and "../index.html" not in text


def test_verify_maps_absolute_site_urls_to_files(tmp_path: Path) -> None:
    site = write(tmp_path, {"index.html": '<a href="https://news.example/a/">a</a><a href="https://news.example/b/">b</a>',
                            "a/index.html": "<p>a</p>"})  # fmt: skip
    assert verify_site(site, "https://news.example") == ["index.html: broken link or image https://news.example/b/"]

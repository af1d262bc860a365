"""A published story dated after the build's "now" waits for its time: no trace in a publish build,
a marked preview at its URL in a development build, and everywhere it belongs once its time has come."""

from __future__ import annotations

import gzip
import subprocess
from pathlib import Path

import brotli
from support.builds import ROOT, article_text, run_newsdesk, tree_digest, write_conf

MARKER = "zqxembargo"  # in the headline, a tag only this story uses, and the body
DUE = "2026-12-10 09:00"
BEFORE, AFTER = "2026-12-10T08:59", "2026-12-10T09:00"
PAGE = "2026/12/zqxembargo-chip-launch/index.html"


def scheduled_story() -> str:
    text = article_text(f"{MARKER.capitalize()} chip launch", date=DUE, Tags=f"hardware, {MARKER}")
    return text.replace("First paragraph of the story.", f"The {MARKER} chip is under embargo.")


def publish(content: Path, output: Path, *extra: str, env: dict[str, str] | None = None) -> str:
    result = run_newsdesk("build", "--settings", "publishconf.py", "--input", str(content), "--output", str(output),
                          "--verify", *extra, env=env)  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stderr


def files_with(folder: Path, marker: str) -> set[str]:
    """Every file under ``folder`` whose bytes hold ``marker`` (any case), gzip files (Pagefind's, the
    precompressed siblings) and brotli siblings unpacked."""
    found = set()
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        elif path.suffix == ".br":
            data = brotli.decompress(data)
        if marker.encode() in data.lower():
            found.add(path.relative_to(folder).as_posix())
    return found


def test_a_publish_build_leaves_no_trace_of_a_scheduled_story(make_site, tmp_path: Path) -> None:
    content = make_site({"articles/embargoed.md": scheduled_story()})
    output = tmp_path / "output"
    stderr = publish(content, output, env={"NEWSDESK_NOW": BEFORE})
    assert files_with(output, MARKER) == set()
    assert not (output / PAGE).exists() and not (output / "2026/12").exists()
    assert not (output / f"tag/{MARKER}").exists()
    assert f"Next scheduled story: {content / 'articles/embargoed.md'} at 2026-12-10 09:00 GMT" in stderr
    assert (output / "pagefind").is_dir() and (output / "most-read.json").is_file()  # looked in, not absent


def test_once_its_time_has_come_the_story_is_everywhere_it_belongs(make_site, tmp_path: Path) -> None:
    content = make_site({"articles/embargoed.md": scheduled_story()})
    output = tmp_path / "output"
    stderr = publish(content, output, "--now", AFTER)
    assert "Next scheduled story" not in stderr
    found = files_with(output, MARKER)
    belongs = {
        PAGE, "index.html", "archives/index.html", "2026/index.html", "2026/12/index.html",
        "section/security/index.html", f"tag/{MARKER}/index.html", "author/ada-lovelace/index.html",
        "feeds/all.atom.xml", "feeds/all.rss.xml", "feeds/all.json", "sitemap.xml", "news-sitemap.xml",
        "most-read.json",
    }  # fmt: skip
    assert belongs <= found, belongs - found
    assert any(name.startswith("pagefind/") for name in found)  # in the search index
    assert "Scheduled for" not in (output / PAGE).read_text()
    publish(content, output, "--now", "2026-12-12T09:01")  # two days and a minute later
    assert "<url>" not in (output / "news-sitemap.xml").read_text()  # the news window ends at the build's now
    assert MARKER in (output / "index.html").read_text()


def test_a_development_build_previews_a_scheduled_story_at_its_url_and_lists_it_nowhere(
    make_site, tmp_path: Path
) -> None:
    content = make_site(
        {
            "articles/embargoed.md": scheduled_story().replace(
                "Date: 2026-12-10 09:00", "Date: 2026-12-10T09:00:00+01:00"
            )
        }
    )
    output = tmp_path / "output"
    result = run_newsdesk("build", "--input", str(content), "--output", str(output), "--now", "2026-12-09T09:00")
    assert result.returncode == 0, result.stderr
    # the page, its precompressed siblings, and the records of the pages written and compressed
    siblings = {PAGE + ".gz", PAGE + ".br", ".newsdesk-compressed.json"}
    assert files_with(output, MARKER) == {PAGE, ".newsdesk-manifest.json"} | siblings
    page = (output / PAGE).read_text()
    # the time in the site's time zone (Europe/London), whatever offset the Date was written with
    assert 'Scheduled for <time datetime="2026-12-10T08:00:00+00:00">10 December 2026, 08:00 GMT</time>' in page
    assert '<meta name="robots" content="noindex">' in page and "data-pagefind-body" not in page
    assert "Next scheduled story" in result.stderr


def test_the_builds_now_is_checked_before_anything_is_built(make_site, tmp_path: Path) -> None:
    content = make_site()
    output = tmp_path / "output"
    assert run_newsdesk("build", "--input", str(content), "--output", str(output)).returncode == 0
    before = tree_digest(output)
    bad = run_newsdesk("build", "--input", str(content), "--output", str(output), "--now", "Thursday 09:00")
    assert bad.returncode == 2
    assert bad.stderr.strip().splitlines() == [
        "error: --now: 'Thursday 09:00' is not an ISO 8601 date; give a date and time such as 2026-12-10T09:00 "
        "(site time zone), 2026-12-10T09:00+00:00, or whole seconds since 1970."
    ]
    bad = run_newsdesk("build", "--input", str(content), "--output", str(output), env={"NEWSDESK_NOW": "2026-02-30"})
    assert bad.returncode == 2 and bad.stderr.startswith("error: NEWSDESK_NOW: '2026-02-30' is not a real date")
    conf = write_conf(tmp_path, NEWSROOM_NOW=12)
    bad = run_newsdesk("build", "--settings", str(conf), "--input", str(content), "--output", str(output))
    assert bad.returncode == 1 and "NEWSROOM_NOW must be text such as '2026-12-10T09:00', not 12." in bad.stderr
    assert "Traceback" not in bad.stderr and tree_digest(output) == before


def test_make_builds_the_site_as_of_the_time_now_says(make_site, tmp_path: Path) -> None:
    content = make_site({"articles/embargoed.md": scheduled_story()})
    output = tmp_path / "output"
    make = ["make", "-s", "html", f"INPUTDIR={content}", f"OUTPUTDIR={output}"]
    result = subprocess.run([*make, "NOW=2026-12-10 08:59"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "Scheduled for" in (output / PAGE).read_text() and "at 2026-12-10 09:00 GMT" in result.stderr
    result = subprocess.run([*make, f"NOW={AFTER}"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "Scheduled for" not in (output / PAGE).read_text() and MARKER in (output / "index.html").read_text()


def test_a_scheduled_story_on_a_live_storys_url_stops_the_build_before_its_time(make_site, tmp_path: Path) -> None:
    """Found at once, not by the build that should publish the story on time."""
    content = make_site()
    output = tmp_path / "output"
    publish(content, output, "--now", BEFORE)
    before = tree_digest(output)
    live = article_text("Launch day", date="2026-12-01 09:00", slug="launch")
    later = article_text("Launch day, the sequel", date=DUE, slug="launch")
    make_site({"articles/live-launch.md": live, "articles/later-launch.md": later})
    result = run_newsdesk("build", "--settings", "publishconf.py", "--input", str(content), "--output", str(output),
                          "--verify", "--now", BEFORE)  # fmt: skip
    assert result.returncode == 1
    assert (
        "articles/later-launch.md:11: error: [Slug] has the same URL (2026/12/launch/index.html) "
        "as articles/live-launch.md. "
        "Fix: give one of them a different Slug (or Date)." in result.stderr
    )
    assert tree_digest(output) == before


def test_a_link_to_a_scheduled_story_stops_the_build_until_its_time(make_site, tmp_path: Path) -> None:
    """A live story linking to an embargoed one would give it away (and break on the live site)."""
    linking = article_text("Before the launch", date="2026-12-01 09:00")
    linking = linking.replace("First paragraph of the story.", "Read [the launch]({filename}embargoed.md).")
    content = make_site({"articles/embargoed.md": scheduled_story(), "articles/teaser.md": linking})
    output = tmp_path / "output"
    for settings in ("publishconf.py", "pelicanconf.py"):  # the preview build says so too
        result = run_newsdesk("build", "--settings", settings, "--input", str(content), "--output", str(output),
                              "--now", BEFORE)  # fmt: skip
        assert result.returncode == 1 and not output.exists()
        assert (
            "articles/teaser.md:12: error: links to articles/embargoed.md, which is scheduled for 10 December 2026, "
            "09:00 GMT: the link would give it away before then. Fix: remove the link until then, or give this "
            "story a Date at or after that time." in result.stderr
        )
    publish(content, output, "--now", AFTER)
    assert (
        f'href="https://dailydiff.example/{PAGE.removesuffix("index.html")}"'
        in (output / "2026/12/before-the-launch/index.html").read_text()
    )


def test_pelicans_own_clock_for_future_dates_is_refused(make_site, tmp_path: Path) -> None:
    conf = write_conf(tmp_path, WITH_FUTURE_DATES=False)
    result = run_newsdesk(
        "build", "--settings", str(conf), "--input", str(make_site()), "--output", str(tmp_path / "o")
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert 'WITH_FUTURE_DATES must stay True: newsroom holds stories dated after the build\'s "now"' in result.stderr

"""Hostile input: pasted HTML, reader-visible fields, paths, links; reproducible output."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import feedparser
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from newsroom.typography import smarten_text
from support.builds import ROOT, article_text, build, tree_digest

from newsdesk.safety import lock_path

PIECES = ["</script>", "<script>alert(1)</script>", "<!--", "-->", '"', "'", "&", "&amp;", "<img src=x onerror=y>",
          "</title>", "<b>", "javascript:x()", "]]>", "{{ 7*7 }}", "{% raw %}", "\\", "’", "é", "🙂"]  # fmt: skip
hostile = st.lists(st.sampled_from(PIECES) | st.text("abc <>&\"'=/", max_size=4), min_size=1, max_size=5).map(
    lambda parts: "x " + "".join(parts).replace(",", " ").strip()
)
FIELDS = ("Title", "Summary", "Image_Caption", "Image_Credit", "Image_Alt", "Source", "Kicker", "Correction")


def assert_nothing_injected(output: Path) -> None:
    for page in sorted(output.rglob("*.html")):
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in doc.find_all(True):
            assert not [a for a in tag.attrs if a.lower().startswith("on")], (page, tag)
            assert tag.name not in ("img",) or tag.get("src", "").startswith("/"), (page, tag)
        for script in doc.find_all("script"):
            assert script.get("src", "").startswith("/") or script.get("type") == "application/ld+json", (page, script)
    for feed in output.glob("feeds/**/*.xml"):
        assert not feedparser.parse(feed.read_bytes()).bozo, feed


@settings(max_examples=4, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(st.tuples(*[hostile] * (len(FIELDS) + 2)), min_size=6, max_size=6))
def test_front_matter_text_renders_as_text_everywhere(
    values: list[tuple[str, ...]], make_site, tmp_path_factory
) -> None:
    files = {}
    expected = {}
    for n, row in enumerate(values):
        fields = dict(zip(FIELDS, row, strict=False))
        # names of their own: spellings that differ only in symbols share a page, which stops the build
        authors, tag = f"a{n} {row[len(FIELDS)]}", f"t{n} {row[len(FIELDS) + 1]}"
        slug = f"hostile-{n}"
        files[f"articles/{slug}.md"] = article_text(
            fields["Title"], date=f"2026-11-{n + 1:02d} 10:00", slug=slug, Authors=authors, Tags=f"{tag}, plain",
            **{k: v for k, v in fields.items() if k != "Title"},
        )  # fmt: skip
        expected[slug] = fields
    content = make_site(files)
    output = tmp_path_factory.mktemp("hostile") / "out"
    result = build(content, output)
    assert result.returncode == 0, result.stderr
    assert_nothing_injected(output)
    for slug, fields in expected.items():
        doc = BeautifulSoup((output / f"2026/11/{slug}/index.html").read_text(), "html.parser")
        squash = " ".join
        title, standfirst = (smarten_text(squash(fields[key].split())) for key in ("Title", "Summary"))  # typeset
        assert doc.find("h1").get_text() == title
        assert doc.select_one(".standfirst").get_text() == standfirst
        assert doc.find("title").get_text().startswith(title)
        assert doc.select_one("figure.hero img")["alt"] == squash(fields["Image_Alt"].split())
        assert doc.select_one(".wire-credit").get_text() == f"With {squash(fields['Source'].split())}"


def test_scripts_in_article_bodies_are_removed_with_a_warning(make_site, tmp_path: Path) -> None:
    body = textwrap.dedent("""\
        Before <script>document.cookie</script> after.

        <p onmouseover="steal()">Hover text</p> <a href="javascript:steal()">a link</a>

        <iframe src="https://evil.example/frame"></iframe>
        <iframe src="https://www.youtube-nocookie.com/embed/abc" title="Video"></iframe>
        """)
    text = article_text("Pasted wire copy").split("\n\n", 1)[0] + "\n\n" + body
    content = make_site({"articles/pasted.md": text})
    result = build(content, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "pasted.md" in result.stderr and "removed from the body" in result.stderr
    page = BeautifulSoup((tmp_path / "out/2026/11/pasted-wire-copy/index.html").read_text(), "html.parser")
    story = page.select_one(".story-body")
    assert "Before" in story.get_text() and "after." in story.get_text() and "Hover text" in story.get_text()
    assert not story.find("script") and not story.find(attrs={"onmouseover": True})
    assert [f["src"] for f in story.find_all("iframe")] == ["https://www.youtube-nocookie.com/embed/abc"]
    assert "javascript:" not in str(story)


def test_metadata_cannot_steer_where_files_are_written(make_site, tmp_path: Path) -> None:
    content = make_site({
        "articles/a.md": article_text("A", Save_as="../../escaped.html"),
        "articles/b.md": article_text("B", Url="/etc/passwd", Template="../../x"),
        "articles/c.md": article_text("C", slug="..%2F..%2Fescape"),
        "articles/d.md": article_text("D", slug="../../escape"),
    })  # fmt: skip
    output = tmp_path / "site" / "out"
    result = build(content, output)
    assert result.returncode != 0
    for name in ("a.md", "b.md", "c.md", "d.md"):
        assert name in result.stderr
    assert "unknown field 'Save_as'" in result.stderr and "unknown field 'Template'" in result.stderr
    written = [p for p in tmp_path.rglob("*") if p.is_file() and "content" not in p.relative_to(tmp_path).parts]
    assert written in ([], [lock_path(output)])  # only the empty lock file builds into `out` take turns on
    assert not any(p.stat().st_size for p in written)


def test_symlinks_under_content_are_refused(make_site, tmp_path: Path) -> None:
    content = make_site()
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not for the public")
    (content / "images" / "leak.png").symlink_to(secret)
    result = build(content, tmp_path / "out")
    assert result.returncode != 0 and "images/leak.png" in result.stderr and "symbolic link" in result.stderr


SHIFT_CLOCK = textwrap.dedent("""\
    import datetime as _dt, time as _time
    _OFFSET = 3 * 24 * 3600 + 17 * 60
    _real_time, _real_time_ns = _time.time, _time.time_ns
    _time.time = lambda: _real_time() + _OFFSET
    _time.time_ns = lambda: _real_time_ns() + _OFFSET * 10**9
    class _Shifted(_dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return super().now(tz) + _dt.timedelta(seconds=_OFFSET)
        @classmethod
        def utcnow(cls):
            return super().utcnow() + _dt.timedelta(seconds=_OFFSET)
        @classmethod
        def today(cls):
            return cls.now()
    _dt.datetime = _Shifted
    """)


def test_two_builds_in_different_environments_are_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    shifted = tmp_path / "shifted-clock"
    shifted.mkdir()
    (shifted / "sitecustomize.py").write_text(SHIFT_CLOCK)
    runs = [
        (first, {"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}),
        (second, {"PYTHONHASHSEED": "987654", "TZ": "America/Los_Angeles", "LC_ALL": "C", "LANG": "C",
                  "PYTHONPATH": str(shifted)}),
    ]  # fmt: skip
    for output, env in runs:
        from support.builds import run_newsdesk  # noqa: PLC0415

        result = run_newsdesk("build", "--input", str(ROOT / "content"), "--output", str(output), env=env)
        assert result.returncode == 0, result.stderr
    a, b = tree_digest(first), tree_digest(second)
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
    assert os.path.getsize(first / "index.html") > 1000


def test_stories_with_the_same_date_list_in_the_same_order_whatever_the_hash_seed(make_site, tmp_path: Path) -> None:
    """Pelican collects source files in a set; its order changes with the hash seed of each run."""
    from support.builds import run_newsdesk  # noqa: PLC0415

    same_time = {f"articles/same-{i}.md": article_text(f"Same time {i}", date="2026-11-21 08:00") for i in range(8)}
    content = make_site(same_time)
    outputs = []
    for seed in ("1", "2", "3"):
        output = tmp_path / f"seed-{seed}"
        result = run_newsdesk("build", "--input", str(content), "--output", str(output), env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        outputs.append(tree_digest(output))
    assert outputs[0] == outputs[1] == outputs[2]
    home = (tmp_path / "seed-1" / "index.html").read_text(encoding="utf-8")
    places = [home.index(f"Same time {i}<") for i in range(8) if f"Same time {i}<" in home]
    assert len(places) >= 3 and places == sorted(places)  # in the order of their file names

"""Article bodies keep their formatting and lose anything that could run."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from markdown import Markdown
from newsroom.sanitize import embed_allowed, sanitize

HOSTS = ("www.youtube-nocookie.com", "player.vimeo.com")


def clean(html: str) -> tuple[str, tuple[str, ...]]:
    return sanitize(html, HOSTS)


@pytest.mark.parametrize(
    ("dirty", "note"),
    [
        ("<p>a<script>alert(1)</script>b</p>", "a <script> element"),
        ('<p onclick="steal()">ab</p>', "an event-handler attribute (onclick)"),
        ('<img src="x.png" onerror="steal()">ab', "an event-handler attribute (onerror)"),
        ('<a href="javascript:steal()">ab</a>', "a javascript: URL"),
        ('<a href=" JaVaScRiPt:steal()">ab</a>', "a javascript: URL"),
        ('<img src="data:image/svg+xml;base64,PHN2Zz4=">ab', "a data: URL"),
        ('<iframe src="https://evil.example/x"></iframe>ab', "an embed from evil.example"),
        ('<iframe src="http://player.vimeo.com/video/1"></iframe>ab', "an embed from player.vimeo.com"),
        ("<style>body{display:none}</style>ab", "a <style> element"),
        ('<form action="/x"><input name="q"></form>ab', "a <form> element"),
        ('<object data="x.swf"></object>ab', "a <object> element"),
    ],
)
def test_dangerous_markup_is_removed_and_reported(dirty: str, note: str) -> None:
    cleaned, notes = clean(dirty)
    doc = BeautifulSoup(cleaned, "html.parser")
    assert not doc.find(["script", "style", "form", "input", "object"])
    assert not any(a.startswith("on") for tag in doc.find_all(True) for a in tag.attrs)
    assert "javascript:" not in cleaned.lower() and "data:" not in cleaned.lower()
    assert "evil.example" not in cleaned and "http://player" not in cleaned
    assert "ab" in doc.get_text()
    assert note in notes


def test_allowed_embeds_formatting_and_code_survive() -> None:
    md = Markdown(extensions=["markdown.extensions.extra", "markdown.extensions.codehilite", "markdown.extensions.toc"])
    source = (
        '## Heading\n\nSome *emphasis*, a [link](https://example.com/ "t") and ![alt](/images/a.png).\n\n'
        "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n```python\ndef f():\n    return 1\n```\n\n"
        "Note[^1].\n\n[^1]: A footnote.\n\n"
        '<iframe src="https://www.youtube-nocookie.com/embed/abc" width="560" height="315" title="Video"></iframe>\n'
    )
    html = md.convert(source)
    cleaned, notes = clean(html)
    assert notes == ()
    doc = BeautifulSoup(cleaned, "html.parser")
    assert doc.find("h2", id="heading")
    assert doc.find("a", href="https://example.com/", title="t")
    assert doc.find("img", src="/images/a.png", alt="alt")
    assert doc.find("th", style="text-align:left")
    assert doc.find("div", class_="codehilite").find("span")
    assert doc.find("sup", id="fnref:1").find("a", href="#fn:1")
    assert doc.find("li", id="fn:1")
    assert doc.find("iframe", src="https://www.youtube-nocookie.com/embed/abc", title="Video")


def test_relative_and_pelican_links_are_kept() -> None:
    cleaned, _ = clean('<a href="{filename}other.md">o</a><a href="#note">n</a><a href="mailto:a@b.example">m</a>')
    assert 'href="{filename}other.md"' in cleaned and 'href="#note"' in cleaned and "mailto:" in cleaned
    assert "rel=" not in cleaned


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://player.vimeo.com/video/1", True),
        ("http://player.vimeo.com/video/1", False),
        ("https://player.vimeo.com.evil.example/", False),
        ("https://evil.example/?player.vimeo.com", False),
        ("//player.vimeo.com/video/1", False),
        ("", False),
    ],
)
def test_embed_host_check(url: str, allowed: bool) -> None:
    assert embed_allowed(url, HOSTS) is allowed

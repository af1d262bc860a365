"""A body nested too deep or with too many links is refused by name, before Markdown runs."""

from __future__ import annotations

import time
from pathlib import Path

from support.builds import article_text
from support.refusals import assert_refused


def with_body(title: str, body: str) -> str:
    head = article_text(title).split("\n\n", 1)[0]
    return f"{head}\n\n{body}\n"


def test_a_deep_list_and_a_hundred_thousand_links_are_refused_quickly(make_site, tmp_path: Path) -> None:
    deep = "Intro.\n\n" + "\n".join("    " * level + f"- level {level}" for level in range(300))
    links = "\n".join(f"See [source {n}](https://example.com/{n})." for n in range(100_000))
    raw = "<div>" * 5_000 + "x" + "</div>" * 5_000
    files = {"deep": deep, "links": links, "raw": raw}
    content = make_site({f"articles/{name}.md": with_body(name.title(), body) for name, body in files.items()})
    head_lines = len(article_text("x").split("\n\n", 1)[0].splitlines())  # the body starts after them and a blank

    started = time.perf_counter()
    result = assert_refused(
        content,
        tmp_path / "output",
        [
            f"articles/deep.md:{head_lines + 2 + 2 + 299}: error: the list or quote here is nested 300 levels deep; "
            "the site allows 32. Fix: flatten it",
            f"articles/links.md:{head_lines + 2 + 2000}: error: the body has 100,000 links; "
            "the site allows 2,000 in one article. Fix: split the story",
            f"articles/raw.md:{head_lines + 2}: error: the HTML here is nested 5000 elements deep; the site allows 32.",
        ],
    )
    assert time.perf_counter() - started < 60  # the links alone took Markdown 73 s
    assert "RecursionError" not in result.stderr and "Traceback" not in result.stderr

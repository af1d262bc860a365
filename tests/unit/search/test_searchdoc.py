"""Pages cut down to what Pagefind indexes give the same bundle as the whole pages."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from search import indexer
from search.searchdoc import search_document

STORY = (
    '<article class="story" aria-labelledby="headline" data-pagefind-body>'
    '<h1 id="headline">Kernel &amp; cloud</h1><p data-pagefind-meta="standfirst">A standfirst.</p>'
    '<img src="/images/hero.png" alt="A hero"><p>Body text about <a href="/tag/x/">schedulers</a>.</p>'
    '<article><h2 id="aside">An embedded aside</h2><p>Nested text.</p></article>'
    "<section data-pagefind-ignore>About the author</section></article>"
)
PAGE = (
    '<!doctype html>\n<html lang="en-gb"><head><meta charset="utf-8"><title>Kernel &amp; cloud · Site</title>'
    '<meta name="description" content="A standfirst."></head><body><header><p class="masthead">Site</p>'
    '<nav><a href="/">Home</a></nav></header><main>' + STORY + '</main><aside id="most-read"><ol><li>'
    '<a href="/2026/11/other/">Other story</a></li></ol></aside><footer>Footer text</footer></body></html>\n'
)


def test_a_page_is_cut_down_to_its_marked_element_with_everything_inside() -> None:
    document = search_document(PAGE)
    assert document == f"<!doctype html>\n<html><body>{STORY}</body></html>\n"  # the nested <article> too


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><article>No mark</article></body></html>",
        PAGE.replace("</main>", "<p>data-pagefind-body, written in text</p></main>"),  # the mark twice
        PAGE.replace("</article></main>", "</main>"),  # never closed
        '<html><body><div title="x > y" data-pagefind-body>Odd</div></body></html>',
        PAGE.replace('<p class="masthead">Site</p>', "<h1>Site</h1>"),  # Pagefind would title it from this h1
        PAGE.replace('<h1 id="headline">Kernel &amp; cloud</h1>', ""),  # no h1 in the story: title from elsewhere
    ],
)
def test_a_page_that_cannot_be_cut_with_certainty_is_given_whole(page: str) -> None:
    assert search_document(page) == page


def _bundle(folder: Path, html: str) -> dict[str, bytes]:
    page = folder / "site" / "2026" / "11" / "kernel" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(html, encoding="utf-8")
    out = folder / "bundle"
    subprocess.run([*indexer.command(indexer.executable(), "en", str(out))], cwd=folder / "site", check=True,
                   capture_output=True, timeout=120)  # fmt: skip
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_pagefind_writes_the_same_bundle_from_the_cut_down_page(tmp_path: Path) -> None:
    whole = _bundle(tmp_path / "whole", PAGE)
    cut = _bundle(tmp_path / "cut", search_document(PAGE))
    assert any(name.startswith("fragment/") for name in whole)
    assert cut == whole

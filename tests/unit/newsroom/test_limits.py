"""Unit tests for newsroom.limits: bodies nested too deep or with too many links, found before Markdown."""

from __future__ import annotations

import pytest
from newsroom.limits import MAX_DEPTH, MAX_LINKS, body_problems


def nested_list(depth: int, indent: str = "    ", marker: str = "-") -> str:
    return "\n".join(f"{indent * level}{marker} item {level}" for level in range(depth)) + "\n"


def where(body: str) -> list[tuple[int | None, str]]:
    return [(p.line, p.message) for p in body_problems("articles/a.md", body, 20)]


@pytest.mark.parametrize(
    "body",
    [
        nested_list(MAX_DEPTH),
        nested_list(MAX_DEPTH, "\t", "1."),
        "> " * MAX_DEPTH + "quoted",
        "> - " * (MAX_DEPTH // 2) + "mixed",
        "<div>" * MAX_DEPTH + "x" + "</div>" * MAX_DEPTH,
        "<div>x</div>\n" * 5_000,  # many elements, none inside another
        "<p>one\n\n" * 500 + "<li>item\n" * 500,  # end tags the browser implies
        "<br><img src=x><hr/><input>\n" * 500,
        "`<div>` " * 200,  # code spans
        "```html\n" + "<div>\n" * 200 + "```\n",  # fenced code
        "- item\n\n  ~~~\n" + nested_list(100) + "  ~~~\n",
        "* * * * * * * * * *\n",  # a rule, not lists
        "See [link](https://example.com/).\n" * MAX_LINKS,
    ],
)
def test_deep_enough_for_any_article_passes(body: str) -> None:
    assert body_problems("articles/a.md", body, 1) == []


def test_a_list_nested_past_the_limit_is_refused_on_its_deepest_line() -> None:
    assert where(nested_list(300)) == [(319, "the list or quote here is nested 300 levels deep; the site allows 32.")]
    assert where(nested_list(MAX_DEPTH + 1, "\t", "1.")) == [
        (52, "the list or quote here is nested 33 levels deep; the site allows 32.")
    ]
    problem = body_problems("articles/a.md", nested_list(300), 20)[0]
    assert (problem.path, problem.field, problem.severity) == ("articles/a.md", None, "error")
    assert problem.fix == "flatten it to at most 32 lists and quotes inside each other."


def test_quotes_and_quotes_in_lists_count_together() -> None:
    assert where("text\n\n" + "> " * 2000 + "deep\n") == [
        (22, "the list or quote here is nested 2000 levels deep; the site allows 32.")
    ]
    assert where("> - " * 17 + "x") == [(20, "the list or quote here is nested 34 levels deep; the site allows 32.")]


def test_raw_html_nested_past_the_limit_is_refused_where_it_gets_too_deep() -> None:
    body = "Intro.\n\n" + "<div>\n" * 40 + "x\n" + "</div>\n" * 40
    assert where(body) == [(61, "the HTML here is nested 40 elements deep; the site allows 32.")]
    assert where("<span>" * 100_000 + "x")[0][1].startswith("the HTML here is nested 100000 elements deep")


def test_too_many_links_are_refused_at_the_first_one_past_the_limit() -> None:
    body = "\n".join(f"See [link {n}](https://example.com/{n})." for n in range(MAX_LINKS + 5)) + "\n"
    problems = body_problems("articles/a.md", body, 20)
    assert [(p.line, p.message) for p in problems] == [
        (20 + MAX_LINKS, "the body has 2,005 links; the site allows 2,000 in one article.")
    ]
    assert problems[0].fix == "split the story, or link to one page that lists them (this line holds link 2,001)."


@pytest.mark.parametrize(
    "link", ["[a](https://x.example/)", "![a](/images/a.png)", "[a][ref]", "<https://x.example/>", '<a href="/x">a</a>']
)
def test_every_kind_of_link_counts(link: str) -> None:
    assert body_problems("a.md", f"{link}\n" * MAX_LINKS, 1) == []
    assert len(body_problems("a.md", f"{link}\n" * (MAX_LINKS + 1), 1)) == 1

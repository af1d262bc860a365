"""Unit tests for newsroom.names: tags and bylines spelt differently on one page."""

from __future__ import annotations

from newsroom.fields import validate
from newsroom.frontmatter import split_front_matter
from newsroom.names import NameUse, name_collisions, registered, shared_pages, spelling, uses_on
from pelican.contents import Author, Tag
from pelican.settings import DEFAULT_CONFIG
from support.fields import VOCAB

URLS = {"tag": "tag/{slug}/", "author": "/author/{slug}/"}


def lines(source: str, field: str) -> int:
    return {"Tags": 6, "Authors": 3}[field]


def tag(name: str, slug: str, source: str) -> NameUse:
    return NameUse("tag", name, slug, source)


def test_spellings_differing_in_case_spaces_hyphens_or_underscores_are_one_name() -> None:
    assert spelling("Supply  chain") == spelling("supply-chain") == spelling("SUPPLY_chain") == "supply chain"
    assert len({spelling(s) for s in ("C++", "C", "C#")}) == 3
    assert spelling("José Pérez") != spelling("Jose Perez")


def test_one_name_written_several_ways_shares_its_page_quietly() -> None:
    uses = [tag("Supply chain", "supply-chain", "a.md"), tag("supply-chain", "supply-chain", "b.md")]
    assert name_collisions(uses, URLS, lines) == []


def test_tags_that_only_share_a_slug_are_reported_in_every_file_naming_the_others() -> None:
    uses = [tag("C++", "c", "a.md"), tag("C", "c", "b.md"), tag("C#", "c", "c.md"), tag("C", "c", "d.md")]
    problems = name_collisions(uses, URLS, lines)
    assert [(p.path, p.line, p.field) for p in problems] == [
        ("b.md", 6, "Tags"),
        ("d.md", 6, "Tags"),
        ("c.md", 6, "Tags"),
        ("a.md", 6, "Tags"),
    ]
    assert problems[0].message == "the tag 'C' shares the topic page /tag/c/ with 'C#' in c.md; 'C++' in a.md."
    assert problems[3].message == "the tag 'C++' shares the topic page /tag/c/ with 'C' in b.md, d.md; 'C#' in c.md."
    assert "spell them the same" in problems[0].fix and "not only in symbols or accents" in problems[0].fix


def test_many_files_of_one_spelling_are_counted_beyond_three() -> None:
    uses = [tag("C", "c", f"{n}.md") for n in range(10)] + [tag("C++", "c", "plus.md")]
    problems = name_collisions(uses, URLS, lines)
    assert problems[-1].path == "plus.md"
    assert problems[-1].message.endswith("with 'C' in 0.md, 1.md, 2.md and 7 more.")


def test_bylines_that_only_share_a_slug_are_reported() -> None:
    settings = dict(DEFAULT_CONFIG)
    articles = [("a.md", [], [Author("José Pérez", settings)]), ("b.md", [], [Author("Jose Perez", settings)])]
    pages = shared_pages(articles, {})
    assert pages == {("author", "jose-perez")}
    problems = name_collisions(uses_on(articles, pages), URLS, lines)
    page = "shares the author page /author/jose-perez/"
    assert [(p.path, p.line, p.field, p.message) for p in problems] == [
        ("b.md", 3, "Authors", f"the author 'Jose Perez' {page} with 'José Pérez' in a.md."),
        ("a.md", 3, "Authors", f"the author 'José Pérez' {page} with 'Jose Perez' in b.md."),
    ]
    assert "one person" in problems[0].fix


def test_the_registry_spelling_wins_and_only_other_spellings_are_reported() -> None:
    settings = dict(DEFAULT_CONFIG)
    articles = [
        ("a.md", [Tag("pérez", settings)], [Author("Jose Perez", settings)]),
        ("b.md", [], [Author("josé  pérez", settings), Author("Ada Lovelace", settings)]),
    ]
    spelt = {"jose-perez": "José Pérez", "ada-lovelace": "Ada Lovelace"}
    pages = shared_pages(articles, spelt)
    assert pages == {("author", "jose-perez")}  # the tag 'pérez' is alone on /tag/perez/
    uses = [*uses_on(articles, pages), *registered({"jose-perez": "José Pérez"}, "authors.toml")]
    problems = name_collisions(uses, URLS, lines)
    assert [(p.path, p.message) for p in problems] == [
        ("a.md", "'Jose Perez' and 'José Pérez' (authors.toml) share the author page /author/jose-perez/.")
    ]
    assert (
        problems[0].fix == "write 'José Pérez' as the author registry does, or register 'Jose Perez' by another name."
    )


def test_shared_pages_finds_only_slugs_with_two_spellings() -> None:
    settings = dict(DEFAULT_CONFIG)
    tags = [Tag(name, settings) for name in ("C++", "C", "Supply chain", "supply-chain", "Rust")]
    articles = [("a.md", tags[:3], []), ("b.md", tags[3:], [Author("Ada Lovelace", settings)])]
    assert shared_pages(articles, {"ada-lovelace": "Ada Lovelace", "grace": "Grace"}) == {("tag", "c")}
    assert shared_pages(articles, {"ada-lovelace": "Ada Lövelace"}) == {("tag", "c"), ("author", "ada-lovelace")}
    assert uses_on(articles, {("tag", "c")}) == [NameUse("tag", "C++", "c", "a.md"), NameUse("tag", "C", "c", "a.md")]


def test_tags_of_one_file_that_share_a_page_are_reported_on_their_line() -> None:
    text = "Title: T\nDate: 2026-11-28 09:30\nAuthors: A\nCategory: Security\nTags: C++, security, C, c++\n\nBody.\n"
    result = validate(split_front_matter(text), "articles/story.md", "article", VOCAB)
    assert [(p.line, p.field, p.message) for p in result.problems] == [
        (5, "Tags", "the tags 'C++' and 'C' share one topic page ('c')."),
    ]
    assert result.metadata["tags"] == ["C++", "security"]

"""The tag registry: display names by slug, every problem naming the entry and the fix."""

from __future__ import annotations

import re

from newsroom.tagnames import parse_tag_registry


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("/", "")).strip("-")


def test_names_by_slug() -> None:
    data = {"tag": [{"name": "Supply chain"}, {"name": "CI/CD", "slug": "cicd"}, {"name": " IT   projects "}]}
    names, problems = parse_tag_registry(data, "tags.toml", slugify)
    assert problems == []
    assert names == {"supply-chain": "Supply chain", "cicd": "CI/CD", "it-projects": "IT projects"}


def test_no_registry_entries_is_no_names() -> None:
    assert parse_tag_registry({}, "tags.toml", slugify) == ({}, [])


def test_each_bad_entry_is_named_with_its_fix() -> None:
    data = {
        "tags": [],
        "tag": [
            {"name": "Supply chain", "colour": "red"},
            {"slug": "ai"},
            {"name": "Cloud", "slug": "clouds"},
            {"name": "supply CHAIN"},
            "AI",
        ],
    }
    names, problems = parse_tag_registry(data, "tags.toml", slugify)
    assert names == {"supply-chain": "Supply chain"}
    found = [(p.path, p.field, p.message) for p in problems]
    assert found == [
        ("tags.toml", None, "unknown tables ['tags']."),
        ("tags.toml", "tag[0].colour", "unknown key."),
        ("tags.toml", "tag[1].name", "is missing."),
        ("tags.toml", "tag[2].slug", "'clouds' is not the slug of 'Cloud'."),
        ("tags.toml", "tag[3].name", "'supply-chain' is named twice."),
        ("tags.toml", "tag[4]", "is not a table."),
    ]
    assert "leave slug out (it would be 'cloud')" in problems[3].fix


def test_tag_must_be_a_list_of_tables() -> None:
    names, problems = parse_tag_registry({"tag": "AI"}, "tags.toml", slugify)
    assert names == {} and [p.fix for p in problems] == ["write [[tag]]."]

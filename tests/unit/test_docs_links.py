"""The README and docs/ stay one set of pages: every relative link and #anchor between them resolves,
the README stays short enough for a reader, and docs/settings.md names every setting the plugins have."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from support.builds import ROOT

PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
README_MAX_LINES = 260
FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)
CODE = re.compile(r"`[^`\n]*`")
LINK = re.compile(r"!?\[[^\]\n]*\]\(([^)\s]+)\)")


def prose(text: str) -> str:
    """The text without fenced code blocks and inline code, where brackets are not links."""
    return CODE.sub("", FENCE.sub("", text))


def anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = heading.strip().lower().replace("`", "")
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    found: set[str] = set()
    for line in FENCE.sub("", path.read_text(encoding="utf-8")).splitlines():
        match = re.match(r"#{1,6}\s+(.*)", line)
        if match:
            name = anchor(match.group(1))
            count = sum(1 for a in found if a == name or re.fullmatch(re.escape(name) + r"-\d+", a))
            found.add(f"{name}-{count}" if count else name)
    return found


def links(path: Path) -> list[str]:
    return LINK.findall(prose(path.read_text(encoding="utf-8")))


def test_headings_make_githubs_anchors() -> None:
    assert anchor("An editor's day") == "an-editors-day"
    assert anchor("What `make upload` refuses") == "what-make-upload-refuses"
    assert anchor("One search bundle per year, or per part of a big year") == (
        "one-search-bundle-per-year-or-per-part-of-a-big-year"
    )


def test_links_are_found_outside_code_only() -> None:
    text = "See [fields](docs/fields.md#fields) and `[not](a-link.md)`.\n```\n[nor](this.md)\n```\n"
    assert LINK.findall(prose(text)) == ["docs/fields.md#fields"]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_and_anchor_resolves(page: Path) -> None:
    broken = []
    for target in links(page):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, mailto:: not ours to check
            continue
        file_part, _, fragment = target.partition("#")
        destination = (page.parent / file_part).resolve() if file_part else page
        if not destination.exists():
            broken.append(f"{target}: no file {destination.relative_to(ROOT)}")
        elif fragment and (destination.suffix != ".md" or fragment not in anchors(destination)):
            broken.append(f"{target}: no heading #{fragment} in {destination.relative_to(ROOT)}")
    assert not broken, f"{page.relative_to(ROOT)} has broken links:\n" + "\n".join(broken)


def test_the_docs_are_reachable_from_the_index() -> None:
    index = {(ROOT / "docs" / target.partition("#")[0]).resolve() for target in links(ROOT / "docs" / "README.md")}
    unlisted = [p.name for p in PAGES if p.parent.name == "docs" and p.name != "README.md" and p not in index]
    assert not unlisted, f"docs/README.md does not link {unlisted}"


def test_readme_stays_short() -> None:
    lines = len((ROOT / "README.md").read_text(encoding="utf-8").splitlines())
    assert lines <= README_MAX_LINES, f"README.md has {lines} lines; move detail to docs/ (at most {README_MAX_LINES})"


@pytest.mark.parametrize("plugin", ["newsroom", "feeds", "seo", "related", "most_read"])
def test_settings_page_names_every_setting(plugin: str) -> None:
    module = importlib.import_module(f"{plugin}.settings")
    page = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    missing = [module.PREFIX + key for key in module.DEFAULTS if f"`{module.PREFIX + key}`" not in page]
    assert not missing, f"docs/settings.md does not describe {missing}"


@pytest.mark.parametrize("page", ["README.md", "docs/fields.md"])
def test_field_tables_name_every_field(page: str) -> None:
    from newsroom.fields import ARTICLE_FIELDS  # noqa: PLC0415  (imports Pelican: only this test needs it)

    rows = [line for line in (ROOT / page).read_text(encoding="utf-8").splitlines() if line.startswith("| `")]
    named = {name for row in rows for name in re.findall(r"`([A-Z][A-Za-z_]*)`", row.split("|")[1])}
    missing = [field for field in ARTICLE_FIELDS if field not in named]
    assert not missing, f"{page}'s field table does not list {missing}"

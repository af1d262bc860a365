"""The related plugin in real builds: the evaluation set built as a site, pins, drafts, fallback, errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from support.builds import FIXTURES, ROOT, article_text, build, tree_digest

EVAL = FIXTURES / "related_eval"
PINS = ["kestrel-3-weather-satellite-breaks-apart", "lumenet-administration-rural-fibre"]


def write_conf(folder: Path, extra: str = "") -> Path:
    """The site's own settings with the related plugin switched on, last (whatever pelicanconf says)."""
    conf = folder / "related_conf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from pelicanconf import *  # noqa: F403\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\nTHEME = {str(ROOT / 'theme')!r}\n"
        'PLUGINS = [p for p in PLUGINS if p != "related"] + ["related"]  # noqa: F405\n'
        f"{extra}",
        encoding="utf-8",
    )
    return conf


def related_of(page: Path) -> list[tuple[str, str, str]]:
    """(slug, headline, meta line) of every item in the page's #related list."""
    section = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find(id="related")
    if section is None:
        return []
    items = []
    for item in section.find_all("li"):
        href = item.a["href"].rstrip("/")
        items.append((href.rsplit("/", 1)[-1], item.find(class_="related-title").get_text(strip=True), item.get_text()))
    return items


def pages(output: Path) -> dict[str, Path]:
    """slug -> article page (dated URLs and drafts)."""
    found = {}
    for page in sorted(output.rglob("index.html")):
        parts = page.relative_to(output).parts
        if (len(parts) == 4 and parts[0].isdigit()) or parts[0] == "drafts":
            found[page.parent.name] = page
    return found


@pytest.fixture(scope="module")
def eval_site(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The evaluation set plus a pinning article and a draft copy of a story, built twice."""
    root = tmp_path_factory.mktemp("related-eval")
    content = root / "content"
    shutil.copytree(EVAL / "articles", content / "articles")
    (content / "articles" / "pinning.md").write_text(
        article_text(
            "Ferry operators trial hydrogen-powered vessels",
            date="2026-06-20 10:00",
            slug="hydrogen-ferries-trial",
            Category="Science",
            Tags="energy, shipping",
            Image=None,
            Image_Alt=None,
            Image_Caption=None,
            Image_Credit=None,
            Related=", ".join(PINS),
        ),
        encoding="utf-8",
    )
    draft = (EVAL / "articles" / "harbourline-ferries-ransomware-attack.md").read_text(encoding="utf-8")
    draft = draft.replace("Slug: harbourline-ferries-ransomware-attack", "Slug: harbourline-draft-copy\nStatus: draft")
    (content / "articles" / "draft.md").write_text(draft, encoding="utf-8")
    outputs = []
    # the second build ranks in a worker process, as a site of 500 articles or more does
    for name, extra in (("out1", ""), ("out2", "RELATED_WORKER_FROM = 1\n")):
        (root / name).mkdir()
        result = build(content, root / name / "site", settings=str(write_conf(root / name, extra)))
        assert result.returncode == 0, result.stderr
        outputs.append(root / name / "site")
    stories = json.loads((EVAL / "stories.json").read_text(encoding="utf-8"))["stories"]
    return {"output": outputs[0], "second": outputs[1], "stories": stories, "pages": pages(outputs[0])}


def test_follow_ups_of_the_same_story_are_listed_first(eval_site: dict) -> None:
    stories, found = eval_site["stories"], eval_site["pages"]
    shares = []
    for slug, story in sorted(stories.items()):
        listed = [item[0] for item in related_of(found[slug])]
        assert len(listed) == 4, slug
        if story:
            assert stories.get(listed[0]) == story, f"{slug} leads with {listed[0]}"
            shares.append(sum(stories.get(other) == story for other in listed[:3]) / 3)
    assert sum(shares) / len(shares) >= 0.9


def test_each_item_shows_headline_section_and_date(eval_site: dict) -> None:
    items = related_of(eval_site["pages"]["harbourline-ferries-ransomware-attack"])
    first_slug, headline, meta = items[0]
    source = (EVAL / "articles" / f"{first_slug}.md").read_text(encoding="utf-8")
    assert f"Title: {headline}" in source
    section = next(line.split(": ", 1)[1] for line in source.splitlines() if line.startswith("Category:"))
    assert section in meta and "2026" in meta
    page = eval_site["pages"]["harbourline-ferries-ransomware-attack"].read_text(encoding="utf-8")
    assert "Related stories" in page


def test_pins_come_first_in_order(eval_site: dict) -> None:
    listed = [item[0] for item in related_of(eval_site["pages"]["hydrogen-ferries-trial"])]
    assert listed[:2] == PINS
    assert len(listed) == len(set(listed)) == 4


def test_drafts_are_never_listed_but_get_a_list_of_their_own(eval_site: dict) -> None:
    found = eval_site["pages"]
    for slug, page in found.items():
        assert "harbourline-draft-copy" not in [item[0] for item in related_of(page)], slug
    draft_list = [item[0] for item in related_of(found["harbourline-draft-copy"])]
    assert eval_site["stories"][draft_list[0]] == "harbourline"
    # the published original has the draft's very headline: a duplicate, so it is left out
    assert "harbourline-ferries-ransomware-attack" not in draft_list


def test_ranking_in_a_worker_process_gives_the_same_site(eval_site: dict) -> None:
    first, second = tree_digest(eval_site["output"]), tree_digest(eval_site["second"])
    manifest = ".newsdesk-manifest.json"  # it fingerprints the settings, which differ by the one line
    assert first.pop(manifest) and second.pop(manifest)
    assert first == second


def test_small_site_lists_are_full_with_the_fallback(make_site, tmp_path: Path) -> None:
    content = make_site(
        {
            "articles/telco.md": article_text("Spectrum auction rules", date="2026-11-01 09:00", Category="Telco"),
            "articles/science.md": article_text(
                "Comet flyby photographed", date="2026-11-02 09:00", Category="Science"
            ),
        },
        count=4,
    )
    output = tmp_path / "output"
    result = build(content, output, settings=str(write_conf(tmp_path)))
    assert result.returncode == 0, result.stderr
    found = pages(output)
    assert len(found) == 6
    for slug, page in found.items():
        listed = [item[0] for item in related_of(page)]
        assert len(listed) == 4 and slug not in listed and len(set(listed)) == 4


@pytest.mark.parametrize("worker_from", [500, 1])
def test_unknown_self_draft_pins_stop_the_build_naming_the_file(make_site, tmp_path: Path, worker_from: int) -> None:
    bad = article_text("Pins gone wrong", slug="pins-gone-wrong", Related="no-such-story, story-number-0")
    content = make_site(
        {
            "articles/bad.md": bad,
            "articles/selfish.md": article_text("Self pin", slug="self-pin", Related="self-pin, a-draft"),
            "articles/draft.md": article_text("A draft", slug="a-draft", Status="draft"),
        }
    )
    output = tmp_path / "output"
    result = build(content, output, settings=str(write_conf(tmp_path, f"RELATED_WORKER_FROM = {worker_from}\n")))
    assert result.returncode != 0
    assert "3 errors in 2 files" in result.stderr
    assert "articles/bad.md:" in result.stderr and "[Related] no article has the slug 'no-such-story'" in result.stderr
    assert "articles/selfish.md:" in result.stderr and "'self-pin' is this article itself" in result.stderr
    assert "'a-draft' is a draft" in result.stderr
    line = next(i for i, text in enumerate(bad.splitlines(), 1) if text.startswith("Related:"))
    assert f"articles/bad.md:{line}: error: [Related]" in result.stderr
    assert not output.exists()


def test_invalid_setting_stops_the_build(make_site, tmp_path: Path) -> None:
    result = build(make_site(), tmp_path / "output", settings=str(write_conf(tmp_path, "RELATED_COUNT = 0\n")))
    assert result.returncode != 0
    assert "RELATED_COUNT must be a whole number of 1 or more" in result.stderr

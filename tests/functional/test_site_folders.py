"""A page cannot take a folder the site writes itself: every such folder comes from the settings."""

from __future__ import annotations

from pathlib import Path

from support.builds import build, run_newsdesk, tree_digest

FOLDERS = ("drafts", "pagefind", "theme", "images", "feeds", "page")


def test_pages_on_the_sites_own_folders_stop_the_build_and_make_check(make_site, tmp_path: Path) -> None:
    pages = {f"pages/{name}.md": f"Title: Our {name}\nSlug: {name}\n\nText.\n" for name in FOLDERS}
    pages["pages/images-by-title.md"] = "Title: Images\n\nA page whose title makes the slug.\n"
    content = make_site(pages)
    output = tmp_path / "output"
    output.mkdir()
    before = tree_digest(output)

    result = build(content, output)

    assert result.returncode != 0
    for name in FOLDERS:
        assert (
            f"pages/{name}.md:2: error: [Slug] its page ({name}/index.html) would be inside /{name}/" in result.stderr
        )
    assert (
        "pages/images-by-title.md:1: error: [Slug] its page (images/index.html) would be inside /images/"
        in result.stderr
    )
    assert "the feeds plugin" in result.stderr and "the search plugin" in result.stderr
    assert "Fix: choose another Slug." in result.stderr
    assert tree_digest(output) == before

    check = run_newsdesk("check", "--input", str(content))
    assert check.returncode == 1
    for name in FOLDERS:
        assert f"pages/{name}.md:2: error: [Slug] its page ({name}/index.html) would be inside /{name}/" in check.stdout
    assert "pages/images-by-title.md" in check.stdout


def test_make_check_reports_a_page_that_would_overwrite_a_site_page(make_site) -> None:
    content = make_site({"pages/tags.md": "Title: Topics\nSlug: tag\n\nText.\n"})
    check = run_newsdesk("check", "--input", str(content))
    assert check.returncode == 1
    assert "pages/tags.md:2: error: [Slug] its page would overwrite the 'tags' page (tag/index.html)." in check.stdout

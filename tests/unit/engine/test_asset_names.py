"""Content-hashed names of the theme's CSS and JavaScript, and the templates' asset_url (engine/assets.py)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2
import pytest
from engine.assets import UnknownAsset, asset_url, hashed_name, plan, theme_files, url


def test_css_and_js_names_carry_the_hash_of_their_bytes_and_other_files_keep_theirs() -> None:
    digest = hashlib.sha256(b"body{}").hexdigest()[:10]
    assert hashed_name("css/site.css", b"body{}") == f"css/site.{digest}.css"
    assert (
        hashed_name("js/most-read.js", b"x").startswith("js/most-read.") and hashed_name("js/a.js", b"x") != "js/a.js"
    )
    assert hashed_name("img/logo.png", b"body{}") == "img/logo.png"
    assert hashed_name("css/site.css", b"body{}") == hashed_name("css/site.css", b"body{}")  # stable
    assert hashed_name("css/site.css", b"body{ }") != hashed_name("css/site.css", b"body{}")


def test_the_plan_maps_every_plain_name_to_its_published_name() -> None:
    names = plan([("js/b.js", b"b"), ("img/x.svg", b"<svg/>"), ("css/a.css", b"a")])
    assert list(names) == ["css/a.css", "img/x.svg", "js/b.js"]
    assert names["img/x.svg"] == "img/x.svg" and names["css/a.css"] != "css/a.css"


def test_theme_files_are_found_as_pelican_copies_them(tmp_path: Path) -> None:
    static = tmp_path / "static"
    (static / "css").mkdir(parents=True)
    (static / "css" / "site.css").write_text("a")
    (static / "css" / ".site.css.swp").write_text("editor")
    (tmp_path / "robots.txt").write_text("r")
    found = theme_files(str(tmp_path), ["static", "robots.txt"], [".*"])
    assert [rel for rel, _ in found] == ["css/site.css", "robots.txt"]


def test_asset_url_gives_the_published_address_with_siteurl() -> None:
    names = {"css/site.css": "css/site.0123456789.css"}
    assert url(names, "", "theme", "css/site.css") == "/theme/css/site.0123456789.css"
    assert url(names, "https://news.example", "/static/", "css/site.css") == (
        "https://news.example/static/css/site.0123456789.css"
    )
    template = jinja2.Environment(autoescape=True).from_string("<link href=\"{{ asset_url('css/site.css') }}\">")
    html = template.render(asset_url=asset_url, theme_assets=names, SITEURL="https://news.example")
    assert html == '<link href="https://news.example/theme/css/site.0123456789.css">'


def test_a_template_asking_for_a_missing_file_gets_its_name_and_the_fix() -> None:
    with pytest.raises(UnknownAsset) as caught:
        url({"css/site.css": "css/site.0123456789.css"}, "", "theme", "css/sit.css")
    message = caught.value.report()
    assert "'css/sit.css'" in message and "css/site.css" in message and "Fix:" in message

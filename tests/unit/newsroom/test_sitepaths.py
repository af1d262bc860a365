"""Unit tests for newsroom.sitepaths: the paths the site writes itself, from the settings."""

from __future__ import annotations

from types import SimpleNamespace

from newsroom.checks import url_collisions
from newsroom.sitepaths import Claim, claim, content_pattern, fixed_folder, plugin_folders, site_folders

from newsdesk.build import load_settings

SETTINGS = {
    "ARTICLE_SAVE_AS": "{date:%Y}/{date:%m}/{slug}/index.html",
    "ARTICLE_LANG_SAVE_AS": "{slug}-{lang}.html",
    "PAGE_SAVE_AS": "{slug}/index.html",
    "PAGE_LANG_SAVE_AS": "pages/{slug}-{lang}.html",
    "DRAFT_SAVE_AS": "",
    "DRAFT_URL": "drafts/{slug}/",
    "TAG_SAVE_AS": "tag/{slug}/index.html",
    "TAGS_URL": "tag/",
    "NOTFOUND_SAVE_AS": "404.html",
    "SITEURL": "https://dailydiff.example",
    "FEEDS_FALLBACK_SITEURL": "http://127.0.0.1:8000",
    "STATIC_PATHS": ["images", "extra/robots.txt"],
    "EXTRA_PATH_METADATA": {"extra/robots.txt": {"path": "robots.txt"}, "extra/x.ico": {"path": "icons/x.ico"}},
    "THEME_STATIC_DIR": "theme",
    "PAGINATION_PATTERNS": [
        (1, "{url}", "{save_as}"),
        (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
    ],
}


def test_fixed_folder_is_the_first_folder_when_it_is_text() -> None:
    assert fixed_folder("tag/{slug}/index.html") == "tag"
    assert fixed_folder("/archives/") == "archives"
    for pattern in ("{slug}/index.html", "{date:%Y}/index.html", "404.html", "", "https://x.example/a/", "//cdn/a/"):
        assert fixed_folder(pattern) == "", pattern


def test_site_folders_come_from_every_pattern_static_theme_pagination_and_plugin() -> None:
    folders = site_folders(SETTINGS, {"feeds": ("feeds",), "search": ("pagefind",)})
    assert folders == {
        "drafts": "DRAFT_URL",
        "extra": "STATIC_PATHS",
        "feeds": "the feeds plugin",
        "icons": "EXTRA_PATH_METADATA",
        "images": "STATIC_PATHS",
        "page": "PAGINATION_PATTERNS",
        "pagefind": "the search plugin",
        "tag": "TAGS_URL, TAG_SAVE_AS",
        "theme": "THEME_STATIC_DIR",
    }


def test_the_sites_real_settings_reserve_every_folder_a_build_writes() -> None:
    plugins = [
        ("feeds", SimpleNamespace(SITE_FOLDERS={"feeds"})),
        ("search", SimpleNamespace(SITE_FOLDERS={"pagefind"})),
    ]
    for conf in ("pelicanconf.py", "publishconf.py"):
        folders = site_folders(load_settings(conf, {}), plugin_folders(plugins))
        for name in ("archives", "author", "drafts", "feeds", "images", "page", "pagefind", "search", "section",
                     "tag", "theme"):  # fmt: skip
            assert name in folders, (conf, name)
        assert "pages" not in folders  # translations only; an article cannot name a language


def test_plugin_folders_reads_each_plugins_declaration() -> None:
    modules = [("feeds", SimpleNamespace(SITE_FOLDERS=frozenset({"feeds"}))), ("related", SimpleNamespace())]
    assert plugin_folders(modules) == {"feeds": ("feeds",), "related": ()}


def test_content_pattern_follows_kind_and_status() -> None:
    settings = {"ARTICLE_SAVE_AS": "a", "DRAFT_SAVE_AS": "d", "PAGE_SAVE_AS": "p", "DRAFT_PAGE_SAVE_AS": "dp"}
    assert [content_pattern(settings, "article", s) for s in ("published", "hidden", "draft")] == ["a", "a", "d"]
    assert [content_pattern(settings, "page", s) for s in ("published", "hidden", "draft")] == ["p", "p", "dp"]
    assert content_pattern({}, "article", "draft") == ""


def test_a_page_inside_a_site_folder_is_refused_but_a_draft_in_its_own_folder_is_not() -> None:
    settings = {**SETTINGS, "DRAFT_SAVE_AS": "drafts/{slug}/index.html"}
    folders = site_folders(settings, {})
    claims = [
        claim(settings, "page", "published", "drafts/index.html", "pages/drafts.md"),
        claim(settings, "page", "hidden", "images/index.html", "pages/images.md"),
        claim(settings, "article", "draft", "drafts/scoop/index.html", "articles/scoop.md"),
        claim(settings, "page", "published", "about/index.html", "pages/about.md"),
    ]
    assert claims[2] == Claim("drafts/scoop/index.html", "articles/scoop.md", "drafts")
    problems = url_collisions(claims, {}, folders)
    assert [(p.path, p.field, p.message, p.fix) for p in problems] == [
        (
            "pages/drafts.md",
            "Slug",
            "its page (drafts/index.html) would be inside /drafts/, a folder the site fills itself "
            "(DRAFT_SAVE_AS, DRAFT_URL).",
            "choose another Slug.",
        ),
        (
            "pages/images.md",
            "Slug",
            "its page (images/index.html) would be inside /images/, a folder the site fills itself (STATIC_PATHS).",
            "choose another Slug.",
        ),
    ]


def test_an_overwritten_site_page_is_reported_once_as_such() -> None:
    folders = site_folders(SETTINGS, {})
    problems = url_collisions([("tag/index.html", "pages/tags.md")], {"tag/index.html": "'tags' page"}, folders)
    assert [p.message for p in problems] == ["its page would overwrite the 'tags' page (tag/index.html)."]

"""The output paths the site writes itself, worked out from the settings (pure).

A page on one of them would overwrite a page of the site (``tag/index.html``) or live
inside a folder the site fills itself (``/drafts/``, ``/pagefind/``, ``/images/``), so
the URL check keeps every article and page out of them. Nothing here is a list of
names: the folders come from every ``*_SAVE_AS`` and ``*_URL`` pattern whose first
folder is fixed text, the static and theme folders, the further pages of the home page,
and the folders each plugin says it writes (its package's ``SITE_FOLDERS``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple


class Claim(NamedTuple):
    """An output path a source file is written to; ``folder`` is the fixed first folder of its
    own pattern (``drafts`` for a draft), which is never a collision for it."""

    save_as: str
    source: str
    folder: str = ""


def fixed_folder(pattern: str) -> str:
    """The first folder of an output pattern when it is fixed text, else ''.

    ``tag/{slug}/index.html`` gives ``tag``; ``{slug}/index.html``, ``{date:%Y}/…``, a file at
    the top (``404.html``) and a full address (``https://…``) give ''.
    """
    if "://" in pattern or pattern.startswith("//"):
        return ""
    head, slash, _ = pattern.lstrip("/").partition("/")
    return "" if not slash or "{" in head or head in ("", ".", "..") else head


def content_pattern(settings: Mapping[str, Any], kind: str, status: str) -> str:
    """The ``*_SAVE_AS`` pattern Pelican writes an article or page of that status with."""
    if kind == "page":
        key = "DRAFT_PAGE_SAVE_AS" if status == "draft" else "PAGE_SAVE_AS"
    else:
        key = "DRAFT_SAVE_AS" if status == "draft" else "ARTICLE_SAVE_AS"
    return str(settings.get(key) or "")


def claim(settings: Mapping[str, Any], kind: str, status: str, save_as: str, source: str) -> Claim:
    return Claim(save_as or "", source, fixed_folder(content_pattern(settings, kind, status)))


def reserved_files(settings: Mapping[str, Any]) -> dict[str, str]:
    """Output paths of the site's own pages (``DIRECT_TEMPLATES``) -> a description."""
    reserved = {}
    for name in settings.get("DIRECT_TEMPLATES", []):
        save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        if save_as:
            reserved[save_as] = f"'{name}' page"
    return reserved


def site_folders(settings: Mapping[str, Any], plugin_folders: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """Top-level folders the site writes itself -> what writes them (settings or plugins).

    ``plugin_folders`` maps a plugin's name to the folders it writes. Translations'
    patterns (``*_LANG_*``) are left out: an article cannot name a language.
    """
    users: dict[str, set[str]] = {}

    def add(folder: str, user: str) -> None:
        if folder:
            users.setdefault(folder, set()).add(user)

    for key, value in settings.items():
        if key.endswith(("_SAVE_AS", "_URL")) and "_LANG_" not in key and isinstance(value, str):
            add(fixed_folder(value), key)
    for path in settings.get("STATIC_PATHS", []):
        add(fixed_folder(f"{path}/"), "STATIC_PATHS")
    for extra in (settings.get("EXTRA_PATH_METADATA") or {}).values():
        if isinstance(extra, Mapping) and isinstance(extra.get("path"), str):
            add(fixed_folder(extra["path"]), "EXTRA_PATH_METADATA")
    add(fixed_folder(f"{settings.get('THEME_STATIC_DIR', 'theme')}/"), "THEME_STATIC_DIR")
    for rule in settings.get("PAGINATION_PATTERNS", []):
        # the home page's further pages: its base name is empty, so they start at the top
        add(fixed_folder(str(rule[2]).replace("{base_name}", "")), "PAGINATION_PATTERNS")
    for plugin, folders in plugin_folders.items():
        for folder in folders:
            add(fixed_folder(f"{folder}/"), f"the {plugin} plugin")
    return {folder: ", ".join(sorted(names)) for folder, names in sorted(users.items())}


def plugin_folders(plugins: Iterable[tuple[str, Any]]) -> dict[str, tuple[str, ...]]:
    """(name, module) of each plugin -> the top-level folders it says it writes (``SITE_FOLDERS``)."""
    return {name: tuple(sorted(getattr(module, "SITE_FOLDERS", ()))) for name, module in plugins}

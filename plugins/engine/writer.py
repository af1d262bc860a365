"""A Pelican writer that renders only pages whose inputs changed since the live site was built."""

from __future__ import annotations

import os
from typing import Any

import pelican
from pelican.writers import Writer

from .context import of
from .contract import Roles
from .fingerprints import Memo, digest, is_content, listed, own_data, shallow, site_digest, split_around
from .pagestore import PageStore
from .reuse import Reuse


def _files(root: str, suffix: str = "") -> list[tuple[str, bytes]]:
    """Every file under ``root`` (ending in ``suffix``) as (path from ``root``, bytes)."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in files:
            if name.endswith(suffix):
                path = os.path.join(folder, name)
                with open(path, "rb") as handle:
                    found.append((os.path.relpath(path, root), handle.read()))
    return found


def _plugin_code(settings: dict[str, Any]) -> list[tuple[str, bytes]]:
    """The Python source of every plugin folder the build loads plugins from."""
    return [(f"{n}:{rel}", data) for n, root in enumerate(settings.get("PLUGIN_PATHS") or ()) for rel, data in
            _files(root, ".py")]  # fmt: skip


class ReusingWriter(Writer):
    """Renders a page only when its fingerprint differs from the live site's; links it otherwise."""

    def __init__(self, output_path: str, settings: dict[str, Any] | None = None) -> None:
        super().__init__(output_path, settings=settings)
        settings = settings or {}
        live, in_place = settings.get("NEWSROOM_PREVIOUS_OUTPUT", ""), bool(settings.get("NEWSROOM_IN_PLACE"))
        cache = settings.get("CACHE_PATH") if settings.get("NEWSROOM_PAGE_STORE", True) else None
        serve = not live and not settings.get("NEWSROOM_RENDER_ALL")  # a clean build, not --full
        self.reuse = Reuse(
            live,
            output_path,
            in_place,
            store=PageStore(cache or None, serve),
            listing=settings.get("ENGINE_LIVE_LISTING"),
        )
        self._site: str | None = None
        self._roles = Roles(frozenset(), frozenset(), frozenset(), frozenset())
        self._items: dict[int, Any] = {}  # the site's articles and pages, whose list data the site digest holds
        self._produced: list[str] = []
        self.build = of(self.settings)
        self.build.reuse = self.reuse
        self._memo: Memo = {}  # encodings of the listings and records pages share, for this build

    def site(self, context: dict[str, Any]) -> str:
        if self._site is None:
            with self.build.timed("site fingerprint"):
                templates = _files(os.path.join(self.settings["THEME"], "templates"))
                self._roles = self.build.contract.roles()  # every plugin has declared its attributes by now
                self._site = site_digest(
                    context, templates, pelican.__version__, self._roles, _plugin_code(self.settings)
                )
                self._items = listed(context)
            self.build.site_fingerprint = self._site
            self.build.settle()  # the work beside the build lands (and problems stop it) before any page
        return self._site

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> Any:
        if os.path.lexists(filename):  # a new file, never one written through: it may be a link to a kept one
            os.unlink(filename)
        handle = super()._open_w(filename, encoding, override)
        self._produced.append(handle.name)  # the files of the page being written (its pagination too)
        return handle

    def write_file(self, name: str, template: Any, context: dict[str, Any], *args: Any, **kwargs: Any) -> None:
        if not name:
            return super().write_file(name, template, context, *args, **kwargs)
        site = self.site(context)  # the first page's call also settles the work beside the build
        with self.build.timed("fingerprints"):
            own = [v for v in kwargs.values() if is_content(v)]
            rest = shallow({k: v for k, v in kwargs.items() if not any(v is o for o in own)}, self._memo)
            parts = [split_around(own_data(c, self._items, self._roles), self._roles) for c in own]
            content = digest(site, name, template.name, args, rest, [inner for inner, _ in parts])
            fingerprint = digest(content, [around for _, around in parts]) if own else content
            self.build.content_fingerprints[name] = content
        self.build.tick("pages written")
        if self.reuse.try_reuse(name, fingerprint):
            for rel in self.reuse.new[name]["files"]:
                self._written_files.add(os.path.join(self.output_path, rel))
        else:
            self._produced = []
            super().write_file(name, template, context, *args, **kwargs)
            produced = sorted({os.path.relpath(p, self.output_path) for p in self._produced if p != os.devnull})
            self.reuse.record(name, fingerprint, produced)
        self.build.page_done.send(name)
        return None

"""Checks a built site before it goes live (``make publish``).

Every HTML page parses without tag errors, every internal link and image
resolves to a file in the build, every feed is well-formed XML, every JSON file
and JSON-LD block parses. Works on a folder of files; knows nothing of Pelican.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import stat
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

STAMP = ".newsdesk-verified"
IGNORED_HTML_ERRORS = frozenset({"HTML_UNKNOWN_TAG"})  # libxml2 predates some HTML5 elements


def _parse_page(text: bytes) -> tuple[list[str], set[str], list[str], list[str]]:
    """Links, ids, parse errors and JSON-LD blocks of one HTML page."""
    parser = etree.HTMLParser(recover=True, no_network=True)
    root = etree.fromstring(text, parser)
    errors = [f"line {e.line}: {e.message.strip()}" for e in parser.error_log if e.type_name not in IGNORED_HTML_ERRORS]
    if root is None:
        return [], set(), errors or ["empty page"], []
    links = [
        value
        for element in root.iter("a", "img", "link", "script", "source", "iframe")
        if not (element.tag == "link" and element.get("rel") in ("canonical", "alternate"))
        for value in (element.get("href"), element.get("src"))
        if value
    ]
    ids = set(root.xpath("//@id"))
    blocks = [el.text or "" for el in root.iter("script") if el.get("type") == "application/ld+json"]
    return links, ids, errors, blocks


def _target(page: str, url: str, site_url: str, folders: set[str]) -> str | None:
    """The site-relative file a link points at ('..' if it leaves the site), or None for other sites."""
    if site_url and url.startswith(site_url):
        url = url[len(site_url) :] or "/"
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    joined = path if path.startswith("/") else posixpath.join("/", posixpath.dirname(page), path)
    target = posixpath.normpath(joined).lstrip("/")
    if target.startswith(".."):
        return ".."
    return posixpath.join(target, "index.html") if path.endswith("/") or target in folders or not target else target


def verify_site(site: Path, site_url: str = "") -> list[str]:
    """Problems found in the built site at ``site``; an empty list means it may go live."""
    site = site.resolve()
    problems: list[str] = []
    site_url = site_url.rstrip("/")
    everything = sorted(site.rglob("*"))
    files = {p.relative_to(site).as_posix() for p in everything if p.is_file()}
    folders = {p.relative_to(site).as_posix() for p in everything if p.is_dir()}
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        links, ids, errors, blocks = _parse_page(page.read_bytes())
        problems.extend(f"{rel}: {e}" for e in errors[:5])
        for url in sorted(set(links)):
            if url.startswith("#"):
                if url[1:] and url[1:] not in ids:
                    problems.append(f"{rel}: link to missing anchor {url}")
                continue
            if url.startswith(("mailto:", "tel:")):
                continue
            target = _target(rel, url, site_url, folders)
            if target is not None and target not in files:
                problems.append(f"{rel}: broken link or image {url}")
        for block in blocks:
            try:
                json.loads(block)
            except ValueError as exc:
                problems.append(f"{rel}: JSON-LD does not parse ({exc})")
    for feed in sorted(site.rglob("*.xml")):
        try:
            etree.parse(str(feed), etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError as exc:
            problems.append(f"{feed.relative_to(site).as_posix()}: XML does not parse ({exc})")
    for data in sorted(site.rglob("*.json")):
        try:
            json.loads(data.read_text(encoding="utf-8"))
        except ValueError as exc:
            problems.append(f"{data.relative_to(site).as_posix()}: JSON does not parse ({exc})")
    problems.extend(f"{entry}: a site holds only files and folders" for entry in irregular(site))
    return problems


def _entries(site: Path) -> list[tuple[str, int]]:
    """Every path under ``site`` but the folders that hold something, with its own mode (links are not
    followed), in path order; Newsdesk's ``.newsdesk-*`` files and folders left out, as the upload leaves them."""

    def fail(error: OSError) -> None:
        raise error

    found: list[tuple[str, int]] = []
    for top, folders, files in os.walk(site, onerror=fail):
        folders[:] = [name for name in folders if not name.startswith(".newsdesk-")]
        here = Path(top).relative_to(site).as_posix()
        names = [name for name in folders + files if not name.startswith(".newsdesk-")]
        if here != "." and not names:
            found.append((here, stat.S_IFDIR))
        for name in names:
            mode = os.lstat(os.path.join(top, name)).st_mode
            if not stat.S_ISDIR(mode):
                found.append((name if here == "." else f"{here}/{name}", mode))
    return sorted(found, key=lambda entry: entry[0].split("/"))


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "symbolic link"
    if stat.S_ISFIFO(mode):
        return "named pipe"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device file"
    return "empty folder" if stat.S_ISDIR(mode) else "file"


def irregular(site: Path) -> list[str]:
    """Every path under ``site`` that is neither a file nor a folder (a symbolic link, a named pipe,
    a socket, a device), each as 'path is a symbolic link to …'."""
    found = []
    for rel, mode in _entries(site):
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            to = f" to {os.readlink(site / rel)!r}" if stat.S_ISLNK(mode) else ""
            found.append(f"{rel} is a {_kind(mode)}{to}")
    return found


def digest(site: Path) -> str:
    """One SHA-256 over every file's path and bytes, and over every other path under ``site`` and its
    kind (a link with its target, a pipe, an empty folder), Newsdesk's own marker files excluded."""
    total = hashlib.sha256()
    for rel, mode in _entries(site):
        total.update(rel.encode() + b"\0")
        if stat.S_ISREG(mode):
            total.update(hashlib.sha256((site / rel).read_bytes()).digest())
        else:
            to = os.readlink(site / rel) if stat.S_ISLNK(mode) else ""
            total.update(f"\0{_kind(mode)}\0{to}\0".encode())
    return total.hexdigest()

"""Where ``make upload`` may send the site, and what rsync says about it: pure functions over text.

``rsync --delete`` makes the target folder hold the site and nothing else, so a mistyped
target (a parent folder, the remote home) would lose everything in it. These functions
refuse targets that can never be a site's folder, read the marker an earlier upload left
there, and read rsync's listing and dry run. ``upload.py`` runs rsync and decides.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

MARKER = ".newsdesk-site"  # left at the target by every upload; never one of the site's own files
QUIET_DELETIONS = 20  # more files than this to delete (search index aside) must be confirmed
SEARCH_FOLDER = "pagefind/"  # the search index: every re-index names its files anew, by their content's hash
SHOWN = 30  # deletions listed in a message


class BadTarget(Exception):
    """A target that can never be a site's folder, whatever the flags."""


@dataclass(frozen=True)
class Target:
    """An rsync destination: ``prefix`` is ``host:``, ``host::`` or ``rsync://host/``, empty for this machine."""

    given: str
    prefix: str
    path: str

    @property
    def folder(self) -> str:
        """The destination as rsync takes it, naming the folder itself (trailing slash)."""
        return self.prefix + self.path.rstrip("/") + "/"

    @property
    def marker(self) -> str:
        return self.folder + MARKER


def parse_target(given: str, project: Path, output: Path, content: Path | None = None) -> Target:
    """The target ``given`` (as PUBLISH_TARGET), or BadTarget when it can never be the site's folder."""
    if not given.strip():
        raise BadTarget("set PUBLISH_TARGET, e.g. make upload PUBLISH_TARGET=user@host:/var/www/site/")
    prefix, host, path = _split(given)
    if not prefix:
        return Target(given, "", str(_local_folder(given, project, output, content)))
    if not host or host.startswith("-"):
        raise BadTarget(f"PUBLISH_TARGET '{given}' names no host; write it as user@host:/var/www/site/.")
    normal = posixpath.normpath(path) if path else "."
    if prefix.endswith(("::", "/")):  # an rsync daemon: the path starts with a module
        if normal in (".", "/"):
            raise BadTarget(f"PUBLISH_TARGET '{given}' names no module of the rsync daemon on {host}.")
    elif normal in ("/", "//"):
        raise BadTarget(f"PUBLISH_TARGET '{given}' is the root folder of {host}; give the site's own folder.")
    elif normal in (".", "..") or re.fullmatch(r"~[^/]*", normal):
        raise BadTarget(
            f"PUBLISH_TARGET '{given}' is your home folder on {host}, not a site's own folder; "
            f"give the folder the web server serves the site from, e.g. {host}:/var/www/site/."
        )
    return Target(given, prefix, path)


def _split(given: str) -> tuple[str, str, str]:
    """(prefix, host, path) as rsync reads a destination: remote when a ':' comes before any '/'."""
    if given.startswith("rsync://"):
        host, _, path = given[len("rsync://") :].partition("/")
        return f"rsync://{host}/", host, path
    colon, slash = given.find(":"), given.find("/")
    if colon == -1 or (slash != -1 and slash < colon):
        return "", "", given
    host, path = given[:colon], given[colon + 1 :]
    if path.startswith(":"):
        return f"{host}::", host, path[1:]
    return f"{host}:", host, path


def _local_folder(given: str, project: Path, output: Path, content: Path | None) -> Path:
    folder = Path(given).expanduser().resolve()
    named = {Path("/").resolve(): "the root folder", Path.home().resolve(): "your home folder"}
    kept = {project.resolve(): "the Newsdesk repository", output.resolve(): "the output folder"}
    if content is not None:
        kept.setdefault(content.resolve(), "the content folder")
    named.update(kept)
    held = [name for path, name in named.items() if folder == path or folder in path.parents]
    inside = sorted((len(path.parts), name) for path, name in kept.items() if path in folder.parents)
    if held:
        what = named[folder] if folder in named else f"a folder that holds {held[0]}"
    elif inside:
        what = f"inside {inside[-1][1]}"
    else:
        return folder
    raise BadTarget(
        f"PUBLISH_TARGET '{given}' is {folder}, {what}: uploading deletes what the site does not have there. "
        "Give the web server's folder for this site."
    )


def marker_text(site_url: str) -> str:
    """What an upload leaves at the target: only the site's public address."""
    return (
        "# Written by `newsdesk upload`: this folder is the web root of the site below, and uploads\n"
        "# replace its files. `make upload` refuses a non-empty folder without this file.\n"
        f"site: {site_url}\n"
    )


def marker_site(text: str) -> str | None:
    """The site address a marker names, or None when it names none."""
    found = re.search(r"^site: ?(.*)$", text, re.MULTILINE)
    return found.group(1).strip() if found else None


def listed_names(listing: str) -> list[str]:
    """The entries of ``rsync --list-only folder/`` (the folder itself, '.', left out)."""
    names = []
    for line in listing.splitlines():
        parts = line.split(None, 4)
        if len(parts) == 5 and parts[4] != ".":
            names.append(parts[4])
    return names


def deletions(itemized: str) -> list[str]:
    """The files and links an ``rsync --dry-run --itemize-changes --delete`` would delete (folders left out)."""
    found = (line[len("*deleting") :].lstrip(" ") for line in itemized.splitlines() if line.startswith("*deleting"))
    return sorted(name for name in found if not name.endswith("/"))


def to_confirm(deleted: list[str]) -> list[str]:
    """The deletions an editor must confirm: all but the search index's replaced files."""
    return [name for name in deleted if not name.startswith(SEARCH_FOLDER)]


def listing(names: list[str], limit: int = SHOWN) -> str:
    """``names`` as indented lines, the first ``limit`` of them."""
    shown = [f"  {name}" for name in names[:limit]]
    if len(names) > limit:
        shown.append(f"  … and {len(names) - limit} more")
    return "\n".join(shown)

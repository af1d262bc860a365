"""``make upload``: send the published site to the web server with rsync, only if it was checked,
and only into the site's own folder.

The upload refuses unless ``output/`` is exactly what the last ``make publish`` built
and checked: the stamp that the publish checks wrote must be there, name the
publish settings, and match every file's bytes, and nothing but files and folders may
be in it (a symbolic link, a pipe). A development build, a failed publish or a
hand-edited file in ``output/`` therefore never goes live.

``rsync --delete`` leaves the target holding the site and nothing else, so the target is
inspected first, with rsync itself (the same for a folder here and over ssh): a folder
that is not empty must carry the marker an earlier upload left (``.newsdesk-site``, naming
the site's address); a dry run lists what would be deleted, and more than a few files
must be confirmed. Nothing waits for an answer on stdin: a refusal names the flag to pass.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .target import (
    MARKER,
    QUIET_DELETIONS,
    SEARCH_FOLDER,
    BadTarget,
    Target,
    deletions,
    listed_names,
    listing,
    marker_site,
    marker_text,
    parse_target,
    to_confirm,
)

PROJECT = Path(__file__).resolve().parent.parent
RSYNC = ["rsync", "-rptz"]  # no -l: a symbolic link is never sent, even one added after the checks
SITE_ONLY = ["--exclude", ".newsdesk-*"]  # Newsdesk's files: not sent, and at the target not deleted
TAKE_OVER = "TAKE_OVER=1 (newsdesk upload --take-over)"
CONFIRM = "CONFIRM_DELETIONS=1 (newsdesk upload --confirm-deletions)"


class Refused(Exception):
    """The upload must not go ahead; the message says why and what to do."""


def checked_stamp(output: Path, publish_settings: str) -> dict:
    """The publish stamp of ``output``, or Refused when ``output`` is not what `make publish` checked."""
    from .verify import STAMP, digest, irregular  # noqa: PLC0415 - lxml: the CLI starts without the venv

    stamp_file = output / STAMP
    if not stamp_file.is_file():
        raise Refused(f"{output} was not built by `make publish` with its checks passed; run `make publish` first.")
    try:
        stamp = json.loads(stamp_file.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        stamp = None
    if not isinstance(stamp, dict):
        raise Refused(f"{stamp_file} is damaged; run `make publish` again.")
    if stamp.get("settings") != Path(publish_settings).name:
        raise Refused(f"{output} was built with {stamp.get('settings')}, not {publish_settings}; run `make publish`.")
    odd = irregular(output)
    if odd:
        raise Refused(
            f"{output} is not the site `make publish` checked: {'; '.join(odd[:5])}{' …' if len(odd) > 5 else ''}. "
            "A published site holds only files and folders: remove it, or run `make publish` again."
        )
    if stamp.get("digest") != digest(output):
        raise Refused(f"{output} changed after `make publish` checked it; run `make publish` again.")
    return stamp


def upload_problem(output: Path, publish_settings: str) -> str | None:
    """Why ``output`` may not be uploaded, or None when it may."""
    try:
        checked_stamp(output, publish_settings)
    except Refused as exc:
        return str(exc)
    return None


def _rsync(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["rsync", *args], capture_output=True, text=True, errors="replace", check=False)


def _failure(result: subprocess.CompletedProcess, doing: str, target: Target) -> Refused:
    said = [line for line in result.stderr.splitlines() if line.strip() and not line.startswith("rsync error:")]
    return Refused(f"could not {doing} {target.given} (rsync exit {result.returncode}): {' '.join(said[-3:])}")


def target_names(target: Target) -> list[str]:
    """The entries of the target folder, [] when it does not exist yet."""
    result = _rsync("--list-only", target.folder)
    if result.returncode == 0:
        return listed_names(result.stdout)
    if re.search(r"failed: .*\(2\)$", result.stderr, re.MULTILINE):  # ENOENT: a first upload creates it
        return []
    if re.search(r"failed: .*\(20\)$", result.stderr, re.MULTILINE):  # ENOTDIR
        raise Refused(f"{target.given} is a file, not a folder; give the folder the web server serves the site from.")
    raise _failure(result, "list", target)


def marked_site(target: Target) -> str | None:
    """The address the target's marker names; None for a marker that names none (damaged, a link)."""
    with tempfile.TemporaryDirectory() as scratch:
        result = _rsync("--max-size=64K", target.marker, f"{scratch}/")
        if result.returncode not in (0, 23):
            raise _failure(result, "read the marker of", target)
        try:
            return marker_site((Path(scratch) / MARKER).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            return None


def would_delete(output: Path, target: Target) -> list[str]:
    result = _rsync(*RSYNC[1:], "--delete", "--dry-run", "--itemize-changes", *SITE_ONLY, f"{output}/", target.folder)
    if result.returncode != 0:
        raise _failure(result, "compare the site with", target)
    return deletions(result.stdout)


def vet_target(output: Path, target: Target, site_url: str, take_over: bool, confirmed: bool) -> bool:
    """Refused unless the site may replace what is at ``target``; whether the target needs marking."""
    names = target_names(target)
    owner = marked_site(target) if MARKER in names else None
    deleted = would_delete(output, target) if names else []
    if names and MARKER not in names and not take_over:
        raise Refused(
            f"{target.given} is not empty and has no {MARKER}: no `make upload` wrote it, and uploading would "
            f"delete everything in it that the site does not have ({len(deleted)} files):\n{listing(deleted)}\n"
            f"Check PUBLISH_TARGET. If this folder is where the web server serves this site from, run again "
            f"with {TAKE_OVER}."
        )
    if MARKER in names and owner != site_url and not take_over:
        named = f"the site {owner}" if owner is not None else f"a {MARKER} that names no site (damaged or unreadable)"
        raise Refused(
            f"{target.given} holds {named}, not {site_url}: check PUBLISH_TARGET. If this folder is to serve "
            f"{site_url} from now on, run again with {TAKE_OVER}."
        )
    confirm = to_confirm(deleted)
    if len(confirm) > QUIET_DELETIONS and not confirmed:
        search = len(deleted) - len(confirm)
        also = f" (and {search} replaced files of the search index under {SEARCH_FOLDER})" if search else ""
        raise Refused(
            f"uploading would delete {len(confirm)} files from {target.given}{also}, which the site no longer "
            f"has:\n{listing(confirm)}\nCheck that {output} is the whole site. To delete them, run again "
            f"with {CONFIRM}."
        )
    return owner != site_url


def mark(target: Target, site_url: str) -> None:
    """Leave the marker at the target, readable by its owner only, so that a web server running as
    another user does not serve it (and all it says is the site's public address)."""
    with tempfile.TemporaryDirectory() as scratch:
        marker = Path(scratch) / MARKER
        marker.write_text(marker_text(site_url), encoding="utf-8")
        result = _rsync("--perms", "--chmod=F600", str(marker), target.folder)
    if result.returncode != 0:
        raise _failure(result, "mark", target)
    print(f"Marked {target.given} as the folder of {site_url} ({MARKER}).", file=sys.stderr)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", default="output")
    parser.add_argument("--target", default="", help="rsync destination, e.g. user@host:/var/www/site/")
    parser.add_argument("--settings", default="publishconf.py", help="the settings `make publish` uses")
    parser.add_argument("--input", default=None, help="the content folder, never a target (default: content/)")
    parser.add_argument("--dry-run", action="store_true", help="check everything, show what rsync would do")
    parser.add_argument("--take-over", action="store_true", help="upload into a non-empty folder no upload marked")
    parser.add_argument("--confirm-deletions", action="store_true", help=f"delete more than {QUIET_DELETIONS} files")


def run(args: argparse.Namespace) -> int:
    return upload(
        args.output, args.target, args.settings, args.dry_run, args.take_over, args.confirm_deletions, args.input
    )


def upload(
    output: str,
    target: str,
    publish_settings: str,
    dry_run: bool = False,
    take_over: bool = False,
    confirm_deletions: bool = False,
    content: str | None = None,
) -> int:
    folder = Path(output).resolve()
    try:
        where = parse_target(target, PROJECT, folder, Path(content) if content else None)
    except BadTarget as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not shutil.which("rsync"):
        print("error: rsync is not installed (Debian: apt-get install rsync).", file=sys.stderr)
        return 2
    try:
        site_url = str(checked_stamp(folder, publish_settings).get("site_url", ""))
        unmarked = vet_target(folder, where, site_url, take_over, confirm_deletions)
        if unmarked and not dry_run:
            mark(where, site_url)
    except Refused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    command = [*RSYNC, "--delete", *SITE_ONLY, f"{folder}/", where.folder]
    if dry_run:
        command[1:1] = ["--dry-run", "--itemize-changes"]
    print(" ".join(command), file=sys.stderr)
    return subprocess.call(command)

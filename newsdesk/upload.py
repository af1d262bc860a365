"""``make upload``: send the published site to the web server with rsync, only if it was checked.

The upload refuses unless ``output/`` is exactly what the last ``make publish`` built
and checked: the stamp that the publish checks wrote must be there, name the
publish settings, and match every file's bytes, and nothing but files and folders may
be in it (a symbolic link, a pipe). A development build, a failed publish or a
hand-edited file in ``output/`` therefore never goes live.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from .verify import STAMP, digest, irregular


def upload_problem(output: Path, publish_settings: str) -> str | None:
    """Why ``output`` may not be uploaded, or None when it may."""
    stamp_file = output / STAMP
    if not stamp_file.is_file():
        return f"{output} was not built by `make publish` with its checks passed; run `make publish` first."
    try:
        stamp = json.loads(stamp_file.read_text(encoding="utf-8"))
    except ValueError:
        return f"{stamp_file} is damaged; run `make publish` again."
    if stamp.get("settings") != Path(publish_settings).name:
        return f"{output} was built with {stamp.get('settings')}, not {publish_settings}; run `make publish`."
    odd = irregular(output)
    if odd:
        return (
            f"{output} is not the site `make publish` checked: {'; '.join(odd[:5])}{' …' if len(odd) > 5 else ''}. "
            "A published site holds only files and folders: remove it, or run `make publish` again."
        )
    if stamp.get("digest") != digest(output):
        return f"{output} changed after `make publish` checked it; run `make publish` again."
    return None


def upload(output: str, target: str, publish_settings: str, dry_run: bool = False) -> int:
    if not target:
        print("error: set PUBLISH_TARGET, e.g. make upload PUBLISH_TARGET=user@host:/var/www/site/", file=sys.stderr)
        return 2
    folder = Path(output).resolve()
    problem = upload_problem(folder, publish_settings)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    if not shutil.which("rsync"):
        print("error: rsync is not installed (Debian: apt-get install rsync).", file=sys.stderr)
        return 2
    # no -l: a symbolic link is never sent, even one added between the check and the transfer
    command = ["rsync", "-rptz", "--delete", "--exclude", ".newsdesk-*", f"{folder}/", target]
    if dry_run:
        command.insert(1, "--dry-run")
    print(" ".join(command), file=sys.stderr)
    return subprocess.call(command)

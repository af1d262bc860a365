"""Build real sites with Pelican in a subprocess and read what they wrote: the helpers every functional test shares."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from newsdesk.conf import write_settings

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"

PNG_16x9 = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000100000000908060000003b2aac320000001649444154789c6338a3a4f49f12cc"
    "306ac0a801400c009f07288043cd2fc90000000049454e44ae426082"
)


def run_module(
    module: str, *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None, timeout: float = 600
) -> subprocess.CompletedProcess:
    """Run ``python -m MODULE ARGS`` in a fresh interpreter, with ``env`` over this environment."""
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
        check=False,
    )


def run_newsdesk(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m newsdesk ARGS`` the way the Makefile does."""
    return run_module("newsdesk", *args, cwd=cwd, env=env)


def build(content: Path, output: Path, settings: str = "pelicanconf.py") -> subprocess.CompletedProcess:
    return run_newsdesk("build", "--settings", settings, "--input", str(content), "--output", str(output))


def front_matter(path: Path) -> dict[str, str]:
    """The ``Key: value`` lines of a source file."""
    head = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return dict(line.split(": ", 1) for line in head.splitlines())


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the SHA-256 of its bytes."""
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def article_text(title: str, date: str = "2026-11-20 09:30", slug: str | None = None, **fields: str) -> str:
    """A valid article source; ``fields`` add or replace front-matter lines (None removes)."""
    meta: dict[str, str | None] = {
        "Title": title,
        "Date": date,
        "Authors": "Ada Lovelace",
        "Category": "Security",
        "Tags": "security, testing",
        "Summary": f"Standfirst for {title}.",
        "Image": "images/hero.png",
        "Image_Alt": "A test image",
        "Image_Caption": "Caption",
        "Image_Credit": "Photo: Test",
        "Slug": slug,
    }
    meta.update({k.replace("__", "_"): v for k, v in fields.items()})
    head = "\n".join(f"{k}: {v}" for k, v in meta.items() if v is not None)
    body = "First paragraph of the story.\n\n## A subhead\n\nMore text with a [link](https://example.com/)."
    return f"{head}\n\n{body}\n"


def write_conf(folder: Path, **overrides: object) -> Path:
    """A settings file that starts from pelicanconf.py and overrides some values."""
    return write_settings(folder, **overrides)

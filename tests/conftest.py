"""Shared fixtures: build real sites with Pelican in a subprocess and read what they wrote."""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from newsdesk.conf import write_settings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

PNG_16x9 = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000100000000908060000003b2aac320000001649444154789c6338a3a4f49f12cc"
    "306ac0a801400c009f07288043cd2fc90000000049454e44ae426082"
)


def run_newsdesk(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m newsdesk ARGS`` the way the Makefile does."""
    return subprocess.run(
        [sys.executable, "-m", "newsdesk", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=600,
        check=False,
    )


def free_port() -> int:
    """A localhost port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    """The status and text of ``url``; (0, "") when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()
    except OSError:
        return 0, ""


def wait_for(condition: Callable[[], bool], seconds: float = 90) -> None:
    """Return once ``condition()`` holds; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {seconds:.0f} s")


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


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Path]:
    """Write a small valid content folder; pass {relative path: text} to add or replace files."""

    def factory(files: dict[str, str | bytes] | None = None, count: int = 3) -> Path:
        content = tmp_path / "content"
        (content / "images").mkdir(parents=True, exist_ok=True)
        (content / "images" / "hero.png").write_bytes(PNG_16x9)
        (content / "authors.toml").write_text(
            textwrap.dedent("""\
            [[author]]
            name = "Ada Lovelace"
            role = "Security Editor"
            bio = "Writes about engines."
            """),
            encoding="utf-8",
        )
        for i in range(count):
            path = content / "articles" / f"story-{i}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(article_text(f"Story number {i}", date=f"2026-11-{10 + i} 09:30"), encoding="utf-8")
        for rel, text in (files or {}).items():
            target = content / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                target.write_bytes(text)
            else:
                target.write_text(text, encoding="utf-8")
        return content

    return factory


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own sample content, built once for the whole session."""
    output = tmp_path_factory.mktemp("sample") / "output"
    result = build(ROOT / "content", output)
    assert result.returncode == 0, result.stderr
    return output


def write_conf(folder: Path, **overrides: object) -> Path:
    """A settings file that starts from pelicanconf.py and overrides some values."""
    return write_settings(folder, **overrides)


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    """A browser module's ``site`` fixture, served on localhost."""
    from browser_support import served  # noqa: PLC0415

    with served(site) as url:
        yield url


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Headless Chromium for one browser test module (which calls require_browser() first)."""
    from browser_support import chrome  # noqa: PLC0415

    browser = chrome(tmp_path_factory.mktemp("chromium-profile"))
    yield browser
    browser.quit()

"""The search index: Pagefind's binary (from the ``pagefind[bin]`` package) run on the written site (shell).

The binary's own directory walk is used rather than the Python API's per-file calls: the API waits
0.1 s for every response, which made 1,000 articles take 100 s instead of 5 s. Pagefind indexes only
pages marked ``data-pagefind-body`` (published article pages), so drafts and list pages stay out.
"""

from __future__ import annotations

import os
import shutil
import subprocess

from newsroom.errors import SettingsError

BUNDLE_DIR = "pagefind"  # the index and pagefind.js, served from the site itself
TIMEOUT = 1800  # seconds


class SearchIndexError(Exception):
    """Pagefind failed; the build stops and the live site is left as it was."""


def executable() -> str:
    """Pagefind's binary; fails at start-up, not after the whole site is written, when it cannot run."""
    try:
        from pagefind.service import get_executable  # noqa: PLC0415 - only needed when search is on
    except ImportError as exc:
        raise SettingsError(
            "SEO_SEARCH is on but the 'pagefind' package is missing: pip install -r requirements.txt "
            "(it pins pagefind[bin]), or set SEO_SEARCH = False."
        ) from exc
    binary = get_executable()
    if binary is None or not os.access(binary, os.X_OK):
        raise SettingsError(
            "SEO_SEARCH is on but Pagefind's binary is missing: pip install 'pagefind[bin]' "
            "(the pagefind_bin package), or set SEO_SEARCH = False."
        )
    return str(binary)


def start_index(binary: str, site: str, language: str) -> subprocess.Popen[str]:
    """Start indexing the article pages written in ``site`` into ``site``/pagefind, in the background.

    It is started as soon as the article pages are written, so that it runs beside the
    rest of the build (feeds, static files) on the other core.
    """
    shutil.rmtree(os.path.join(site, BUNDLE_DIR), ignore_errors=True)
    command = [binary, "--site", ".", "--output-subdir", BUNDLE_DIR, "--force-language", language]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}  # no stray config
    return subprocess.Popen(command, cwd=site, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def finish_index(process: subprocess.Popen[str]) -> str:
    """Wait for the indexer; return Pagefind's summary, or raise when it failed."""
    try:
        stdout, stderr = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        raise SearchIndexError(f"Pagefind did not finish within {TIMEOUT} s") from None
    if process.returncode != 0:
        raise SearchIndexError(f"Pagefind could not index the site:\n{stdout}{stderr}")
    return " ".join(line.strip() for line in stdout.splitlines() if line.strip().startswith("Indexed"))


def build_index(binary: str, site: str, language: str) -> str:
    """Index ``site`` and wait for it (the two steps above in one)."""
    return finish_index(start_index(binary, site, language))

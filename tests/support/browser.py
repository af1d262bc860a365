"""What every headless-Chromium test needs: the browser (or a clear skip), and a site served on localhost."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
CHROME_ARGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking"
    " --disable-component-update --disable-sync --disable-dev-shm-usage"
).split()


def require_browser() -> None:
    """Skip the calling module without Chromium, with a reason; under CI (which installs it) fail instead."""
    if CHROMIUM.exists() and CHROMEDRIVER.exists():
        return
    missing(f"headless browser tests need {CHROMIUM} and {CHROMEDRIVER} (apt-get install chromium chromium-driver)")


def missing(reason: str) -> None:
    """Skip the calling module with ``reason``; under CI, which installs everything, fail instead."""
    if os.environ.get("CI", "").lower() not in ("", "0", "false"):
        pytest.fail(f"CI is set but {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on an ephemeral localhost port; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def chrome(profile: Path, javascript: bool = True) -> Any:
    """A headless Chromium driven through the system chromedriver (selenium never downloads a browser)."""
    from selenium import webdriver  # noqa: PLC0415 - only importable once require_browser() passed
    from selenium.webdriver.chrome.service import Service  # noqa: PLC0415

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (*CHROME_ARGS, f"--user-data-dir={profile}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    return webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def require_axe() -> str:
    """axe-core's script (installed by ``npm ci`` from package-lock.json), or a skip with the reason;
    under CI, which installs it, fail instead."""
    if AXE.is_file():
        return AXE.read_text(encoding="utf-8")
    missing(f"accessibility checks need axe-core at {AXE} (run `npm ci` at the project root)")
    return ""

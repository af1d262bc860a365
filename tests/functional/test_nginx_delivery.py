"""The built sample site served by real nginx with the shipped configuration (deploy/nginx/): caching
per kind of file, feed content types, precompressed responses, hashed CSS, and the 404 page.

nginx runs as the current user on a free localhost port, with its pid, temporary files and logs in a
temporary folder. Without nginx the module is skipped, saying why; under CI (which installs it) it fails.
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import nginx

YEAR = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"


def _require_nginx() -> None:
    if nginx.available():
        return
    reason = "the nginx tests need nginx and /etc/nginx/mime.types (apt-get install nginx)"
    if os.environ.get("CI", "").lower() not in ("", "0", "false"):
        pytest.fail(f"CI is set but {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


_require_nginx()


@pytest.fixture(scope="module")
def served(sample_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    with nginx.serving(sample_site, tmp_path_factory.mktemp("nginx")) as address:
        yield address


def get(served: tuple[str, int], path: str, encoding: str = "") -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and the body as sent, not decoded."""
    connection = http.client.HTTPConnection(*served, timeout=10)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": encoding} if encoding else {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def test_pages_link_the_hashed_stylesheet_which_is_cached_for_a_year(served, sample_site: Path) -> None:
    status, headers, body = get(served, "/")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert headers["cache-control"] == SHORT
    hrefs = re.findall(rb'<link rel="stylesheet" href="([^"]+)"', body)
    assert b"/theme/css/site.css" not in hrefs and hrefs
    for href in hrefs:
        assert re.fullmatch(rb"/theme/css/[a-z-]+\.[0-9a-f]{10}\.css", href), href
        status, headers, css = get(served, href.decode())
        assert status == 200 and headers["content-type"].startswith("text/css")
        assert headers["cache-control"] == YEAR
        assert css == (sample_site / href.decode().lstrip("/")).read_bytes()
    assert get(served, "/theme/css/site.css")[0] == 404  # only the hashed name is published
    (script,) = re.findall(rb'<script defer src="([^"]+most-read[^"]+)"', body)
    assert get(served, script.decode())[1]["cache-control"] == YEAR


@pytest.mark.parametrize("path", ["/", "/archives/", "/feeds/all.rss.xml"])
def test_text_is_sent_precompressed_to_browsers_that_accept_it(served, sample_site: Path, path: str) -> None:
    plain = get(served, path)
    assert "content-encoding" not in plain[1]
    status, headers, body = get(served, path, "gzip")
    assert status == 200 and headers["content-encoding"] == "gzip" and "Accept-Encoding" in headers["vary"]
    assert gzip.decompress(body) == plain[2] and len(body) < len(plain[2]) / 2
    if nginx.BROTLI_MODULE.is_file():
        import brotli  # noqa: PLC0415

        status, headers, body = get(served, path, "gzip, deflate, br")
        assert status == 200 and headers["content-encoding"] == "br"
        assert brotli.decompress(body) == plain[2]
    css = re.search(rb'href="(/theme/css/site\.[0-9a-f]+\.css)"', get(served, "/")[2]).group(1).decode()
    status, headers, body = get(served, css, "gzip")
    assert headers["content-encoding"] == "gzip" and gzip.decompress(body) == (sample_site / css[1:]).read_bytes()


@pytest.mark.parametrize(
    ("path", "kind", "cache"),
    [
        ("/feeds/all.rss.xml", "application/rss+xml", SHORT),
        ("/feeds/all.atom.xml", "application/atom+xml", SHORT),
        ("/feeds/all.json", "application/feed+json", SHORT),
        ("/feeds/section/security.rss.xml", "application/rss+xml", SHORT),
        ("/most-read.json", "application/json", "public, max-age=60"),
        ("/sitemap.xml", "text/xml", SHORT),
        ("/theme/img/logo.png", "image/png", YEAR),
        ("/theme/img/favicon.svg", "image/svg+xml", YEAR),
    ],
)
def test_each_kind_of_file_has_its_type_and_caching(served, path: str, kind: str, cache: str) -> None:
    status, headers, _ = get(served, path, "gzip")
    assert status == 200, path
    assert headers["content-type"].split(";")[0] == kind
    assert headers["cache-control"] == cache


def test_a_missing_page_gets_the_sites_404_page_with_status_404(served, sample_site: Path) -> None:
    for path in ("/no/such/story/", "/.newsdesk-manifest.json", "/theme/css/site.css.gz.missing"):
        status, headers, body = get(served, path)
        assert status == 404, path
        assert body == (sample_site / "404.html").read_bytes()
    status, headers, body = get(served, "/2026", "gzip")  # a folder without its slash: sent on, not refused
    assert status == 301 and headers["location"] == "/2026/"

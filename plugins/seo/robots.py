"""robots.txt: everyone welcome except the listed paths; where the sitemaps are (pure)."""

from __future__ import annotations

from collections.abc import Sequence


def robots_txt(sitemap_urls: Sequence[str], disallow: Sequence[str], path_prefix: str = "") -> str:
    """``disallow`` paths are site paths ('/drafts/'); ``path_prefix`` is the site's own path under its host."""
    lines = ["User-agent: *", *(f"Disallow: {path_prefix}{path}" for path in disallow), "Allow: /", ""]
    lines.extend(f"Sitemap: {url}" for url in sitemap_urls)
    return "\n".join(lines) + "\n"

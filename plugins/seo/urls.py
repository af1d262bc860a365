"""Absolute URLs and language codes (pure)."""

from __future__ import annotations

from urllib.parse import urlsplit


def absolute(base: str, path: str) -> str:
    """``base`` (no trailing slash) joined with a site-relative ``path`` ("" is the home page)."""
    return f"{base}/{path.lstrip('/')}"


def page_path(output_file: str) -> str:
    """The URL path of a written file: 'a/b/index.html' -> 'a/b/', 'index.html' -> '', '404.html' stays."""
    output_file = output_file.replace("\\", "/").lstrip("/")
    if output_file == "index.html":
        return ""
    if output_file.endswith("/index.html"):
        return output_file[: -len("index.html")]
    return output_file


def base_path(base: str) -> str:
    """The path part of the site's base URL, '' at a host's root: 'https://x.example/news' -> '/news'."""
    return urlsplit(base).path.rstrip("/")


def bcp47(language: str) -> str:
    """A language tag in its usual case: 'en-gb' -> 'en-GB'."""
    parts = language.replace("_", "-").split("-")
    return "-".join([parts[0].lower(), *(p.upper() if len(p) == 2 else p for p in parts[1:])])


def og_locale(language: str) -> str:
    """Open Graph's locale: 'en-GB' -> 'en_GB', 'fr' -> 'fr'."""
    parts = language.replace("_", "-").split("-")
    return parts[0].lower() + ("_" + parts[1].upper() if len(parts) > 1 else "")


def news_language(language: str) -> str:
    """Google News wants an ISO 639 code ('en'), except Chinese: 'zh-cn' or 'zh-tw'."""
    code = language.replace("_", "-").lower()
    if code in ("zh-cn", "zh-tw"):
        return code
    return code.split("-")[0]

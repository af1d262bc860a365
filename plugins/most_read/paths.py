"""Request paths to article keys: one canonical form for every way a reader can ask for a page (pure).

``/2026/11/x/``, ``/2026/11/x``, ``/2026/11/x/index.html``, ``/2026/11/x/?utm_source=rss``,
``//2026/11/x/#comments``, ``http://host/2026/11/x/`` and ``/2026/11/%78/`` all name the
article whose URL is ``2026/11/x/``; their key is ``/2026/11/x``.
"""

from __future__ import annotations

import re
import string
from urllib.parse import unquote

_SLASHES = re.compile(r"/{2,}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_DATE_CODES = {
    "Y": r"\d{4}",
    "y": r"\d{2}",
    "m": r"\d{1,2}",
    "d": r"\d{1,2}",
    "H": r"\d{1,2}",
    "M": r"\d{1,2}",
    "S": r"\d{1,2}",
    "j": r"\d{1,3}",
    "b": r"[A-Za-z]{3}",
    "a": r"[A-Za-z]{3}",
    "B": r"[A-Za-z]+",
    "A": r"[A-Za-z]+",
    "%": "%",
}
_ANY = r"[^/]+"
INDEX_NAMES = ("index.html", "index.htm")
MAX_PATH = 2048


def key(path: str) -> str:
    """The canonical key of a decoded path that starts with '/': no index file, no trailing slash."""
    for name in INDEX_NAMES:
        if path.endswith("/" + name):
            path = path[: -len(name)]
            break
    return path.rstrip("/") or "/"


def request_key(target: str, site_path: str = "") -> str | None:
    """The key of a request target (as logged); "" outside ``site_path``; None for what is not a path.

    The query string and fragment are dropped, percent-escapes decoded (invalid UTF-8 or a
    control character gives None), repeated slashes merged, and ``site_path`` (the path of
    SITEURL) removed.
    """
    if len(target) > MAX_PATH:
        return None
    if not target.startswith("/"):
        scheme, sep, rest = target.partition("://")  # absolute-form: GET http://host/path HTTP/1.1
        if not sep or not scheme.isalpha():
            return None
        slash = rest.find("/")
        target = rest[slash:] if slash >= 0 else "/"
    for mark in ("#", "?"):
        cut = target.find(mark)
        if cut >= 0:
            target = target[:cut]
    if "%" in target:
        try:
            target = unquote(target, errors="strict")
        except UnicodeDecodeError:
            return None
    if "//" in target:
        target = _SLASHES.sub("/", target)
    if site_path:
        if target != site_path and not target.startswith(site_path + "/"):
            return ""  # a page, but not of this site
        target = target[len(site_path) :] or "/"
    if _CONTROL.search(target):
        return None
    return key(target)


def url_key(url: str) -> str:
    """The key of a Pelican URL relative to the site, such as ``2026/11/x/``."""
    return key("/" + unquote(url.lstrip("/")))


def _date_pattern(spec: str) -> str:
    out, i = [], 0
    while i < len(spec):
        if spec[i] == "%" and i + 1 < len(spec):
            code = spec[i + 1].lstrip("-")
            if spec[i + 1] == "-" and i + 2 < len(spec):  # %-m (no padding)
                code = spec[i + 2]
                i += 1
            out.append(_DATE_CODES.get(code, _ANY))
            i += 2
        else:
            out.append(re.escape(spec[i]))
            i += 1
    return "".join(out)


def article_pattern(article_url: str) -> re.Pattern[str]:
    """A regular expression that every article key matches, derived from Pelican's ARTICLE_URL.

    It only sorts out what cannot be an article (assets, list pages, probes) before the
    store: a match is mapped to a real article, or ignored, when the list is ranked.
    """
    parts = []
    for literal, field, spec, _conv in string.Formatter().parse(key("/" + article_url.lstrip("/"))):
        parts.append(re.escape(literal))
        if field is not None:
            is_date = field.split(".")[0] in ("date", "modified") and spec
            parts.append(_date_pattern(spec) if is_date else _ANY)
    return re.compile("^" + "".join(parts) + "$")

"""Stable fingerprints of what a page is made from, for rebuilding only what changed (pure).

``stable`` turns settings, articles and template data into JSON-able values that
do not depend on memory addresses, hash seeds or dict order. An article nested
inside another value is only referred to by its source path: its own data is
fingerprinted where it is rendered in full.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, tzinfo
from typing import Any

from .contract import Roles, Stored, unknown_attribute

_KINDS: dict[type, str] = {}  # what kind of value a type holds, found once per type
Memo = dict[int, tuple[Any, Any]]  # id -> (object, encoding) of shared immutable values, kept for one build


def _kind(value: Any) -> str:
    kind = _KINDS.get(type(value))
    if kind is None:
        if isinstance(value, Stored):
            kind = "stored"
        elif hasattr(value, "source_path") and hasattr(value, "metadata"):
            kind = "content"
        elif hasattr(value, "slug") and hasattr(value, "name") and hasattr(value, "settings"):
            kind = "wrapper"
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            kind = "frozen" if type(value).__dataclass_params__.frozen else "dataclass"  # type: ignore[attr-defined]
        else:
            kind = "other"
        _KINDS[type(value)] = kind
    return kind


def is_content(value: Any) -> bool:
    return _kind(value) == "content"


def stable(value: Any, memo: Memo | None = None) -> Any:
    """A JSON-able, order-independent rendering of ``value``; listings and frozen records are
    remembered in ``memo`` (one build's, as nothing changes them while pages are written)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, tzinfo):  # an article's time zone
        return ["tz", str(value)]
    if isinstance(value, (list, tuple)):
        remembered = memo.get(id(value)) if memo is not None else None
        if remembered is not None and remembered[0] is value:
            return remembered[1]
        if value and all(_kind(v) == "content" for v in value):  # a listing: refer to its articles in one go
            paths = "\0".join(str(v.source_path) for v in value)
            encoded: Any = ["contents", hashlib.sha256(paths.encode()).hexdigest()]
            if memo is not None:
                memo[id(value)] = (value, encoded)
            return encoded
        return [stable(v, memo) for v in value]
    if isinstance(value, Mapping):
        return [[str(k), stable(v, memo)] for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))]
    if isinstance(value, (set, frozenset)):
        return sorted((stable(v, memo) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    kind = _kind(value)
    if kind == "content":
        return ["content", str(value.source_path)]
    if kind == "wrapper":
        return [type(value).__name__, value.name, value.slug]
    if kind == "stored":  # by the hash of the text it is made from: never made just to be fingerprinted
        return ["stored", value.digest]
    if kind in ("frozen", "dataclass"):
        remembered = memo.get(id(value)) if memo is not None and kind == "frozen" else None
        if remembered is not None and remembered[0] is value:
            return remembered[1]
        encoded = [
            type(value).__name__,
            [[f.name, stable(getattr(value, f.name), memo)] for f in dataclasses.fields(value)],
        ]
        if memo is not None and kind == "frozen":
            memo[id(value)] = (value, encoded)
        return encoded
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__name__)}"
    raise UnknownValue(
        f"a page's data holds a {type(value).__module__}.{type(value).__qualname__}, which the build cannot "
        "fingerprint: its changes would be missed. Fix: give pages plain data (text, numbers, dates, lists, dicts, "
        "dataclasses), or declare the attribute that holds it as DERIVED in the article contract."
    )


class UnknownValue(TypeError):
    def report(self) -> str:
        return f"error: {self}"


LONG_TEXT = 1024  # characters: a longer text attribute (a body) is fingerprinted by its own hash


def _text(value: Any) -> Any:
    """A long text as its SHA-256 (hashing it is cheaper than JSON-escaping it); anything else as it is."""
    if isinstance(value, str) and len(value) > LONG_TEXT:
        return ["sha256", hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()]
    return value


def content_data(content: Any, roles: Roles, *, own_page: bool) -> Any:
    """The data of one article or page; ``own_page`` adds what only its own page shows. An attribute
    the article contract does not know stops the build (``UndeclaredAttribute``)."""
    attributes = vars(content)
    if not roles.known.issuperset(attributes):
        raise unknown_attribute(sorted(attributes.keys() - roles.known), str(content.source_path))
    skip = roles.never if own_page else roles.never | roles.own_page_only
    fields = {k: _text(v) for k, v in attributes.items() if k not in skip}
    return ["content", str(content.source_path), fields]


def listed(context: Mapping[str, Any]) -> dict[int, Any]:
    """Every article and page of the site by id: the items whose list data ``site_digest`` holds."""
    return {id(c): c for name in CONTENT_LISTS for c in context.get(name) or ()}


def own_data(content: Any, items: Mapping[int, Any], roles: Roles) -> Any:
    """What an article's own page needs fingerprinted beside the site fingerprint.

    For one of the site's ``items`` (``listed``) the site fingerprint holds its list data
    already, so only what its own page alone shows (``roles.own_page_only``) is added: the page
    fingerprint no longer encodes every article's data a second time. Anything else gives
    all its data (``content_data``).
    """
    if items.get(id(content)) is not content:
        return content_data(content, roles, own_page=True)
    attributes = vars(content)
    fields = {k: _text(attributes[k]) for k in roles.own_page_only if k in attributes}
    return ["own", str(content.source_path), fields]


def split_around(data: list[Any], roles: Roles) -> tuple[list[Any], dict[str, Any]]:
    """``content_data`` or ``own_data`` of an own page as (everything but the AROUND attributes, those)."""
    kind, path, fields = data
    inner = {k: v for k, v in fields.items() if k not in roles.around}
    return [kind, path, inner], {k: fields[k] for k in sorted(roles.around & fields.keys())}


def shallow(values: Mapping[str, Any], memo: Memo) -> dict[str, Any]:
    """Listings of articles replaced by their one-hash reference (remembered in the build's ``memo``)."""
    return {k: stable(v, memo) if isinstance(v, (list, tuple)) else v for k, v in values.items()}


def _default(value: Any) -> Any:
    """JSON for what json cannot encode itself (dates, sets, articles, dataclasses…).

    The common kinds are answered here without walking them in Python: a dataclass
    becomes a dict of its fields, which json's C encoder walks itself.
    """
    kind = _KINDS.get(type(value)) or _kind(value)
    if kind == "wrapper":
        return [type(value).__name__, value.name, value.slug]
    if kind == "content":
        return ["content", str(value.source_path)]
    if kind == "stored":
        return ["stored", value.digest]
    if kind in ("frozen", "dataclass"):
        return {"": type(value).__name__, **{f.name: getattr(value, f.name) for f in dataclasses.fields(value)}}
    return stable(value)


# one encoder for every digest: json.dumps with options makes a new one per call (20,000 calls a build)
_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_default)


def digest(*parts: Any) -> str:
    """SHA-256 of ``parts``; json's C encoder does the walking, ``stable`` only the unusual values."""
    try:
        text = _ENCODER.encode(parts)
    except (TypeError, ValueError):  # keys that are not text, or circular data: the slow, general way
        text = json.dumps([stable(p) for p in parts], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


CONTENT_LISTS = ("articles", "drafts", "hidden_articles", "pages", "hidden_pages", "draft_pages")
# Settings and context that say where things are, not what a page holds: the output folders,
# and the cache folder (every cached value is keyed by what it was made from).
VOLATILE = frozenset({
    "OUTPUT_PATH", "NEWSROOM_PREVIOUS_OUTPUT", "NEWSROOM_IN_PLACE", "NEWSROOM_RENDER_ALL", "NEWSROOM_PAGE_STORE",
    "ENGINE_LIVE_LISTING", "CACHE_PATH", "output_file", "localsiteurl",
    "staticfiles", "newsdesk.build",  # the build context (engine.context.KEY)
})  # fmt: skip
# Context Pelican derives from the content itself; every item's data is fingerprinted instead.
CONTEXT_DERIVED = frozenset({
    *CONTENT_LISTS, "dates", "tags", "categories", "authors", "period_archives", "generated_content",
    "static_content", "static_links", "related_posts", "all_articles",
})  # fmt: skip


def site_digest(
    context: Mapping[str, Any],
    templates: Iterable[tuple[str, bytes]],
    version: str,
    roles: Roles,
    code: Iterable[tuple[str, bytes]] = (),
) -> str:
    """What any page may show: settings, theme templates, every item's list data, plugins' data,
    and the plugins' code (which works out values such as ``DERIVED`` from the rest).

    ``context`` is Pelican's shared template context: upper-case keys are the
    settings, the rest what generators and plugins put there.
    """
    items = listed(context)
    return digest(
        version,
        {k: v for k, v in context.items() if k not in VOLATILE and k not in CONTEXT_DERIVED},
        [(name, hashlib.sha256(source).hexdigest()) for name, source in sorted(templates)],
        [(name, hashlib.sha256(source).hexdigest()) for name, source in sorted(code)],
        sorted((content_data(c, roles, own_page=False) for c in items.values()), key=lambda d: d[1]),
    )

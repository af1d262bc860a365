"""The thin shell: Pelican articles in, feed files out."""

from __future__ import annotations

import os
from typing import Any

from newsroom.fingerprints import digest
from newsroom.state import timed
from pelican import signals

from . import settings as feed_settings
from . import workers
from .entries import Entry, Image, Person, Term, absolutize, entry_id, entry_key
from .pieces import EPOCH, Pieces, piece_key
from .plan import FORMATS, MIME, Feed, plan
from .render import add, render
from .store import PieceStore

_STATE: dict[str, Any] = {}


def initialized(pelican: Any) -> None:
    _STATE.clear()
    _STATE["config"] = feed_settings.load(pelican.settings)


def _entry(article: Any, config: feed_settings.FeedSettings) -> Entry:
    base = config.site_url
    url = f"{base}/{article.url}"
    hero = getattr(article, "hero", None)
    image = None
    if hero:
        image = Image(f"{base}/{hero['path']}", hero["type"], hero["length"], hero["width"], hero["height"])
    return Entry(
        id=entry_id(getattr(article, "id", None), config.tag_authority, article.date, article.url),
        url=url,
        title=article.title,
        summary=article.summary,
        content_html=absolutize(article.get_content(base), url),
        authors=tuple(Person(a.name, a.slug, f"{base}/{a.url}") for a in article.authors),
        section=Term(article.category.slug, article.category.name, f"{base}/{article.category.url}"),
        tags=tuple(Term(t.slug, t.name, f"{base}/{t.url}") for t in getattr(article, "tags", [])),
        published=article.date,
        updated=getattr(article, "modified", None) or article.date,
        image=image,
    )


def _links(feed: Feed, siteurl: str) -> list[dict[str, str]]:
    return [
        {"type": MIME[fmt], "title": f"{feed.title} ({fmt.upper() if fmt != 'json' else 'JSON Feed'})",
         "href": f"{siteurl}/{feed.path(fmt)}", "format": fmt}
        for fmt in feed.formats
    ]  # fmt: skip


def article_generator_finalized(generator: Any) -> None:
    with timed("feeds"):
        _plan_feeds(generator)


def _plan_feeds(generator: Any) -> None:
    config = _STATE["config"]
    entries = [_entry(article, config) for article in generator.articles]
    feeds = plan(entries, config, f"{config.site_url}/")
    _STATE["feeds"] = feeds
    _STATE["first"] = min((e.published for e in entries), default=EPOCH)
    siteurl = generator.settings.get("SITEURL", "")
    generator.context["feed_links"] = {feed.key: _links(feed, siteurl) for feed in feeds}
    keys = _STATE["keys"] = {}
    for feed in feeds:
        for entry in feed.entries:
            if id(entry) not in keys:
                keys[id(entry)] = entry_key(entry)
    cache = generator.settings.get("CACHE_PATH") if config.cache else None
    store = _STATE["store"] = PieceStore(cache)
    unique = {id(e): e for feed in feeds for e in feed.entries}
    wanted = {piece_key(fmt, keys[i]): (fmt, e) for i, e in unique.items() for fmt in ("rss", "atom")}
    known = _STATE["known"] = store.load(wanted)
    missing = [wanted[k] for k in sorted(wanted.keys() - known.keys())]
    _STATE["making"] = workers.start(missing, config) if len(missing) >= workers.EARLY_FROM else None


def article_writer_finalized(generator: Any, writer: Any) -> None:
    with timed("feeds"):
        _write_feeds(generator, writer)


def _write_feeds(generator: Any, writer: Any) -> None:
    """Write every feed; one whose items and settings are unchanged is reused from the live site."""
    config = _STATE["config"]
    reuse = getattr(writer, "reuse", None)
    feeds = _STATE.get("feeds", [])
    keys = _STATE["keys"]
    todo = []
    for feed in feeds:
        head = (feed.kind, feed.slug, feed.title, feed.home_url, config, _STATE["first"])
        hashes = [keys[id(e)] for e in feed.entries]
        for fmt in feed.formats:
            rel, fingerprint = feed.path(fmt), digest(head, fmt, hashes)
            if reuse is None or not reuse.try_reuse(rel, fingerprint):
                todo.append((feed, fmt, rel, fingerprint))
    known = _STATE["known"]
    if _STATE["making"] is not None:  # pieces made in a worker process while the pages were written
        known = {**known, **workers.finish(_STATE["making"])}
    pieces = Pieces(add, key=lambda e: keys[id(e)], known=known)
    for fmt in ("rss", "atom"):  # every missing piece of a format in a few feedgen documents
        pieces.prepare([e for feed, f, _, _ in todo if f == fmt for e in feed.entries], fmt, config)
    for feed, fmt, rel, fingerprint in todo:
        target = os.path.join(generator.output_path, rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(render(feed, fmt, config, _STATE["first"], pieces))
        if reuse is not None:
            reuse.record(rel, fingerprint, [rel])
    keep = {piece_key(fmt, key) for key in keys.values() for fmt in ("rss", "atom")}
    _STATE["store"].save(keep, pieces.made)


def connect() -> None:
    signals.initialized.connect(initialized)
    signals.article_generator_finalized.connect(article_generator_finalized)
    signals.article_writer_finalized.connect(article_writer_finalized)


__all__ = ["FORMATS", "connect"]

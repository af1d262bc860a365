"""The thin shell: Pelican articles in, feed files out."""

from __future__ import annotations

import functools
import logging
import os
import time
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from common.errors import Problem
from engine import BuildContext, Forked, available, context_of, digest
from pelican import signals

from . import settings as feed_settings
from .entries import Entry, Image, Person, Term, absolutize, entry_id, entry_key, hero_figure
from .outline import OPML_PATH, opml
from .pieces import EPOCH, Pieces, piece_key
from .plan import FORMATS, Feed, plan
from .render import add, render_fitted
from .store import PieceStore
from .subscribe import SAVE_AS, TEMPLATE, URL, alternate_links, follow_links, subscribe_page

log = logging.getLogger(__name__)


@dataclass
class FeedsBuild:
    """The feeds of one build, planned when the articles are read and written once pages are."""

    config: feed_settings.FeedSettings
    source: dict[int, Any] = field(default_factory=dict)  # id(entry) -> its article
    entries: list[Entry] = field(default_factory=list)  # keeps every entry alive, so that its id() stays its own
    feeds: list[Feed] = field(default_factory=list)
    first: datetime = EPOCH
    output: str = ""
    cache: str | None = None
    in_worker: bool = False
    writing: Forked | None = None
    subscribe: Any = None  # the subscribe page's data (subscribe.subscribe_page)


def _build(holder: Any) -> tuple[BuildContext, FeedsBuild]:
    ctx = context_of(holder)
    return ctx, ctx.slots["feeds"]


def initialized(pelican: Any) -> None:
    ctx = context_of(pelican)
    ctx.slots["feeds"] = FeedsBuild(feed_settings.load(pelican.settings))
    ctx.page_done.connect(functools.partial(page_done, ctx), weak=False)


def _entry(article: Any, config: feed_settings.FeedSettings, terms: dict[int, Any]) -> Entry:
    """An article as a feed entry. ``terms`` keeps each author, section and tag made once by the
    identity of its Pelican object (kept alive there too): every article shares them, and each
    ``url`` of one formats its pattern again (about 50,000 times for 10,000 articles)."""
    base = config.site_url
    url = f"{base}/{article.url}"
    hero = getattr(article, "hero", None)
    image = None
    photo = getattr(article, "photo", None)
    if hero and photo:  # a photo: its modest JPEG, never the original (whose metadata the site does not publish)
        small = photo.feed
        image = Image(f"{base}/{small.url}", small.type, small.length, small.width, small.height, hero.alt,
                      hero.caption, hero.credit)  # fmt: skip
    elif hero:
        image = Image(f"{base}/{hero.path}", hero.type, hero.length, hero.width, hero.height, hero.alt, hero.caption,
                      hero.credit)  # fmt: skip

    def term(wrapper: Any, kind: type) -> Any:
        known = terms.get(id(wrapper))
        if known is None or known[0] is not wrapper:
            first, second = (wrapper.name, wrapper.slug) if kind is Person else (wrapper.slug, wrapper.name)
            known = terms[id(wrapper)] = (wrapper, kind(first, second, f"{base}/{wrapper.url}"))
        return known[1]

    return Entry(
        id=entry_id(getattr(article, "id", None), config.tag_authority, article.date, article.url),
        url=url,
        title=article.title,
        summary=article.summary,
        content_html="",  # the body is added where the feeds are written (see _with_bodies)
        authors=tuple(term(a, Person) for a in article.authors),
        section=term(article.category, Term),
        tags=tuple(term(t, Term) for t in getattr(article, "tags", [])),
        published=article.date,
        updated=getattr(article, "modified", None) or article.date,
        image=image,
    )


class _Bodies:
    """Entries' bodies, made where the feeds are written (a worker process on a large site), not while
    planning: each entry's source HTML once, its absolute-link body only for an entry that is rendered."""

    def __init__(self, base: str, source: dict[int, Any]) -> None:
        self._base, self._source = base, source
        self._full: dict[int, Entry] = {}

    def source(self, entry: Entry) -> str:
        return self._source[id(entry)].get_content(self._base)

    def full(self, entry: Entry) -> Entry:
        made = self._full.get(id(entry))
        if made is None:
            body = hero_figure(entry.image) + absolutize(self.source(entry), entry.url)
            made = self._full[id(entry)] = replace(entry, content_html=body)
        return made


def article_generator_finalized(generator: Any) -> None:
    ctx, build = _build(generator)
    with ctx.timed("feeds"):
        _plan_feeds(generator, build)


def _plan_feeds(generator: Any, build: FeedsBuild) -> None:
    config = build.config
    terms: dict[int, Any] = {}
    entries = [_entry(article, config, terms) for article in generator.articles]
    build.source = {id(entry): article for entry, article in zip(entries, generator.articles, strict=True)}
    build.entries = entries
    feeds = plan(entries, config, f"{config.site_url}/")
    build.feeds = feeds
    build.first = min((e.published for e in entries), default=EPOCH)
    build.output = generator.output_path
    build.cache = generator.settings.get("CACHE_PATH") if config.cache else None
    build.in_worker = len(entries) >= config.worker_from and available()
    siteurl = generator.settings.get("SITEURL", "")
    generator.context["feed_links"] = {feed.key: alternate_links(feed, siteurl) for feed in feeds}
    generator.context["feeds_opml"] = f"{siteurl}/{OPML_PATH}"
    generator.context["feeds_page"] = f"{siteurl}/{URL}"
    generator.context["feed_follow"] = follow_links(feeds, siteurl)
    # the subscribe page is a listing page: in the sitemap (plugins/seo), dated by the newest story
    newest = max((e.updated for e in entries), default=None)
    generator.context.setdefault("sitemap_pages", []).append((URL, newest))
    build.subscribe = subscribe_page(feeds, siteurl, config.site_url)


def page_done(ctx: BuildContext, name: str) -> None:
    """The first page is written, so the writer exists: on a large site, the feeds go to a worker now."""
    build: FeedsBuild = ctx.slots["feeds"]
    if build.in_worker and build.writing is None:
        # a forked copy of the build writes the feeds (its own files only) into staging and hands back
        # the manifest entries; it works from the planned feeds and the writer's Reuse as they are now
        build.writing = Forked(functools.partial(_write_in_worker, build, ctx.reuse), "feeds")
        build.in_worker = False


def article_writer_finalized(generator: Any, writer: Any) -> None:
    ctx, build = _build(generator)
    with ctx.timed("feeds"):
        writer.write_file(SAVE_AS, generator.get_template(TEMPLATE), generator.context,
                          relative_urls=generator.settings["RELATIVE_URLS"], subscribe=build.subscribe)  # fmt: skip
        writing, build.writing = build.writing, None
        if writing is None:
            _write_feeds(build, ctx.reuse)
            return
        done, seconds = writing.result()
    ctx.timings["feeds, in a worker"] = seconds
    if ctx.reuse is not None and done is not None:
        ctx.reuse.take(done)


def _write_in_worker(build: FeedsBuild, reuse: Any) -> tuple[Any, float]:
    """In a forked worker: write the feeds with its copy of the writer's Reuse; return what the parent
    takes in (manifest entries, live files kept in place, counts) and the seconds it took."""
    started = time.perf_counter()
    if reuse is None:
        _write_feeds(build, reuse)
        return None, time.perf_counter() - started
    mark = reuse.mark()
    written = _write_feeds(build, reuse)
    return reuse.work_since(written, mark), time.perf_counter() - started


def _write_feeds(build: FeedsBuild, reuse: Any) -> list[str]:
    """Write every feed; one whose items and settings are unchanged is reused from the live site.

    Entries are keyed by their data and their body's source HTML, so a feed kept as it is,
    and a piece kept from an earlier build, never needs its bodies made."""
    config, first = build.config, build.first
    feeds, bodies = build.feeds, _Bodies(config.site_url, build.source)
    keys: dict[int, str] = {}
    for feed in feeds:
        for e in feed.entries:
            if id(e) not in keys:
                keys[id(e)] = entry_key(e, bodies.source(e))
    todo, written = [], []
    for feed in feeds:
        head = (feed.kind, feed.slug, feed.title, feed.home_url, config, first)
        hashes = [keys[id(e)] for e in feed.entries]
        for fmt in feed.formats:
            rel, fingerprint = feed.path(fmt), digest(head, fmt, hashes)
            written.append(rel)
            if reuse is None or not reuse.try_reuse(rel, fingerprint):
                todo.append((feed, fmt, rel, fingerprint))
    store = PieceStore(build.cache)
    wanted = {piece_key(fmt, keys[id(e)]) for feed, fmt, _, _ in todo if fmt != "json" for e in feed.entries}
    known = store.load(wanted)

    def ready(entry: Entry, fmt: str) -> Entry:  # the entry as rendered: with its body unless its piece is known
        if fmt != "json" and piece_key(fmt, keys[id(entry)]) in known:
            return entry
        full = bodies.full(entry)
        keys[id(full)] = keys[id(entry)]
        return full

    todo = [(replace(feed, entries=tuple(ready(e, fmt) for e in feed.entries)), fmt, rel, fp)
            for feed, fmt, rel, fp in todo]  # fmt: skip
    pieces = Pieces(add, key=lambda e: keys[id(e)], known=known)
    for fmt in ("rss", "atom"):  # every missing piece of a format in a few feedgen documents
        pieces.prepare([e for feed, f, _, _ in todo if f == fmt for e in feed.entries], fmt, config)
    left_out: dict[str, list[str]] = {}  # an item too large for any feed -> the feeds that leave it out
    for feed, fmt, rel, fingerprint in todo:
        target = os.path.join(build.output, rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        fitted = render_fitted(feed, fmt, config, first, pieces)
        with open(target, "wb") as handle:
            handle.write(fitted.document)
        for entry in fitted.too_large:
            left_out.setdefault(keys[id(entry)], []).append(rel)
        if reuse is not None:
            reuse.record(rel, fingerprint, [rel])
    written.append(_write_opml(feeds, config, reuse, build.output))
    entries = {keys[id(e)]: e for feed in feeds for e in feed.entries}
    _warn_too_large(left_out, entries, build.source, config.max_bytes)
    store.save({piece_key(fmt, key) for key in keys.values() for fmt in ("rss", "atom")}, pieces.made)
    return written


def _write_opml(feeds: list[Feed], config: feed_settings.FeedSettings, reuse: Any, output: str) -> str:
    document = opml(feeds, config)
    fingerprint = digest(OPML_PATH, document.decode("utf-8"))
    if reuse is None or not reuse.try_reuse(OPML_PATH, fingerprint):
        os.makedirs(os.path.join(output, os.path.dirname(OPML_PATH)), exist_ok=True)
        with open(os.path.join(output, OPML_PATH), "wb") as handle:
            handle.write(document)
        if reuse is not None:
            reuse.record(OPML_PATH, fingerprint, [OPML_PATH])
    return OPML_PATH


def _warn_too_large(
    left_out: dict[str, list[str]], entries: dict[str, Entry], source: dict[int, Any], limit: int
) -> None:
    """One warning per story whose feed item alone is larger than a feed may be."""
    for key, feeds in sorted(left_out.items(), key=lambda item: item[1]):
        article = source[id(entries[key])]
        more = f" and {len(feeds) - 1} more" if len(feeds) > 1 else ""
        title = article.title if len(article.title) <= 60 else article.title[:60].rstrip() + "…"
        message = (f"'{title}' is left out of {feeds[0]}{more}: its item alone is larger than "
                   f"FEEDS_MAX_BYTES ({limit:,} bytes).")  # fmt: skip
        fix = "shorten the headline or the body, or raise FEEDS_MAX_BYTES."
        log.warning(Problem(article.get_relative_source_path(), None, None, message, fix, "warning").format())


def connect() -> None:
    signals.initialized.connect(initialized)
    signals.article_generator_finalized.connect(article_generator_finalized)
    signals.article_writer_finalized.connect(article_writer_finalized)


__all__ = ["FORMATS", "connect"]

"""The devserver's fast path: one article read again and its page rendered from a finished build.

A build that has finished still holds everything its article pages were rendered from: the
articles with what every plugin set on them, the site's lists, the generators' template
context and their Jinja environment (``BuildContext.generators``). When a journalist saves
an article whose headline, standfirst or body only changed, the devserver's warm build
process reads that one file again with the same reader (which checks its front-matter as
a build does), puts the new text into the article object the lists already hold, has each
plugin set again what it works out from that text (``BuildContext.refreshed``), and renders
the article's page with the template and context the build used: the bytes the next full
build writes for that page, as long as the edit moved nothing the plugins left as it was (on a
site whose related lists are ranked in a worker, the page keeps the last build's list until
the full build has ranked them).

Anything else (a new or deleted file, another field changed, a save with problems) is
refused with the reason, and the devserver builds the site the usual way.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.contents import Article, Content
from pelican.generators import ArticlesGenerator
from pelican.writers import Writer

from .contents import body_html
from .context import BuildContext

# front-matter fields whose change shows on the article's own page only (and in lists, which the
# full build renders); every other field moves the story in lists, URLs or feeds. A slug written out
# that is the one worked out from the headline changes nothing: the article's address is compared.
TEXT_FIELDS = frozenset({"title", "summary", "slug"})


class NotRefreshable(Exception):
    """The save cannot take the fast path; the message says why (the devserver keeps it as ``last_refusal``)."""


@dataclass(frozen=True)
class Refreshed:
    """An article page rendered again: its output path (relative to the site) and its bytes."""

    save_as: str
    page: bytes


def _articles(ctx: BuildContext) -> Any:
    for generator in ctx.generators:
        if isinstance(generator, ArticlesGenerator):
            return generator
    raise NotRefreshable("the last build has no articles")


def changed_field(old: dict[str, Any], new: dict[str, Any]) -> str | None:
    """The first front-matter field other than the headline, standfirst and slug that differs, if any."""
    for name in sorted((set(old) | set(new)) - TEXT_FIELDS):
        if name not in old or name not in new or old[name] != new[name]:
            return name
    return None


def _forget_rendered(article: Any) -> None:
    """Pelican keeps an article's content and summary once worked out (per object): drop this one's."""
    for name in ("get_content", "get_summary"):
        cache = Content.__dict__[name].cache
        for key in [key for key in cache if key and key[0] is article]:
            del cache[key]


def refresh_article(ctx: BuildContext, source: str) -> Refreshed:
    """Read ``source`` again into the finished build ``ctx`` and render its article page.

    Raises ``NotRefreshable`` when the save is not one whose headline, standfirst or body only
    changed, or when reading it found a problem (the full build reports those)."""
    generator = _articles(ctx)
    rel = os.path.relpath(os.path.abspath(source), os.path.abspath(generator.path))
    old = next((a for a in generator.articles if a.get_relative_source_path() == rel), None)
    if old is None:
        raise NotRefreshable(f"{rel} is not a published article of the last build")
    seen = len(ctx.problems)
    try:
        fresh = generator.readers.read_file(
            base_path=generator.path, path=rel, content_class=Article, context=generator.context,
            preread_signal=signals.article_generator_preread, preread_sender=generator,
            context_signal=signals.article_generator_context, context_sender=generator,
        )  # fmt: skip
    except Exception as exc:  # noqa: BLE001 - the full build reports it, with file and line
        raise NotRefreshable(f"{rel} could not be read ({exc})") from None
    finally:
        found, ctx.problems[seen:] = ctx.problems[seen:], []
    _refuse_problems(rel, found)
    field = changed_field(old.metadata, fresh.metadata)
    where = ("slug", "save_as", "url", "status")
    if field is not None or [getattr(fresh, n) for n in where] != [getattr(old, n) for n in where]:
        raise NotRefreshable(f"{rel}: {field or 'its address or status'} changed")
    changed = {name for name in ("title", "summary") if old.metadata.get(name) != fresh.metadata.get(name)}
    changed |= {"body"} if body_html(old) != body_html(fresh) else set()
    for name, value in vars(fresh).items():  # what the reader set; what the plugins set stays
        setattr(old, name, value)
    _forget_rendered(old)
    ctx.refreshed.send(old, generator=generator, changed=frozenset(changed))
    found, ctx.problems[seen:] = ctx.problems[seen:], []
    _refuse_problems(rel, found)  # a pin the ranking refused: the full build says which
    return Refreshed(old.save_as, render(generator, old))


def _refuse_problems(rel: str, found: list[Any]) -> None:
    if any(problem.severity == "error" for problem in found):
        raise NotRefreshable(f"{rel} has problems")


def render(generator: Any, article: Any) -> bytes:
    """The article's page as the build's writer renders it (``ArticlesGenerator.generate_articles``)."""
    signals.article_generator_write_article.send(generator, content=article)
    with tempfile.TemporaryDirectory(prefix="newsdesk-fast-") as folder:
        Writer(folder, settings=generator.settings).write_file(
            article.save_as, generator.get_template(article.template), generator.context,
            relative_urls=generator.settings["RELATIVE_URLS"], article=article,
            category=getattr(article, "category", None), override_output=hasattr(article, "override_save_as"),
            url=article.url, blog=True,
        )  # fmt: skip
        return Path(folder, article.save_as).read_bytes()

"""The thin shell: Pelican articles in, related lists onto them, pin problems to the build's list.

Runs on ``article_generator_finalized`` after the newsroom plugin (``PLUGINS = ["newsroom",
"related"]``), so it replaces newsroom's "More from <section>" fallback on every article,
draft and hidden article. Pin problems join the build context's problems, which stop the
build with every error together before the first page is written.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from common.errors import Problem, SettingsError
from engine import AROUND, BuildContext, Forked, available, body_html, context_of
from pelican import signals

from . import counts as stored_counts
from . import memo_file
from . import settings as related_settings
from .model import Doc, Ranking
from .scoring import rank_again
from .text import html_to_text
from .vectors import TermCounts


@dataclass
class RelatedBuild:
    settings: related_settings.RelatedSettings
    in_worker: bool = False  # the lists are being ranked in a worker, and land through the pending work
    # the term counts and memo of the ranking done in the build's process, for the devserver's fast path
    term_counts: TermCounts | None = None
    memo: Any = None


def _build(holder: Any) -> tuple[BuildContext, RelatedBuild]:
    ctx = context_of(holder)
    if "related" not in ctx.slots:  # the plugin used without its initialized handler (a test, a report)
        ctx.slots["related"] = RelatedBuild(related_settings.load(ctx.settings))
    return ctx, ctx.slots["related"]


def _plugin_names(plugins: Iterable[Any]) -> list[str]:
    names = []
    for plugin in plugins:
        name = plugin if isinstance(plugin, str) else getattr(plugin, "__name__", "")
        names.append(name.rsplit(".", 1)[-1])
    return names


def initialized(pelican: Any) -> None:
    ctx = context_of(pelican)
    ctx.contract.declare("related", AROUND, ("related", "related_heading"))  # see engine.contract
    ctx.slots["related"] = RelatedBuild(related_settings.load(pelican.settings))
    ctx.refreshed.connect(article_refreshed)
    names = _plugin_names(pelican.settings.get("PLUGINS") or [])
    if "newsroom" not in names or names.index("newsroom") > names.index("related"):
        raise SettingsError("PLUGINS must list 'newsroom' before 'related', e.g. PLUGINS = ['newsroom', 'related'].")


def to_doc(article: Any) -> Doc:
    """The plain data the core needs from one Pelican article."""
    html = body_html(article)
    summary = getattr(article, "summary", "") or ""
    if "summary" in (article.settings.get("FORMATTED_FIELDS") or ()):  # Markdown-rendered: HTML
        summary = html_to_text(summary)
    return Doc(
        key=article.get_relative_source_path(),
        slug=article.slug,
        title=article.title,  # plain text, as the newsroom reader keeps it
        summary=summary,
        text=html_to_text(html),
        tags=tuple(tag.name for tag in getattr(article, "tags", []) or []),
        section=article.category.name,
        timestamp=article.date.timestamp(),
        status=getattr(article, "status", "published"),
        pins=tuple(getattr(article, "related_pins", ()) or ()),
    )


def _related_line(source_path: str) -> int | None:
    """The line of the ``Related:`` field, for the error message."""
    try:
        with open(source_path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    return None
                if line.split(":", 1)[0].strip().lower() == "related":
                    return number
    except (OSError, UnicodeDecodeError):
        return None
    return None


def apply(articles: Sequence[Any], ranking: Ranking, heading: str, problems: list[Problem]) -> None:
    by_key = {article.get_relative_source_path(): article for article in articles}
    for key, links in ranking.lists.items():
        article = by_key[key]
        # Only the articles, not their scores: scores move a little whenever any article is added
        # (IDF), which would make every page look changed to incremental builds. The reasons are
        # in the report (make related-report).
        article.related = [by_key[link.key] for link in links]
        article.related_heading = heading
    for problem in ranking.problems:
        line = _related_line(by_key[problem.key].source_path)
        problems.append(Problem(problem.key, line, "Related", problem.message, problem.fix))


def article_generator_pretaxonomy(generator: Any) -> None:
    """The articles are read: on a large site, start ranking them in a worker process now.

    It runs on the other core while the build sorts taxonomies and archives, finishes the
    articles, plans feeds, sitemaps and Most Read, reads the static files and makes the site
    fingerprint. The lists land through the build context's pending work, before the build checks
    problems (so pin errors still stop it) and before any page is rendered; nothing in between
    reads them.
    """
    ctx, build = _build(generator)
    with ctx.timed("related"):
        config = build.settings
        articles = _articles(generator)
        if len(articles) < config.worker_from or not available():
            return  # ranked in-process once the articles are finished
        counts_file = _counts_file(generator.settings, config)
        worker = Forked(functools.partial(_rank_in_worker, articles, config.config, counts_file), "related stories")
        build.in_worker = True
        ctx.pending.append(functools.partial(_finish, ctx, worker, articles, config.heading))


def article_generator_finalized(generator: Any) -> None:
    ctx, build = _build(generator)
    if build.in_worker:
        return  # being ranked in a worker
    with ctx.timed("related"):
        config = build.settings
        articles = _articles(generator)
        docs = [to_doc(article) for article in articles]
        ranking = _rank_with_counts(docs, config.config, _counts_file(generator.settings, config), build)
        apply(articles, ranking, config.heading, ctx.problems)


def article_refreshed(article: Any, generator: Any, changed: frozenset[str]) -> None:
    """The devserver read ``article``'s text again. A site ranked in the build's own process is ranked
    again as a build would rank it, in memory (the build's term counts and memo make that the edited
    story's counts and a few lists), so its page shows the list the build will write; on a site ranked
    in a worker the page keeps the last build's list until the devserver's full build has ranked it."""
    ctx, build = _build(generator)
    if build.in_worker or build.term_counts is None:
        return
    articles = _articles(generator)
    docs = [to_doc(one) for one in articles]
    ranking, build.memo = rank_again(docs, build.settings.config, build.term_counts, build.memo)
    apply(articles, ranking, build.settings.heading, ctx.problems)


def _articles(generator: Any) -> list[Any]:
    return [*generator.articles, *generator.drafts, *getattr(generator, "hidden_articles", [])]


def _counts_file(settings: dict[str, Any], config: related_settings.RelatedSettings) -> str | None:
    cache = settings.get("CACHE_PATH")
    return os.path.join(cache, stored_counts.FILE_NAME) if config.cache and cache else None


def _rank_with_counts(
    docs: list[Doc], config: Any, counts_file: str | None, build: RelatedBuild | None = None
) -> Ranking:
    """Rank, reusing the term counts and the memo an earlier build kept (only the lists an edit can
    change are ranked again), and keep this build's (in ``build`` too, when given). Without reasons:
    the report explains the lists."""
    version = stored_counts.code_version()
    kept = stored_counts.load(counts_file, version)
    term_counts = TermCounts(kept.counts, kept.terms)
    memo_path = os.path.join(os.path.dirname(counts_file), memo_file.FILE_NAME) if counts_file else None
    ranking, memo = rank_again(docs, config, term_counts, memo_file.load(memo_path))
    if memo is None:  # no story to rank (a new site, or only pages): nothing worth keeping
        return ranking
    stored_counts.save(counts_file, version, kept, term_counts, len(memo.vectors.df))
    memo_file.save(memo_path, memo)
    if build is not None:
        build.term_counts, build.memo = term_counts, memo
    return ranking


def _rank_in_worker(articles: list[Any], config: Any, counts_file: str | None) -> tuple[Ranking, float, float]:
    """In a forked worker, which has the build's articles as they were when it started: the ranking, and the
    wall and CPU seconds it took (a worker that waits for a core shows more of the first than the second)."""
    started, cpu = time.perf_counter(), time.process_time()
    docs = [to_doc(article) for article in articles]
    ranking = _rank_with_counts(docs, config, counts_file)
    return ranking, time.perf_counter() - started, time.process_time() - cpu


def _finish(ctx: BuildContext, worker: Forked, articles: list[Any], heading: str) -> None:
    with ctx.timed("related"):
        ranking, seconds, cpu = worker.result()
        ctx.timings["related, in a worker"] = seconds
        ctx.timings["related, in a worker (CPU)"] = cpu
        apply(articles, ranking, heading, ctx.problems)


def connect() -> None:
    signals.initialized.connect(initialized)
    signals.article_generator_pretaxonomy.connect(article_generator_pretaxonomy)
    signals.article_generator_finalized.connect(article_generator_finalized)

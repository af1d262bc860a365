"""Deterministic synthetic tech-news corpus for benchmarking and testing the site.

Writes N Pelican Markdown articles to ``OUT/content/<year>/<slug>.md`` (optionally
with a small PNG hero image each), and optionally a Combined Log Format access log
over the article URLs with a JSON file of the true views per article. Standard
library only; the same arguments and ``--seed`` give byte-identical files.

    python -m bench.corpus --articles 1000 --out /tmp/corpus --images \\
        --pageviews /tmp/corpus/access.log --pv-truth /tmp/corpus/truth.json \\
        --url-template '{year}/{month}/{slug}/'
"""

from __future__ import annotations

import argparse
import os
import random
import struct
import sys
import time
import zlib
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from .corpus_log import epoch, generate_log, write_truth
from .corpus_text import (
    SECTION_TAGS,
    SECTION_WEIGHTS,
    SECTIONS,
    Dice,
    Ranked,
    Story,
    author_names,
    compose_body,
    slugify,
    story_texts,
    tag_vocabulary,
)

DEFAULT_END = date(2025, 6, 30)
DEFAULT_TEMPLATE = "{slug}.html"
# Relative publishing activity per local hour of the day.
PUBLISH_HOURS = (1, 0.5, 0.3, 0.3, 0.4, 1, 3, 6, 9, 10, 10, 9, 8, 8, 9, 9, 8, 6, 4, 3, 2, 2, 1.5, 1)
TAG_ZIPF = (1.0, 3.0)  # (s, q) of the Zipf-Mandelbrot draw of tags after the first
PROTECTED_TAGS = 25  # the most popular tags keep their share when unused tags are filled in


@dataclass(frozen=True)
class Summary:
    articles: int
    words: int
    bytes: int  # of the Markdown files
    images: int
    tags: int  # distinct tags used
    authors: int  # distinct authors used
    log_lines: int = 0
    views: int = 0  # the sum of the truth counts
    repeats: int = 0  # log lines that repeat a client's hit on an article within 30 s


@dataclass
class Article:
    title: str
    slug: str
    date: datetime
    modified: datetime | None
    authors: list[str]
    tags: list[str]
    category: str
    summary: str
    body: str
    words: int

    @property
    def image(self) -> str:
        return f"/images/{self.date:%Y}/{self.date:%m}/{self.slug}.png"

    def markdown(self) -> str:
        lines = [f"Title: {self.title}", f"Date: {self.date:%Y-%m-%d %H:%M}"]
        if self.modified:
            lines.append(f"Modified: {self.modified:%Y-%m-%d %H:%M}")
        lines += [
            f"Authors: {', '.join(self.authors)}",
            f"Tags: {', '.join(self.tags)}",
            f"Category: {self.category}",
            f"Summary: {self.summary}",
            f"Slug: {self.slug}",
            f"Image: {self.image}",
        ]
        return "\n".join(lines) + "\n\n" + self.body

    def url_path(self, template: str) -> str:
        d = self.date
        fields = {"slug": self.slug, "category": self.category.lower(), "year": f"{d:%Y}", "month": f"{d:%m}"}
        return "/" + template.format(day=f"{d:%d}", **fields).lstrip("/")


def _safe_local_time(moment: datetime) -> datetime:
    """Move times off the small hours of clock-change Sundays.

    Dates carry no offset and a strict site reads them in its own time zone, where
    01:00-03:59 on a Sunday in March, October or November may not exist or may
    happen twice (the EU and US changes); such times move three hours later.
    """
    if moment.weekday() == 6 and moment.month in (3, 10, 11) and 1 <= moment.hour <= 3:
        return moment + timedelta(hours=3)
    return moment


def publication_dates(count: int, end: date, years: float, dice: Dice) -> list[datetime]:
    """Sorted publication times over ``years`` before ``end``; three times denser at the end than the start."""
    span = max(1, round(years * 365.25))
    hours = Ranked(0, 1.0, weights=PUBLISH_HOURS)
    moments = []
    for _ in range(count):
        x = ((1 + 8 * dice.rnd()) ** 0.5 - 1) / 2  # inverse CDF of the density (1 + 2x) / 2 on [0, 1)
        day = end - timedelta(days=int((1 - x) * span))
        moment = datetime(day.year, day.month, day.day, hours.draw(dice), dice.between(0, 59))
        moments.append(_safe_local_time(moment))
    return sorted(moments)


def _modified(published: datetime, end: date, dice: Dice) -> datetime | None:
    """A later update time for about a quarter of the articles, never after the end of ``end``."""
    if not dice.chance(0.25):
        return None
    latest = datetime(end.year, end.month, end.day, 23, 59)
    minutes = 10 + int(dice.rnd() ** 2 * 3 * 24 * 60)  # mostly within hours, sometimes days later
    moment = _safe_local_time(min(published + timedelta(minutes=minutes), latest))
    return moment if moment - published >= timedelta(minutes=10) else None


class _Tagger:
    """Tags of one article: the first from its section's pool, the rest Zipf-Mandelbrot over the vocabulary."""

    def __init__(self, vocabulary: list[str], dice: Dice) -> None:
        self.vocabulary, self.dice = vocabulary, dice
        self.rank = {t: i for i, t in enumerate(vocabulary)}
        self.global_draw = Ranked(len(vocabulary), *TAG_ZIPF)
        self.pools = {s: [t for t in pool if t in self.rank] for s, pool in SECTION_TAGS.items()}
        self.pool_draw = {s: Ranked(len(pool), 1.0) for s, pool in self.pools.items() if pool}

    def tags_for(self, section: str, company: str) -> list[str]:
        dice = self.dice
        wanted = min(dice.between(2, 6), len(self.vocabulary))
        chosen: list[str] = []
        if section in self.pool_draw:
            chosen.append(self.pools[section][self.pool_draw[section].draw(dice)])
        if wanted >= 3 and dice.chance(0.3) and company.lower() in self.rank:
            chosen.append(company.lower())
        while len(chosen) < wanted:
            tag = self.vocabulary[self.global_draw.draw(dice)]
            if tag not in chosen:
                chosen.append(tag)
        return chosen

    def fill_unused(self, articles: list[Article]) -> None:
        """Give every vocabulary tag at least one article where that is possible.

        An unused tag replaces a later (not the first) tag of some article, chosen
        at random, whose tag is outside the most popular ones and is used more than
        once, so no tag falls out of use and the head of the distribution keeps its shape.
        """
        uses = Counter(t for a in articles for t in a.tags)
        unused = [t for t in self.vocabulary if not uses[t]]
        if not unused:
            return
        slots = [(a, j) for a in articles for j in range(1, len(a.tags)) if self.rank[a.tags[j]] >= PROTECTED_TAGS]
        slots = self.dice.shuffled(slots)
        for tag in unused:
            while slots:
                article, j = slots.pop()
                old = article.tags[j]
                if uses[old] > 1 and self.rank[old] >= PROTECTED_TAGS:
                    article.tags[j] = tag
                    uses[old] -= 1
                    uses[tag] += 1
                    break
            else:
                return


def build_articles(
    count: int, *, dice: Dice, end: date, years: float, tags: int, authors: int
) -> tuple[list[Article], list[str]]:
    """The articles, oldest first, and the tag vocabulary (most popular first)."""
    vocabulary = tag_vocabulary(tags, dice)
    staff = author_names(authors, dice)
    tagger = _Tagger(vocabulary, dice)
    bylines = Ranked(len(staff), 0.8)
    sections = Ranked(0, 1.0, weights=SECTION_WEIGHTS)
    titles: set[str] = set()
    slugs: set[str] = set()
    articles = []
    for published in publication_dates(count, end, years, dice):
        section = SECTIONS[sections.draw(dice)]
        for _attempt in range(40):
            story = Story(dice, section, published.year)
            title, lede, summary = story_texts(story)
            slug = slugify(title)
            if title.lower() not in titles and slug not in slugs:
                break
        n = 2
        while slug in slugs:  # the vocabulary ran out of fresh headlines: number the slug
            slug, n = f"{slugify(title)}-{n}", n + 1
        titles.add(title.lower())
        slugs.add(slug)
        byline = [staff[bylines.draw(dice)]]
        if len(staff) > 1 and dice.chance(0.2):
            while len(byline) < 2:
                name = staff[bylines.draw(dice)]
                if name not in byline:
                    byline.append(name)
        article_tags = tagger.tags_for(section, story.co)
        modified = _modified(published, end, dice)
        body, words = compose_body(story, lede, slug)
        articles.append(Article(title, slug, published, modified, byline, article_tags, section, summary, body, words))
    tagger.fill_unused(articles)
    return articles, vocabulary


def hero_png(index: int, width: int = 64, height: int = 36) -> bytes:
    """A small valid PNG: a colour band over a darker one, the colour unique to ``index`` (< 2**24)."""
    rgb = ((index + 1) * 0x9E3779B1) & 0xFFFFFF  # an odd multiplier is a bijection modulo 2**24
    top = rgb.to_bytes(3, "big")
    bottom = bytes(c // 3 for c in top)
    split = height * 2 // 3
    raw = (b"\x00" + top * width) * split + (b"\x00" + bottom * width) * (height - split)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def check_url_template(template: str) -> None:
    """Raise ValueError unless ``template`` formats with the fields an article URL may use."""
    try:
        sample = template.format(slug="s", category="c", year="2025", month="06", day="30")
    except (KeyError, IndexError, ValueError) as exc:
        raise ValueError(
            f"--url-template {template!r} is not usable ({exc!r}); use {{slug}} {{category}} {{year}} {{month}} {{day}}"
        ) from None
    if "s" not in sample or "{slug}" not in template:
        raise ValueError(f"--url-template {template!r} must contain {{slug}}")
    if any(c in sample for c in ' ?#"\\'):
        raise ValueError(f"--url-template {template!r} must not contain spaces, quotes, '?', '#' or backslashes")


def generate(
    out: Path,
    articles: int,
    seed: int = 1,
    images: bool = False,
    pageviews: Path | None = None,
    truth: Path | None = None,
    url_template: str = DEFAULT_TEMPLATE,
    end_date: date = DEFAULT_END,
    pv_days: int = 30,
    pv_lines: int | None = None,
    years: float = 5,
    tags: int = 800,
    authors: int = 60,
) -> Summary:
    """Write the corpus under ``out`` (and the log and truth files if asked) and count what was written."""
    if articles < 1 or tags < 1 or authors < 1 or years <= 0 or pv_days < 1:
        raise ValueError("articles, tags, authors, years and pv_days must all be positive")
    if truth is not None and pageviews is None:
        raise ValueError("a truth file needs an access log (pageviews)")
    check_url_template(url_template)
    dice = Dice(random.Random(seed).random)
    corpus, vocabulary = build_articles(articles, dice=dice, end=end_date, years=years, tags=tags, authors=authors)

    content = Path(out) / "content"
    made: set[str] = set()
    total_bytes = 0
    for index, article in enumerate(corpus):
        folder = os.path.join(content, f"{article.date:%Y}")
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        data = article.markdown().encode("utf-8")
        total_bytes += len(data)
        with open(os.path.join(folder, f"{article.slug}.md"), "wb") as handle:
            handle.write(data)
        if images:
            image = os.path.join(content, article.image.lstrip("/"))
            folder = os.path.dirname(image)
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            with open(image, "wb") as handle:
                handle.write(hero_png(index))

    summary = Summary(
        articles=len(corpus),
        words=sum(a.words for a in corpus),
        bytes=total_bytes,
        images=len(corpus) if images else 0,
        tags=len({t for a in corpus for t in a.tags}),
        authors=len({name for a in corpus for name in a.authors}),
    )
    if pageviews is None:
        return summary
    paths = [a.url_path(url_template) for a in corpus]
    if len(set(paths)) != len(paths):
        raise ValueError(f"--url-template {url_template!r} gives two articles the same URL; include {{slug}}")
    lines, result = generate_log(
        dice,
        paths,
        [epoch(a.date) for a in corpus],
        end_date=end_date,
        days=pv_days,
        lines=pv_lines if pv_lines else max(10_000, 20 * len(corpus)),
        pretty=url_template.endswith("/"),
        tags=[slugify(t, 200) for t in vocabulary],
        sections=[s.lower() for s in SECTIONS],
    )
    Path(pageviews).parent.mkdir(parents=True, exist_ok=True)
    with open(pageviews, "w", encoding="utf-8", newline="\n") as handle:
        handle.writelines(lines)
    if truth is not None:
        write_truth(Path(truth), result, url_template)
    return Summary(
        **{
            **summary.__dict__,
            "log_lines": result.lines,
            "views": sum(result.counts.values()),
            "repeats": result.repeats,
        }
    )


def _iso_date(text: str) -> date:
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date of the form YYYY-MM-DD") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.corpus",
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--articles", "-n", type=int, required=True, help="number of articles")
    parser.add_argument("--out", "-o", type=Path, required=True, help="output folder (articles go to OUT/content/)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--images", action="store_true", help="also write each hero image as a small PNG")
    parser.add_argument("--pageviews", type=Path, metavar="FILE", help="also write an access log (Combined Log Format)")
    parser.add_argument("--pv-truth", type=Path, metavar="FILE", help="write the true views per article URL as JSON")
    parser.add_argument(
        "--url-template",
        default=DEFAULT_TEMPLATE,
        metavar="T",
        help="article URL path as a Python format string over {slug} {category} {year} {month} {day} "
        "(default '{slug}.html', Pelican's default; this site uses '{year}/{month}/{slug}/')",
    )
    parser.add_argument(
        "--end-date", type=_iso_date, default=DEFAULT_END, help="newest day of the corpus and last day of the log"
    )
    parser.add_argument("--pv-days", type=int, default=30, help="days covered by the log (default 30)")
    parser.add_argument("--pv-lines", type=int, help="log lines (default max(10000, 20 x articles))")
    parser.add_argument("--years", type=float, default=5, help="years of publication dates (default 5)")
    parser.add_argument("--tags", type=int, default=800, help="size of the tag vocabulary (default 800)")
    parser.add_argument("--authors", type=int, default=60, help="number of authors (default 60)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    args = parser.parse_args(argv)
    if args.pv_truth and not args.pageviews:
        parser.error("--pv-truth needs --pageviews")
    started = time.perf_counter()  # for the message only; nothing written depends on the clock
    try:
        summary = generate(
            args.out,
            args.articles,
            seed=args.seed,
            images=args.images,
            pageviews=args.pageviews,
            truth=args.pv_truth,
            url_template=args.url_template,
            end_date=args.end_date,
            pv_days=args.pv_days,
            pv_lines=args.pv_lines,
            years=args.years,
            tags=args.tags,
            authors=args.authors,
        )
    except ValueError as exc:
        parser.error(str(exc))
    if not args.quiet:
        log = f", {summary.log_lines:,} log lines" if summary.log_lines else ""
        print(
            f"wrote {summary.articles:,} articles ({summary.words:,} words, {summary.bytes / 1e6:.1f} MB, "
            f"{summary.images:,} images, {summary.tags} tags, {summary.authors} authors){log} "
            f"to {args.out} in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

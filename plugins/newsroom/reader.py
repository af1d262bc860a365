"""A strict Markdown reader: Pelican's format, every problem reported, nothing dropped."""

from __future__ import annotations

import copy
import dataclasses
import os
import posixpath
from typing import Any, ClassVar

from common.dates import format_date
from common.errors import Problem
from common.files import MARKDOWN_SUFFIXES, under
from engine import intrasite_pattern
from markdown import Markdown
from pelican.contents import Article, Author, Category, Tag
from pelican.readers import BaseReader
from pelican.utils import posixize_path, slugify

from .bodies import body_key, convert
from .copying import StaticRules
from .fields import validate
from .frontmatter import split_front_matter, strip_control
from .heroimage import IMAGE_SUFFIXES
from .limits import body_problems
from .links import broken_refs, line_of
from .listings import standfirst_from_html
from .names import spelling
from .readings import Reading, Recorder, reading_key
from .schedule import PREVIEW, WITHHELD, Scheduled, early_links, status_at
from .state import NewsroomBuild, build_of
from .typography import smarten_text
from .values import Vocabulary

META_EXTENSIONS = ("meta", "markdown.extensions.meta")


def site_slugify(settings: dict[str, Any], text: str) -> str:
    return slugify(
        text, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []), preserve_case=False, use_unicode=False
    )


def markdown_config(settings: dict[str, Any]) -> dict[str, Any]:
    """Pelican's MARKDOWN setting without the meta extension (we parse front-matter ourselves)."""
    config = copy.deepcopy(settings.get("MARKDOWN", {}))
    configs = {k: v for k, v in config.get("extension_configs", {}).items() if k not in META_EXTENSIONS}
    extensions = [e for e in config.get("extensions", []) if e not in META_EXTENSIONS]
    config["extension_configs"] = configs
    config["extensions"] = [*extensions, *(k for k in configs if k not in extensions)]
    return config


def page_dirs(settings: dict[str, Any]) -> tuple[str, ...]:
    return tuple(p.strip("/") + "/" for p in settings.get("PAGE_PATHS", []))


def article_or_page(rel: str, pages: tuple[str, ...]) -> str:
    return "page" if rel.startswith(pages) else "article"


def decode(raw: bytes, rel: str) -> tuple[str, Problem | None]:
    """A source file's text (UTF-8, an initial BOM and control characters dropped), or the problem."""
    try:
        return strip_control(raw.decode("utf-8").removeprefix("\ufeff")), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return "", Problem(
            rel, line, None, f"is not valid UTF-8 (byte {exc.start}).", "re-save the file with UTF-8 encoding."
        )


def source_body(root: str, rel: str) -> tuple[str, int] | None:
    """The Markdown body of the source file ``rel`` under ``root`` and its first line, or None
    when it cannot be read (to name the line of a problem found after reading)."""
    try:
        with open(os.path.join(root, rel), "rb") as handle:
            text, problem = decode(handle.read(), rel)
    except OSError:
        return None
    split = split_front_matter(text)
    return (split.body, split.body_line) if problem is None else None


def _wait_for_time(nr: NewsroomBuild, rel: str, meta: dict[str, Any]) -> str:
    """A story dated after the build's "now" waits (``schedule``): its status in this build."""
    config = nr.settings
    status = status_at(meta["status"], meta.get("date"), config.now, config.scheduled_previews)
    if status != meta["status"]:
        nr.scheduled.append(Scheduled(meta["date"], rel))
        meta["status"] = status
        if status == PREVIEW:
            meta["scheduled"] = meta["date"].astimezone(config.zone)  # the preview's banner: "Scheduled for ..."
    return status


def early_link_problems(nr: NewsroomBuild) -> list[Problem]:
    """A story or page linking (``{filename}``) to a story that is out only later than itself."""
    problems = []
    for source, story in early_links(nr.links, nr.scheduled):
        with open(os.path.join(nr.content_path, source), "rb") as handle:
            split = split_front_matter(decode(handle.read(), source)[0])
        line = line_of(split.body, split.body_line, posixpath.basename(story.path))
        due = format_date(story.due.astimezone(nr.settings.zone), with_time=True)
        message = f"links to {story.path}, which is scheduled for {due}: the link would give it away before then."
        fix = "remove the link until then, or give this story a Date at or after that time."
        problems.append(Problem(source, line, None, message, fix))
    return problems


class NewsroomReader(BaseReader):
    enabled = True
    file_extensions: ClassVar[list[str]] = [suffix[1:] for suffix in MARKDOWN_SUFFIXES]

    def __init__(self, settings: dict[str, Any]) -> None:
        super().__init__(settings)
        self._ctx, self._nr = build_of(settings)
        self._md = Markdown(**markdown_config(settings))
        self._base = os.path.abspath(settings["PATH"])
        self._page_dirs = page_dirs(settings)
        self._wrappers: dict[tuple[type, str], Any] = {}
        self._tags: dict[tuple[str, str], Any] = {}  # one Tag per slug and spelling, with the name it is shown with
        self._links = intrasite_pattern(settings["INTRASITE_LINK_REGEX"])
        images = self._nr.images
        self._vocab = Vocabulary(
            zone=self._nr.settings.zone,
            sections=self._nr.settings.section_lookup(),
            image_exists=images.__contains__,
            image_candidates=lambda: sorted(p for p in images if p.lower().endswith(IMAGE_SUFFIXES)),
            slugify=lambda text: site_slugify(settings, text),
            statics=StaticRules.from_settings(settings),
        )

    def read(self, source_path: str) -> tuple[str | None, dict[str, Any]]:
        rel = under(self._base, source_path) or posixize_path(os.path.relpath(source_path, self._base))
        kind = article_or_page(rel, self._page_dirs)
        if os.path.islink(source_path):  # reported when the content folder was scanned
            return None, {"status": "skip"}
        known = self._nr.sources.pop(rel, None)  # read at start-up, with its key
        if known is None:
            with open(source_path, "rb") as handle:
                raw = handle.read()
            known = reading_key(self._nr.reading_fingerprint, rel, kind, raw), raw
        key, raw = known
        reading = self._nr.readings.get(key)
        if (
            reading is None
            or reading.body_key not in self._nr.bodies
            or not reading.holds(self._nr.images.__contains__)
        ):
            self._nr.readings.pop(key, None)  # a kept reading that no longer holds is not kept again
            reading, keep = self._check(rel, kind, raw)
            self._ctx.fresh.add(rel)
            if keep:
                self._nr.readings[key] = reading
                self._nr.reading_store.remember(key, reading)
        if key in self._nr.readings:
            self._nr.used_readings.add(key)
        self._ctx.problems.extend(reading.problems)
        if not reading.body_key:
            return None, {"status": "skip"}
        self._nr.used_bodies.add(reading.body_key)
        html, removed = self._nr.bodies[reading.body_key]
        if removed:
            message = f"removed from the body: {', '.join(removed)}."
            fix = "body HTML may not run scripts; embeds must come from NEWSROOM_EMBED_HOSTS."
            self._ctx.problems.append(Problem(rel, None, None, message, fix, severity="warning"))
        if any(p.severity == "error" for p in reading.problems):
            return None, {"status": "skip"}
        meta = self._pelican_metadata(reading.metadata, html)
        if meta["status"] != "draft":  # out on the site now or at its time: its links must be out by then too
            self._nr.links[rel] = [path for path, found in reading.looked_up if found]
        if kind == "article" and _wait_for_time(self._nr, rel, meta) == WITHHELD:
            # checked like any story, and no trace of it in this build; its URL stays claimed, so that a
            # clash with a live story stops the build now, not the one that should publish it on time
            self._nr.withheld.append((Article(html, meta, self.settings, source_path).save_as, rel))
            return None, {"status": "skip"}
        self._ctx.tick("articles read")
        if kind == "article" and meta["status"] == "published":
            self._nr.published.add(rel)
        return html, meta

    def _check(self, rel: str, kind: str, raw: bytes) -> tuple[Reading, bool]:
        """Check one file from scratch; also whether the reading may be kept (see ``readings``)."""
        text, problem = decode(raw, rel)
        if problem:
            return Reading({}, (problem,), "", ()), False
        split = split_front_matter(text)
        recorder = Recorder(self._nr.images.__contains__, self._vocab.image_candidates)
        vocab = dataclasses.replace(self._vocab, image_exists=recorder.exists, image_candidates=recorder.candidates)
        result = validate(split, rel, kind, vocab)
        too_big = body_problems(rel, split.body, split.body_line)
        if too_big:  # refused before Markdown, which would take minutes or fail without naming the file
            looked_up = tuple(sorted(recorder.asked.items()))
            return Reading(result.metadata, (*result.problems, *too_big), "", looked_up), False
        key = body_key(split.body, self._nr.body_fingerprint)
        if key not in self._nr.bodies:
            self._nr.bodies[key] = convert(self._md, split.body, self._nr.settings.embed_hosts)
        html = self._nr.bodies[key][0]  # the links Pelican rewrites and copies are those of the HTML
        result.problems.extend(broken_refs(rel, html, split.body, split.body_line, recorder.exists, self._links))
        looked_up = tuple(sorted(recorder.asked.items()))
        return Reading(result.metadata, tuple(result.problems), key, looked_up), not recorder.listed

    def _pelican_metadata(self, clean: dict[str, Any], html: str) -> dict[str, Any]:
        meta = dict(clean)
        meta.setdefault("status", "published")
        if "slug" not in meta:  # most stories name theirs; slugifying the headline anyway costs a regex pass
            meta["slug"] = self._vocab.slugify(meta["title"])
        meta["title"] = smarten_text(meta["title"])  # after the slug: a headline's typeset quotes change no URL
        if "summary" not in meta:
            meta["summary"] = standfirst_from_html(html, self._nr.settings.standfirst_words)  # typeset with the body
            meta["summary_derived"] = True
        else:
            meta["summary"] = smarten_text(meta["summary"])
        if "authors" in meta:
            meta["authors"] = [self._wrapper(Author, name) for name in meta["authors"]]
        if "tags" in meta:
            meta["tags"] = [self._tag(tag) for tag in meta["tags"]]
        if "category" in meta:
            meta["category"] = self._wrapper(Category, meta["category"])
        return meta

    def _tag(self, written: str) -> Any:
        """The build's Tag for a tag as written: its slug as Pelican makes it, its name from the tag
        registry or as first written. "supply chain" and "Supply Chain" are one name written two ways
        (``names.spelling``), shown one way; "C" and "C#" stay two, for the check that stops the build."""
        slug = self._wrapper(Tag, written).slug
        key = slug, spelling(written)
        tag = self._tags.get(key)
        if tag is None:
            listed = self._nr.tag_names.get(slug, "")
            shown = listed if spelling(listed) == key[1] else written  # first seen
            tag = self._tags[key] = Tag(shown, self.settings)
            tag.slug = slug
        return tag

    def _wrapper(self, kind: type, name: str) -> Any:
        """One Pelican Tag, Author or Category per name for the whole build, so that each
        works out its slug once rather than once per article (Pelican compares them by slug)."""
        found = self._wrappers.get((kind, name))
        if found is None:
            found = self._wrappers[kind, name] = kind(name, self.settings)
            if kind is Category:
                found.slug = next(s.slug for s in self._nr.settings.sections if s.name == name)
        return found

"""The front-matter vocabulary and its validation (pure).

``validate`` turns the raw fields of one file into clean, typed metadata and a
list of problems. It never reads files or the clock: the caller passes what it
needs (the site time zone, the declared sections, the image files that exist).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import tzinfo

from common.dates import DateError, parse_date_with_note
from common.errors import Problem
from common.settings import nearest

from . import invisible
from .copying import StaticRules
from .frontmatter import Field, Split, leading_key_lines
from .heroimage import image_path
from .names import FIXES, spelling
from .placeholders import is_placeholder, placeholder_problems

# Canonical spelling of every field, as the README documents it.
ARTICLE_FIELDS = (
    "Title",
    "Date",
    "Modified",
    "Authors",
    "Category",
    "Tags",
    "Summary",
    "Image",
    "Image_Alt",
    "Image_Caption",
    "Image_Credit",
    "Source",
    "Slug",
    "Status",
    "Featured",
    "Kicker",
    "Correction",
    "Related",
    "Id",
)
PAGE_FIELDS = ("Title", "Slug", "Summary", "Status", "Modified", "Image", "Image_Alt", "Image_Caption", "Image_Credit")
ALIASES = {"author": "authors"}  # Pelican's singular form is accepted for articles
STATUSES = ("published", "draft", "hidden")
BOOLEANS = {"yes": True, "true": True, "no": False, "false": False}
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Vocabulary:
    """What the validator needs to know about the site."""

    zone: tzinfo
    sections: Mapping[str, str]  # lower-cased name or slug -> canonical section name
    image_exists: Callable[[str], bool]
    image_candidates: Callable[[], Iterable[str]] = lambda: ()
    slugify: Callable[[str], str] = lambda text: text
    statics: StaticRules = field(default_factory=StaticRules)  # which content files the site copies


@dataclass
class Result:
    metadata: dict[str, object] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def suggest_slug(slugified: str) -> str:
    """Turn a slugify() result into one that passes SLUG_RE ('' when nothing is left)."""
    return "-".join(part for part in re.split(r"[^a-z0-9]+", slugified.lower()) if part)


def split_list(value: str) -> list[str]:
    return [item.strip() for item in value.replace("\n", ",").split(",")]


class _Checker:
    def __init__(self, path: str, kind: str, vocab: Vocabulary) -> None:
        self.path, self.kind, self.vocab = path, kind, vocab
        self.known = ARTICLE_FIELDS if kind == "article" else PAGE_FIELDS
        self.result = Result()

    def problem(
        self, f: Field | None, message: str, fix: str = "", *, name: str | None = None, warning: bool = False
    ) -> None:
        severity = "warning" if warning else "error"
        self.result.problems.append(
            Problem(self.path, f.line if f else None, f.key if f else name, message, fix, severity)
        )

    def run(self, split: Split) -> Result:
        if split.stray_line:
            self.result.problems.append(
                Problem(
                    self.path,
                    split.stray_line,
                    None,
                    f"'{split.stray_text.strip()[:60]}' is not a 'Key: value' line, so the front-matter stops here.",
                    "write it as 'Key: value', or leave one blank line between the front-matter and the body.",
                )
            )
        for line, text in split.hidden:
            owner = next((f for f in reversed(split.fields) if f.line <= line), None)
            message, fix = invisible.describe(text)
            self.result.problems.append(Problem(self.path, line, owner.key if owner else None, message, fix))
        fields = self._collect(split)
        self._blank_line_inside(split)
        meta = self.result.metadata
        self._required(fields)
        for name, f in fields.items():
            if not f.value.strip():
                continue  # an optional field left empty is the same as leaving it out
            handler = getattr(self, f"_field_{name}", None)
            if handler is not None:
                handler(f)
            else:
                meta[name] = f.value
        if "date" in meta and "modified" in meta and meta["modified"] < meta["date"]:
            self.problem(
                fields["modified"],
                "Modified is earlier than Date.",
                "set Modified to the time of the last update, after Date.",
            )
        return self.result

    def _collect(self, split: Split) -> dict[str, Field]:
        canon = {k.lower(): k for k in self.known}
        fields: dict[str, Field] = {}
        for f in split.fields:
            name = ALIASES.get(f.name, f.name) if self.kind == "article" else f.name
            if name not in canon:
                guess = nearest(f.key, self.known)
                hint = f"did you mean '{guess}'?" if guess else "see the list of fields in the README."
                self.problem(f, f"unknown field '{f.key}'.", hint)
                continue
            if name in fields:
                first = fields[name]
                self.problem(
                    f, f"'{canon[name]}' is given twice (lines {first.line} and {f.line}).", "keep one of them."
                )
                continue
            fields[name] = f
        return fields

    def _blank_line_inside(self, split: Split) -> None:
        known = {k.lower() for k in self.known} | set(ALIASES)
        leaked = [f for f in leading_key_lines(split.body, split.body_line) if f.name in known]
        if not (leaked and split.fields and split.end_line):
            return
        names = ", ".join(f.key for f in leaked)
        end = split.end_line
        if split.closed_by_fence:
            message = f"{names} after the closing '---' (line {end}) would be printed in the body."
            self.problem(leaked[0], message, f"move them above line {end}.")
            return
        last_blank = leaked[0].line - 1
        where = f"line at line {end}" if last_blank == end else f"lines at lines {end} to {last_blank}"
        message = f"{names} after a blank line would be printed in the body, not read as front-matter."
        self.problem(leaked[0], message, f"remove the blank {where}.")

    def _required(self, fields: dict[str, Field]) -> None:
        needed = ("title", "date", "authors", "category") if self.kind == "article" else ("title",)
        for name in needed:
            if name not in fields or not fields[name].value.strip():
                label = next(k for k in self.known if k.lower() == name)
                self.problem(
                    fields.get(name),
                    f"'{label}' is missing or empty.",
                    f"add a line '{label}: …' at the top of the file.",
                    name=label,
                )

    # -- one method per field that needs more than a plain string ----------
    def _field_title(self, f: Field) -> None:
        title = " ".join(f.value.split())
        if title:
            self.result.metadata["title"] = title
            if "slug" not in self.result.metadata and not self.vocab.slugify(title):
                self.result.metadata["_title_field"] = f

    def _field_date(self, f: Field) -> None:
        self._date(f, "date")

    def _field_modified(self, f: Field) -> None:
        self._date(f, "modified")

    def _date(self, f: Field, name: str) -> None:
        if not f.value:
            return
        try:
            self.result.metadata[name], note = parse_date_with_note(f.value, self.vocab.zone)
        except DateError as exc:
            self.problem(f, f"{exc}.", "use the form 2026-11-28 09:30 or 2026-11-28T09:30:00+01:00.")
            return
        if note:
            self.problem(f, f"{note}.", "add the UTC offset to say which time you mean, e.g. +01:00.", warning=True)

    def _field_authors(self, f: Field) -> None:
        names = split_list(f.value)
        if any(not n for n in names) and f.value.strip():
            self.problem(
                f,
                "the byline has an empty name (two commas in a row, or a comma at the end).",
                "separate authors with single commas: 'Authors: Ada Lovelace, Alan Turing'.",
            )
        names = [" ".join(n.split()) for n in names if n]
        for name in names:
            if not self.vocab.slugify(name):
                self.problem(
                    f,
                    f"the author name '{name}' makes an empty URL slug.",
                    "write the name in letters (Latin script is transliterated).",
                )
        if len({self.vocab.slugify(n) or n.lower() for n in names}) != len(names):
            self.problem(f, "an author is named twice in the byline.", "name each author once.")
        if names:
            self.result.metadata["authors"] = names

    def _field_category(self, f: Field) -> None:
        if not f.value:
            return
        section = self.vocab.sections.get(f.value.strip().lower())
        if section is None:
            known = sorted(set(self.vocab.sections.values()))
            guess = nearest(f.value, known)
            fix = f"did you mean '{guess}'? " if guess else ""
            self.problem(
                f,
                f"'{f.value}' is not a section of this site.",
                f"{fix}Sections: {', '.join(known)} (declared in NEWSROOM_SECTIONS).",
            )
            return
        self.result.metadata["category"] = section

    def _field_tags(self, f: Field) -> None:
        tags: list[str] = []
        seen: dict[str, str] = {}  # slug -> the tag that has it
        for tag in (" ".join(t.split()) for t in split_list(f.value)):
            if not tag or is_placeholder(tag):
                continue  # a placeholder is reported below, and never becomes a topic page
            slug = self.vocab.slugify(tag)
            if not slug:
                self.problem(f, f"the tag '{tag}' makes an empty URL slug.", "use letters or digits in tags.")
            elif slug not in seen:
                seen[slug] = tag
                tags.append(tag)
            elif spelling(seen[slug]) != spelling(tag):  # the same tag written twice is simply kept once
                self.problem(f, f"the tags '{seen[slug]}' and '{tag}' share one topic page ('{slug}').", FIXES["tag"])
        self.result.metadata["tags"] = tags

    def _field_summary(self, f: Field) -> None:
        summary = " ".join(f.value.split())
        if summary:
            self.result.metadata["summary"] = summary

    def _field_slug(self, f: Field) -> None:
        slug = f.value.strip()
        if not SLUG_RE.match(slug):
            suggestion = suggest_slug(self.vocab.slugify(slug))
            fix = f"use '{suggestion}'." if suggestion else "use lower-case letters, digits and single hyphens."
            self.problem(f, f"the slug '{slug}' is not lower-case letters, digits and hyphens.", fix)
            return
        if self.kind == "page" and slug.isdigit():
            self.problem(
                f, f"the page slug '{slug}' is a number and would clash with the archives.", "use a word for the slug."
            )
            return
        self.result.metadata["slug"] = slug

    def _field_status(self, f: Field) -> None:
        status = f.value.strip().lower()
        if status not in STATUSES:
            self.problem(f, f"unknown status '{f.value}'.", f"use one of: {', '.join(STATUSES)}.")
            return
        self.result.metadata["status"] = status

    def _field_featured(self, f: Field) -> None:
        value = BOOLEANS.get(f.value.strip().lower())
        if value is None:
            self.problem(f, f"'{f.value}' is not yes or no.", "write 'Featured: yes' or remove the line.")
            return
        self.result.metadata["featured"] = value

    def _field_related(self, f: Field) -> None:
        slugs = [s for s in split_list(f.value) if s]
        bad = [s for s in slugs if not SLUG_RE.match(s)]
        if bad:
            self.problem(
                f, f"'{bad[0]}' is not an article slug.", "list slugs of other articles, e.g. 'Related: a, b'."
            )
            return
        self.result.metadata["related_pins"] = list(dict.fromkeys(slugs))

    def _field_id(self, f: Field) -> None:
        value = f.value.strip()
        if any(c.isspace() for c in value) or len(value) > 200:
            self.problem(
                f, f"'{value[:40]}' is not a usable ID.", "use the article's first URL or a tag: URI, no spaces."
            )
            return
        self.result.metadata["id"] = value

    def _field_image(self, f: Field) -> None:
        vocab = self.vocab
        path, message, fix = image_path(f.value, f.key, vocab.image_exists, vocab.image_candidates, vocab.statics)
        if message:
            self.problem(f, message, fix)
            return
        self.result.metadata["image"] = path


def validate(split: Split, path: str, kind: str, vocab: Vocabulary) -> Result:
    """Validate one file's front-matter. ``kind`` is 'article' or 'page'."""
    result = _Checker(path, kind, vocab).run(split)
    meta = result.metadata
    title_field = meta.pop("_title_field", None)
    if title_field is not None and "slug" not in meta:
        result.problems.append(
            Problem(
                path,
                title_field.line,
                "Title",
                f"the title '{meta['title']}' makes an empty URL slug.",
                "add a 'Slug:' line with lower-case letters and hyphens.",
            )
        )
    result.problems.extend(placeholder_problems(split, path, meta.get("status", "published") == "draft"))
    return result

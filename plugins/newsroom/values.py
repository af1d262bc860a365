"""What each front-matter field's value must be, one rule per field that is more than a plain string (pure).

A rule reads one ``Field``, puts its clean, typed value into the file's metadata or reports a
problem naming the field's line; ``fields`` decides which fields a file has and calls these.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import tzinfo

from common.dates import DateError, parse_date_with_note
from common.errors import Problem
from common.settings import nearest

from .copying import StaticRules
from .frontmatter import Field
from .heroimage import image_path
from .names import FIXES, spelling
from .placeholders import is_placeholder

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


class FieldCheck:
    """One file's check under way: where problems go and what the rules know of the site."""

    def __init__(self, path: str, kind: str, vocab: Vocabulary) -> None:
        self.path, self.kind, self.vocab = path, kind, vocab
        self.result = Result()

    def problem(
        self, f: Field | None, message: str, fix: str = "", *, name: str | None = None, warning: bool = False
    ) -> None:
        severity = "warning" if warning else "error"
        self.result.problems.append(
            Problem(self.path, f.line if f else None, f.key if f else name, message, fix, severity)
        )


def _title(check: FieldCheck, f: Field) -> None:
    title = " ".join(f.value.split())
    if title:
        check.result.metadata["title"] = title
        if "slug" not in check.result.metadata and not check.vocab.slugify(title):
            check.result.metadata["_title_field"] = f


def _date(check: FieldCheck, f: Field) -> None:
    _moment(check, f, "date")


def _modified(check: FieldCheck, f: Field) -> None:
    _moment(check, f, "modified")


def _moment(check: FieldCheck, f: Field, name: str) -> None:
    if not f.value:
        return
    try:
        check.result.metadata[name], note = parse_date_with_note(f.value, check.vocab.zone)
    except DateError as exc:
        check.problem(f, f"{exc}.", "use the form 2026-11-28 09:30 or 2026-11-28T09:30:00+01:00.")
        return
    if note:
        check.problem(f, f"{note}.", "add the UTC offset to say which time you mean, e.g. +01:00.", warning=True)


def _authors(check: FieldCheck, f: Field) -> None:
    names = split_list(f.value)
    if any(not n for n in names) and f.value.strip():
        check.problem(
            f,
            "the byline has an empty name (two commas in a row, or a comma at the end).",
            "separate authors with single commas: 'Authors: Ada Lovelace, Alan Turing'.",
        )
    names = [" ".join(n.split()) for n in names if n]
    for name in names:
        if not check.vocab.slugify(name):
            check.problem(
                f,
                f"the author name '{name}' makes an empty URL slug.",
                "write the name in letters (Latin script is transliterated).",
            )
    if len({check.vocab.slugify(n) or n.lower() for n in names}) != len(names):
        check.problem(f, "an author is named twice in the byline.", "name each author once.")
    if names:
        check.result.metadata["authors"] = names


def _category(check: FieldCheck, f: Field) -> None:
    if not f.value:
        return
    section = check.vocab.sections.get(f.value.strip().lower())
    if section is None:
        known = sorted(set(check.vocab.sections.values()))
        guess = nearest(f.value, known)
        fix = f"did you mean '{guess}'? " if guess else ""
        check.problem(
            f,
            f"'{f.value}' is not a section of this site.",
            f"{fix}Sections: {', '.join(known)} (declared in NEWSROOM_SECTIONS).",
        )
        return
    check.result.metadata["category"] = section


def _tags(check: FieldCheck, f: Field) -> None:
    tags: list[str] = []
    seen: dict[str, str] = {}  # slug -> the tag that has it
    for tag in (" ".join(t.split()) for t in split_list(f.value)):
        if not tag or is_placeholder(tag):
            continue  # a placeholder is reported below, and never becomes a topic page
        slug = check.vocab.slugify(tag)
        if not slug:
            check.problem(f, f"the tag '{tag}' makes an empty URL slug.", "use letters or digits in tags.")
        elif slug not in seen:
            seen[slug] = tag
            tags.append(tag)
        elif spelling(seen[slug]) != spelling(tag):  # the same tag written twice is simply kept once
            check.problem(f, f"the tags '{seen[slug]}' and '{tag}' share one topic page ('{slug}').", FIXES["tag"])
    check.result.metadata["tags"] = tags


def _summary(check: FieldCheck, f: Field) -> None:
    summary = " ".join(f.value.split())
    if summary:
        check.result.metadata["summary"] = summary


def _slug(check: FieldCheck, f: Field) -> None:
    slug = f.value.strip()
    if not SLUG_RE.match(slug):
        suggestion = suggest_slug(check.vocab.slugify(slug))
        fix = f"use '{suggestion}'." if suggestion else "use lower-case letters, digits and single hyphens."
        check.problem(f, f"the slug '{slug}' is not lower-case letters, digits and hyphens.", fix)
        return
    if check.kind == "page" and slug.isdigit():
        check.problem(
            f, f"the page slug '{slug}' is a number and would clash with the archives.", "use a word for the slug."
        )
        return
    check.result.metadata["slug"] = slug


def _status(check: FieldCheck, f: Field) -> None:
    status = f.value.strip().lower()
    if status not in STATUSES:
        check.problem(f, f"unknown status '{f.value}'.", f"use one of: {', '.join(STATUSES)}.")
        return
    check.result.metadata["status"] = status


def _featured(check: FieldCheck, f: Field) -> None:
    value = BOOLEANS.get(f.value.strip().lower())
    if value is None:
        check.problem(f, f"'{f.value}' is not yes or no.", "write 'Featured: yes' or remove the line.")
        return
    check.result.metadata["featured"] = value


def _related(check: FieldCheck, f: Field) -> None:
    slugs = [s for s in split_list(f.value) if s]
    bad = [s for s in slugs if not SLUG_RE.match(s)]
    if bad:
        check.problem(f, f"'{bad[0]}' is not an article slug.", "list slugs of other articles, e.g. 'Related: a, b'.")
        return
    check.result.metadata["related_pins"] = list(dict.fromkeys(slugs))


def _id(check: FieldCheck, f: Field) -> None:
    value = f.value.strip()
    if any(c.isspace() for c in value) or len(value) > 200:
        check.problem(f, f"'{value[:40]}' is not a usable ID.", "use the article's first URL or a tag: URI, no spaces.")
        return
    check.result.metadata["id"] = value


def _image(check: FieldCheck, f: Field) -> None:
    vocab = check.vocab
    path, message, fix = image_path(f.value, f.key, vocab.image_exists, vocab.image_candidates, vocab.statics)
    if message:
        check.problem(f, message, fix)
        return
    check.result.metadata["image"] = path


RULES: dict[str, Callable[[FieldCheck, Field], None]] = {
    "title": _title,
    "date": _date,
    "modified": _modified,
    "authors": _authors,
    "category": _category,
    "tags": _tags,
    "summary": _summary,
    "slug": _slug,
    "status": _status,
    "featured": _featured,
    "related": _related,
    "id": _id,
    "image": _image,
}

"""The front-matter vocabulary and its validation (pure).

``validate`` turns the raw fields of one file into clean, typed metadata and a
list of problems. It never reads files or the clock: the caller passes what it
needs (the site time zone, the declared sections, the image files that exist).
This module holds the table of fields and the checks of the whole front-matter
(required, unknown, given twice, cut short by a blank line); each field's value
is checked by its rule in ``values``.
"""

from __future__ import annotations

from common.errors import Problem
from common.settings import nearest

from . import invisible
from .frontmatter import Field, Split, leading_key_lines
from .placeholders import placeholder_problems
from .values import RULES, FieldCheck, Result, Vocabulary

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


class _Checker(FieldCheck):
    def __init__(self, path: str, kind: str, vocab: Vocabulary) -> None:
        super().__init__(path, kind, vocab)
        self.known = ARTICLE_FIELDS if kind == "article" else PAGE_FIELDS

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
            rule = RULES.get(name)
            if rule is not None:
                rule(self, f)
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

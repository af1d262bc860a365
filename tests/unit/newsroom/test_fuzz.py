"""Bounded fuzzing (hypothesis, fixed seed and budget): hostile text gives named errors, never a crash."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from common.dates import DateError, parse_date_with_note
from engine import intrasite_pattern
from hypothesis import given, settings
from hypothesis import strategies as st
from newsroom.fields import ARTICLE_FIELDS, validate
from newsroom.frontmatter import split_front_matter
from newsroom.links import broken_refs
from newsroom.listings import standfirst_from_html
from newsroom.sanitize import sanitize
from newsroom.values import Vocabulary
from pelican.utils import slugify

BUDGET = settings(max_examples=300, deadline=None, derandomize=True)
LONDON = ZoneInfo("Europe/London")
VOCAB = Vocabulary(
    zone=LONDON,
    sections={"security": "Security", "cloud": "Cloud"},
    image_exists=lambda path: path == "images/a.png",
    image_candidates=lambda: ["images/a.png"],
    slugify=lambda text: slugify(text, regex_subs=[]),
)
date_like = st.from_regex(r"\A[0-9]{1,5}-[0-9]{1,3}-[0-9]{1,3}([ T][0-9]{1,3}:[0-9]{1,3}(:[0-9]{1,3})?)?"
                          r"(Z|[+-][0-9]{1,4}(:[0-9]{1,2})?| [A-Z]{3})?\Z")  # fmt: skip
keys = st.sampled_from([*ARTICLE_FIELDS, "Tag", "title", "Save_as", "", "Date ", "x-y"])
values = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
lines = st.one_of(
    st.tuples(keys, values).map(lambda kv: f"{kv[0]}: {kv[1]}"),
    st.text(max_size=30),
    st.sampled_from(["", "---", "...", "    continued", "\t", "\u2028", "\r"]),
)


@BUDGET
@given(st.one_of(date_like, st.text(max_size=40)))
def test_date_parser_returns_a_date_or_a_date_error(text: str) -> None:
    try:
        value, note = parse_date_with_note(text, LONDON)
    except DateError as exc:
        assert str(exc)
    else:
        assert value.tzinfo is not None and (note is None or "clocks" in note)


@BUDGET
@given(st.lists(lines, max_size=25).map("\n".join), st.sampled_from(["article", "page"]))
def test_front_matter_reader_reports_problems_never_crashes(text: str, kind: str) -> None:
    split = split_front_matter(text)
    result = validate(split, "articles/fuzz.md", kind, VOCAB)
    for problem in result.problems:
        assert problem.path == "articles/fuzz.md" and problem.message and problem.format()
    assert sorted(result.problems) is not None
    links = intrasite_pattern("[{|](?P<what>.*?)[|}]")
    broken_refs("articles/fuzz.md", split.body, split.body, split.body_line, VOCAB.image_exists, links)


@BUDGET
@given(st.text(max_size=300))
def test_sanitizer_and_standfirst_take_any_markup(html: str) -> None:
    cleaned, notes = sanitize(html, ("player.vimeo.com",))
    assert "<script" not in cleaned.lower() and all(isinstance(n, str) for n in notes)
    standfirst_from_html(cleaned, 10)


def combined(ip: str, when: str, method: str, path: str, status: str, size: str, agent: str) -> str:
    return f'{ip} - - [{when}] "{method} {path} HTTP/1.1" {status} {size} "-" "{agent}"'


log_like = st.builds(
    combined,
    st.sampled_from(["192.0.2.1", "2001:db8::1", "-", "x" * 5, ""]),
    st.sampled_from(["28/Nov/2026:10:00:00 +0000", "31/Feb/2026:10:00:00 +0000", "28/Nov/2026:25:00:00 +0000", "junk"]),
    st.sampled_from(["GET", "HEAD", "POST", "", "G\\x00T"]),
    st.text(max_size=60),
    st.sampled_from(["200", "304", "404", "999", "-", "abc"]),
    st.sampled_from(["0", "-", "12345678901234567890", "x"]),
    st.text(max_size=40),
)  # fmt: skip


@BUDGET
@given(st.one_of(log_like, st.text(max_size=300)))
def test_access_log_line_parser_returns_a_line_or_a_reason(text: str) -> None:
    from most_read.logline import LogLine, parse  # noqa: PLC0415

    result = parse(text)
    assert isinstance(result, LogLine) or (isinstance(result, str) and result)

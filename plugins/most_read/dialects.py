"""The crawler user-agent pattern for analytics engines, written as each SQL dialect's string literal.

``make most-read --bot-pattern ENGINE`` prints it, so that a query over a warehouse's access logs
leaves out the same crawlers as the ingest does.
"""

from __future__ import annotations

from collections.abc import Callable

LITERALS: dict[str, Callable[[str], str]] = {  # the pattern as a literal that each engine reads back unchanged
    "raw": lambda p: p,
    "athena": lambda p: "'" + p.replace("'", "''") + "'",  # Trino/Presto: no backslash escapes
    "bigquery": lambda p: 'r"' + p + '"',  # a raw string; the pattern has no double quote
    "duckdb": lambda p: "'" + p.replace("'", "''") + "'",  # standard SQL strings: a backslash is itself
    "clickhouse": lambda p: "'" + p.replace("\\", "\\\\").replace("'", "\\'") + "'",
    "spark": lambda p: '"' + p + '"',  # with spark.sql.parser.escapedStringLiterals=true
}


def pattern_literal(pattern: str, dialect: str = "raw") -> str:
    """``pattern`` as a string literal of ``dialect`` (one of ``LITERALS``)."""
    if '"' in pattern:
        raise ValueError("the crawler list now has a double quote: update the SQL literals")
    return LITERALS[dialect](pattern)


def bot_pattern(dialect: str = "raw") -> str:
    """The maintained crawler list (crawler-user-agents) as one regular expression, RE2 and Java compatible."""
    import crawleruseragents  # noqa: PLC0415 - 0.1 s to load: only when asked

    return pattern_literal("|".join(entry["pattern"] for entry in crawleruseragents.CRAWLER_USER_AGENTS_DATA), dialect)

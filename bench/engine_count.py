"""The whole Most Read count of a gzip'd log done by an embedded SQL engine (chDB or DuckDB), for the benchmark.

    python -m bench.engine_count --engine chdb --format fastly --index most-read-articles.json access.log.gz

The engine reads the compressed file itself (ClickHouse's ``file()`` with ``Regexp``, ``TSVRaw`` or
``JSONEachRow``; DuckDB's ``read_csv`` and ``read_json``), keeps GET requests answered 200 or 304 whose
path (query string and fragment cut, percent-escapes decoded, ``index.html`` and trailing slashes
dropped) is one of the site's articles (joined with the URL table of the site's
``most-read-articles.json``), asks Python's crawler check (``crawleruseragents.is_crawler``, as the
ingest does) about each distinct user agent only, applies the 30-second rule with a window function
(the previous hit of the same client, IP and user agent, on the same article) and counts views per
article and hour. It prints one JSON line: rows kept, views, hours, and the seconds taken.

This measures whether an engine reaches the ingest's target; it does not write the store and does
not judge unusual lines (Common Log Format, escaped quotes, absolute-form targets, repeated slashes)
the way the ingest does.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from most_read.dialects import LITERALS  # noqa: E402
from most_read.output import read_index  # noqa: E402

ENGINES = ("chdb", "duckdb")
COMBINED = r'^(\S+) \S+ \S+ \[([^]]+)\] "(\S+) (\S+)[^"]*" (\d{3}) \S+ "[^"]*" "([^"]*)"'
# per format: the logged names of (time, client IP, method, target, status, user agent); nginx's method and
# target come from its request line
JSON_NAMES = {
    "cloudflare": ("EdgeStartTimestamp", "ClientIP", "ClientRequestMethod", "ClientRequestURI",
                   "EdgeResponseStatus", "ClientRequestUserAgent"),
    "fastly": ("timestamp", "client_ip", "method", "url", "status", "user_agent"),
    "nginx-json": ("time_iso8601", "remote_addr", "request", "request", "status", "http_user_agent"),
}  # fmt: skip
CLOUDFRONT_COLUMNS = 24  # as bench/cdn_log.py writes them: date 1, time 2, IP 5, method 6, stem 8, status 9, agent 11


_clickhouse_text = LITERALS["clickhouse"]  # a string literal of each engine's SQL
_duckdb_text = LITERALS["duckdb"]


def clickhouse_source(log: str, log_format: str) -> str:
    """A query over the log giving ``ip, t (seconds), method, target, status, ua`` with its settings."""
    if log_format == "combined":
        structure = "ip String, stamp String, method String, target String, status String, ua String"
        return (f"SELECT ip, toUInt32(parseDateTime(stamp, '%d/%b/%Y:%H:%i:%s %z', 'UTC')) AS t, method, target, "
                f"toUInt16(status) AS status, ua FROM file({_clickhouse_text(log)}, 'Regexp', '{structure}') "
                f"SETTINGS format_regexp={_clickhouse_text(COMBINED)}, format_regexp_escaping_rule='Raw', "
                "format_regexp_skip_unmatched=1")  # fmt: skip
    if log_format == "cloudfront":
        structure = ", ".join(f"c{i} String" for i in range(1, CLOUDFRONT_COLUMNS + 1))
        return (f"SELECT c5 AS ip, toUInt32(parseDateTime(concat(c1, ' ', c2), '%Y-%m-%d %H:%i:%s', 'UTC')) AS t, "
                f"c6 AS method, c8 AS target, toUInt16OrZero(c9) AS status, c11 AS ua "
                f"FROM file({_clickhouse_text(log)}, 'TSVRaw', '{structure}') "
                "SETTINGS input_format_tsv_skip_first_lines=2")  # fmt: skip
    when, ip, method, target, status, agent = JSON_NAMES[log_format]
    structure = ", ".join(f"{name} String" for name in dict.fromkeys((when, ip, method, target, status, agent)))
    if log_format == "nginx-json":
        method, target = "splitByChar(' ', request)[1]", "splitByChar(' ', request)[2]"
    return (f"SELECT {ip} AS ip, toUInt32(parseDateTimeBestEffort({when}, 'UTC')) AS t, {method} AS method, "
            f"{target} AS target, toUInt16OrZero({status}) AS status, {agent} AS ua "
            f"FROM file({_clickhouse_text(log)}, 'JSONEachRow', '{structure}') "
            "SETTINGS input_format_skip_unknown_fields=1")  # fmt: skip


def duckdb_source(log: str, log_format: str) -> str:
    """The same as ``clickhouse_source`` in DuckDB's SQL."""
    if log_format == "combined":
        names = "['ip', 'stamp', 'method', 'target', 'status', 'ua']"
        lines = (f"read_csv({_duckdb_text(log)}, columns = {{'line': 'VARCHAR'}}, delim = '\\x01', quote = '', "
                 "escape = '', header = false, auto_detect = false)")  # fmt: skip
        return (f"SELECT f.ip, CAST(epoch(strptime(f.stamp, '%d/%b/%Y:%H:%M:%S %z')) AS BIGINT) AS t, f.method, "
                f"f.target, TRY_CAST(f.status AS INTEGER) AS status, f.ua "
                f"FROM (SELECT regexp_extract(line, {_duckdb_text(COMBINED)}, {names}) AS f FROM {lines}) "
                "WHERE f.ip <> ''")  # fmt: skip
    if log_format == "cloudfront":
        columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(1, CLOUDFRONT_COLUMNS + 1))
        return (f"SELECT c5 AS ip, CAST(epoch(strptime(c1 || ' ' || c2, '%Y-%m-%d %H:%M:%S')) AS BIGINT) AS t, "
                f"c6 AS method, c8 AS target, TRY_CAST(c9 AS INTEGER) AS status, c11 AS ua "
                f"FROM read_csv({_duckdb_text(log)}, columns = {{{columns}}}, delim = '\\t', quote = '', escape = '', "
                "header = false, skip = 2, auto_detect = false)")  # fmt: skip
    when, ip, method, target, status, agent = JSON_NAMES[log_format]
    columns = ", ".join(f"'{name}': 'VARCHAR'" for name in dict.fromkeys((when, ip, method, target, status, agent)))
    if log_format == "nginx-json":
        method, target = "split_part(request, ' ', 1)", "split_part(request, ' ', 2)"
    return (f"SELECT {ip} AS ip, CAST(epoch(CAST({when} AS TIMESTAMPTZ)) AS BIGINT) AS t, {method} AS method, "
            f"{target} AS target, TRY_CAST({status} AS INTEGER) AS status, {agent} AS ua "
            f"FROM read_json({_duckdb_text(log)}, format = 'newline_delimited', columns = {{{columns}}})")  # fmt: skip


def crawlers(agents: list[str], log_format: str) -> list[str]:
    """The agents the ingest would set aside: none given, or on the crawler list (CloudFront's URL-encoded)."""
    import crawleruseragents  # noqa: PLC0415

    decode = unquote if log_format == "cloudfront" else str
    return [a for a in agents if a in ("", "-") or crawleruseragents.is_crawler(decode(a))]


HOURLY = ("SELECT key, t - t % 3600 AS hour, count() AS views FROM (SELECT key, t, {lag} AS prev FROM hits "
          "WHERE ua NOT IN (SELECT ua FROM crawlers)) WHERE {first} OR t - prev > 30 GROUP BY key, hour")  # fmt: skip


def count_chdb(log: str, log_format: str, keys: Path) -> tuple[int, list[tuple[str, int, int]], float]:
    """(hits kept before the bot check, (key, hour, views) rows, seconds of the scan) through chDB."""
    from chdb import session  # noqa: PLC0415

    engine, started = session.Session(), time.perf_counter()
    table = f"file({_clickhouse_text(str(keys))}, 'LineAsString', 'key String')"
    engine.query(f"CREATE TABLE articles ENGINE = Set AS SELECT key FROM {table}")
    key = r"replaceRegexpOne(decodeURLComponent(cutQueryStringAndFragment(target)), '(/index\\.html?)?/*$', '')"
    source, _, settings = clickhouse_source(log, log_format).partition(" SETTINGS ")
    engine.query(f"CREATE TABLE hits ENGINE = Memory AS SELECT key, t, cityHash64(ip, ua) AS client, ua "
                 f"FROM (SELECT {key} AS key, t, ip, ua, method, status FROM ({source})) "
                 f"WHERE method = 'GET' AND status IN (200, 304) AND key IN articles SETTINGS {settings}")  # fmt: skip
    scanned = time.perf_counter() - started
    agents = [
        json.loads(row)[0]
        for row in engine.query("SELECT DISTINCT ua FROM hits", "JSONCompactEachRow").bytes().splitlines()
    ]
    engine.query("CREATE TABLE crawlers (ua String) ENGINE = Memory")
    if bots := crawlers(agents, log_format):
        engine.query("INSERT INTO crawlers VALUES " + ", ".join(f"({_clickhouse_text(b)})" for b in bots))
    lag = "lagInFrame(t, 1, 0) OVER (PARTITION BY key, client ORDER BY t ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)"
    # tab-separated (a key has no tab or backslash: it matched the article table), not a JSON value a row
    rows = engine.query(HOURLY.format(lag=lag, first="prev = 0"), "TSVRaw").bytes().decode().splitlines()
    kept = int(engine.query("SELECT count() FROM hits", "CSV").bytes())
    return kept, [(key, int(hour), int(views)) for key, hour, views in (row.split("\t") for row in rows)], scanned


def count_duckdb(log: str, log_format: str, keys: Path) -> tuple[int, list[tuple[str, int, int]], float]:
    """The same as ``count_chdb`` through DuckDB."""
    import duckdb  # noqa: PLC0415

    engine, started = duckdb.connect(), time.perf_counter()
    engine.execute(f"CREATE TEMP TABLE articles AS SELECT line AS key FROM read_csv({_duckdb_text(str(keys))}, "
                   "columns = {'line': 'VARCHAR'}, delim = '\\x01', quote = '', escape = '', header = false, "
                   "auto_detect = false)")  # fmt: skip
    key = r"regexp_replace(url_decode(regexp_extract(target, '^[^?#]*')), '(/index\.html?)?/*$', '')"
    engine.execute(f"CREATE TEMP TABLE hits AS SELECT a.key, s.t, hash(s.ip, s.ua) AS client, s.ua FROM "
                   f"(SELECT {key} AS key, t, ip, ua FROM ({duckdb_source(log, log_format)}) "
                   "WHERE method = 'GET' AND status IN (200, 304)) AS s "
                   "JOIN articles AS a ON a.key = s.key")  # fmt: skip
    scanned = time.perf_counter() - started
    agents = [agent for (agent,) in engine.execute("SELECT DISTINCT ua FROM hits").fetchall()]
    engine.execute("CREATE TEMP TABLE crawlers (ua VARCHAR)")
    engine.executemany("INSERT INTO crawlers VALUES (?)", [(b,) for b in crawlers(agents, log_format)])
    lag = "lag(t) OVER (PARTITION BY key, client ORDER BY t)"
    rows = engine.execute(HOURLY.format(lag=lag, first="prev IS NULL").replace("count()", "count(*)")).fetchall()
    kept = engine.execute("SELECT count(*) FROM hits").fetchone()[0]
    return kept, rows, scanned


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.engine_count", description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", required=True, choices=ENGINES)
    parser.add_argument("--format", required=True, choices=("combined", "cloudfront", *JSON_NAMES))
    parser.add_argument("--index", required=True, type=Path, help="the site's most-read-articles.json")
    parser.add_argument("--json", type=Path, help="write the result here too")
    parser.add_argument("--hourly", type=Path, help="write the views as CSV here: key,hour,views")
    parser.add_argument("log", type=Path, help="the log, gzip'd or not")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    articles, _site_path = read_index(args.index.read_bytes())
    with tempfile.TemporaryDirectory() as folder:
        keys = Path(folder) / "articles.txt"
        keys.write_text("".join(f"{a.key}\n" for a in articles), encoding="utf-8")
        count = count_chdb if args.engine == "chdb" else count_duckdb
        kept, rows, scanned = count(str(args.log.resolve()), args.format, keys)
    if args.hourly:
        args.hourly.write_text("".join(f"{key},{hour},{views}\n" for key, hour, views in rows), encoding="utf-8")
    total = round(time.perf_counter() - started, 2)
    found = {"engine": args.engine, "format": args.format, "hits": kept, "views": sum(row[2] for row in rows),
             "hours": len(rows), "scan_s": round(scanned, 2), "total_s": total}  # fmt: skip
    print(json.dumps(found))
    if args.json:
        args.json.write_text(json.dumps(found) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

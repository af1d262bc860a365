"""The generated Combined log (``corpus_log.py``) rewritten as a CDN would have logged the same requests.

    python -m bench.cdn_log --format cloudfront access.log access.cloudfront.log[.gz]

Formats: ``cloudfront`` (standard logs, W3C extended, tab-separated, URL-encoded user agent),
``cloudflare`` (Logpush ``http_requests`` JSON lines), ``fastly`` (the JSON shape of
docs/most-read.md) and ``nginx-json`` (``log_format … escape=json``). Every request keeps its
client, time, method, target, status and user agent, so an ingest of the rewritten log counts
exactly what it counts in the Combined one. An output name ending in ``.gz`` is gzip'd.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from most_read.logline import TimeParser, fields, split_request  # noqa: E402

FORMATS = ("cloudfront", "cloudflare", "fastly", "nginx-json")
CLOUDFRONT_FIELDS = (
    "date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) "
    "cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken "
    "x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version"
)
HOST = "dailydiff.example"
Request = tuple[str, int, str, str, str, str]  # (client IP, time, method, target, status, user agent)


def requests(lines: Iterable[str]) -> Iterator[Request]:
    """The requests of Combined lines (the generator writes no other kind)."""
    parse_time = TimeParser()
    for line in lines:
        found = fields(line.rstrip("\n"))
        if found is None:
            raise ValueError(f"not a Combined line: {line[:80]!r}")
        ip, stamp, request, status, agent = found
        moment = parse_time(stamp)
        method, target = split_request(request)
        if moment is None or not method:
            raise ValueError(f"not a generated request: {line[:80]!r}")
        yield ip, moment, method, target, status, agent or "-"


def _iso(moment: int) -> str:
    return datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def render(request: Request, log_format: str) -> str:
    """One request as a line of ``log_format``, without its newline."""
    ip, moment, method, target, status, agent = request
    if log_format == "cloudfront":
        stem, _, query = target.partition("?")
        day, clock = _iso(moment)[:-1].split("T")
        values = [day, clock, "LHR62-C2", "31337", ip, method, "d111111abcdef8.cloudfront.net", stem, status, "-",
                  quote(agent, safe="/;:()+,.=!*'~-_"), query or "-", "-", "Hit", "SOX4xwn4XV6Q4rgb7XiVGOHms", HOST,
                  "https", "512", "0.002", "-", "TLSv1.3", "TLS_AES_128_GCM_SHA256", "Hit", "HTTP/2.0"]  # fmt: skip
        return "\t".join(values)
    if log_format == "cloudflare":
        record = {"ClientIP": ip, "ClientRequestHost": HOST, "ClientRequestMethod": method,
                  "ClientRequestURI": target, "EdgeResponseStatus": int(status), "EdgeStartTimestamp": _iso(moment),
                  "ClientRequestUserAgent": agent, "EdgeResponseBytes": 31337}  # fmt: skip
    elif log_format == "fastly":
        record = {"timestamp": _iso(moment), "client_ip": ip, "host": HOST, "method": method, "url": target,
                  "status": int(status), "user_agent": agent}  # fmt: skip
    else:
        stamp = datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")
        record = {"time_iso8601": stamp, "remote_addr": ip, "request": f"{method} {target} HTTP/1.1",
                  "status": status, "body_bytes_sent": "31337", "http_referer": "",
                  "http_user_agent": agent}  # fmt: skip
    return json.dumps(record, separators=(",", ":"))


def convert(lines: Iterable[str], log_format: str) -> Iterator[str]:
    """The lines of the rewritten log, with their newlines (CloudFront's two header lines first)."""
    if log_format == "cloudfront":
        yield "#Version: 1.0\n"
        yield f"#Fields: {CLOUDFRONT_FIELDS}\n"
    for request in requests(lines):
        yield render(request, log_format) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cdn_log", description=__doc__.split("\n\n")[0])
    parser.add_argument("--format", required=True, choices=FORMATS)
    parser.add_argument("source", type=Path, help="a Combined log written by bench.corpus")
    parser.add_argument("target", type=Path, help="the rewritten log (gzip'd when its name ends in .gz)")
    args = parser.parse_args(argv)
    opener = functools.partial(gzip.open, compresslevel=6) if args.target.suffix == ".gz" else open
    with open(args.source, encoding="utf-8") as source, opener(args.target, "wt", encoding="utf-8") as target:
        target.writelines(convert(source, args.format))
    return 0


if __name__ == "__main__":
    sys.exit(main())

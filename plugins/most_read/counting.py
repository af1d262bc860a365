"""The counting rules (pure): which log lines are article views, and the 30-second rule.

A line counts when it is well formed, from a reader (not a known bot), a GET answered
200 or 304, and its path is an article's. Then a client (IP address + user agent)
that asks for the same article again no more than 30 seconds after its previous
request has not read it again: a chain of quick reloads is one view (COUNTER's
double-click rule).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, TypeVar

from .future import NEVER, Ahead
from .logline import TimeParser, fields, split_request
from .paths import request_key

MAX_LINE = 8192  # bytes; longer lines are rejected unread
REPEAT_SECONDS = 30
HOUR = 3600
COUNTED_METHODS = frozenset({"GET"})
COUNTED_STATUSES = frozenset({"200", "304"})
SECONDS = {f"{n:02d}": min(n, 59) for n in range(61)}  # a leap second counts as the second before it
REJECTED = ("too_long", "not_utf8", "malformed", "bad_time", "bad_path")
SKIPPED = ("bot", "method", "status", "not_article", "too_old")


class Skip(int):
    """Why a line does not count: an index into SKIPPED, or BAD_PATH. Compared by identity (``is``),
    never by value: the store numbers articles with plain ints."""


BOT, METHOD, STATUS, NOT_ARTICLE, TOO_OLD = (Skip(i) for i in range(len(SKIPPED)))
BAD_PATH = Skip(-1)  # a request path that is not a path (bad percent-encoding, control characters): a rejection
CACHE_LIMIT = 200_000
KEEP_FIRST_REJECTS = 5
_USUAL_FIELDS = itemgetter(0, 1, 2, 5)  # of a Combined line split at its quotes: head, request, codes, agent

K = TypeVar("K")  # an article key, or the store's number for it
Hit = tuple[int, Any, int]  # (time in seconds since 1970, article key or its number, client)


@dataclass
class Tally:
    """What an ingest saw, line by line; never any text from a line, only counts and line numbers."""

    lines: int = 0
    hits: int = 0  # lines that passed every rule, before de-duplication and the 30-second rule
    rejected: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REJECTED, 0))
    skipped: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SKIPPED, 0))
    first_rejects: list[tuple[str, int, str]] = field(default_factory=list)  # (source, line number, reason)
    future: Ahead = field(default_factory=Ahead)  # article hits dated after now: set aside

    def reject(self, reason: str, source: str, line: int = 0) -> None:
        """Count a rejected line; ``line`` is its number in the file (default: the lines counted so far)."""
        self.rejected[reason] += 1
        if len(self.first_rejects) < KEEP_FIRST_REJECTS:
            self.first_rejects.append((source, line or self.lines, reason))


def client_id(salt: bytes, ip: str, agent: str) -> int:
    """A signed 64-bit pseudonym for (IP, user agent): the store never holds either."""
    digest = hashlib.blake2b(f"{ip}\x00{agent}".encode(), digest_size=8, key=salt).digest()
    return int.from_bytes(digest, "big", signed=True)


@dataclass(frozen=True)
class Rules:
    article: re.Pattern[str]  # matches the key of every article URL (paths.article_pattern)
    is_bot: Callable[[str], bool]  # the maintained crawler list, asked once per distinct user agent
    salt: bytes = b""  # keys the client pseudonyms
    site_path: str = ""  # SITEURL's path, removed from request paths
    not_before: int = 0  # hits before this time are refused: the store no longer holds their neighbours
    number: Callable[[str], Any] | None = None  # turns article keys into the store's numbers; None keeps the keys
    not_after: int = NEVER  # hits after this time (now, and the allowance for clock skew) are set aside


class Classifier:
    """Applies the rules to raw lines, with caches keyed by the values that repeat: user agents,
    request lines, clients and minutes. A million lines take seconds, not minutes."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.parse_time = TimeParser()
        self._requests: dict[str, Any] = {}
        self._bots: dict[str | None, bool] = {}
        self._clients: dict[tuple[str, str | None], int] = {}

    def is_bot(self, agent: str | None) -> bool:
        """No user agent at all ("-" or empty in Combined format) is a script; Common format has none to check."""
        found = self._bots.get(agent)
        if found is None:
            if len(self._bots) > CACHE_LIMIT:
                self._bots.clear()
            found = self._bots[agent] = agent is not None and (agent in ("", "-") or self.rules.is_bot(agent))
        return found

    def meaning(self, request: str) -> Any:
        """What a request line means: an article (key, or number), or METHOD, BAD_PATH or NOT_ARTICLE."""
        return self.target_meaning(*split_request(request))

    def target_meaning(self, method: str, target: str) -> Any:
        """What a method and target mean (as ``meaning``), for logs that give them apart."""
        if method not in COUNTED_METHODS:
            return METHOD
        found = request_key(target, self.rules.site_path)
        if found is None:
            return BAD_PATH
        if not self.rules.article.match(found):
            return NOT_ARTICLE
        return self.rules.number(found) if self.rules.number else found

    def feed(self, lines: Sequence[bytes] | Sequence[str], tally: Tally, source: str = "") -> list[Hit]:  # noqa: PLR0915
        """The hits among ``lines`` (no newline); everything else is counted in ``tally``.

        ``lines`` are all bytes as read, or all text when the reader decoded their block at once.
        The usual Combined line is cut right here with ``str.split`` and slices: this loop is the
        cost of an ingest, so it calls no helper on the usual path. Any other line goes to
        ``logline.fields``, which reads a usual line the same way (the tests hold them to it).
        """
        hits: list[Hit] = []
        append = hits.append
        bots, requests, clients = self._bots, self._requests, self._clients
        minute_start, not_before, salt = self.parse_time.minute_start, self.rules.not_before, self.rules.salt
        not_after = self.rules.not_after
        skips = [0] * len(SKIPPED)
        last_minute, last_zone, last_start = "", "", None
        count = tally.lines
        seconds_of, counted, max_line, skip, method, bad_path = (
            SECONDS,
            COUNTED_STATUSES,
            MAX_LINE,
            Skip,
            METHOD,
            BAD_PATH,
        )
        usual_fields = _USUAL_FIELDS
        if not isinstance(lines, list) or (lines and not isinstance(lines[0], str)):
            max_line = 0  # bytes (the reader could not decode the block at once): every line takes unusual()
        for line in lines:
            count += 1
            if not 40 < len(line) <= max_line:
                reason, line = unusual(line)  # noqa: PLW2901 - the decoded line
                if reason:
                    if reason == "blank":
                        count -= 1
                    else:
                        tally.lines = count
                        tally.reject(reason, source)
                    continue
            parts = line.split('"')  # type: ignore[union-attr]
            if len(parts) == 7 and parts[4] == " ":
                # head: 'IP - - [18/Nov/2026:07:45:12 +0000] ', codes: ' 200 5120 '
                head, request, codes, agent = usual_fields(parts)
                status = codes[1:4]
                if codes[4:5] != " " or codes[:1] != " " or codes[-1:] != " " or "\\" in line:
                    head = ""
                elif status not in counted and not (status.isdigit() and status.isascii()):
                    head = ""
            else:
                head = ""
            if not head:
                found = fields(line)  # type: ignore[arg-type]
                if found is None:
                    tally.lines = count
                    tally.reject("malformed", source)
                    continue
                ip, stamp, request, status, agent = found
                head = f"{ip} - - [{stamp if len(stamp) == 26 else '?'}] "  # as a usual line has it
            # the time: parsed once a minute (which checks the brackets), its seconds looked up
            if head[-30:-11] != last_minute or head[-8:] != last_zone:
                last_minute, last_zone, last_start = head[-30:-11], head[-8:], minute_start(head[-30:])
            seconds = seconds_of.get(head[-10:-8])
            if last_start is None or seconds is None:
                tally.lines = count
                tally.reject("bad_time" if fields(line) else "malformed", source)  # type: ignore[arg-type]
                continue
            bot = bots.get(agent)
            if bot is None:
                bot = self.is_bot(agent)
            if bot:
                skips[0] += 1  # BOT
                continue
            meaning = requests.get(request)
            if meaning is None:
                if len(requests) > CACHE_LIMIT:
                    requests.clear()
                meaning = requests[request] = self.meaning(request)
            if meaning.__class__ is not skip and status in counted:
                moment = last_start + seconds
                if moment < not_before:
                    skips[TOO_OLD] += 1
                    continue
                if moment > not_after:
                    tally.future.add(source, count)
                    continue
                ip = head[: head.find(" ")]
                client = clients.get((ip, agent))
                if client is None:
                    if len(clients) > CACHE_LIMIT:
                        clients.clear()
                    client = clients[(ip, agent)] = client_id(salt, ip, agent or "")
                append((moment, meaning, client))
            elif meaning is method:
                skips[METHOD] += 1
            elif status not in counted:
                skips[STATUS] += 1
            elif meaning is bad_path:
                tally.lines = count
                tally.reject("bad_path", source)
            else:
                skips[NOT_ARTICLE] += 1
        tally.lines = count
        for index, name in enumerate(SKIPPED):
            tally.skipped[name] += skips[index]
        tally.hits += len(hits)
        return hits


def unusual(line: bytes | str) -> tuple[str, str]:
    """A line off the usual path: (why it is rejected, or "blank", or "") and the line as text."""
    if not line.strip():
        return "blank", ""
    if len(line) > MAX_LINE:
        return "too_long", ""
    if isinstance(line, bytes):
        try:
            return "", line.decode()
        except UnicodeDecodeError:
            return "not_utf8", ""
    return "", line


def count_views(hits: Iterable[tuple[int, K, int]], since: int = 0) -> tuple[dict[tuple[int, K], int], int]:
    """Views per (hour start, article) from (time, article, client) hits in time order, and the repeats.

    A hit is a repeat when the same client asked for the same article no more than 30 seconds
    before: a chain of quick reloads is one view. Hits before ``since`` only serve as the
    previous hit of later ones.
    """
    views: dict[tuple[int, K], int] = {}
    last: dict[tuple[K, int], int] = {}  # (article, client) -> time of its latest hit
    repeats = 0
    hour, in_hour = -1, {}  # the hour being counted, and its views per article
    for moment, key, client in hits:
        pair = (key, client)
        previous = last.get(pair)
        last[pair] = moment
        if moment < since:
            continue
        if previous is not None and moment - previous <= REPEAT_SECONDS:
            repeats += 1
            continue
        if not 0 <= moment - hour < HOUR:  # another hour: the next one, as hits come in time order
            for k, n in in_hour.items():
                views[(hour, k)] = views.get((hour, k), 0) + n
            hour, in_hour = moment - moment % HOUR, {}
            if len(last) > CACHE_LIMIT:  # only the last 30 seconds can matter to the hits still to come
                last = {p: t for p, t in last.items() if moment - t <= REPEAT_SECONDS}
        in_hour[key] = in_hour.get(key, 0) + 1
    for k, n in in_hour.items():
        views[(hour, k)] = views.get((hour, k), 0) + n
    return views, repeats

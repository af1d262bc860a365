"""A synthetic Combined Log Format access log over the corpus, and the true views per article.

Readers are (IP, user agent) pairs from the documentation address ranges. Their
article hits are Zipf-distributed over the articles ranked mostly by recency, never
before an article's publication time; some come back within 30 seconds (a refresh,
often answered 304), some a few minutes later. Bots crawl uniformly. The rest is the
ordinary noise of a news site: home page, feeds, theme assets, tag and section
pages, vulnerability probes and mistyped URLs.

The truth counts a view per human GET answered 200 or 304 on an article path (query
string ignored), except that a client's repeat of the same path no more than 30
seconds after its previous such hit is not counted again (COUNTER-style
double-click rule; a chain of quick refreshes counts once).
"""

from __future__ import annotations

import calendar
import json
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from operator import itemgetter
from pathlib import Path

from .corpus_text import Dice, Ranked

REPEAT_WINDOW = 30  # seconds: a client's repeat hit within this gap is the same view
BOT_SHARE = 0.10
TRUTH_RULE = (
    "human (user agent without bot/crawl/spider, not curl) GET answered 200 or 304 on an article path, query string "
    "ignored; a client's (IP + user agent) repeat of the same path at most 30 s after its previous such hit is not "
    "counted again"
)

HUMAN_AGENTS = (  # (user agent, relative weight)
    (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/125.0.6422.142 Safari/537.36",
        30,
    ),
    (
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/125.0.6422.142 Safari/537.36",
        12,
    ),
    (
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Version/17.4.1 Safari/605.1.15",
        10,
    ),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0", 7),
    ("Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0", 4),
    (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/125.0.0.0 Safari/537.36 Edg/125.0.2535.92",
        8,
    ),
    (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Version/17.5 Mobile/15E148 Safari/604.1",
        16,
    ),
    (
        "Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/125.0.6422.165 Mobile Safari/537.36",
        9,
    ),
    (
        "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/125.0.6422.147 Mobile Safari/537.36",
        5,
    ),
    (
        "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Version/17.5 Mobile/15E148 Safari/604.1",
        3,
    ),
    ("Mozilla/5.0 (Android 14; Mobile; rv:127.0) Gecko/127.0 Firefox/127.0", 2),
    (
        "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/125.0.0.0 Safari/537.36",
        2,
    ),
)
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
GOOGLEBOT_MOBILE = (
    "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/125.0.6422.141 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
)
BINGBOT = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"
AHREFSBOT = "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)"
CURL = "curl/8.8.0"
BOTS = (  # (user agent, weight, addresses)
    (GOOGLEBOT, 30, tuple(f"2001:db8:4860:4801::{n:x}" for n in range(0x20, 0x40))),
    (GOOGLEBOT_MOBILE, 25, tuple(f"2001:db8:4860:4802::{n:x}" for n in range(0x20, 0x40))),
    (BINGBOT, 20, tuple(f"198.51.100.{n}" for n in range(200, 231))),
    (AHREFSBOT, 15, tuple(f"203.0.113.{n}" for n in range(200, 221))),
    (CURL, 10, tuple(f"192.0.2.{n}" for n in range(240, 255))),
)
REFERERS = (
    ("-", 40),
    ("https://www.google.com/", 22),
    ("https://news.google.com/", 6),
    ("https://www.bing.com/", 5),
    ("https://duckduckgo.com/", 4),
    ("https://news.ycombinator.com/", 5),
    ("https://www.reddit.com/", 5),
    ("https://t.co/", 4),
    ("https://www.linkedin.com/", 4),
    ("https://mastodon.social/", 3),
    ("android-app://com.google.android.gm/", 2),
)
QUERIES = (
    "?utm_source=newsletter&utm_medium=email",
    "?utm_source=twitter&utm_medium=social",
    "?utm_source=rss",
    "?utm_source=linkedin",
    "?ref=hn",
    "?fbclid=IwAR0example",
)
ASSETS = (
    ("/theme/css/site.css", 18_400),
    ("/theme/img/favicon.svg", 900),
    ("/favicon.ico", 1_150),
    ("/robots.txt", 70),
)
PROBES = (
    "/wp-login.php",
    "/.env",
    "/xmlrpc.php",
    "/wp-admin/",
    "/.git/config",
    "/phpmyadmin/",
    "/admin.php",
    "/.aws/credentials",
    "/cgi-bin/luci",
    "/old-site/news.html",
)
HUMAN_HOURS = (  # relative traffic per UTC hour
    (2, 1.5, 1, 1, 1, 1.5, 3, 6, 9, 10, 10, 9, 9, 9, 9, 9, 8, 8, 7, 7, 6, 5, 4, 3)
)
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass
class LogResult:
    lines: int
    start: datetime
    end: datetime
    counts: dict[str, int] = field(default_factory=dict)  # article path -> views, most read first
    repeats: int = 0  # lines that repeat a client's hit on a path within 30 s


def epoch(moment: datetime) -> int:
    """Seconds since 1970 of a naive datetime read as UTC."""
    return calendar.timegm(moment.timetuple())


def _table(pairs: Sequence[tuple[object, float]]) -> tuple[tuple, Ranked]:
    return tuple(p[0] for p in pairs), Ranked(0, 1.0, weights=[p[1] for p in pairs])


class _Site:
    """The non-article URLs of the site, in Pelican's default (``.html``) or pretty (``/``) style."""

    def __init__(self, pretty: bool, tags: Sequence[str], sections: Sequence[str]) -> None:
        self.pretty = pretty
        if pretty:
            self.lists = [f"/tag/{t}/" for t in tags[:60]] + [f"/section/{s}/" for s in sections]
            self.pages = ("/", "/", "/", "/page/2/", "/archives/")
            self.feeds = ("/feeds/all.atom.xml", "/feeds/all.rss.xml")
        else:
            self.lists = [f"/tag/{t}.html" for t in tags[:60]] + [f"/category/{s}.html" for s in sections]
            self.pages = ("/", "/", "/", "/index2.html", "/archives.html")
            self.feeds = ("/feeds/all.atom.xml",)


def _clients(dice: Dice, count: int) -> list[tuple[str, str]]:
    """(IP, user agent) pairs: IPv4 from the three documentation /24s, IPv6 from 2001:db8::/32."""
    agents, agent_table = _table(HUMAN_AGENTS)
    prefixes = ("192.0.2", "198.51.100", "203.0.113")
    clients = []
    for _ in range(count):
        if dice.chance(0.45):  # hosts .200 and up are left to the bots
            ip = f"{dice.pick(prefixes)}.{dice.between(1, 199)}"
        else:
            ip = f"2001:db8:{dice.between(0x100, 0xFFFF):x}:{dice.between(1, 0xFFFF):x}::{dice.between(1, 0xFFFF):x}"
        clients.append((ip, agents[agent_table.draw(dice)]))
    return clients


def _mistype(path: str, dice: Dice, real: set[str]) -> str:
    """A near miss of an article path, as a reader or a stale link gets it wrong; never a real path."""
    trail = "/" if path.endswith("/") else ""
    folder, _, name = path.rstrip("/").rpartition("/")
    if name.endswith(".html"):
        name, trail = name[:-5], ".html"
    kind = dice.between(0, 3)
    if kind == 0:
        typo = name[:-1]  # a character lost when copying the link
    elif kind == 1:
        typo = name.replace("-", "_", 1)
    elif kind == 2:
        cut = dice.between(0, len(name) - 1)
        typo = name[:cut] + name[cut] + name[cut:]  # a doubled character
    else:
        typo = name + "-2"
    wrong = f"{folder}/{typo}{trail}"
    return wrong if wrong not in real else f"{folder}/{name}-old{trail}"


class _Traffic:
    """Makes the log's events; one method per kind of visitor."""

    def __init__(self, dice: Dice, paths: Sequence[str], published: Sequence[int], site: _Site, window) -> None:
        self.dice, self.paths, self.published, self.site = dice, paths, published, site
        self.t0, self.t_end, self.days, self.lines = window
        self.path_set = set(paths)
        rnd = dice.rnd
        # popularity: mostly recency (square root of age), shuffled by a wide random factor
        age = [((self.t_end - p) / 86400 + 1) ** 0.5 for p in published]
        self.by_rank = [i for _, i in sorted((a * (0.2 + 1.6 * rnd()), i) for i, a in enumerate(age))]
        self.popular = Ranked(len(paths), 1.0, 2.0)
        self.clients = _clients(dice, max(300, min(30_000, self.lines // 8)))
        self.loyal = Ranked(len(self.clients), 0.6, 10.0)
        self.referers, self.referer_table = _table(REFERERS)
        self.hours = Ranked(0, 1.0, weights=HUMAN_HOURS)
        self.bots = Ranked(0, 1.0, weights=[b[1] for b in BOTS])
        self.events: list[tuple] = []  # (second, ip, method, target, status, size, referer, agent, article path)
        self.repeats = 0

    def run(self) -> list[tuple]:
        rnd, events = self.dice.rnd, self.events
        while len(events) < self.lines:
            if rnd() < BOT_SHARE:
                self.bot()
            else:
                self.reader()
        events.sort(key=itemgetter(0))  # stable: hits in the same second keep the order they were made in
        return events

    def _published(self, t: int, ranked: bool) -> str | None:
        """An article already published at ``t``: by popularity, or uniformly."""
        rnd, published = self.dice.rnd, self.published
        popular, scale, by_rank = self.popular.cumulative, self.popular.scale, self.by_rank
        for _ in range(8):
            i = by_rank[bisect_right(popular, rnd() * scale)] if ranked else int(rnd() * len(published))
            if published[i] <= t:
                return self.paths[i]
        return None

    def bot(self) -> None:
        rnd, pick, between, add, site = self.dice.rnd, self.dice.pick, self.dice.between, self.events.append, self.site
        agent, _weight, addresses = BOTS[self.bots.draw(self.dice)]
        ip, t, kind = pick(addresses), self.t0 + int(rnd() * (self.t_end - self.t0 + 1)), rnd()
        method = "HEAD" if agent == CURL and rnd() < 0.5 else "GET"
        article = self._published(t, ranked=False) if kind < 0.7 else None  # crawlers go everywhere
        if article is not None:
            status = 304 if agent != CURL and rnd() < 0.15 else 200
            add((t, ip, method, article, status, between(21_000, 64_000), "-", agent, None))
        elif kind < 0.8:
            add((t, ip, method, "/robots.txt", 200, 70, "-", agent, None))
        elif kind < 0.87:
            add((t, ip, method, pick(site.feeds), 200, between(120_000, 240_000), "-", agent, None))
        elif kind < 0.96:
            add((t, ip, method, pick(site.lists), 200, between(30_000, 60_000), "-", agent, None))
        else:
            typo = _mistype(pick(self.paths), self.dice, self.path_set)
            add((t, ip, method, typo, 404, between(180, 520), "-", agent, None))

    def reader(self) -> None:
        dice, add, site = self.dice, self.events.append, self.site
        rnd, pick, between = dice.rnd, dice.pick, dice.between
        ip, agent = self.clients[self.loyal.draw(dice)]
        t = self.t0 + int(rnd() * self.days) * 86400 + self.hours.draw(dice) * 3600 + int(rnd() * 3600)
        ref = self.referers[self.referer_table.draw(dice)]
        kind = rnd()
        if kind < 0.75:
            self.article_view(t, ip, agent, ref)
        elif kind < 0.82:
            add(
                (t, ip, "GET", pick(site.pages), 200 if rnd() < 0.9 else 304, between(70_000, 98_000), ref, agent, None)
            )
        elif kind < 0.85:
            add((t, ip, "GET", pick(site.feeds), 200, between(120_000, 240_000), "-", agent, None))
        elif kind < 0.91:
            asset, size = pick(ASSETS)
            add((t, ip, "GET", asset, 304 if rnd() < 0.3 else 200, size, ref, agent, None))
        elif kind < 0.96:
            add((t, ip, "GET", pick(site.lists), 200, between(30_000, 60_000), ref, agent, None))
        else:
            target = _mistype(pick(self.paths), dice, self.path_set) if rnd() < 0.4 else pick(PROBES)
            add((t, ip, "GET", target, 404, between(180, 520), "-", agent, None))

    def article_view(self, t: int, ip: str, agent: str, ref: str) -> None:
        rnd, between, add = self.dice.rnd, self.dice.between, self.events.append
        path = self._published(t, ranked=True)  # nobody reads an article before it is published
        if path is None:
            add((t, ip, "GET", "/", 200, between(70_000, 98_000), ref, agent, None))
        elif self.site.pretty and rnd() < 0.01:  # the trailing slash forgotten: redirected, not a view
            add((t, ip, "GET", path.rstrip("/"), 301, between(230, 260), ref, agent, None))
        else:
            query = self.dice.pick(QUERIES) if rnd() < 0.14 else ""
            add((t, ip, "GET", path + query, 304 if rnd() < 0.07 else 200, between(21_000, 64_000), ref, agent, path))
            roll = rnd()
            if roll < 0.07:  # a refresh (or two) within 30 s, or a second visit minutes later
                refresh = roll < 0.05
                for _ in range(1 + (refresh and rnd() < 0.3)):
                    t += between(1, REPEAT_WINDOW) if refresh else between(REPEAT_WINDOW + 1, 900)
                    if t > self.t_end or len(self.events) >= self.lines:
                        break
                    status = 304 if rnd() < 0.5 else 200
                    add((t, ip, "GET", path + query, status, between(21_000, 64_000), ref, agent, path))
                    self.repeats += refresh


def generate_log(
    dice: Dice,
    paths: Sequence[str],
    published: Sequence[int],
    *,
    end_date: date,
    days: int,
    lines: int,
    pretty: bool,
    tags: Sequence[str],
    sections: Sequence[str],
) -> tuple[list[str], LogResult]:
    """The log lines, sorted by time, and the truth. ``published`` is each path's epoch second."""
    start = datetime(end_date.year, end_date.month, end_date.day) - timedelta(days=days - 1)
    end = datetime(end_date.year, end_date.month, end_date.day, 23, 59, 59)
    window = (epoch(start), epoch(end), days, lines)
    traffic = _Traffic(dice, paths, published, _Site(pretty, tags, sections), window)
    events = traffic.run()
    return _render(events, window[0]), LogResult(len(events), start, end, _truth(events), traffic.repeats)


def _truth(events: Sequence[tuple]) -> dict[str, int]:
    counts: dict[str, int] = {}
    last_hit: dict[tuple[str, str, str], int] = {}
    for t, ip, _method, _target, _status, _size, _ref, agent, view in events:
        if view is None:
            continue
        key = (ip, agent, view)
        previous = last_hit.get(key)
        if previous is None or t - previous > REPEAT_WINDOW:
            counts[view] = counts.get(view, 0) + 1
        last_hit[key] = t
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


_MINUTES_SECONDS = [f"{s // 60:02d}:{s % 60:02d}" for s in range(3600)]  # "MM:SS" for each second of an hour


def _render(events: Sequence[tuple], t0: int) -> list[str]:
    out = []
    add = out.append
    day_stamp, day_start = "", -1
    for t, ip, method, target, status, size, ref, agent, _view in events:
        if not day_start <= t < day_start + 86400:
            day_start = t - (t - t0) % 86400
            d = datetime.fromtimestamp(day_start, UTC)
            day_stamp = f"{d.day:02d}/{MONTH_ABBR[d.month - 1]}/{d.year}"
        body = "-" if status == 304 or method == "HEAD" else size
        hour, second = divmod(t - day_start, 3600)
        stamp = f"{day_stamp}:{hour:02d}:{_MINUTES_SECONDS[second]} +0000"
        add(f'{ip} - - [{stamp}] "{method} {target} HTTP/1.1" {status} {body} "{ref}" "{agent}"\n')
    return out


def write_truth(path: Path, result: LogResult, url_template: str) -> None:
    data = {
        "url_template": url_template,
        "window": {
            "start": result.start.replace(tzinfo=UTC).isoformat(),
            "end": result.end.replace(tzinfo=UTC).isoformat(),
        },
        "lines": result.lines,
        "rule": TRUTH_RULE,
        "counts": result.counts,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")

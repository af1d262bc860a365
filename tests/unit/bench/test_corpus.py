"""The synthetic corpus generator (bench/corpus.py): deterministic, Pelican-shaped, with an access log
whose truth file an independent recount agrees with, and a corpus the site itself builds."""

from __future__ import annotations

import hashlib
import ipaddress
import json
import re
import statistics
import struct
import subprocess
import sys
import zlib
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.builds import ROOT
from support.corpus import read_articles

from bench.corpus import generate

SHARED = ROOT.parent / "shared" / "bench" / "make_corpus.py"
SECTIONS = {"Security", "Cloud", "Government", "Telco", "Enterprise", "Software", "Hardware", "Science"}
REQUIRED = ["Title", "Date", "Authors", "Tags", "Category", "Summary", "Slug", "Image"]
DOC_NETWORKS = [ipaddress.ip_network(n) for n in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32")]
LOG_LINE = re.compile(
    r"^(?P<ip>[0-9a-f.:]+) - - \[(?P<day>\d{2})/(?P<mon>[A-Z][a-z]{2})/(?P<year>\d{4}):(?P<hms>\d{2}:\d{2}:\d{2}) "
    r'\+0000\] "(?P<method>GET|HEAD) (?P<target>/\S*) HTTP/1\.1" (?P<status>\d{3}) (?P<size>\d+|-) '
    r'"(?P<referer>[^"]*)" "(?P<agent>[^"]+)"$'
)
MONTHS = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}
SITE_TEMPLATE = "{year}/{month}/{slug}/"


# -- reading what the generator wrote, written here independently of bench/ ----------------------------


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def body_words(body: str) -> int:
    """Words of a Markdown body: link targets dropped, markup-only tokens ('##', '>', '-') not counted."""
    text = re.sub(r"\]\([^)]*\)", "]", body)
    return sum(1 for token in text.split() if re.search(r"[A-Za-z0-9]", token))


def article_url(meta: dict, template: str = SITE_TEMPLATE) -> str:
    d = datetime.strptime(meta["Date"], "%Y-%m-%d %H:%M")
    return "/" + template.format(
        slug=meta["Slug"],
        category=meta["Category"].lower(),
        year=f"{d.year:04d}",
        month=f"{d.month:02d}",
        day=f"{d.day:02d}",
    )


def parse_log(path: Path) -> list[dict]:
    hits = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = LOG_LINE.match(line)
        assert match, f"line {number} is not Combined Log Format: {line}"
        hit = match.groupdict()
        h, m, s = (int(x) for x in hit["hms"].split(":"))
        when = datetime(int(hit["year"]), MONTHS[hit["mon"]], int(hit["day"]), h, m, s, tzinfo=UTC)
        hit["time"] = int(when.timestamp())
        hit["status"] = int(hit["status"])
        hit["bot"] = bool(re.search(r"bot|crawl|spider", hit["agent"], re.I)) or hit["agent"].startswith("curl/")
        hits.append(hit)
    return hits


def recount(hits: list[dict], article_urls: set[str], window: int = 30) -> Counter:
    """Human GETs answered 200/304 per article path (query ignored); a client's repeat within 30 s counts once."""
    counts: Counter = Counter()
    last: dict[tuple, int] = {}
    for hit in hits:
        path = hit["target"].split("?", 1)[0]
        if hit["bot"] or hit["method"] != "GET" or hit["status"] not in (200, 304) or path not in article_urls:
            continue
        key = (hit["ip"], hit["agent"], path)
        if key not in last or hit["time"] - last[key] > window:
            counts[path] += 1
        last[key] = hit["time"]
    return counts


def png_info(data: bytes) -> tuple[int, int, bytes]:
    """(width, height, first pixel) of a PNG, checking its signature, chunk CRCs and pixel data size."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, {}
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, payload = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert zlib.crc32(kind + payload) == crc, f"bad CRC in {kind!r}"
        chunks[kind] = chunks.get(kind, b"") + payload
        pos += 12 + length
    assert pos == len(data) and list(chunks)[-1] == b"IEND"
    width, height, depth, colour, _, _, _ = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    assert (depth, colour) == (8, 2)  # 8-bit RGB
    pixels = zlib.decompress(chunks[b"IDAT"])
    assert len(pixels) == height * (1 + 3 * width)
    return width, height, pixels[1:4]


# -- fixtures ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """60 articles with images, a log and its truth, on the site's URL scheme."""
    out = tmp_path_factory.mktemp("corpus")
    summary = generate(
        out,
        60,
        seed=5,
        images=True,
        pageviews=out / "access.log",
        truth=out / "truth.json",
        url_template=SITE_TEMPLATE,
    )
    return out, summary


@pytest.fixture(scope="module")
def hits(corpus) -> list[dict]:
    return parse_log(corpus[0] / "access.log")


# -- determinism ---------------------------------------------------------------------------------------------


def test_same_arguments_give_byte_identical_output_from_module_and_cli(tmp_path: Path) -> None:
    a = tmp_path / "a"
    args = ["--articles", "30", "--seed", "11", "--images", "--url-template", SITE_TEMPLATE, "--pv-lines", "3000"]
    args += ["--out", str(a), "--pageviews", str(a / "access.log"), "--pv-truth", str(a / "truth.json"), "-q"]
    cli = subprocess.run(
        [sys.executable, "-m", "bench.corpus", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert cli.returncode == 0, cli.stderr
    assert cli.stdout == "" and cli.stderr == ""  # -q
    b = tmp_path / "b"
    options = {
        "pageviews": b / "access.log",
        "truth": b / "truth.json",
        "url_template": SITE_TEMPLATE,
        "pv_lines": 3000,
    }
    generate(b, 30, seed=11, images=True, **options)
    first, second = digest(a), digest(b)
    assert first == second
    assert len(first) == 30 + 30 + 2

    generate(tmp_path / "c", 30, seed=12)
    markdown = [{v for k, v in files.items() if k.endswith(".md")} for files in (first, digest(tmp_path / "c"))]
    assert not markdown[0] & markdown[1]  # another seed, other articles


def test_the_log_does_not_change_the_articles(tmp_path: Path) -> None:
    generate(tmp_path / "plain", 25, seed=3)
    generate(tmp_path / "logged", 25, seed=3, pageviews=tmp_path / "logged" / "x.log")
    plain, logged = digest(tmp_path / "plain"), digest(tmp_path / "logged")
    logged.pop("x.log")
    assert plain == logged


def test_cli_refuses_bad_arguments(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "bench.corpus", "--out", str(tmp_path), *args]
        return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)

    assert run("--articles", "5", "--pv-truth", str(tmp_path / "t.json")).returncode == 2
    assert "YYYY-MM-DD" in run("--articles", "5", "--end-date", "30/06/2025").stderr
    assert "url-template" in run("--articles", "5", "--url-template", "{title}.html").stderr
    assert run("--articles", "0").returncode == 2


# -- the articles ----------------------------------------------------------------------------------------------


def test_front_matter_has_the_pelican_shape(corpus) -> None:
    out, summary = corpus
    articles = read_articles(out / "content")
    assert len(articles) == summary.articles == 60
    slugs = [a["meta"]["Slug"] for a in articles]
    assert len(set(slugs)) == len(slugs)
    assert len({a["meta"]["Title"].lower() for a in articles}) == len(articles)
    for a in articles:
        meta, keys = a["meta"], a["keys"]
        assert [k for k in keys if k != "Modified"] == REQUIRED, a["path"]
        assert all(meta[k].strip() for k in keys)
        date = datetime.strptime(meta["Date"], "%Y-%m-%d %H:%M")
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", meta["Date"])
        assert datetime(2020, 6, 29) <= date <= datetime(2025, 6, 30, 23, 59)
        if "Modified" in meta:
            assert keys.index("Modified") == keys.index("Date") + 1
            assert datetime.strptime(meta["Modified"], "%Y-%m-%d %H:%M") > date
        authors = meta["Authors"].split(", ")
        assert 1 <= len(authors) <= 2 and len(set(authors)) == len(authors)
        tags = meta["Tags"].split(", ")
        assert 2 <= len(tags) <= 6 and len(set(tags)) == len(tags)
        assert meta["Category"] in SECTIONS
        summary_text = meta["Summary"]
        assert summary_text.endswith(".") and "\n" not in summary_text and len(summary_text.split()) >= 8
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", meta["Slug"])
        assert a["path"] == out / "content" / f"{date:%Y}" / f"{meta['Slug']}.md"
        assert meta["Image"] == f"/images/{date:%Y}/{date:%m}/{meta['Slug']}.png"
        assert not re.match(r"[A-Za-z][\w-]*\s*:", a["body"])  # the body does not start like a field


def test_images_exist_and_are_valid_distinct_pngs(corpus) -> None:
    out, summary = corpus
    colours = set()
    for a in read_articles(out / "content"):
        image = out / "content" / a["meta"]["Image"].lstrip("/")
        width, height, first_pixel = png_info(image.read_bytes())
        assert (width, height) == (64, 36)
        colours.add(first_pixel)
    assert summary.images == 60 and len(colours) == 60


def test_bodies_are_500_to_800_words_of_news_markdown(corpus) -> None:
    out, summary = corpus
    articles = read_articles(out / "content")
    counts = [body_words(a["body"]) for a in articles]
    assert all(500 <= n <= 800 for n in counts), counts
    assert sum(counts) == summary.words
    for a in articles:
        body = a["body"]
        assert 2 <= len(re.findall(r"^## \S", body, re.M)) <= 3
        links = re.findall(r"\]\((https?://[^)]+)\)", body)
        assert len(links) == 1 and re.match(r"https://[a-z.]*example\.(com|org|net)/", links[0])
        assert len(re.findall(r"^> \S", body, re.M)) == 1
        assert body.endswith("\n") and "\n\n\n" not in body and "{" not in body


def test_distributions_look_like_a_news_site(tmp_path: Path) -> None:
    summary = generate(tmp_path, 500, seed=2)
    articles = read_articles(tmp_path / "content")
    n = len(articles)
    tags = Counter(t for a in articles for t in a["meta"]["Tags"].split(", "))
    categories = Counter(a["meta"]["Category"] for a in articles)
    assert tags.most_common(1)[0][0] == "security"
    assert 0.17 <= tags["security"] / n <= 0.28
    assert set(categories) == SECTIONS and categories.most_common(1)[0][0] == "Security"
    assert 0.18 <= sum("Modified" in a["meta"] for a in articles) / n <= 0.32
    assert 0.14 <= sum(", " in a["meta"]["Authors"] for a in articles) / n <= 0.26
    assert 0.32 <= sum(bool(re.search(r"^- ", a["body"], re.M)) for a in articles) / n <= 0.48
    assert 620 <= statistics.median(body_words(a["body"]) for a in articles) <= 680
    authors = Counter(x for a in articles for x in a["meta"]["Authors"].split(", "))
    assert summary.authors == len(authors) <= 60 and authors.most_common(1)[0][1] > 3 * statistics.median(
        authors.values()
    )
    years = Counter(a["meta"]["Date"][:4] for a in articles)
    assert years["2024"] > years["2021"]  # denser towards the present
    assert summary.tags == len(tags) == 800  # every tag used when there is room


def test_every_tag_is_used_and_small_vocabularies_work(tmp_path: Path) -> None:
    summary = generate(tmp_path, 120, seed=4, tags=40, authors=3)
    articles = read_articles(tmp_path / "content")
    assert summary.tags == len({t for a in articles for t in a["meta"]["Tags"].split(", ")}) == 40
    assert len({x for a in articles for x in a["meta"]["Authors"].split(", ")}) == 3


# -- the access log and the truth ------------------------------------------------------------------------------


def test_log_lines_parse_and_use_documentation_addresses_only(corpus, hits) -> None:
    _out, summary = corpus
    assert len(hits) == summary.log_lines == max(10_000, 20 * 60)
    for address in {h["ip"] for h in hits}:
        assert any(ipaddress.ip_address(address) in net for net in DOC_NETWORKS), address
    times = [h["time"] for h in hits]
    assert times == sorted(times)
    start, end = datetime(2025, 6, 1, tzinfo=UTC).timestamp(), datetime(2025, 6, 30, 23, 59, 59, tzinfo=UTC).timestamp()
    assert start <= times[0] and times[-1] <= end
    assert times[-1] - times[0] > 28 * 86400
    bots = [h for h in hits if h["bot"]]
    assert 0.07 <= len(bots) / len(hits) <= 0.13
    assert {"Googlebot", "bingbot", "AhrefsBot", "curl"} <= {
        name for h in bots for name in ("Googlebot", "bingbot", "AhrefsBot", "curl") if name in h["agent"]
    }
    assert any(h["method"] == "HEAD" and h["agent"].startswith("curl/") for h in hits)
    assert all(h["method"] == "GET" for h in hits if not h["bot"])
    targets = Counter(h["target"] for h in hits)
    assert targets["/"] > 100 and targets["/wp-login.php"] and targets["/.env"] and targets["/feeds/all.atom.xml"]
    assert any(t.startswith("/theme/") for t in targets) and any(t.startswith("/tag/") for t in targets)
    assert any("?utm_source=" in t for t in targets)
    statuses = Counter(h["status"] for h in hits)
    assert statuses[200] > statuses[304] > 0 and statuses[404] > 0
    assert all(h["size"] == "-" for h in hits if h["status"] == 304 or h["method"] == "HEAD")


def test_truth_equals_an_independent_recount_of_the_log(corpus, hits) -> None:
    out, summary = corpus
    truth = json.loads((out / "truth.json").read_text(encoding="utf-8"))
    urls = {article_url(a["meta"]) for a in read_articles(out / "content")}
    expected = recount(hits, urls)
    assert truth["counts"] == dict(expected)
    assert list(truth["counts"].items()) == sorted(expected.items(), key=lambda kv: (-kv[1], kv[0]))
    assert truth["window"] == {"start": "2025-06-01T00:00:00+00:00", "end": "2025-06-30T23:59:59+00:00"}
    assert truth["url_template"] == SITE_TEMPLATE
    assert summary.views == sum(expected.values())
    assert len(expected) > 30  # most of the 60 articles are read
    top = next(iter(truth["counts"]))
    assert truth["counts"][top] > 10 * statistics.median(truth["counts"].values())  # Zipf: a few stories dominate
    # 404s for mistyped article URLs are near misses, never real article paths
    near_misses = {h["target"] for h in hits if h["status"] == 404 and h["target"].startswith("/20")}
    assert near_misses and not near_misses & urls


def test_log_has_refreshes_within_30_seconds_that_the_truth_counts_once(corpus, hits) -> None:
    out, summary = corpus
    urls = {article_url(a["meta"]) for a in read_articles(out / "content")}
    gaps = []
    last: dict[tuple, int] = {}
    for h in hits:
        path = h["target"].split("?", 1)[0]
        if h["bot"] or h["status"] not in (200, 304) or path not in urls:
            continue
        key = (h["ip"], h["agent"], path)
        if key in last:
            gaps.append(h["time"] - last[key])
        last[key] = h["time"]
    quick = [g for g in gaps if g <= 30]
    assert len(quick) >= 50 and min(quick) >= 0
    assert any(30 < g <= 900 for g in gaps)  # second visits a few minutes later count again
    assert summary.repeats >= len([g for g in quick if g > 0]) * 0.9
    every_hit = recount(hits, urls, window=-1)
    truth = json.loads((out / "truth.json").read_text(encoding="utf-8"))["counts"]
    assert sum(every_hit.values()) - sum(truth.values()) == len(quick)


def test_url_template_sets_the_paths_in_log_and_truth(tmp_path: Path) -> None:
    for template in ("{slug}.html", "{category}/{year}/{month}/{day}/{slug}.html"):
        out = tmp_path / template.count("/").__str__()
        kwargs = {} if template == "{slug}.html" else {"url_template": template}
        generate(out, 20, seed=9, pageviews=out / "a.log", truth=out / "t.json", pv_lines=3000, **kwargs)
        urls = {article_url(a["meta"], template) for a in read_articles(out / "content")}
        truth = json.loads((out / "t.json").read_text(encoding="utf-8"))
        assert truth["url_template"] == template
        assert truth["counts"] and set(truth["counts"]) <= urls
        assert truth["counts"] == dict(recount(parse_log(out / "a.log"), urls))
    with pytest.raises(ValueError, match="url-template"):
        generate(tmp_path / "bad", 5, pageviews=tmp_path / "bad.log", url_template="{year}/{month}/")


# -- the same shape as the shared generator ---------------------------------------------------------------------


@pytest.mark.skipif(not SHARED.is_file(), reason=f"the shared generator {SHARED} is not here (a plain clone)")
def test_shape_matches_the_shared_generator(tmp_path: Path) -> None:
    n = 1000
    shared = subprocess.run(
        [sys.executable, str(SHARED), "--articles", str(n), "--out", str(tmp_path / "shared"), "--seed", "1", "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert shared.returncode == 0, shared.stderr
    generate(tmp_path / "ours", n, seed=1)
    shapes = {}
    for name in ("shared", "ours"):
        articles = read_articles(tmp_path / name / "content")
        tags = Counter(t for a in articles for t in a["meta"]["Tags"].split(", "))
        shapes[name] = {
            "keys": {k for a in articles for k in a["keys"]},
            "categories": {a["meta"]["Category"] for a in articles},
            "median_words": statistics.median(body_words(a["body"]) for a in articles),
            "top_tag_share": tags.most_common(1)[0][1] / len(articles),
            "count": len(articles),
        }
    ours, theirs = shapes["ours"], shapes["shared"]
    assert ours["count"] == theirs["count"] == n
    assert ours["keys"] == theirs["keys"]
    assert ours["categories"] == theirs["categories"] == SECTIONS
    assert abs(ours["median_words"] - theirs["median_words"]) <= 0.15 * theirs["median_words"]
    assert abs(ours["top_tag_share"] - theirs["top_tag_share"]) <= 0.05

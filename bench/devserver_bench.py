"""Save → served page with ``make devserver``: the time a journalist waits after saving.

Method (written in BENCHMARKS.md): the devserver is started over a site already built from
the same sources and left to finish its first build. Then, ``edits`` times, one article gets
a new sentence with a unique word in its body; the clock starts when the file is written and
closed, and stops when a GET of the article's page over HTTP (polled every 10 ms) returns the
word (the page the fast path shows), and again when the devserver says the full build that
follows is done (its log, polled every 20 ms). The next edit waits until that build has
finished. The figures are medians.

``python -m bench.devserver_bench`` measures the sample site on its own; ``make bench`` measures it
and each corpus size.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def page_path(article: Path) -> str:
    """The article's URL path (``{date:%Y}/{date:%m}/{slug}/``, as pelicanconf.py has it) from its front-matter."""
    head = dict(line.split(": ", 1) for line in article.read_text(encoding="utf-8").split("\n\n", 1)[0].splitlines())
    date = datetime.strptime(head["Date"][:10], "%Y-%m-%d")
    return f"/{date:%Y}/{date:%m}/{head['Slug']}/"


def _text(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return ""


def _wait(condition, seconds: float, poll: float = 0.01) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError("the devserver did not get there in time")
        time.sleep(poll)


Timings = tuple[list[float], list[float]]  # save → page served with the change; save → full build done


def save_to_served(content: Path, output: Path, article: Path, edits: int, settings: Path | None = None) -> Timings:
    """Seconds from each of ``edits`` saves of ``article`` to its page served with the change, and to the
    end of the full build that follows."""
    port, original = _port(), article.read_text(encoding="utf-8")
    url = f"http://127.0.0.1:{port}{page_path(article)}"
    log = output.parent / f".devserver-bench-{port}.log"
    command = [PYTHON, "-m", "newsdesk", "devserver", "--input", str(content), "--output", str(output),
               "--port", str(port), *(["--settings", str(settings)] if settings else [])]  # fmt: skip
    with log.open("w") as sink:
        server = subprocess.Popen(command, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT)
    seconds: list[float] = []
    built: list[float] = []
    try:
        _wait(lambda: "Watching for changes" in log.read_text(), 1800, 0.2)
        for n in range(edits):
            word = f"benchword{n}x{port}"
            builds = log.read_text().count("Built ")
            article.write_text(original.replace("\n\n", f"\n\nAn added sentence, {word}.\n\n", 1), encoding="utf-8")
            started = time.perf_counter()
            _wait(lambda word=word: word in _text(url), 600)
            seconds.append(time.perf_counter() - started)
            _wait(lambda builds=builds: log.read_text().count("Built ") > builds, 600, 0.02)
            built.append(time.perf_counter() - started)
    finally:
        article.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=60)
        log.unlink(missing_ok=True)
    return seconds, built


METHOD = (
    "Save → served page (`make devserver`, `bench/devserver_bench.py`): the devserver is started over a site "
    "already built from the same sources and finishes its first build; then, {edits} times, one article gets a "
    "new sentence with a unique word in its body, and the clock runs from the moment the file is written and "
    "closed until a GET of the article's page over HTTP (polled every 10 ms) returns that word (the page the "
    "fast path shows), and until the devserver's log says the full build that follows is done (polled every "
    "20 ms). The next edit waits until that build has finished. Medians, with the fastest and slowest edit."
)


def sample(work: Path, edits: int, settings: Path | None = None) -> Timings:
    """Save → served seconds on a copy of the repository's sample site (built first, as a journalist's is)."""
    folder = work / "sample"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(ROOT / "content", folder / "content")
    build = [PYTHON, "-m", "newsdesk", "build", "--input", str(folder / "content"), "--output", str(folder / "out")]
    subprocess.run([*build, *(["--settings", str(settings)] if settings else [])], cwd=ROOT, check=True,
                   capture_output=True)  # fmt: skip
    article = next(p for p in sorted((folder / "content").rglob("*.md")) if _plain_article(p.read_text("utf-8")))
    return save_to_served(folder / "content", folder / "out", article, edits, settings)


def _spread(seconds: list[float]) -> str:
    return f"{statistics.median(seconds):.2f} s ({min(seconds):.2f}–{max(seconds):.2f} s)"


def report(rows: list[tuple[str, Timings]], edits: int) -> str:
    """The devserver's section of BENCHMARKS.md: the method, then one row per site."""
    lines = [METHOD.format(edits=edits), "", "| site | save → page served | target | met | save → full build done |",
             "| --- | ---: | ---: | --- | ---: |"]  # fmt: skip
    for name, (seconds, built) in rows:
        target = 0.2 if name == "the sample site" else 0.5
        met = "yes" if statistics.median(seconds) <= target else "no"
        lines.append(f"| {name} | {_spread(seconds)} | ≤ {target} s | {met} | {_spread(built)} |")
    return "\n".join(lines) + "\n"


def _plain_article(text: str) -> bool:
    """A published article with its own slug: what ``page_path`` can find the URL of."""
    head = text.split("\n\n", 1)[0]
    return "\nSlug: " in head and "\nDate: " in head and "Status: draft" not in head


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=7)
    parser.add_argument("--site", nargs=2, type=Path, metavar=("CONTENT", "OUTPUT"),
                        help="measure this content folder, built into OUTPUT, instead of the sample")  # fmt: skip
    parser.add_argument("--settings", type=Path, help="the settings file OUTPUT was built with")
    args = parser.parse_args(argv)
    if args.site:
        content, output = args.site
        article = next(p for p in sorted(content.rglob("*.md")) if _plain_article(p.read_text("utf-8")))
        timings = save_to_served(content, output, article, args.edits, args.settings)
        count = sum(1 for _ in content.rglob("*.md"))
        print(report([(f"{count:,} articles", timings)], args.edits))
        return 0
    with tempfile.TemporaryDirectory(prefix="devserver-bench-") as work:
        print(report([("the sample site", sample(Path(work), args.edits, args.settings))], args.edits))
    return 0


if __name__ == "__main__":
    sys.exit(main())

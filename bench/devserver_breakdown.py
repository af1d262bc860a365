"""Where a save's time goes with ``make devserver``: the breakdown written in docs/devserver.md.

``python -m bench.devserver_breakdown CONTENT OUTPUT [--settings conf.py] [--edits N]`` starts the
devserver over a site already built into OUTPUT, then saves one article N times (a new sentence in
its body) and records, per save: when the open page's event stream hears the first reload (the
fast path's), when a GET of the page returns the new text, when the second reload (the full
build's) arrives, the fast path's own time and the full build's phases (``NEWSDESK_TIMINGS``).
Medians are printed as one JSON object. The content folder is left as it was.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from .devserver_bench import PYTHON, ROOT, _plain_article, _port, _text, _wait, page_path


def _events(port: int, into: queue.Queue[tuple[str, float]]) -> None:
    """Each server-sent event's name and the moment it arrived, into ``into``."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    connection.request("GET", "/__newsdesk/events")
    for raw in connection.getresponse():
        line = raw.decode()
        if line.startswith("event: "):
            into.put((line[7:].strip(), time.perf_counter()))


def breakdown(content: Path, output: Path, edits: int, settings: Path | None) -> dict[str, float]:
    article = next(p for p in sorted(content.rglob("*.md")) if _plain_article(p.read_text("utf-8")))
    with tempfile.TemporaryDirectory(prefix="devserver-breakdown-") as work:
        return _timed(content, output, edits, settings, article, Path(work))


def _timed(content: Path, output: Path, edits: int, settings: Path | None, article: Path,
           work: Path) -> dict[str, float]:  # fmt: skip
    original, port = article.read_text(encoding="utf-8"), _port()
    url = f"http://127.0.0.1:{port}{page_path(article)}"
    log, timings = work / "log", work / "timings.json"
    command = [PYTHON, "-m", "newsdesk", "devserver", "--input", str(content), "--output", str(output),
               "--port", str(port), *(["--settings", str(settings)] if settings else [])]  # fmt: skip
    env = {**os.environ, "NEWSDESK_TIMINGS": str(timings)}
    with log.open("w") as sink:
        server = subprocess.Popen(command, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT, env=env)
    rows: list[dict[str, float]] = []
    try:
        _wait(lambda: "Watching for changes" in log.read_text(), 1800, 0.2)
        heard: queue.Queue[tuple[str, float]] = queue.Queue()
        threading.Thread(target=_events, args=(port, heard), daemon=True).start()
        time.sleep(1)
        for n in range(edits):
            word = f"breakdownword{n}x{port}"
            article.write_text(original.replace("\n\n", f"\n\nAn added sentence, {word}.\n\n", 1), encoding="utf-8")
            saved = time.perf_counter()
            _wait(lambda word=word: word in _text(url), 600)
            served = time.perf_counter()
            first = heard.get(timeout=600)[1]
            second = heard.get(timeout=600)[1]
            shown = re.findall(r"Showing \S+ ([0-9.]+) s after the save \(([0-9.]+) s of CPU", log.read_text())
            phases = json.loads(timings.read_text())
            rows.append({"reload event (fast)": first - saved, "page served": served - saved,
                         "fast path in the warm build": float(shown[-1][0]) if shown else float("nan"),
                         "fast path, CPU of the warm build": float(shown[-1][1]) if shown else float("nan"),
                         "reload event (full build)": second - saved,
                         **{f"build: {k}": v for k, v in phases.items()}})  # fmt: skip
            time.sleep(0.5)
    finally:
        article.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=60)
    return {key: round(statistics.median(row[key] for row in rows if key in row), 3) for key in rows[-1]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("content", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--settings", type=Path)
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args(argv)
    print(json.dumps(breakdown(args.content, args.output, args.edits, args.settings), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

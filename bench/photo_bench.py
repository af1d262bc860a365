"""The photo pipeline's cost: a generated corpus whose first stories carry 2400 x 1600 JPEG photos.

    python -m bench.photo_bench [--articles 200] [--photos 20] [--work .newsdesk/photo-bench]

Builds the corpus cold (empty cache) and warm (the cache kept, the output made again), and prints
the photos phase of each (``NEWSDESK_TIMINGS``), the files made, and the images per second.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.corpus import generate
from bench.photos import photo
from newsdesk.conf import write_settings

ROOT = Path(__file__).resolve().parents[1]


def corpus(work: Path, articles: int, photos: int) -> Path:
    """The corpus, its first ``photos`` stories (in path order) pointing at photos of their own."""
    folder = work / f"corpus-{articles}-{photos}"
    if not (folder / "done").is_file():
        shutil.rmtree(folder, ignore_errors=True)
        generate(folder, articles, seed=1, images=True)
        stories = sorted((folder / "content").rglob("*.md"))[:photos]
        (folder / "content" / "images" / "photos").mkdir(parents=True, exist_ok=True)
        for seed, story in enumerate(stories, 1):
            rel = f"images/photos/{story.stem}.jpg"
            (folder / "content" / rel).write_bytes(photo(2400, 1600, seed=seed))
            text = story.read_text(encoding="utf-8")
            story.write_text(re.sub(r"(?m)^Image: .*$", f"Image: {rel}", text, count=1), encoding="utf-8")
        (folder / "done").write_text("1")
    return folder / "content"


def build(content: Path, out: Path, conf: Path, timings: Path) -> tuple[float, dict, str]:
    command = [sys.executable, "-m", "newsdesk", "build", "--full", "--settings", str(conf), "--input", str(content),
               "--output", str(out)]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False,
                          env={**os.environ, "NEWSDESK_TIMINGS": str(timings)})  # fmt: skip
    if done.returncode:
        raise SystemExit(done.stderr)
    return time.perf_counter() - started, json.loads(timings.read_text()), done.stdout + done.stderr


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--photos", type=int, default=20)
    parser.add_argument("--work", default=str(ROOT / ".newsdesk" / "photo-bench"))
    args = parser.parse_args(argv)
    work = Path(args.work)
    content = corpus(work, args.articles, args.photos)
    conf = write_settings(work, CACHE_PATH=str(work / "cache"))
    shutil.rmtree(work / "cache", ignore_errors=True)
    rows = []
    for kind in ("cold", "warm"):
        shutil.rmtree(work / "out", ignore_errors=True)
        total, phases, said = build(content, work / "out", conf, work / "timings.json")
        made = re.search(r"Photos: (\d+) image file\(s\) made from (\d+) source", said)
        files, sources = (int(made.group(1)), int(made.group(2))) if made else (0, 0)
        seconds = phases.get("in:photos", 0.0)
        rate = f"{sources / seconds:.2f} sources/s, {files / seconds:.1f} files/s" if files else "nothing made"
        rows.append(f"| {kind} | {total:.1f} s | {seconds:.2f} s | {files} files from {sources} sources | {rate} |")
    print(f"{args.articles} articles, {args.photos} of them with a 2400 x 1600 photo, the rest a 64 x 36 PNG")
    print("| build | total | photos phase | made | rate |\n| --- | --- | --- | --- | --- |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()

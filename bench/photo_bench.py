"""The photo pipeline's cost: a generated corpus whose first stories carry 2400 x 1600 JPEG photos.

    python -m bench.photo_bench [--articles 200] [--photos 20] [--work .newsdesk/photo-bench]

Builds the corpus cold (empty cache), warm into an empty output folder (the cache kept) and warm
again with the output kept (a development build), and prints the photos phase of each
(``NEWSDESK_TIMINGS``), the files made, and the photos per second. The photos are counted
apart from the other images (the corpus's small PNG heroes and the site image), each one
checked to be a distinct file that its story names.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import shutil
import struct
import subprocess
import sys
import time
from pathlib import Path

from bench.corpus import generate
from bench.photos import photo
from newsdesk.conf import write_settings

ROOT = Path(__file__).resolve().parents[1]


SCENES = 16  # drawing a 2400 x 1600 scene takes seconds: the photos share these, each with bytes of its own


def own_bytes(jpeg: bytes, name: str) -> bytes:
    """``jpeg`` with a comment naming ``name`` after its start marker: other bytes, so another photo to the
    pipeline (its own digest, its own files), decoded and encoded at the same cost."""
    comment = f"newsdesk photo bench: {name}".encode()
    return jpeg[:2] + b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment + jpeg[2:]


def corpus(work: Path, articles: int, photos: int) -> tuple[Path, int]:
    """The corpus, its first ``photos`` stories (in path order) pointing at photos of their own (``own_bytes``),
    and the number of distinct photos its stories name."""
    folder = work / f"corpus-{articles}-{photos}"
    if not (folder / "done").is_file():
        shutil.rmtree(folder, ignore_errors=True)
        generate(folder, articles, seed=1, images=True)
        stories = sorted((folder / "content").rglob("*.md"))[:photos]
        (folder / "content" / "images" / "photos").mkdir(parents=True, exist_ok=True)
        scenes = [photo(2400, 1600, seed=seed) for seed in range(1, min(SCENES, len(stories)) + 1)]
        for number, story in enumerate(stories):
            rel = f"images/photos/{story.stem}.jpg"
            (folder / "content" / rel).write_bytes(own_bytes(scenes[number % len(scenes)], story.stem))
            text = story.read_text(encoding="utf-8")
            story.write_text(re.sub(r"(?m)^Image: .*$", f"Image: {rel}", text, count=1), encoding="utf-8")
        (folder / "done").write_text("1")
    return folder / "content", distinct_photos(folder / "content")


def distinct_photos(content: Path) -> int:
    """How many different photo files (by their bytes) the stories' ``Image:`` lines name."""
    named = set()
    for story in content.rglob("*.md"):
        found = re.search(r"(?m)^Image: (images/photos/.*)$", story.read_text(encoding="utf-8"))
        if found:
            named.add(found.group(1))
    return len({hashlib.sha256((content / rel).read_bytes()).digest() for rel in named})


def build(content: Path, out: Path, conf: Path, timings: Path, full: bool = True) -> tuple[float, float, dict, str]:
    """Wall seconds, CPU seconds (the build and its workers), the phases' timings and what it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    command = [sys.executable, "-m", "newsdesk", "build", *(["--full"] if full else []), "--settings", str(conf),
               "--input", str(content), "--output", str(out)]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False,
                          env={**os.environ, "NEWSDESK_TIMINGS": str(timings)})  # fmt: skip
    if done.returncode:
        raise SystemExit(done.stderr)
    wall, after = time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, json.loads(timings.read_text()), done.stdout + done.stderr


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--photos", type=int, default=20)
    parser.add_argument("--work", default=str(ROOT / ".newsdesk" / "photo-bench"))
    args = parser.parse_args(argv)
    work = Path(args.work)
    content, photos = corpus(work, args.articles, args.photos)
    conf = write_settings(work, CACHE_PATH=str(work / "cache"))
    shutil.rmtree(work / "cache", ignore_errors=True)
    shutil.rmtree(work / "out", ignore_errors=True)
    rows = []
    for kind in ("cold", "warm, empty output", "warm, output kept"):
        full = kind != "warm, output kept"
        if full:
            shutil.rmtree(work / "out", ignore_errors=True)
        total, cpu, phases, said = build(content, work / "out", conf, work / "timings.json", full)
        made = re.search(r"Photos: (\d+) image file\(s\) made from (\d+) source", said)
        files, sources = (int(made.group(1)), int(made.group(2))) if made else (0, 0)
        seconds = phases.get("in:photos", 0.0)
        what = f"{files:,} files from {sources:,} sources" if files else "none"
        rate = f"{photos / seconds:.2f} photos/s, {files / seconds:.1f} files/s" if files else "-"
        rows.append(f"| {kind} | {total:.1f} s | {cpu:.1f} s | {seconds:.2f} s | {what} | {rate} |")
    others = max(0, args.articles - args.photos)
    print(f"{args.articles:,} articles: {photos:,} distinct 2400 x 1600 photos, {others:,} 64 x 36 PNGs, site image")
    print("| build | total (wall) | CPU (build and workers) | photos phase (wall) | made | rate (photos phase) |")
    print("| --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()

"""``make audit``: Lighthouse on the sample site as a reader gets it, served by real nginx.

Builds the sample site with the publish settings for a localhost address, serves it with nginx and
the shipped configuration (``support.nginx``), and runs Lighthouse (``node_modules``, pinned in
package.json) in Debian's Chromium on the home page and a story with a photo hero, for a phone
(Lighthouse's default: a mid-range phone on a slow 4G link) and for a desktop. Writes each report
as HTML and JSON under ``.newsdesk/audit/`` (git-ignored), prints the scores and what held each
category back, and exits 1 when a target is missed.

    python tests/audit.py [--work .newsdesk/audit]
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

sys.path.insert(0, str(Path(__file__).resolve().parent))

from support import nginx
from support.http import free_port

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = Path(os.environ.get("LIGHTHOUSE") or ROOT / "node_modules/.bin/lighthouse")
CHROMIUM = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"mobile": {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100},
           "desktop": {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}}  # fmt: skip
HERO = re.compile(r'<figure class="hero[^"]*">\s*<picture>')


def build(site: Path, address: str) -> None:
    command = [sys.executable, "-m", "newsdesk", "build", "--full", "--settings", "publishconf.py",
               "--input", "content", "--output", str(site)]  # fmt: skip
    env = {**os.environ, "NEWSDESK_SITEURL": address}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"the sample site did not build:\n{done.stderr}")


def photo_story(site: Path) -> str:
    """The address (from the site's root) of the first story, in path order, whose hero is a photo."""
    for page in sorted(site.glob("20*/*/*/index.html")):
        if HERO.search(page.read_text(encoding="utf-8")):
            return "/" + page.parent.relative_to(site).as_posix() + "/"
    raise SystemExit("no story of the sample site has a photo hero")


def lighthouse(url: str, form: str, out: Path) -> dict:
    """Run Lighthouse on ``url`` for ``form`` (mobile or desktop); its JSON report."""
    flags = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"
    command = [str(LIGHTHOUSE), url, "--output=json", "--output=html", f"--output-path={out}",
               f"--chrome-flags={flags}", "--quiet", "--only-categories=" + ",".join(CATEGORIES)]  # fmt: skip
    if form == "desktop":
        command.append("--preset=desktop")
    done = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True,
                          check=False)  # fmt: skip
    report = out.with_suffix(".report.json")
    if done.returncode or not report.is_file():
        raise SystemExit(f"Lighthouse failed on {url} ({form}):\n{done.stderr[-2000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def held_back(report: dict, category: str) -> list[str]:
    """The audits of ``category`` that lost points: id and score (and the value, for metrics)."""
    audits = report["audits"]
    found = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if ref["weight"] and audit.get("score") is not None and audit["score"] < 1:
            value = f" {audit['displayValue']}" if audit.get("displayValue") else ""
            found.append(f"{ref['id']} {audit['score']:.2f}{value}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", default=str(ROOT / ".newsdesk" / "audit"))
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.is_file():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run npm ci (package.json pins Lighthouse)")
    if not nginx.available():
        raise SystemExit("make audit serves the site with nginx: apt-get install nginx")
    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    (work / "nginx").mkdir(parents=True)
    started = time.perf_counter()
    port = free_port()
    address = f"http://127.0.0.1:{port}"
    build(work / "site", address)
    missed = []
    with nginx.serving(work / "site", work / "nginx", port):
        pages = {"home": "/", "photo-story": photo_story(work / "site")}
        print(f"{'page':<12} {'form':<8} " + " ".join(f"{c:>14}" for c in CATEGORIES) + "  report")
        for name, path in pages.items():
            for form, targets in TARGETS.items():
                report = lighthouse(address + path, form, work / f"{name}-{form}")
                scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
                print(f"{name:<12} {form:<8} " + " ".join(f"{scores[c]:>14}" for c in CATEGORIES)
                      + f"  {work / f'{name}-{form}.report.html'}")  # fmt: skip
                for category in CATEGORIES:
                    if scores[category] < targets[category]:
                        lost = "; ".join(held_back(report, category)) or "no single audit"
                        missed.append(f"{name} {form} {category} {scores[category]} < {targets[category]}: {lost}")
    print(f"{len(pages) * len(TARGETS)} Lighthouse runs in {time.perf_counter() - started:.0f} s "
          f"(build included); pages: {', '.join(pages.values())}")  # fmt: skip
    for line in missed:
        print("missed:", line)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

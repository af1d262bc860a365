"""The synthetic corpus read back, independently of bench/: each article's path, front-matter and body."""

from __future__ import annotations

from pathlib import Path


def read_articles(content: Path) -> list[dict]:
    articles = []
    for path in sorted(content.rglob("*.md")):
        head, body = path.read_text(encoding="utf-8").split("\n\n", 1)
        keys = [line.split(": ", 1)[0] for line in head.splitlines()]
        meta = dict(line.split(": ", 1) for line in head.splitlines())
        articles.append({"path": path, "keys": keys, "meta": meta, "body": body})
    return articles

"""BENCHMARKS.md as several benchmarks write it: ``make bench``'s summary at the head, each other benchmark's
table in a section of its own, and the measurements written by hand in sections between them. A benchmark
replaces its own part and keeps every other one."""

from __future__ import annotations

import re
from pathlib import Path


def with_head(text: str, head: str) -> str:
    """``text`` with everything before its first ``## `` section replaced by ``head``."""
    found = re.search(r"^## ", text, re.M)
    return head if found is None else head.rstrip("\n") + "\n\n" + text[found.start() :]


def write_head(path: Path, head: str) -> None:
    """Put ``head`` at the top of ``path``, keeping the sections after it."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    path.write_text(with_head(text, head), encoding="utf-8")


def with_section(text: str, title: str, section: str) -> str:
    """``text`` with its ``## title`` section replaced by ``section``, or with ``section`` added at its end."""
    found = re.search(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", text, re.M | re.S)
    if found is None:
        return text.rstrip() + "\n\n" + section
    return text[: found.start()] + section + "\n" + text[found.end() :]


def write_section(path: Path, title: str, rows: list[tuple[str, str]], note: str) -> None:
    """Put the table into ``path`` under ``## title``, replacing that section if it is there."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    section = f"## {title}\n\n{note}\n\n| log | result |\n| --- | --- |\n"
    section += "".join(f"| {name} | {value} |\n" for name, value in rows)
    path.write_text(with_section(text, title, section), encoding="utf-8")

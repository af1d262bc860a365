"""The modules of one plugin package a module reaches through its relative imports, read from the source."""

from __future__ import annotations

import ast
from pathlib import Path

from support.builds import ROOT


def package_closure(package: str, module: str) -> set[str]:
    """``module`` and every module of ``plugins/<package>`` it imports, directly or not (``from .x`` forms)."""
    folder = ROOT / "plugins" / package
    seen: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for node in ast.walk(ast.parse((folder / f"{name}.py").read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                todo.extend([node.module.split(".")[0]] if node.module else [a.name for a in node.names])
    return seen


def stems(paths: tuple[Path, ...]) -> set[str]:
    return {path.stem for path in paths}

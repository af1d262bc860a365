"""The import direction of docs/architecture.md holds: plugins use the engine's public names and the
shared helpers only, never each other; only the engine touches Pelican's private names; the shared
helpers import no package of ours. The page names every package."""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.builds import ROOT

PLUGINS = ROOT / "plugins"
SHARED = {"engine", "common"}
PACKAGES = sorted(p.name for p in PLUGINS.iterdir() if (p / "__init__.py").is_file())
PLUGIN_NAMES = [name for name in PACKAGES if name not in SHARED]
OURS = {*PACKAGES, "newsdesk", "bench", "tests"}
# Private attributes of Pelican's objects that plugins used to reach for; the engine offers them
# as ``body_html`` and ``intrasite_pattern``.
PELICAN_PRIVATE = {"_content", "_summary", "_context", "_get_intrasite_link_regex", "_written_files", "_open_w"}


def _imports(path: Path) -> Iterator[tuple[int, str, list[str]]]:
    """(line, absolute module, names imported from it) of every import in the file."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, []
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module, [alias.name for alias in node.names]


def _private_uses(path: Path) -> Iterator[tuple[int, str]]:
    """(line, attribute) of each use of one of Pelican's private attributes on another object."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Attribute) and node.attr in PELICAN_PRIVATE:
            if not (isinstance(node.value, ast.Name) and node.value.id == "self"):
                yield node.lineno, node.attr
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "getattr" and len(node.args) >= 2:
            name = node.args[1]
            if isinstance(name, ast.Constant) and name.value in PELICAN_PRIVATE:
                yield node.lineno, name.value


def _violations(package: str) -> list[str]:
    found = []
    for path in sorted((PLUGINS / package).rglob("*.py")):
        where = path.relative_to(ROOT)
        if package != "engine":
            found.extend(f"{where}:{line}: reads Pelican's private {attr} (only the engine may)"
                         for line, attr in _private_uses(path))  # fmt: skip
        for line, module, names in _imports(path):
            top = module.split(".")[0]
            if top == "pelican" and package != "engine" and any(n.startswith("_") for n in names):
                found.append(f"{where}:{line}: imports Pelican's private {names} (only the engine may)")
            if top not in OURS or top == package:
                continue
            if package == "common":
                found.append(f"{where}:{line}: the shared helpers import {module}")
            elif package == "engine" and top != "common":
                found.append(f"{where}:{line}: the engine imports {module}")
            elif package not in SHARED and top == "engine" and module != "engine":
                found.append(f"{where}:{line}: imports the engine's internals ({module}); use `from engine import …`")
            elif package not in SHARED and top not in SHARED:
                found.append(f"{where}:{line}: the {package} plugin imports {module}")
    return found


@pytest.mark.parametrize("package", PACKAGES)
def test_imports_follow_the_architecture(package: str) -> None:
    assert _violations(package) == []


def test_the_check_finds_a_plugin_importing_another_or_the_engines_internals(tmp_path: Path, monkeypatch) -> None:
    fake = tmp_path / "plugins"
    for name in ("engine", "common", "alpha", "beta"):
        (fake / name).mkdir(parents=True)
        (fake / name / "__init__.py").write_text("")
    (fake / "alpha" / "plugin.py").write_text(
        "from engine import context_of\nfrom engine.writer import ReusingWriter\nfrom beta.core import thing\n"
        "from common.errors import Problem\nfrom pelican.readers import _DISCARD\n"
        "def body(article):\n    return article._content or getattr(article, '_summary', '')\n"
    )
    (fake / "common" / "helpers.py").write_text("import engine\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    monkeypatch.setattr(sys.modules[__name__], "PLUGINS", fake)
    monkeypatch.setattr(sys.modules[__name__], "OURS", {"engine", "common", "alpha", "beta", "newsdesk"})
    assert [v.split(": ", 1)[1] for v in _violations("alpha")] == [
        "reads Pelican's private _content (only the engine may)",
        "reads Pelican's private _summary (only the engine may)",
        "imports the engine's internals (engine.writer); use `from engine import …`",
        "the alpha plugin imports beta.core",
        "imports Pelican's private ['_DISCARD'] (only the engine may)",
    ]
    assert [v.split(": ", 1)[1] for v in _violations("common")] == ["the shared helpers import engine"]


def test_the_architecture_page_names_every_package() -> None:
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = [*PACKAGES, "newsdesk", "theme"]
    missing = [name for name in named if not any(f"`{w}`" in page for w in (name, f"{name}/", f"plugins/{name}/"))]
    assert missing == []

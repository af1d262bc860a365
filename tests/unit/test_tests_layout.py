"""The tests keep the layout docs/testing.md describes: unit tests in a folder per package,
functional and browser tests in their own folders, shared helpers in ``support``, and no test
module importing another."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

from support.builds import ROOT

TESTS = ROOT / "tests"
LANES = ("unit", "functional", "browser")
PACKAGES = {p.name for p in (ROOT / "plugins").iterdir() if (p / "__init__.py").is_file()} | {"newsdesk", "bench"}


def _test_files() -> list[Path]:
    return sorted(p for p in TESTS.rglob("test_*.py") if "artifacts" not in p.parts and "fixtures" not in p.parts)


def test_every_test_file_is_in_a_lane_and_unit_tests_in_a_folder_per_package() -> None:
    misplaced = []
    for path in _test_files():
        rel = path.relative_to(TESTS).parts
        if rel[0] not in LANES:
            misplaced.append(str(path.relative_to(TESTS)))
        elif rel[0] == "unit" and len(rel) > 2 and rel[1] not in PACKAGES:
            misplaced.append(str(path.relative_to(TESTS)))
    assert misplaced == [], f"place these under tests/unit/<package>/, tests/functional/ or tests/browser/: {misplaced}"


def test_test_file_names_are_unique_across_folders() -> None:
    """pytest imports test modules by their file name (rootdir-relative packages are not used)."""
    counts = Counter(path.name for path in _test_files())
    assert [name for name, n in counts.items() if n > 1] == []


def test_no_test_module_imports_another() -> None:
    """Shared helpers live in tests/support/; a test module imported by another runs its tests twice."""
    names = {path.stem for path in _test_files()} | {"conftest"}
    found = []
    for path in _test_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            found += [f"{path.relative_to(TESTS)}:{node.lineno} {m}" for m in modules if m.split(".")[0] in names]
    assert found == []

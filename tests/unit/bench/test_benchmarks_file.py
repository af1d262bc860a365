"""BENCHMARKS.md written by several benchmarks: each replaces its own part and keeps the rest."""

from __future__ import annotations

from pathlib import Path

from bench.benchmarks_file import with_head, with_section, write_head, write_section

WRITTEN = (
    "# Benchmarks\n\nOld summary.\n\n| a |\n\n## Notes by hand\n\nKept.\n\n## Most Read: log formats\n\nOld rows.\n"
)


def test_the_head_is_replaced_and_every_section_after_it_kept() -> None:
    text = with_head(WRITTEN, "# Benchmarks\n\nNew summary.\n")
    assert (
        text == "# Benchmarks\n\nNew summary.\n\n## Notes by hand\n\nKept.\n\n## Most Read: log formats\n\nOld rows.\n"
    )


def test_a_file_without_sections_becomes_the_head() -> None:
    assert with_head("# Benchmarks\n\nOld.\n", "# Benchmarks\n\nNew.\n") == "# Benchmarks\n\nNew.\n"


def test_a_section_is_replaced_in_place_or_added_at_the_end() -> None:
    replaced = with_section(WRITTEN, "Notes by hand", "## Notes by hand\n\nNew.\n")
    assert "Kept." not in replaced and replaced.index("New.") < replaced.index("## Most Read")
    added = with_section(WRITTEN, "Photos", "## Photos\n\nRows.\n")
    assert added.endswith("Old rows.\n\n## Photos\n\nRows.\n") and "Kept." in added


def test_the_summary_and_a_section_written_in_turn_keep_what_was_written_by_hand(tmp_path: Path) -> None:
    path = tmp_path / "BENCHMARKS.md"
    path.write_text(WRITTEN, encoding="utf-8")
    write_head(path, "# Benchmarks\n\nNew summary.\n")
    write_section(path, "Most Read: log formats", [("combined", "1 line/s")], "Note.")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks\n\nNew summary.\n\n## Notes by hand\n\nKept.\n")
    assert "Old rows" not in text and "| combined | 1 line/s |" in text
    assert text.count("## ") == 2

"""Problems found in content, reported together with the file, field, line and fix."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one source file.

    ``path`` is relative to the content folder when known (``located`` turns it into
    the path to show). ``fix`` tells the journalist what to change; it is part of
    every message.
    """

    path: str
    line: int | None
    field: str | None
    message: str
    fix: str = ""
    severity: str = "error"  # "error" stops the build, "warning" only informs

    def sort_key(self) -> tuple[str, int, str, str, str]:
        """Reports list problems by file, then line; problems without a line or field come first."""
        return (self.path, self.line or 0, self.field or "", self.message, self.fix)

    def __lt__(self, other: Problem) -> bool:
        return self.sort_key() < other.sort_key()

    def format(self) -> str:
        """``path:line: severity: [Field] message Fix: …``, the form terminals and editors link.

        The build and ``make check`` print every problem this way. A problem without a
        line points at line 1, where the front-matter starts.
        """
        field = f" [{self.field}]" if self.field else ""
        text = f"{self.path}:{self.line or 1}: {self.severity}:{field} {self.message}"
        if self.fix:
            text += f" Fix: {self.fix}"
        return text


class ContentErrors(Exception):
    """Raised once, after reading, when any source file had errors."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        files = len({p.path for p in self.problems})
        head = f"{count} error{'s' if count != 1 else ''} in {files} file{'s' if files != 1 else ''}:"
        return "\n".join([head, *(p.format() for p in self.problems)])


class SettingsError(Exception):
    """A plugin setting is missing or malformed; raised at start-up."""


# Checks every plugin's settings share: each adds its message to ``errors`` and the plugin
# raises one SettingsError listing them all.


def whole_number(name: str, value: Any, errors: list[str], minimum: int = 1, maximum: int | None = None) -> int:
    """``value`` when it is a whole number from ``minimum`` (to ``maximum``), else a stand-in after an error."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum or (maximum and value > maximum):
        most = f" and at most {maximum:,}" if maximum else ""
        errors.append(f"{name} must be a whole number of {minimum} or more{most}, not {value!r}.")
        return max(minimum, 1)
    return value


def true_or_false(name: str, value: Any, errors: list[str]) -> bool:
    """Whether ``value`` is True or False; an error otherwise."""
    if isinstance(value, bool):
        return True
    errors.append(f"{name} must be True or False, not {value!r}.")
    return False

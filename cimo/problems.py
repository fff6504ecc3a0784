"""Problems found in content: every one carries its file, line, column and field path."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

# ContentError belongs to the one error hierarchy in cimo.errors; still importable from here.
from cimo.errors import ContentError

__all__ = ["ContentError", "Location", "Problem", "Severity", "format_path"]


class Severity(StrEnum):
    error = "error"
    warning = "warning"


@dataclass(frozen=True, order=True)
class Location:
    file: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Problem:
    location: Location
    path: str
    message: str
    hint: str | None = field(default=None, compare=False)
    severity: Severity = field(default=Severity.error, compare=False)

    def format(self) -> str:
        prefix = "waarschuwing: " if self.severity is Severity.warning else ""
        where = f"{self.location}: {self.path}: " if self.path else f"{self.location}: "
        text = f"{where}{prefix}{self.message}"
        if self.hint:
            text += f"\n  {self.hint}"
        return text


def format_path(path: tuple[str | int, ...]) -> str:
    """Render a field path the way a policy writer reads YAML: outcomes[0].via[1]."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text

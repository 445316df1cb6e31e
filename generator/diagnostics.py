"""Problems found in specs, reported as `file:line:col: error: what (hint)`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Position:
    """A place in a spec file; line and column count from 1."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column}"
        return self.path


@dataclass(frozen=True, order=True)
class Diagnostic:
    position: Position
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.position}: error: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


@dataclass
class Diagnostics:
    """Collects every problem so that all of them are reported at once."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, position: Position, message: str, hint: str = "") -> None:
        self.items.append(Diagnostic(position, message, hint))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.items))


class SpecError(Exception):
    """Raised when specs have problems; carries all of them."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("\n".join(str(d) for d in diagnostics))
        self.diagnostics = diagnostics


def display_path(path: Path, root: Path) -> str:
    """The path as the user should see it: relative to the project root when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()

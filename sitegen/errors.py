"""Build errors as an editor sees them: ``path:line: what is wrong``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class BuildError:
    """One problem in an input file. ``line`` is 1-based; 0 means the whole file."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


class BuildFailed(Exception):
    """Raised when a build stage found problems; carries all of them, not only the first."""

    def __init__(self, errors: list[BuildError]) -> None:
        self.errors = sorted(set(errors))
        super().__init__("\n".join(str(e) for e in self.errors))

    def __reduce__(self):  # survive the trip back from a worker process
        return (BuildFailed, (self.errors,))


def display_path(path: Path, root: Path) -> str:
    """The path as the editor typed it: relative to the project root when possible."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()

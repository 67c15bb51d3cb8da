"""Problems found in input files, reported as ``file:line:column: error: message``.

A warning (an outdated term without a currency note, a note past its review date)
is a :class:`Problem` too, of severity :data:`WARNING`: the file is still valid.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: The severity of a warning: reported, but the input is valid and the command succeeds.
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input file, at a 1-based line and column."""

    path: Path
    line: int
    column: int
    message: str
    #: The word before the message: ``error`` for editors, ``fout`` in a profile's messages,
    #: :data:`WARNING` for what does not make the file invalid.
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{display_path(self.path)}:{self.line}:{self.column}"
        return f"{where}: {self.severity}: {self.message}"

    @property
    def location(self) -> str:
        """``file:line`` as Sphinx's logger expects it for a location."""
        return f"{self.path}:{self.line}"


def display_path(path: Path) -> str:
    """Show ``path`` relative to the working directory when it lies below it.

    The file itself is named, not where a symbolic link leads (its folder is resolved).
    """
    try:
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)

"""Where a guidegen project keeps its parts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    """A handbook project: ``content/``, ``decisions/``, ``templates/`` and more under one root."""

    root: Path

    @classmethod
    def find(cls, path: Path) -> Project:
        """The project for ``path``: a project root, or its ``content`` folder."""
        path = path.resolve()
        if path.name == "content" and not (path / "content").is_dir():
            return cls(path.parent)
        return cls(path)

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def decisions(self) -> Path:
        return self.root / "decisions"

    @property
    def schemas(self) -> Path:
        return self.root / "schemas"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def profiles(self) -> Path:
        return self.root / "profiles"

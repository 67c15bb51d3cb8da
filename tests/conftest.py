"""Shared fixtures: Sphinx's testing plugin, test roots and small project builders."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from guidegen.content.knowledge import KnowledgeBase, load_knowledge_base
from guidegen.content.model import markdown_texts
from guidegen.content.myst import field_key
from guidegen.handbook.pages import PlannedPage
from guidegen.trees.decisiontree import Tree, load_trees

pytest_plugins = ("sphinx.testing.fixtures",)

TESTS = Path(__file__).parent
REPO = TESTS.parent
ROOTS = TESTS / "roots"


@pytest.fixture(scope="session", autouse=True)
def cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The command line's cache goes to a folder of this session, not the user's."""
    folder = tmp_path_factory.mktemp("cache")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    return folder


@pytest.fixture
def handbook_project(tmp_path: Path) -> Path:
    """A writable copy of the small test handbook (conf.py, index.md, content/).

    The copies are dated now, as if just written: the handbook's "last updated" date is the
    newest file's (outside git), so an edit made by a test on a later day than the checkout
    would otherwise change it, and with it every page."""
    target = tmp_path / "handbook"
    shutil.copytree(ROOTS / "test-handbook", target, copy_function=shutil.copy)
    return target


#: A field's placeholder in a generated page: the block directive or the inline role.
FIELD_PLACEHOLDER = re.compile(
    r"```\{guidegen-field\} ([0-9a-f]+)\n *```|\{guidegen-field\}`([0-9a-f]+)`"
)


def shown_fields(page: str, *sources: object) -> str:
    """A generated page's Markdown with each field placeholder replaced by the field's
    text, as the reader sees it (``sources``: the records, trees and vocabulary)."""
    return _with_texts(page, _field_texts(sources))


def shown_pages(pages: Iterable[PlannedPage], *sources: object) -> dict[str, str]:
    """Each planned page's Markdown by its name, as :func:`shown_fields` shows it."""
    texts = _field_texts(sources)
    return {page.name: _with_texts(page.render(), texts) for page in pages}


def _field_texts(sources: tuple[object, ...]) -> dict[str, str]:
    return {field_key(text): text for text in markdown_texts(sources)}


def _with_texts(page: str, texts: dict[str, str]) -> str:
    return FIELD_PLACEHOLDER.sub(lambda match: texts[match[1] or match[2]], page)


def write(path: Path, text: str) -> Path:
    """Write ``text`` to ``path``, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def knowledge() -> tuple[KnowledgeBase, list[Tree]]:
    """The real knowledge base and decision trees of this repository (read once)."""
    base, problems = load_knowledge_base(REPO / "content")
    trees, tree_problems = load_trees(REPO / "decisions", base)
    assert not problems
    assert not tree_problems
    return base, [loaded.tree for loaded in trees]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``handbook`` every test that needs the real handbook built (``real_site``,
    directly or through another fixture): ``make test-unit`` leaves them out."""
    for item in items:
        if "real_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.handbook)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real handbook, built clean once per session as `make site` builds it."""
    work = tmp_path_factory.mktemp("handbook")
    out, doctrees = work / "html", work / "doctrees"
    command = [sys.executable, "-m", "sphinx", "-W", "-q", "-E", "-c", REPO, "-d", doctrees]
    result = subprocess.run(
        [*command, REPO / "docs", out],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return out

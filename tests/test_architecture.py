"""The shape of the package: imports run down the layers without a cycle, few modules
stand at the top level, and ARCHITECTURE.md names every module.

The imports are read from the source with :mod:`ast`; an import inside a function or
under ``TYPE_CHECKING`` counts like any other, since it is a dependency all the same.
"""

from __future__ import annotations

import ast
import graphlib
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "src" / "guidegen"
ARCHITECTURE = REPO / "ARCHITECTURE.md"

#: The layers, lowest first. A module may import from a lower layer, or sideways
#: within its own layer; never from a higher one. A name is a package below
#: ``guidegen`` or a module at the top level (``__init__``: the package itself).
LAYERS: tuple[tuple[str, ...], ...] = (
    ("__init__", "fileio", "dates"),
    ("content",),
    ("trees",),
    ("handbook",),
    ("guideline",),
    ("sphinx",),
    ("service",),
    ("workshop",),
    ("schema", "cli", "__main__"),
)
#: At most this many modules at the top level of ``src/guidegen/`` beside its packages.
TOP_LEVEL_LIMIT = 6

# Known exceptions, each removed by another branch of issue 25. Delete an entry when
# that branch is merged; the tests then hold the rule for it too.

#: The guideline's inputs: reading and checking a profile, and the form made from it.
GUIDELINE_INPUTS = ("guidegen.guideline.profile", "guidegen.guideline.form")
#: The guideline's outputs (by module name prefix): the writers of each format.
GUIDELINE_OUTPUTS = (
    "guidegen.guideline.word",
    "guidegen.guideline.docx",
    "guidegen.guideline.webpage",
    "guidegen.guideline.pdf",
)


@cache
def modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    found = {}
    for path in sorted(SOURCE.rglob("*.py")):
        parts = path.relative_to(SOURCE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def resolve(importer: str, node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    """The package's own modules that one import statement names."""
    known = modules()
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.name in known:
                yield alias.name
        return
    base = node.module or ""
    if base not in known:
        return
    for alias in node.names:
        submodule = f"{base}.{alias.name}"
        yield submodule if submodule in known else base


@cache
def imports() -> dict[str, frozenset[str]]:
    """Module → the package's modules it imports (at the top, in functions, for types)."""
    graph = {}
    for name, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        found = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                found.update(resolve(name, node))
        found.discard(name)
        graph[name] = frozenset(found)
    return graph


def unit(module: str) -> str:
    """The name a module's layer is looked up by: its package, or itself at the top level."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def layer(module: str) -> int | None:
    """The index of the module's layer in :data:`LAYERS`, or None if it has none."""
    return next((i for i, names in enumerate(LAYERS) if unit(module) in names), None)


def test_imports_are_absolute() -> None:
    relative = [
        name
        for name, path in modules().items()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.level
    ]
    assert relative == [], "write imports from guidegen. ... (the reader resolves only those)"


def test_the_import_reader_sees_every_kind_of_import() -> None:
    # The reader itself: absolute, from-package, function-level and type-only imports.
    graph = imports()
    assert "guidegen.content.model" in graph["guidegen.content.knowledge"]  # from x import y
    assert "guidegen.sphinx.extension" in graph["guidegen.sphinx"]  # inside setup()
    assert "guidegen.guideline.generate" in graph["guidegen.cli"]  # inside a command
    assert "guidegen" in graph["guidegen.sphinx"]  # from guidegen import __version__


def test_every_module_has_a_layer() -> None:
    named = {name for names in LAYERS for name in names}
    units = {unit(module) for module in modules()}
    assert named - units == set(), "a layer names a package or module that does not exist"
    missing = sorted(module for module in modules() if layer(module) is None)
    assert missing == [], "give these modules a layer in LAYERS (and ARCHITECTURE.md)"


def test_no_import_runs_up_a_layer() -> None:
    upward = []
    for importer, imported in imports().items():
        for target in sorted(imported):
            own, theirs = layer(importer), layer(target)
            if own is None or theirs is None:  # only the modules the speed branch removes
                continue
            if theirs > own:
                upward.append(f"{importer} ({unit(importer)}) imports {target} ({unit(target)})")
    assert upward == [], "imports that run up a layer:\n" + "\n".join(upward)


def test_no_import_cycle() -> None:
    sorter = graphlib.TopologicalSorter(imports())
    try:
        sorter.prepare()
    except graphlib.CycleError as error:
        cycle = error.args[1]
        raise AssertionError("import cycle: " + " -> ".join(cycle)) from None


def test_the_guideline_inputs_import_no_output() -> None:
    # Reading a profile must not depend on writing a document (direct or indirect).
    graph = imports()
    found = []
    for start in GUIDELINE_INPUTS:
        seen, todo = set(), [start]
        while todo:
            module = todo.pop()
            for target in graph[module]:
                if target in seen:
                    continue
                seen.add(target)
                todo.append(target)
        found += [f"{start} needs {m}" for m in sorted(seen) if m.startswith(GUIDELINE_OUTPUTS)]
    assert found == []


def top_level_modules() -> list[str]:
    return sorted(path.stem for path in SOURCE.glob("*.py") if path.stem != "__init__")


def test_few_modules_at_the_top_level() -> None:
    counted = top_level_modules()
    assert len(counted) <= TOP_LEVEL_LIMIT, f"move some of {counted} into a package"


#: A module as ARCHITECTURE.md names it: its path below src/guidegen/, in backticks.
MODULE_MENTION = re.compile(r"`((?:[a-z_]+/)*[a-z_]+\.py)`")
#: Paths outside the package that the document may name.
OTHER_FOLDERS = ("tests/", "bench/", "docs/", "tools/")


def listed_modules() -> set[str]:
    """Every module file a newcomer needs named: all but the packages' bare docstrings."""
    paths = set()
    for path in SOURCE.rglob("*.py"):
        if path.name == "__init__.py":
            body = ast.parse(path.read_text(encoding="utf-8")).body
            if all(isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant) for n in body):
                continue
        paths.add(path.relative_to(SOURCE).as_posix())
    return paths


def module_section(text: str) -> str:
    """The part of ARCHITECTURE.md that lists the modules (``## Modules`` to the next ``## ``)."""
    start = text.index("\n## Modules\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def test_architecture_names_every_module_with_its_package() -> None:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    named = set(MODULE_MENTION.findall(module_section(text)))
    modules_here = listed_modules()
    assert sorted(modules_here - named) == [], "ARCHITECTURE.md (## Modules) misses these"
    assert sorted(named - modules_here) == [], "ARCHITECTURE.md (## Modules) names these"


def test_architecture_names_only_modules_that_exist() -> None:
    # Anywhere in the document a module is named by its path below src/guidegen/.
    text = ARCHITECTURE.read_text(encoding="utf-8")
    mentioned = {m for m in MODULE_MENTION.findall(text) if not m.startswith(OTHER_FOLDERS)}
    mentioned.discard("conf.py")
    assert sorted(mentioned - listed_modules()) == []


def test_architecture_lists_the_packages_in_layer_order() -> None:
    section = module_section(ARCHITECTURE.read_text(encoding="utf-8"))
    # A path's first part is its package, or the module itself at the top level.
    units = [path.removesuffix(".py").split("/")[0] for path in MODULE_MENTION.findall(section)]
    order = [layer(f"guidegen.{name}") for name in units]
    ranked = [position for position in order if position is not None]
    assert ranked == sorted(ranked), "list the packages lowest layer first, as in LAYERS"

"""The example guidelines in the handbook: a page per profile, with Word and PDF downloads.

The pages and documents are made at build start, like the record pages, and only
when their text changed: the PDF takes about two seconds, so an unchanged profile
must not be printed again on every build.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from guidegen.content.knowledge import KnowledgeBase
from guidegen.content.myst import escape
from guidegen.fileio import atomic_write, leaves_folder, write_if_changed
from guidegen.guideline.profile import LoadedProfile, load_profile
from guidegen.handbook.pageurls import EXAMPLES_FOLDER
from guidegen.handbook.searchfilters import encode_filters
from guidegen.sphinx.fields import add_field
from guidegen.sphinx.warning_types import Subtype, warn
from guidegen.trees.decisiontree import Tree

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from guidegen.guideline.generate import GeneratedGuideline


#: The formats offered for download next to each page.
DOWNLOAD_FORMATS = ("docx", "pdf")


def generate_examples(
    app: Sphinx, base: KnowledgeBase, trees: Sequence[Tree], marker: str
) -> set[str]:
    """Write each profile's page and documents into the examples folder.

    Returns the names of the files that belong there (the rest is stale).
    """
    confdir = Path(app.confdir)
    profiles_dir = confdir / app.config.guidegen_profiles
    folder = Path(app.srcdir, EXAMPLES_FOLDER)
    if not profiles_dir.is_dir():
        return set()
    # The writers (Word, HTML, PDF) load only for a handbook that has profiles.
    from guidegen.guideline.generate import (  # noqa: PLC0415
        GenerationError,
        generate,
        template_folders,
    )

    try:
        folders = template_folders(confdir / app.config.guidegen_templates)
    except GenerationError as exc:
        _warn(exc.problem.message, exc.problem.location)
        return set()
    examples: list[tuple[LoadedProfile, GeneratedGuideline]] = []
    for path in sorted(profiles_dir.glob("*.yaml")):
        if leaves_folder(path, profiles_dir):
            message = (
                "symbolische koppeling naar een bestand buiten de map met profielen; een "
                "voorbeeldprofiel moet een bestand in die map zijn"
            )
            _warn(message, f"{path}:1")
            continue
        loaded, problems = load_profile(path, base)
        for problem in problems:
            _warn(problem.message, problem.location)
        if loaded is None:
            continue
        try:
            generated = generate(loaded, base, trees, folders, formats=("md",))
        except GenerationError as exc:
            _warn(exc.problem.message, exc.problem.location)
            continue
        page = _example_page(app, loaded, generated, marker)
        _write_downloads(folder, loaded, generated, page, base, trees, folders)
        examples.append((loaded, generated))
    write_if_changed(folder / "index.md", _index_page(examples, marker))
    return {"index.md"} | {
        f"{generated.stem}.{fmt}" for _, generated in examples for fmt in ("md", *DOWNLOAD_FORMATS)
    }


def remove_stale_examples(app: Sphinx, keep: set[str], marker: str) -> int:
    """Delete pages and documents of profiles that no longer exist."""
    folder = Path(app.srcdir, EXAMPLES_FOLDER)
    removed = 0
    for path in sorted(folder.glob("*")) if folder.is_dir() else ():
        if path.name in keep or not path.is_file():
            continue
        if path.suffix in {".docx", ".pdf"} or (
            path.suffix == ".md" and marker in path.read_text(encoding="utf-8", errors="replace")
        ):
            path.unlink()
            removed += 1
    return removed


def _write_downloads(
    folder: Path,
    loaded: LoadedProfile,
    generated: GeneratedGuideline,
    page: str,
    base: KnowledgeBase,
    trees: Sequence[Tree],
    folders: list[Path],
) -> None:
    """(Re)make the Word and PDF files when the page's text changed or a file is missing."""
    targets = {fmt: folder / f"{generated.stem}.{fmt}" for fmt in DOWNLOAD_FORMATS}
    changed = write_if_changed(folder / f"{generated.stem}.md", page)
    if not changed and all(target.is_file() for target in targets.values()):
        return
    from guidegen.guideline.generate import generate  # noqa: PLC0415

    documents = generate(loaded, base, trees, folders, formats=DOWNLOAD_FORMATS)
    for fmt, target in targets.items():
        atomic_write(target, documents.files[fmt])


def _example_page(
    app: Sphinx, loaded: LoadedProfile, generated: GeneratedGuideline, marker: str
) -> str:
    """The guideline as a handbook page: its text, the downloads and the profile behind it."""
    text = generated.files["md"].decode("utf-8")
    title, _, rest = text.partition("\n")
    stem = generated.stem
    profile_text = loaded.path.read_text(encoding="utf-8")
    fence = "`" * max(3, _longest_backtick_run(profile_text) + 1)
    return "\n".join(
        [
            "---",
            f"guidegen-search: {encode_filters([('soort', ['Voorbeeldrichtlijn'])])}",
            "---",
            marker,
            "",
            title,
            "",
            ":::{note}",
            "Dit is een voorbeeld: een richtlijn die guidegen maakte uit het profiel onderaan "
            "deze pagina. Download hem om te bewerken: "
            f"{{download}}`Word (.docx) <{stem}.docx>` of {{download}}`PDF <{stem}.pdf>`.",
            ":::",
            # The guideline holds the profile's and the records' texts: rendered on its
            # own (fields.py), never as this page's source.
            f"```{{guidegen-guideline}} {add_field(app.env, rest.strip())}",
            "```",
            "",
            "## Het profiel achter deze richtlijn",
            "",
            f"Bestand {escape(loaded.path.name)} in de map profiles:",
            "",
            f"{fence}yaml",
            profile_text.rstrip("\n"),
            fence,
            "",
        ]
    )


def _index_page(examples: list[tuple[LoadedProfile, GeneratedGuideline]], marker: str) -> str:
    lines = [
        marker,
        "",
        "# Voorbeeldrichtlijnen",
        "",
        "Met guidegen maakt een organisatie haar eigen richtlijn sociale media uit een kort "
        "profiel: `guidegen generate profiel.yaml`. Deze voorbeelden zijn gemaakt uit de "
        "profielen in de map profiles, voor verzonnen organisaties. Elke richtlijn is er ook "
        "als Word-document, om aan te passen, en als PDF.",
        "",
    ]
    for loaded, generated in examples:
        organisation = loaded.profile.organisation
        lines.append(
            f"- [{escape(organisation.name)}]({generated.stem}.md) ({escape(organisation.type)})"
        )
    lines += ["", "```{toctree}", ":hidden:", ""]
    lines += [generated.stem for _, generated in examples]
    lines += ["```", ""]
    return "\n".join(lines)


def _longest_backtick_run(text: str) -> int:
    return max((len(run) for run in re.findall(r"`+", text)), default=0)


def _warn(message: str, location: str) -> None:
    warn(Subtype.PROFILE, message, location)

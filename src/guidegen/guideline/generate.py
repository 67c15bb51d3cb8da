"""Generate an organisation's guideline in every format, then write it safely.

Every requested format is rendered in memory first; only when all of them are
done is anything written, all files together (:func:`guidegen.fileio.replace_together`).
A failed run therefore leaves no half-written file, never replaces a good document
with a broken one, and never mixes new and old formats of one organisation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2

from guidegen.content.knowledge import KnowledgeBase
from guidegen.content.problems import Problem
from guidegen.dates import dutch_date
from guidegen.fileio import WriteError, remove_stale_temporaries, replace_together
from guidegen.guideline.assemble import Guideline, assemble
from guidegen.guideline.compare import compare
from guidegen.guideline.formats import FORMATS
from guidegen.guideline.parsed import parse_guideline, slugify
from guidegen.guideline.pdf import render_pdf
from guidegen.guideline.profile import LoadedProfile, load_profile, read_reference_docx
from guidegen.guideline.text import render_markdown
from guidegen.guideline.webpage import render_html
from guidegen.trees.decisiontree import Tree

#: Folder of the guideline templates inside a project's ``templates/`` folder.
TEMPLATE_SUBFOLDER = "guideline"


class GenerationError(Exception):
    """A guideline could not be made; ``problem`` says where and why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True)
class GeneratedGuideline:
    """A guideline rendered in memory: file stem, and bytes per format."""

    stem: str
    guideline: Guideline
    files: dict[str, bytes]


def template_folders(project_templates: Path, override: Path | None = None) -> list[Path]:
    """Where templates are looked up: an organisation's own folder first, then the project's."""
    default = project_templates / TEMPLATE_SUBFOLDER
    if not default.is_dir():
        raise GenerationError(
            Problem(default, 1, 1, "the guideline templates are missing; restore this folder")
        )
    return [override, default] if override is not None else [default]


def output_stem(loaded: LoadedProfile) -> str:
    """The file name (without extension): 'richtlijn-sociale-media-<organisation>'."""
    return f"richtlijn-sociale-media-{slugify(loaded.profile.organisation.name) or 'organisatie'}"


def generate(
    loaded: LoadedProfile,
    base: KnowledgeBase,
    trees: Iterable[Tree],
    folders: Sequence[Path],
    formats: Iterable[str] = FORMATS,
    today: date | None = None,
    reference_docx: bytes | None = None,
    previous: str | None = None,
) -> GeneratedGuideline:
    """Render the guideline of ``loaded`` in ``formats``, in memory.

    ``reference_docx`` (a Word file whose styles the .docx takes) overrides the profile's;
    ``previous`` is an earlier version's Markdown, to list what changed since.
    """
    wanted = set(formats)
    unknown = wanted - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown format(s): {', '.join(sorted(unknown))}")
    profile = loaded.profile
    guideline = assemble(profile, base, trees, today)
    try:
        markdown = render_markdown(guideline, base, list(folders))
        if previous is not None:
            changes = compare(previous, markdown)
            markdown = render_markdown(guideline, base, list(folders), changes)
    except jinja2.TemplateError as exc:
        raise GenerationError(_template_problem(exc, folders)) from exc
    files: dict[str, bytes] = {}
    if "md" in wanted:
        files["md"] = markdown.encode("utf-8")
    parsed = parse_guideline(markdown)
    organisation, issued = profile.organisation.name, guideline.issued
    concept, colour = profile.document.status == "concept", profile.house_style.colour
    if wanted & {"html", "pdf"}:
        try:
            html = render_html(
                parsed,
                list(folders),
                organisation=organisation,
                issued=issued,
                logo=loaded.logo,
                concept=concept,
                colour=colour,
            )
        except jinja2.TemplateError as exc:
            raise GenerationError(_template_problem(exc, folders)) from exc
        if "html" in wanted:
            files["html"] = html.encode("utf-8")
        if "pdf" in wanted:
            files["pdf"] = render_pdf(html)
    if "docx" in wanted:
        from guidegen.guideline.word import render_docx  # noqa: PLC0415
        from guidegen.guideline.wordtemplate import WordTemplateError  # noqa: PLC0415

        try:
            files["docx"] = render_docx(
                parsed,
                organisation=organisation,
                issued=issued,
                logo=loaded.logo,
                reference=reference_docx or loaded.reference_docx,
                concept=concept,
                colour=colour,
            )
        except WordTemplateError as exc:  # checked when read; this is a last line of defence
            where = ("house_style", "reference_docx")
            raise GenerationError(loaded.document.problem(where, f"reference_docx: {exc}")) from exc
    ordered = {fmt: files[fmt] for fmt in FORMATS if fmt in files}
    return GeneratedGuideline(output_stem(loaded), guideline, ordered)


def load_profiles(
    paths: Iterable[Path], base: KnowledgeBase, formats: Iterable[str] = FORMATS
) -> tuple[list[LoadedProfile], list[Problem]]:
    """Read and check the profiles at ``paths``: the valid ones, and every problem.

    A profile's Word style template is checked by the Word writer, when ``formats``
    has docx: a profile is input, and only the writer knows what it can use.
    """
    docx = "docx" in formats
    profiles, problems = [], []
    for path in paths:
        loaded, found = load_profile(path, base)
        if loaded is not None and docx:
            found = word_template_problems(loaded)
        problems.extend(found)
        if loaded is not None and not found:
            profiles.append(loaded)
    return profiles, problems


def word_template_problems(loaded: LoadedProfile) -> list[Problem]:
    """What the Word writer finds wrong with the profile's style template, located."""
    if loaded.reference_docx is None:
        return []
    try:
        check_word_template(loaded.reference_docx)
    except ValueError as exc:
        where = ("house_style", "reference_docx")
        return [loaded.document.problem(where, f"reference_docx: {exc}")]
    return []


def read_word_template(path: Path) -> bytes:
    """A Word file whose styles the guideline takes (``--reference-docx``), read and checked.

    :raises ValueError: saying in Dutch what is wrong with it.
    """
    data = read_reference_docx(path)
    check_word_template(data)
    return data


#: A small guideline with every kind of block the Word writer writes: a template is tried
#: on it, so a style python-docx cannot use is reported when the template is read.
_TRIAL_GUIDELINE = """# Richtlijn

Inleiding met **vet**, *schuin* en een [link](https://example.org/).

## Hoofdstuk

### Paragraaf

- Regel
  - Stap
1. Eerste
2. Tweede

> **Nog te besluiten:** iets.
"""


def check_word_template(data: bytes) -> None:
    """:raises ValueError: (the Word writer's ``WordTemplateError``, or a Dutch message
    for a template python-docx opens but cannot write in) if it cannot use ``data``."""
    from guidegen.guideline.word import render_docx  # noqa: PLC0415 - only for docx
    from guidegen.guideline.wordtemplate import WordTemplateError, check_template  # noqa: PLC0415

    check_template(data)
    try:
        render_docx(
            parse_guideline(_TRIAL_GUIDELINE),
            organisation="Proef",
            issued=date(2026, 1, 1),
            reference=data,
        )
    except WordTemplateError:
        raise
    except (ValueError, KeyError) as exc:
        msg = (
            "dit Word-sjabloon is niet te gebruiken: een stijl of nummering wijkt af van "
            f"wat Word zelf maakt ({exc}); begin met een kopie van een gewoon Word-document "
            "en pas daarin alleen de stijlen aan"
        )
        raise ValueError(msg) from exc


def later_knowledge(guideline: Guideline) -> str | None:
    """A Dutch notice for the profile's author when the document's date is earlier than
    some of the knowledge: the notes written after it were left out, and sources read
    after it are cited with their real date. ``None`` when nothing is later."""
    issued = guideline.issued
    later_sources = [s for s in guideline.sources if s.accessed and s.accessed > issued.isoformat()]
    if not guideline.later_notes and not later_sources:
        return None
    parts = [f"let op: het document is gedateerd {dutch_date(issued)}."]
    if guideline.later_notes:
        newest = max(note.date for note in guideline.later_notes)
        parts.append(
            f"{len(guideline.later_notes)} notitie(s) over wat nu geldt zijn van later (tot "
            f"{dutch_date(newest)}) en zijn weggelaten; met een latere datum in het profiel "
            "(document.date) komen ze erin."
        )
    if later_sources:
        parts.append(
            f"{len(later_sources)} bron(nen) zijn later geraadpleegd; de bronnenlijst noemt "
            "die datum."
        )
    return " ".join(parts)


def same_file_names(documents: Sequence[GeneratedGuideline]) -> list[str]:
    """The file names (without extension) that more than one of ``documents`` would get."""
    stems = [document.stem for document in documents]
    return sorted({stem for stem in stems if stems.count(stem) > 1})


def write_generated(generated: GeneratedGuideline, folder: Path) -> list[Path]:
    """Write the documents into ``folder`` all together; return their paths.

    Either every requested format is replaced or none is (an old PDF never
    sits next to a new Word file from a failed run), and temporary files an
    interrupted earlier run left are removed.

    :raises GenerationError: naming the file that could not be written, and why.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        root = folder.resolve()
    except OSError as exc:
        raise GenerationError(_write_problem(folder, exc.strerror or str(exc))) from exc
    targets = {fmt: root / f"{generated.stem}.{fmt}" for fmt in generated.files}
    for target in targets.values():
        if target.parent != root:  # the stem is a slug, so this is a last line of defence
            raise GenerationError(Problem(target, 1, 1, "output path leaves the output folder"))
    remove_stale_temporaries(root, [target.name for target in targets.values()])
    try:
        replace_together({targets[fmt]: generated.files[fmt] for fmt in targets})
    except WriteError as exc:
        raise GenerationError(_write_problem(exc.path, exc.reason)) from exc
    return list(targets.values())


def _write_problem(path: Path, reason: str) -> Problem:
    return Problem(path, 1, 1, f"kan niet schrijven: {reason}; er is geen document vervangen")


def _template_problem(exc: jinja2.TemplateError, folders: Sequence[Path]) -> Problem:
    """Locate a template error in the template file and line it comes from.

    Syntax errors carry their file and line; errors while rendering (an undefined
    name, say) are found in the traceback, where Jinja puts the template's lines.
    """
    name = getattr(exc, "filename", None)
    line = getattr(exc, "lineno", None)
    if name is None:
        frame = exc.__traceback__
        while frame is not None:
            if frame.tb_frame.f_code.co_filename.endswith(".jinja"):
                name, line = frame.tb_frame.f_code.co_filename, frame.tb_lineno
            frame = frame.tb_next
    path = Path(name) if name else Path(folders[0])
    return Problem(path, line or 1, 1, f"template error: {exc.message or exc}")

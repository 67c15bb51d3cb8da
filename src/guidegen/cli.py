"""The ``guidegen`` command line: it reads the options and calls the package that does the job.

Each command imports what it needs when it runs: importing what all of them need at
the start (pydantic and the content model, the guideline writers, Starlette and
uvicorn) takes 0.41–0.49 s of CPU, over the budget of ``guidegen --help`` (0.25 s;
``bench/budgets.py`` measures it at 0.06 s).
"""

# Imports inside the commands are deliberate (see above).
# ruff: noqa: PLC0415

from __future__ import annotations

import gc
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from guidegen.content.project import Project
from guidegen.guideline.formats import FORMATS

if TYPE_CHECKING:
    from guidegen.content.knowledge import KnowledgeBase
    from guidegen.content.problems import Problem
    from guidegen.trees.decisiontree import LoadedTree, Tree

#: The cyclic garbage collector's thresholds as Python set them (``serve`` returns to them).
PYTHON_GC_THRESHOLDS = gc.get_threshold()
#: A run of the command line is short, and most of what it allocates (modules, classes,
#: models, records) lives until it ends. At Python's threshold of 700 new objects the
#: collector walks them again and again while importing; at 100,000 it runs seldom,
#: while a longer run, such as a batch of profiles, is still collected. With the freeze
#: in :func:`run` this saves 0.04 s of CPU of a ``check`` (0.57 s instead of 0.61 s:
#: without it, over its budget of 0.6 s) and 0.06 s of a ``generate`` (0.69 s instead
#: of 0.75 s): medians of 7 alternated runs, 7 December 2026.
CLI_GC_THRESHOLDS = (100_000, 20, 20)


def run() -> None:
    """The ``guidegen`` program: :func:`main` with the collector set for a short run."""
    gc.set_threshold(*CLI_GC_THRESHOLDS)
    try:
        main()
    finally:
        # Python's exit collects garbage once more, walking every object the run made.
        # The process ends now; frozen, they are skipped (measured with the threshold).
        gc.freeze()


PROJECT_PATH = click.argument(
    "path", type=click.Path(path_type=Path, exists=True, file_okay=False), default=Path(".")
)


def project_option(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--project``: the project folder, default the current folder."""
    return click.option(
        "--project",
        "path",
        type=click.Path(path_type=Path, exists=True, file_okay=False),
        default=Path("."),
        help=help_text,
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="guidegen")
@click.option(
    "--no-cache",
    is_flag=True,
    envvar="GUIDEGEN_NO_CACHE",
    help="Check the content anew, neither reading nor writing the cache of checked "
    "content (same as GUIDEGEN_NO_CACHE=1).",
)
def main(no_cache: bool) -> None:
    """guidegen: a social media handbook for government communicators, from YAML."""


def exit_on_problems(problems: list[Problem], summary: str = "{} problem(s) found.") -> None:
    """Print every problem as ``file:line:column: error: ...`` and exit 1, if there are any.

    :param summary: the last line, with ``{}`` for the number of problems.
    """
    if problems:
        for problem in sorted(problems):
            click.echo(str(problem))
        click.echo(summary.format(len(problems)), err=True)
        raise SystemExit(1)


@dataclass
class CheckedContent:
    """What checking a project found and, when it found no problem, what it loaded."""

    problems: list[Problem]
    base: KnowledgeBase | None = None
    trees: list[LoadedTree] = field(default_factory=list)
    #: The warnings that do not depend on the day: outdated terms without a note.
    outdated: list[Problem] = field(default_factory=list)

    def loaded(self) -> tuple[KnowledgeBase, list[LoadedTree]]:
        """The knowledge base and the decision trees (only when there were no problems)."""
        assert self.base is not None, "the content had problems; nothing was loaded"
        return self.base, self.trees

    def warnings(self, today: date | None = None) -> list[Problem]:
        """Outdated terms without a note, and notes whose review date has come."""
        from guidegen.content.currency import past_review

        base, trees = self.loaded()
        return sorted(self.outdated + past_review(base, trees, today))


def check_content(project: Project) -> CheckedContent:
    """Load and check every record and tree of ``project`` (no cache)."""
    from guidegen.content.currency import outdated_mentions
    from guidegen.content.knowledge import load_knowledge_base
    from guidegen.trees.decisiontree import load_trees

    base, problems = load_knowledge_base(project.content)
    trees, tree_problems = load_trees(project.decisions, base)
    if problems or tree_problems:
        return CheckedContent(problems + tree_problems)
    return CheckedContent([], base, trees, outdated_mentions(base, trees))


def checked_or_exit(project: Project) -> CheckedContent:
    """The checked content (from the cache when nothing changed); exit 1 on problems."""
    from guidegen.content.cache import remembered

    if click.get_current_context().find_root().params.get("no_cache", False):
        checked = check_content(project)
    else:
        checked = remembered(project, check_content, CheckedContent)
    exit_on_problems(checked.problems)
    return checked


def load_or_exit(project: Project) -> tuple[KnowledgeBase, list[LoadedTree]]:
    """The records and decision trees; print every problem and exit 1 if there are any."""
    return checked_or_exit(project).loaded()


@main.command()
@PROJECT_PATH
def check(path: Path) -> None:
    """Validate every record and decision tree below PATH (a project or its content folder).

    Prints each problem as ``file:line:column: error: message`` and exits 1,
    or prints a one-line summary and exits 0.

    Example: guidegen check content
    """
    from guidegen.content.stats import check_summary

    checked = checked_or_exit(Project.find(path))
    warnings = checked.warnings()
    for warning in warnings:
        click.echo(str(warning))
    base, trees = checked.loaded()
    click.echo(check_summary(base, len(trees), len(warnings)))


@main.command()
@PROJECT_PATH
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Exit 1 if the committed schema files are not up to date.",
)
def schema(path: Path, check_only: bool) -> None:
    """Write the JSON Schema files for editors to PATH/schemas.

    Example: guidegen schema .
    """
    from guidegen.content.problems import display_path
    from guidegen.schema import stale_schemas, write_schemas

    project = Project.find(path)
    base, _ = load_or_exit(project)
    if not check_only:
        for written in write_schemas(project.schemas, base.vocabulary):
            click.echo(f"wrote {display_path(written)}")
        return
    stale = stale_schemas(project.schemas, base.vocabulary)
    for target in stale:
        where = display_path(target)
        click.echo(f"{where}:1:1: error: schema is out of date; run 'guidegen schema'")
    if stale:
        raise SystemExit(1)


@main.command()
@PROJECT_PATH
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON.")
def stats(path: Path, as_json: bool) -> None:
    """Print counts per type, source and facet value, and the gaps.

    Example: guidegen stats --json
    """
    from guidegen.content.stats import compute_stats, format_stats

    result = compute_stats(load_or_exit(Project.find(path))[0])
    if as_json:
        click.echo(json.dumps(result.__dict__, indent=2, ensure_ascii=False))
    else:
        click.echo(format_stats(result))


@main.command()
@click.argument("tree_id", required=False)
@project_option("Project folder (default: the current folder).")
@click.option("--list", "list_trees", is_flag=True, help="List the decision trees.")
@click.option("--show", is_flag=True, help="Print the whole tree.")
@click.option(
    "--answers",
    help="Answer numbers along the path, e.g. 1,2,1 or 1.2.1 (as in a tree page's "
    "?antwoorden=), or a whole address (non-interactive).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def decide(
    tree_id: str | None,
    path: Path,
    list_trees: bool,
    show: bool,
    answers: str | None,
    as_json: bool,
) -> None:
    """Walk a decision tree: interactively, or with --answers.

    Examples: guidegen decide --list; guidegen decide moet-ik-reageren;
    guidegen decide moet-ik-reageren --answers 1,2 --json;
    guidegen decide moet-ik-reageren --answers 1.1.2 (as in the page's address)
    """
    from guidegen.trees import decide as deciding

    base, loaded = load_or_exit(Project.find(path))
    by_id = {tree.tree.id: tree.tree for tree in loaded}
    if list_trees:
        rows = deciding.tree_rows(list(by_id.values()))
        if as_json:
            click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        else:
            for row in rows:
                click.echo(f"{row['id']:<44} {row['title']}")
        return
    if tree_id is None:
        raise click.UsageError("name a tree (see 'guidegen decide --list')")
    if tree_id not in by_id:
        raise click.BadParameter(
            f"no decision tree {tree_id!r}; choose one of {', '.join(by_id) or 'none'}",
            param_hint="TREE_ID",
        )
    tree = by_id[tree_id]
    if show:
        _show_tree(tree, as_json)
    elif answers is not None:
        try:
            path_taken, node = deciding.walk_answers(tree, answers)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--answers") from exc
        result = deciding.path_result(tree, path_taken, node, base)
        if as_json:
            click.echo(json.dumps(result, indent=2, ensure_ascii=False))
        else:
            click.echo(deciding.format_result(result, node, base))
    else:
        deciding.interactive_walk(tree, base, _ask, click.echo)


def _show_tree(tree: Tree, as_json: bool) -> None:
    """The whole tree: as JSON, or as a readable outline."""
    from guidegen.trees.text import tree_outline

    if as_json:
        data = tree.model_dump(mode="json", exclude_none=True)
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo(tree_outline(tree))


def _ask(question: str) -> str:
    answer: str = click.prompt(question, default="", show_default=False)
    return answer


@main.command()
@click.argument("tree_ids", nargs=-1)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("_build/routeboekjes"),
    show_default=True,
    help="Folder to write the booklets to.",
)
@click.option("--html", "as_html", is_flag=True, help="Write HTML instead of PDF (a quick look).")
@project_option("Project folder (default: the current folder).")
def booklet(tree_ids: tuple[str, ...], output: Path, as_html: bool, path: Path) -> None:
    """Write route booklets for trainers: every path through a tree, with its advice.

    One booklet per TREE_ID; without TREE_IDs one per tree and one of all trees.

    Example: guidegen booklet moet-ik-reageren -o boekjes
    """
    from guidegen.content.problems import display_path
    from guidegen.dates import reproducible_today
    from guidegen.fileio import atomic_write
    from guidegen.guideline.pdf import render_pdf
    from guidegen.trees.booklet import booklet_groups, booklet_html, booklet_stem

    base, trees = load_or_exit(Project.find(path))
    try:
        groups = booklet_groups([loaded.tree for loaded in trees], tree_ids)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="TREE_IDS") from exc
    output.mkdir(parents=True, exist_ok=True)
    for group in groups:
        html = booklet_html(group, base, reproducible_today())
        target = output / f"{booklet_stem(group)}.{'html' if as_html else 'pdf'}"
        atomic_write(target, html if as_html else render_pdf(html))
        click.echo(f"wrote {display_path(target)}")


@main.command()
@click.option(
    "--site",
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    default=Path("_build/html"),
    show_default=True,
    help="The built handbook.",
)
@click.option(
    "--booklets",
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    default=None,
    help="Folder with route booklets made by 'guidegen booklet' (default: those the "
    "site printed, in beslisbomen/routeboekjes/). Only the trees' booklets are taken.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("_build/guidegen-workshop.zip"),
    show_default=True,
)
@project_option("Project folder (default: the current folder).")
def workshop(site: Path, booklets: Path | None, output: Path, path: Path) -> None:
    """Zip the handbook, the route booklets and a start page for an offline workshop."""
    from guidegen.content.problems import display_path
    from guidegen.workshop.bundle import write_bundle

    _, trees = load_or_exit(Project.find(path))
    _require_site(site, site / "beslisbomen" / "index.html")
    listed = [(loaded.tree.id, loaded.tree.title) for loaded in trees]
    names = write_bundle(site, booklets, listed, output)
    click.echo(f"wrote {display_path(output)} ({len(names)} files)")


def _require_site(site: Path, page: Path) -> None:
    if not page.is_file():
        raise click.BadParameter(
            f"{site} bevat geen gebouwd handboek; voer eerst make site uit", param_hint="--site"
        )


def _formats(context: click.Context, parameter: click.Parameter, values: tuple[str]) -> list[str]:
    """``--format``: comma-separated, possibly repeated; each format once, in the order given."""
    given = [part.strip() for value in values for part in value.split(",") if part.strip()]
    wanted = list(dict.fromkeys(given))
    unknown = [fmt for fmt in wanted if fmt not in FORMATS]
    if unknown or not wanted:
        raise click.BadParameter(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}"
        )
    return wanted


@main.command()
# Whether each profile exists is checked in the command: its author gets Dutch.
@click.argument("profiles", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("_build/richtlijnen"),
    show_default=True,
    help="Folder to write the documents to.",
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    default=[",".join(FORMATS)],
    show_default=True,
    callback=_formats,
    help="Comma-separated formats: md, html, docx, pdf (may be repeated).",
)
@click.option(
    "--templates",
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    help="Folder with your own versions of (some of) the templates in templates/guideline.",
)
@click.option(
    "--date",
    "issued",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Date on the document when the profile gives none (default: today).",
)
@click.option(
    "--reference-docx",
    "reference_docx",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="Your own .docx whose styles the Word document takes (overrides the profile's).",
)
@click.option(
    "--compare",
    "previous",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="An earlier version's .md: adds a section on the rules added, removed and changed.",
)
@project_option("Project folder with content/, decisions/ and templates/ (default: here).")
def generate(
    profiles: tuple[Path, ...],
    output: Path,
    formats: list[str],
    templates: Path | None,
    issued: datetime | None,
    reference_docx: Path | None,
    previous: Path | None,
    path: Path,
) -> None:
    """Write an organisation's social media guideline from its PROFILE(S).

    Each profile gives one document in every requested format. Nothing is
    written unless every document of every profile was made without error.

    Example: guidegen generate profiles/gemeente-heuvelrade.yaml -o out --format md,docx
    """
    if output.exists() and not output.is_dir():
        raise click.BadParameter(f"{output} is not a folder", param_hint="--output")
    from guidegen.content.problems import display_path
    from guidegen.dates import reproducible_today
    from guidegen.guideline import generate as generating
    from guidegen.guideline.profile import missing_profile

    exit_on_problems(
        [missing_profile(profile) for profile in profiles if not profile.exists()],
        "{} profiel(en) niet gevonden; er is niets geschreven.",
    )
    project = Project.find(path)
    base, trees = load_or_exit(project)
    loaded, problems = generating.load_profiles(profiles, base, formats)
    exit_on_problems(problems, "{} fout(en) in het profiel gevonden; er is niets geschreven.")
    reference = _reference_docx(reference_docx)
    earlier = _previous_guideline(previous, profiles)
    today = issued.date() if issued else reproducible_today()
    try:
        folders = generating.template_folders(project.templates, templates)
        documents = [
            generating.generate(
                one, base, [t.tree for t in trees], folders, formats, today, reference, earlier
            )
            for one in loaded
        ]
    except generating.GenerationError as exc:
        exit_on_problems([exc.problem], "{} problem(s) found; nothing was written.")
    clashes = generating.same_file_names(documents)
    if clashes:
        raise click.UsageError(f"two profiles give the same file name: {', '.join(clashes)}")
    for document in documents:
        try:
            written = generating.write_generated(document, output)
        except generating.GenerationError as exc:
            exit_on_problems([exc.problem])
        for target in written:
            click.echo(f"wrote {display_path(target)}")
        notice = generating.later_knowledge(document.guideline)
        if notice:
            click.echo(f"{document.stem}: {notice}", err=True)


def _reference_docx(path: Path | None) -> bytes | None:
    """The bytes of --reference-docx, checked; a bad file stops with a Dutch message."""
    if path is None:
        return None
    from guidegen.guideline.generate import read_word_template

    try:
        return read_word_template(path)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--reference-docx") from exc


def _previous_guideline(path: Path | None, profiles: tuple[Path, ...]) -> str | None:
    """The text of --compare's earlier guideline (one profile only)."""
    if path is None:
        return None
    if len(profiles) != 1:
        raise click.BadParameter("vergelijk één profiel tegelijk", param_hint="--compare")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise click.BadParameter(
            f"{path} is geen Markdown-bestand (UTF-8)", param_hint="--compare"
        ) from exc


@main.command()
@click.option(
    "--site",
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    default=Path("_build/html"),
    show_default=True,
    help="The built handbook (make site).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--root-path",
    default="",
    help="The path the organisation's web server serves it under, e.g. /handboek.",
)
@click.option(
    "--max-request-mb",
    type=click.FloatRange(0.1, 100),
    default=3.0,
    show_default=True,
    help="Largest request (profile plus logo), in MB; larger gets 413.",
)
@click.option(
    "--max-seconds",
    type=click.FloatRange(1, 3600),
    default=60.0,
    show_default=True,
    help="Longest generation; longer gets 504.",
)
@click.option(
    "--max-upload-seconds",
    type=click.FloatRange(0.1, 3600),
    default=30.0,
    show_default=True,
    help="Longest time a request's body may take to arrive; longer gets 408.",
)
@click.option(
    "--max-concurrent",
    type=click.IntRange(1, 64),
    default=2,
    show_default=True,
    help="Generations at the same time; one more gets 503 with Retry-After.",
)
@project_option("Project folder with content/, decisions/ and templates/ (default: here).")
def serve(
    site: Path,
    host: str,
    port: int,
    root_path: str,
    max_request_mb: float,
    max_seconds: float,
    max_upload_seconds: float,
    max_concurrent: int,
    path: Path,
) -> None:
    """Serve the built handbook and make guidelines from the form's profiles.

    Binds 127.0.0.1 unless --host says otherwise; put the organisation's web server
    in front of it for others (see the README).

    Example: guidegen serve --site _build/html --port 8000
    """
    from guidegen.guideline.generate import GenerationError, template_folders
    from guidegen.service.app import create_app, run_app
    from guidegen.service.limits import Limits
    from guidegen.service.making import Knowledge

    _require_site(site, site / "index.html")
    project = Project.find(path)
    base, trees = load_or_exit(project)
    try:
        folders = template_folders(project.templates)
    except GenerationError as exc:
        exit_on_problems([exc.problem])
    knowledge = Knowledge(base, [loaded.tree for loaded in trees], folders)
    limits = Limits(
        max_request_bytes=int(max_request_mb * 1_000_000),
        max_seconds=max_seconds,
        max_concurrent=max_concurrent,
        max_upload_seconds=max_upload_seconds,
    )
    gc.set_threshold(*PYTHON_GC_THRESHOLDS)  # a service runs long: Python's own setting
    shown = f"[{host}]" if ":" in host else host
    click.echo(
        f"guidegen serve: het handboek uit {site} en de richtlijnen op "
        f"http://{shown}:{port}{root_path.rstrip('/')}/ (Ctrl-C stopt)"
    )
    run_app(create_app(site, knowledge, limits), host, port, root_path.rstrip("/"))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@project_option("Project folder with conf.py, docs/ and content/ (default: here).")
def preview(host: str, port: int, path: Path) -> None:
    """Show the handbook in the browser while you edit it: each save reloads the page.

    Rebuilds only the pages a change feeds, with sphinx-autobuild (make preview
    installs it), into _build/preview/. A record with a problem is reported here,
    and the browser keeps the last good pages.

    Example: guidegen preview --port 8000
    """
    import importlib.util
    import sys

    from guidegen.service.preview import SOURCE_FOLDER, autobuild_command

    project = Project.find(path)
    if not (project.root / "conf.py").is_file() or not (project.root / SOURCE_FOLDER).is_dir():
        raise click.BadParameter(
            f"{project.root} is geen handboekproject (conf.py of {SOURCE_FOLDER}/ ontbreekt)",
            param_hint="--project",
        )
    if importlib.util.find_spec("sphinx_autobuild") is None:
        raise click.ClickException("sphinx-autobuild ontbreekt; make preview installeert het")
    command = autobuild_command(project, host, port)
    shown = f"[{host}]" if ":" in host else host
    click.echo(
        f"guidegen preview: het handboek op http://{shown}:{port}/ na de eerste bouw; "
        "bewaar een wijziging en de open pagina laadt opnieuw (Ctrl-C stopt)"
    )
    sys.stdout.flush()
    os.execv(command[0], command)

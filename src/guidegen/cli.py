"""The ``guidegen`` command line.

It starts fast: this module imports only click and the standard library, and each
command imports what it needs (pydantic models, the YAML loader, the writers of
the guideline formats) when it runs, so ``guidegen --help`` loads none of them.
"""

# Imports inside the commands are deliberate (see above).
# ruff: noqa: PLC0415

from __future__ import annotations

import gc
import json
import os
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

# guidegen uses no pydantic plugins; looking for them scans every installed package.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from guidegen.content.project import Project
from guidegen.guideline.formats import FORMATS

if TYPE_CHECKING:
    from guidegen.content.knowledge import KnowledgeBase
    from guidegen.content.problems import Problem
    from guidegen.contentcache import CheckedContent
    from guidegen.trees.decisiontree import Answer, LoadedTree, Outcome, Question, Tree

#: The cyclic garbage collector's thresholds as Python set them (``serve`` returns to them).
PYTHON_GC_THRESHOLDS = gc.get_threshold()
#: A run of the command line is short, and most of what it allocates (modules, classes,
#: models, records) lives until it ends. At Python's threshold of 700 new objects the
#: collector walked them again and again while importing: 14 % of the CPU time of a
#: cached ``generate`` (bench/cli.py). At 100,000 it does not run during a cached
#: ``generate`` of one profile (about 75,000 objects; at 50,000 one pass took 0.02 s);
#: a longer run, such as a batch of profiles, is still collected.
CLI_GC_THRESHOLDS = (100_000, 20, 20)


def run() -> None:
    """The ``guidegen`` program: :func:`main` with the collector set for a short run."""
    gc.set_threshold(*CLI_GC_THRESHOLDS)
    try:
        main()
    finally:
        # Python's exit collects garbage once more, walking every object the run made:
        # 0.12 s of a cached generate. The process ends now; frozen, they are skipped.
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
    help="Neither read nor write the cache of checked content and compiled templates "
    "(same as GUIDEGEN_NO_CACHE=1).",
)
@click.pass_context
def main(context: click.Context, no_cache: bool) -> None:
    """guidegen: a social media handbook for government communicators, from YAML."""
    if no_cache:
        from guidegen.cache import turned_off

        context.with_resource(turned_off())


def load_or_exit(project: Project) -> KnowledgeBase:
    """Load the knowledge base; print every problem and exit 1 if there are any."""
    return load_all_or_exit(project)[0]


def exit_on_problems(problems: list[Problem], summary: str = "{} problem(s) found.") -> None:
    """Print every problem as ``file:line:column: error: ...`` and exit 1, if there are any.

    :param summary: the last line, with ``{}`` for the number of problems.
    """
    if problems:
        for problem in sorted(problems):
            click.echo(str(problem))
        click.echo(summary.format(len(problems)), err=True)
        raise SystemExit(1)


def load_all_or_exit(project: Project) -> tuple[KnowledgeBase, list[LoadedTree]]:
    """Load records and decision trees; print every problem and exit 1 if there are any."""
    return checked_or_exit(project).loaded()


def checked_or_exit(project: Project) -> CheckedContent:
    """The checked content (from the cache when nothing changed); exit 1 on problems."""
    from guidegen.contentcache import checked_content

    checked = checked_content(project)
    exit_on_problems(checked.problems)
    return checked


@main.command()
@PROJECT_PATH
def check(path: Path) -> None:
    """Validate every record and decision tree below PATH (a project or its content folder).

    Prints each problem as ``file:line:column: error: message`` and exits 1,
    or prints a one-line summary and exits 0.

    Example: guidegen check content
    """
    checked = checked_or_exit(Project.find(path))
    warnings = checked.warnings()
    for warning in warnings:
        click.echo(str(warning))
    counts = checked.counts
    summary = ", ".join(f"{count} {name}" for name, count in sorted(counts.items()))
    click.echo(
        f"OK: {sum(counts.values())} records ({summary or 'none'}), "
        f"{checked.tree_count} decision tree(s)"
        + (f", {len(warnings)} warning(s)." if warnings else ".")
    )


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
    from guidegen.content.jsonschema import render_schema
    from guidegen.content.problems import display_path
    from guidegen.fileio import write_if_changed
    from guidegen.schema import all_schemas

    project = Project.find(path)
    base = load_or_exit(project)
    stale = []
    for name, content in all_schemas(base.vocabulary).items():
        target = project.schemas / name
        text = render_schema(content)
        if check_only:
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                stale.append(target)
        elif write_if_changed(target, text):
            click.echo(f"wrote {display_path(target)}")
    if stale:
        for target in stale:
            click.echo(
                f"{display_path(target)}:1:1: error: schema is out of date; run 'guidegen schema'"
            )
        raise SystemExit(1)


@main.command()
@PROJECT_PATH
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON.")
def stats(path: Path, as_json: bool) -> None:
    """Print counts per type, source and facet value, and the gaps.

    Example: guidegen stats --json
    """
    from guidegen.content.stats import compute_stats, format_stats

    result = compute_stats(load_or_exit(Project.find(path)))
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
    base, trees = load_all_or_exit(Project.find(path))
    by_id = {loaded.tree.id: loaded.tree for loaded in trees}
    if list_trees:
        rows = [
            {
                "id": t.id,
                "title": t.title,
                "questions": len(t.questions),
                "outcomes": len(t.outcomes),
            }
            for t in by_id.values()
        ]
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
        show_tree(tree, as_json)
        return
    if answers is not None:
        from guidegen.trees.decisiontree import parse_answers, walk

        try:
            numbers, step = parse_answers(answers)
            path_taken, node = walk(tree, numbers)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--answers") from exc
        if step is not None and step != node.id:
            raise click.BadParameter(
                f"the answers lead to {node.id!r}, not to the address's step {step!r}",
                param_hint="--answers",
            )
        result = path_result(tree, path_taken, node, base)
        if as_json:
            click.echo(json.dumps(result, indent=2, ensure_ascii=False))
        else:
            click.echo(format_result(result, node, base))
        return
    interactive_walk(tree, base)


def show_tree(tree: Tree, as_json: bool) -> None:
    """The whole tree: as JSON, or as a readable outline."""
    if as_json:
        data = tree.model_dump(mode="json", exclude_none=True)
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        from guidegen.trees.text import tree_outline

        click.echo(tree_outline(tree))


def path_result(
    tree: Tree,
    path_taken: list[tuple[Question, Answer]],
    node: Question | Outcome,
    base: KnowledgeBase | None = None,
) -> dict[str, object]:
    """The path and where it ended, as plain data (with the notes of outdated terms the
    outcome mentions, as the text output shows them)."""
    from guidegen.trees.decisiontree import Outcome
    from guidegen.trees.diagram import codes

    code_of = codes(tree)
    numbers = [q.answers.index(a) + 1 for q, a in path_taken]
    result: dict[str, object] = {
        "tree": tree.id,
        "path": [
            {
                "question": q.id,
                "code": code_of[q.id],
                "text": q.text,
                "number": number,
                "answer": a.label,
            }
            for (q, a), number in zip(path_taken, numbers, strict=True)
        ],
        # The same route as a tree page's address writes it (?antwoorden=1.1.2#step).
        "address": (f"?antwoorden={'.'.join(map(str, numbers))}" if numbers else "")
        + f"#{node.id}",
    }
    if isinstance(node, Outcome):
        result["outcome"] = {
            "id": node.id,
            "code": code_of[node.id],
            "title": node.title,
            "advice": node.advice,
            "why": node.why,
            "records": node.records,
            "sources": [c.model_dump(exclude_none=True) for c in node.sources],
            "notes": [n.model_dump(mode="json", exclude_none=True) for n in node.notes],
            "term_notes": _term_notes(node, base),
        }
    else:
        result["question"] = {
            "id": node.id,
            "code": code_of[node.id],
            "text": node.text,
            "answers": [a.label for a in node.answers],
        }
    return result


def _term_notes(outcome: Outcome, base: KnowledgeBase | None) -> dict[str, object]:
    """The notes of the outdated terms ``outcome`` mentions, by term id."""
    from guidegen.trees.text import outcome_term_notes

    found = outcome_term_notes(outcome, base)
    return {term: note.model_dump(mode="json", exclude_none=True) for term, note in found.items()}


def format_result(
    result: dict[str, object], node: Question | Outcome, base: KnowledgeBase | None = None
) -> str:
    """Readable text for a walked path: the answers, then the outcome or next question."""
    from guidegen.trees.decisiontree import Outcome
    from guidegen.trees.text import outcome_text

    steps: list[dict[str, object]] = result["path"]  # type: ignore[assignment]
    lines = [
        f"{step['code']} {step['text']} → {step['number']}. {step['answer']}" for step in steps
    ]
    lines += [f"(in het adres van de beslisboom: {result['address']})"]
    if isinstance(node, Outcome):
        code = result["outcome"]["code"]  # type: ignore[index]
        lines += ["", f"{code} " + outcome_text(node, base)]
    else:
        code = result["question"]["code"]  # type: ignore[index]
        lines += ["", f"Volgende vraag ({code}): {node.text}"]
    return "\n".join(lines)


def interactive_walk(tree: Tree, base: KnowledgeBase | None = None) -> None:
    """Ask the questions in the terminal: a number answers, b goes back, q quits."""
    from guidegen.trees.decisiontree import Question

    click.echo(f"{tree.title}\n")
    history: list[tuple[Question, Answer]] = []
    node: Question | Outcome = tree.node(tree.start)
    while isinstance(node, Question):
        click.echo(node.text)
        for number, answer in enumerate(node.answers, start=1):
            click.echo(f"  {number}. {answer.label}")
        choice = (
            click.prompt(
                "Antwoord (nummer, b = terug, q = stoppen)", default="", show_default=False
            )
            .strip()
            .lower()
        )
        if choice == "q":
            raise SystemExit(0)
        if choice == "b":
            if history:
                node = history.pop()[0]
            click.echo("")
            continue
        if not choice.isdigit() or not 1 <= int(choice) <= len(node.answers):
            click.echo(f"Kies een nummer van 1 tot {len(node.answers)}, b of q.\n")
            continue
        answer = node.answers[int(choice) - 1]
        history.append((node, answer))
        node = tree.node(answer.next)
        click.echo("")
    click.echo(format_result(path_result(tree, history, node), node, base))


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
    from guidegen.fileio import atomic_write
    from guidegen.guideline.pdf import render_pdf
    from guidegen.trees.booklet import booklet_html, booklet_stem

    base, trees = load_all_or_exit(Project.find(path))
    by_id = {loaded.tree.id: loaded.tree for loaded in trees}
    unknown = [tree_id for tree_id in tree_ids if tree_id not in by_id]
    if unknown:
        raise click.BadParameter(
            f"geen beslisboom {', '.join(unknown)}; kies uit {', '.join(by_id)}",
            param_hint="TREE_IDS",
        )
    chosen = [[by_id[tree_id]] for tree_id in tree_ids] or [[tree] for tree in by_id.values()]
    if not tree_ids and len(by_id) > 1:
        chosen.append(list(by_id.values()))
    output.mkdir(parents=True, exist_ok=True)
    for group in chosen:
        html = booklet_html(group, base, _reproducible_today())
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

    _, trees = load_all_or_exit(Project.find(path))
    if not (site / "beslisbomen" / "index.html").is_file():
        raise click.BadParameter(
            f"{site} bevat geen gebouwd handboek; voer eerst make site uit", param_hint="--site"
        )
    listed = [(loaded.tree.id, loaded.tree.title) for loaded in trees]
    names = write_bundle(site, booklets, listed, output)
    click.echo(f"wrote {display_path(output)} ({len(names)} files)")


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
    formats: tuple[str, ...],
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
    given = [part.strip() for value in formats for part in value.split(",") if part.strip()]
    wanted = list(dict.fromkeys(given))  # each format once, in the order given
    unknown = [fmt for fmt in wanted if fmt not in FORMATS]
    if unknown or not wanted:
        raise click.BadParameter(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}",
            param_hint="--format",
        )
    if output.exists() and not output.is_dir():
        raise click.BadParameter(f"{output} is not a folder", param_hint="--output")
    from guidegen.content.problems import display_path
    from guidegen.guideline.generate import GenerationError, template_folders, write_generated
    from guidegen.guideline.generate import generate as generate_guideline
    from guidegen.guideline.profile import load_profile

    exit_on_problems(
        [_missing_profile(profile) for profile in profiles if not profile.exists()],
        "{} profiel(en) niet gevonden; er is niets geschreven.",
    )
    project = Project.find(path)
    base, trees = load_all_or_exit(project)
    loaded_profiles, problems = [], []
    for profile_path in profiles:
        loaded, found = load_profile(profile_path, base)
        problems.extend(found)
        if loaded is not None:
            loaded_profiles.append(loaded)
    exit_on_problems(problems, "{} fout(en) in het profiel gevonden; er is niets geschreven.")
    today = issued.date() if issued else _reproducible_today()
    reference = _reference_docx(reference_docx)
    earlier = _previous_guideline(previous, profiles)
    try:
        folders = template_folders(project.templates, templates)
        documents = [
            generate_guideline(
                loaded, base, [t.tree for t in trees], folders, wanted, today, reference, earlier
            )
            for loaded in loaded_profiles
        ]
    except GenerationError as exc:
        exit_on_problems([exc.problem], "{} problem(s) found; nothing was written.")
    stems = [document.stem for document in documents]
    clashes = sorted({stem for stem in stems if stems.count(stem) > 1})
    if clashes:
        raise click.UsageError(f"two profiles give the same file name: {', '.join(clashes)}")
    for document in documents:
        try:
            paths = write_generated(document, output)
        except GenerationError as exc:
            exit_on_problems([exc.problem])
        for written in paths:
            click.echo(f"wrote {display_path(written)}")


def _missing_profile(path: Path) -> Problem:
    """A profile path that does not exist, said in Dutch, with the closest profile next to it."""
    import difflib

    from guidegen.content.problems import Problem

    folder = path.parent
    if not folder.is_dir():
        message = f"het profiel bestaat niet: de map {str(folder)!r} bestaat niet"
    else:
        names = sorted(p.name for p in folder.glob("*.yaml"))
        close = difflib.get_close_matches(path.name, names, n=1, cutoff=0.6)
        hint = f" (bedoelde je {str(folder / close[0])!r}?)" if close else ""
        message = f"het profiel bestaat niet: in deze map is geen bestand {path.name!r}{hint}"
    return Problem(path, 1, 1, message, severity="fout")


def _reference_docx(path: Path | None) -> bytes | None:
    """The bytes of --reference-docx, checked; a bad file stops with a Dutch message."""
    if path is None:
        return None
    from guidegen.guideline.profile import read_reference_docx

    try:
        return read_reference_docx(path)
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


def _reproducible_today() -> date:
    """Today, or the day of ``SOURCE_DATE_EPOCH`` for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()


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
    import uvicorn

    from guidegen.guideline.generate import GenerationError, template_folders
    from guidegen.service.app import create_app
    from guidegen.service.limits import Limits
    from guidegen.service.making import Knowledge

    if not (site / "index.html").is_file():
        raise click.BadParameter(
            f"{site} bevat geen gebouwd handboek; voer eerst make site uit", param_hint="--site"
        )
    project = Project.find(path)
    base, trees = load_all_or_exit(project)
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
    app = create_app(site, knowledge, limits)
    gc.set_threshold(*PYTHON_GC_THRESHOLDS)  # a service runs long: Python's own setting
    shown = f"[{host}]" if ":" in host else host
    click.echo(
        f"guidegen serve: het handboek uit {site} en de richtlijnen op "
        f"http://{shown}:{port}{root_path.rstrip('/')}/ (Ctrl-C stopt)"
    )
    uvicorn.run(
        app,
        host=host,
        port=port,
        root_path=root_path.rstrip("/"),
        log_level="warning",
        server_header=False,
    )


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

"""The ``guidegen`` command line."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .fileio import write_if_changed
from .knowledge import KnowledgeBase, load_knowledge_base
from .problems import display_path
from .project import Project
from .schema import all_schemas, render_schema
from .stats import compute_stats, format_stats

PROJECT_PATH = click.argument(
    "path", type=click.Path(path_type=Path, exists=True, file_okay=False), default=Path(".")
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="guidegen")
def main() -> None:
    """guidegen: a social media handbook for government communicators, from YAML."""


def load_or_exit(project: Project) -> KnowledgeBase:
    """Load the knowledge base; print every problem and exit 1 if there are any."""
    base, problems = load_knowledge_base(project.content)
    if problems:
        for problem in problems:
            click.echo(str(problem))
        click.echo(f"{len(problems)} problem(s) found.", err=True)
        raise SystemExit(1)
    return base


@main.command()
@PROJECT_PATH
def check(path: Path) -> None:
    """Validate every record below PATH (a project or its content folder).

    Prints each problem as ``file:line:column: error: message`` and exits 1,
    or prints a one-line summary and exits 0.

    Example: guidegen check content
    """
    base = load_or_exit(Project.find(path))
    counts = base.counts()
    summary = ", ".join(f"{count} {name}" for name, count in sorted(counts.items()))
    click.echo(f"OK: {sum(counts.values())} records ({summary or 'none'}).")


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
    result = compute_stats(load_or_exit(Project.find(path)))
    if as_json:
        click.echo(json.dumps(result.__dict__, indent=2, ensure_ascii=False))
    else:
        click.echo(format_stats(result))

"""The handbook's generated pages, as MyST text, from a knowledge base.

Nothing here imports Sphinx: :func:`plan_pages` and :func:`plan_tree_pages` plan
each page (its path below the generated folder, a digest of its inputs and how to
render it), and the Sphinx extension renders and writes the pages whose inputs
changed.  Output is deterministic (sorted everywhere), so unchanged records give
byte-identical pages and Sphinx re-reads nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from guidegen.content.currency import noted_terms, shown_texts, term_notes
from guidegen.content.knowledge import KnowledgeBase
from guidegen.content.model import (
    FACET_LABELS,
    FACET_SINGULAR,
    FACETS,
    RECORD_TYPES,
    CurrencyNote,
    OutdatedTerm,
    Source,
)
from guidegen.content.myst import Myst, escape, template_environment
from guidegen.handbook.fingerprint import digest, record_digest, renderer_digest
from guidegen.handbook.pagecontext import PageContext, SharedIndex
from guidegen.handbook.pageurls import (
    CHANGES_DOCNAME,
    FEED_NAME,
    GENERATED_FOLDER,
    TREES_FOLDER,
    facet_docname,
    record_docname,
    type_docname,
)
from guidegen.handbook.qrcodes import qr_svg
from guidegen.handbook.searchfilters import encode_filters
from guidegen.trees.booklet import routes
from guidegen.trees.decisiontree import Tree
from guidegen.trees.diagram import legend, tree_svg

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class PlannedPage:
    """A generated page before rendering: its path, a digest of its inputs, its renderer.

    Two plans with the same ``inputs`` render the same text, so a caller that kept
    the digest of the page it wrote last time can skip rendering it again.
    """

    name: str
    inputs: str
    render: Callable[[], str]


def plan_pages(
    base: KnowledgeBase, shared: SharedIndex | None = None, trees: Sequence[Tree] = ()
) -> list[PlannedPage]:
    """Every generated page (path relative to the generated folder), not yet rendered.

    :param shared: the base's cross-record lookups, if the caller plans other pages too.
    :param trees: the decision trees, whose outcomes' notes the changes page lists too.
    """
    environment = template_environment(TEMPLATES)
    shared = shared or SharedIndex(base)
    common = shared.inputs
    pages: list[PlannedPage] = []

    def plan(docname: str, template: str, inputs: str = common, **context: object) -> None:
        def render() -> str:
            page = PageContext(base, docname, shared)
            return environment.get_template(template).render(page=page, **context)

        pages.append(PlannedPage(f"{docname}.md", inputs, render))

    plan(
        CHANGES_DOCNAME,
        "changes.md.jinja",
        digest(common, *(tree.model_dump_json(include={"id", "title", "nodes"}) for tree in trees)),
        entries=note_entries(base, trees, PageContext(base, CHANGES_DOCNAME, shared)),
        feed_name=FEED_NAME,
    )
    types = list(RECORD_TYPES)
    plan(
        "index",
        "index.md.jinja",
        types=types,
        facets=FACETS,
        facet_labels=FACET_LABELS,
        type_docname=type_docname,
        facet_docname=facet_docname,
        counts=base.counts(),
        changes_docname=CHANGES_DOCNAME,
    )
    for cls in types:
        records = base.of_type(cls)
        plan(
            type_docname(cls.type_name),
            "type_overview.md.jinja",
            cls=cls,
            records=records,
            record_docname=record_docname,
        )
        for record in records:
            plan(
                record_docname(record.id),
                f"{cls.type_name}.md.jinja",
                inputs=digest(common, record_digest(record)),
                record=record,
            )
    if base.vocabulary is not None:
        for facet in FACETS:
            values = base.vocabulary.values(facet)
            counts = {value: len(shared.by_facet_value.get((facet, value), [])) for value in values}
            plan(
                facet_docname(facet),
                "facet_index.md.jinja",
                facet=facet,
                label=FACET_LABELS[facet],
                values=values,
                counts=counts,
                facet_docname=facet_docname,
            )
            for value, term in values.items():
                records = shared.by_facet_value.get((facet, value), [])
                grouped = {cls: [r for r in records if isinstance(r, cls)] for cls in types}
                plan(
                    facet_docname(facet, value),
                    "facet_value.md.jinja",
                    facet=facet,
                    facet_label=FACET_LABELS[facet],
                    facet_name=FACET_SINGULAR[facet],
                    value=value,
                    term=term,
                    grouped={cls: rs for cls, rs in grouped.items() if rs},
                )
    return pages


@dataclass(frozen=True)
class NoteEntry:
    """A currency note on the changes page: where it stands and a link to it.

    ``key`` names the note's place for good (a record id, ``tree/outcome`` or
    ``begrip/term``): the Atom feed's ids are made from it. ``docname`` and ``anchor``
    are the page that shows the note (relative to the Sphinx source folder) and the
    place on it ("" for the page itself).
    """

    date: str
    title: str
    link: Myst
    label: str
    note: CurrencyNote
    key: str = ""
    docname: str = ""
    anchor: str = ""


def note_entries(base: KnowledgeBase, trees: Sequence[Tree], page: PageContext) -> list[NoteEntry]:
    """Every note of records, tree outcomes and outdated terms, oldest first (the changes
    page and the feed reverse them); ``page`` is the page the links are made for."""
    entries = [
        NoteEntry(
            note.date,
            record.title,
            page.link(record.id),
            page.type_label(record),
            note,
            record.id,
            f"{GENERATED_FOLDER}/{record_docname(record.id)}",
        )
        for record in base.records
        for note in getattr(record, "notes", [])
    ]
    for tree in trees:
        for outcome in tree.outcomes:
            link = Myst(f"[{escape(outcome.title)}]({page.href(f'../{TREES_FOLDER}/{tree.id}')})")
            entries += [
                NoteEntry(
                    note.date,
                    outcome.title,
                    link,
                    f"beslisboom {tree.title}",
                    note,
                    f"{tree.id}/{outcome.id}",
                    f"{TREES_FOLDER}/{tree.id}",
                    outcome.id,
                )
                for note in outcome.notes
            ]
    for term_id, coverage in term_coverage(base, trees).items():
        if coverage.term.note is not None:
            entries.append(_term_entry(term_id, coverage.term.note, coverage))
    return sorted(entries, key=lambda e: (e.date, e.title.casefold(), e.key))


@dataclass(frozen=True)
class TermCoverage:
    """Where a term with a note of its own appears: record ids and tree ids."""

    term: OutdatedTerm
    records: tuple[str, ...]
    trees: tuple[str, ...]


def term_coverage(base: KnowledgeBase, trees: Sequence[Tree]) -> dict[str, TermCoverage]:
    """Per term with a note of its own: the records and trees whose pages mention it."""
    terms = noted_terms(base.vocabulary)
    record_texts = {r.id: shown_texts(r) for r in base.records if not isinstance(r, Source)}
    tree_texts = {tree.id: shown_texts(tree) for tree in trees}
    return {
        term_id: TermCoverage(
            term,
            tuple(i for i, texts in record_texts.items() if any(map(term.finds, texts))),
            tuple(i for i, texts in tree_texts.items() if any(map(term.finds, texts))),
        )
        for term_id, term in terms.items()
    }


def _term_entry(term_id: str, note: CurrencyNote, coverage: TermCoverage) -> NoteEntry:
    """The changes page's entry for the note of an outdated term: once, with its reach."""
    records, trees = len(coverage.records), len(coverage.trees)
    pages = "kennisbankpagina" if records == 1 else "kennisbankpagina's"
    reach = (
        f"verouderd woord; deze noot staat op elke pagina die het noemt: nu {records} "
        f"{pages} en {trees} {'beslisboom' if trees == 1 else 'beslisbomen'}"
    )
    label = coverage.term.label
    changes = f"{GENERATED_FOLDER}/{CHANGES_DOCNAME}"
    return NoteEntry(note.date, label, escape(label), reach, note, f"begrip/{term_id}", changes)


def first_routes(tree: Tree) -> dict[str, Myst]:
    """Per node the query of the first route to it (``?antwoorden=1.2``; ``""`` at the
    start), so a printed link to a step opens it with a trail that leads there (digits
    and dots only: safe to write into a page as is)."""
    found: dict[str, Myst] = {}
    for route in routes(tree):
        answers: list[str] = []
        for question, answer in route.steps:
            query = f"?antwoorden={'.'.join(answers)}" if answers else ""
            found.setdefault(question.id, Myst(query))
            answers.append(str(question.answers.index(answer) + 1))
        found.setdefault(route.outcome.id, Myst(f"?antwoorden={'.'.join(answers)}"))
    return found


def plan_tree_pages(
    base: KnowledgeBase,
    trees: list[Tree],
    yaml_paths: dict[str, str],
    base_url: str,
    shared: SharedIndex | None = None,
    booklets: bool = False,
) -> list[PlannedPage]:
    """Pages and images of the decision trees (paths relative to the trees folder).

    :param yaml_paths: per tree id, its YAML file relative to the tree page.
    :param base_url: the handbook's public address, for QR codes and printed handouts;
        empty: the trainers page links within the site only and has no QR codes.
    :param shared: the base's cross-record lookups, if the caller plans other pages too.
    :param booklets: the build prints the route booklets into ``routeboekjes/``
        (``guidegen_booklets``): the trainers page links them.
    """
    environment = template_environment(TEMPLATES)
    shared = shared or SharedIndex(base)
    root = base_url.rstrip("/")
    urls = {tree.id: f"{root}/{TREES_FOLDER}/{tree.id}.html" for tree in trees} if root else {}
    renderer = renderer_digest()
    # The note of an outdated term that the trees mention shows on the index and trainers page.
    texts = [text for tree in trees for text in shown_texts(tree)]
    noted = list(term_notes(base.vocabulary, texts).values())
    every_tree = digest(
        renderer,
        *(tree.model_dump_json() for tree in trees),
        *urls.values(),
        *(note.model_dump_json() for note in noted),
        str(booklets),
    )
    index_page = PageContext(base, f"../{TREES_FOLDER}/index", shared)

    def template(name: str, **context: object) -> Callable[[], str]:
        return lambda: environment.get_template(name).render(**context)

    pages = [
        PlannedPage(
            "index.md",
            every_tree,
            template("trees_index.md.jinja", trees=trees, page=index_page, term_notes=noted),
        ),
        PlannedPage(
            "voor-trainers.md",
            every_tree,
            template(
                "trainers.md.jinja",
                trees=trees,
                urls=urls,
                legends={tree.id: legend(tree) for tree in trees},
                booklets=booklets,
                routes={tree.id: first_routes(tree) for tree in trees},
                page=index_page,
                term_notes=noted,
            ),
        ),
    ]
    common = shared.inputs
    for tree in trees:
        page = PageContext(base, f"../{TREES_FOLDER}/{tree.id}", shared)
        audiences = [page.facet_label("audiences", a) for a in tree.audiences]
        filters = encode_filters([("soort", ["Beslisboom"]), ("doelgroep", audiences)])
        own = tree.model_dump_json()
        pages += [
            PlannedPage(
                f"{tree.id}.md",
                digest(common, own, yaml_paths[tree.id]),
                template(
                    "tree.md.jinja",
                    tree=tree,
                    yaml_path=yaml_paths[tree.id],
                    audiences=audiences,
                    link=page.link,
                    filters=filters,
                    page=page,
                    term_notes=list(term_notes(base.vocabulary, shown_texts(tree)).values()),
                ),
            ),
            PlannedPage(f"schema/{tree.id}.svg", digest(renderer, own), partial(tree_svg, tree)),
        ]
        if tree.id in urls:
            url = urls[tree.id]
            qr = PlannedPage(f"qr/{tree.id}.svg", digest(renderer, url), partial(qr_svg, url))
            pages.append(qr)
    return pages

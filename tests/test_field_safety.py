"""Field text can never change the page around it (issue 24, section 2).

The check refuses fences, directives, roles and raw HTML in Markdown fields
(``test_hostile_markdown.py``). These tests take the check away and put such text
into every kind of Markdown field that reaches a page, then build: the pages'
structure outside each field's own nodes, the published files and the pages'
heads must be those of a build with harmless text. And every template must write
fields through the one placeholder path.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from jinja2 import nodes as jn
from sphinx.testing.util import SphinxTestApp

from guidegen.content import model
from guidegen.content.model import RECORD_TYPES, CurrencyNote, Result, Step, markdown_fields
from guidegen.content.myst import template_environment
from guidegen.handbook.pages import TEMPLATES
from guidegen.sphinx.fields import field_inline, field_text
from guidegen.trees.decisiontree import Outcome, Question, Tree

from .conftest import REPO, ROOTS, write

HARMLESS = "Gewone *tekst* met een [link](https://example.org)."
#: Every kind of fence, directive, role, raw HTML and container marker, in one field.
EVERYTHING = """\
Begin.

:::
```{download} /etc/hostname
```
```{image} /etc/hostname
```
:::

:::::

:::::

::::

```{eval-rst}
.. meta::
   :http-equiv=refresh: 0;url=https://example.org
```

~~~{raw} html
<script>alert(1)</script>
~~~

:::{include} /etc/hostname
:::

    ```{image} /etc/hostname
    ```

{download}`/etc/hostname` {doc}`index` {raw}`<b>x</b>` {image}`/etc/hostname`

<script>alert(1)</script>
<meta http-equiv="refresh" content="0;url=https://example.org">
<iframe src="https://example.org"></iframe>

- :::{image} /etc/hostname
  :::
> ```{download} /etc/hostname
> ```

Einde."""
HOSTILE = {
    "everything": EVERYTHING,
    # A bare colon fence first: a container whose contents MyST parsed.
    "bare-colon-fence": ":::\n{download}`/etc/hostname`\n\n```{image} /etc/hostname\n```\n:::",
    # A pair of long colon fences: the first would close the box around the field.
    "long-colon-fences": "::::::\n\n::::::\n\n```{download} /etc/hostname\n```",
    "eval-rst-meta": (
        "```{eval-rst}\n.. meta::\n   :http-equiv=refresh: 0;url=https://example.org\n```"
    ),
}


def block(text: str, indent: str) -> str:
    """``text`` as a YAML literal block scalar at ``indent``."""
    return "|-\n" + "\n".join(indent + line if line else "" for line in text.split("\n"))


def note(text: str, indent: str) -> str:
    return (
        f"\n{indent}- date: '2026-01-01'\n{indent}  review: '2027-01-01'\n"
        f"{indent}  text: {block(text, indent + '    ')}\n"
        f"{indent}  sources: [{{source: handreiking, section: Noot}}]"
    )


def records(text: str) -> dict[str, str]:
    """A record of every type with every Markdown field (and a note) holding ``text``."""
    t = lambda indent="  ": block(text, indent)  # noqa: E731
    item = lambda: "\n  - " + block(text, "    ")  # noqa: E731
    cite = "sources: [{source: handreiking, section: Veld}]"
    notes = "notes:" + note(text, "  ")
    return {
        "practices/veld-doe.yaml": f"id: veld-doe\nkind: do\ntitle: Veld doe\nsummary: S.\n"
        f"body: {t()}\nrationale: {t()}\nexamples:{item()}\n{cite}\n{notes}\n",
        "strategies/veld-strategie.yaml": f"id: veld-strategie\ntitle: Veld strategie\n"
        f"summary: S.\ngoal: {t()}\nfits_when: {t()}\nconditions:{item()}\nrisks:{item()}\n"
        f"body: {t()}\n{cite}\n{notes}\n",
        "cases/veld-casus.yaml": f"id: veld-casus\ntitle: Veld casus\nsummary: S.\n"
        f"organisation: O\nwhat_was_done: {t()}\nresults:\n  - text: {block(text, '      ')}\n"
        f"    source: {{source: handreiking, section: R}}\nlessons:{item()}\n{cite}\n{notes}\n",
        "stepplans/veld-plan.yaml": f"id: veld-plan\ntitle: Veld plan\nsummary: S.\n"
        f"intro: {t()}\nsteps:\n  - title: Een\n    body: {block(text, '      ')}\n"
        f"  - title: Twee\n{cite}\n{notes}\n",
        "considerations/veld-punt.yaml": f"id: veld-punt\nkind: risico\ntitle: Veld punt\n"
        f"summary: S.\nbody: {t()}\nmitigations:{item()}\n{cite}\n{notes}\n",
        "terms/veld-begrip.yaml": f"id: veld-begrip\ntitle: Veld begrip\n"
        f"definition: {t()}\n{cite}\n{notes}\n",
        "sources/veld-bron.yaml": "id: veld-bron\ntitle: Veld bron\npublisher: P\nyear: 2020\n"
        "url: https://example.org/bron\naccessed: '2026-01-01'\nlicence: L.\n"
        f"description: {t()}\n",
    }


def tree(text: str) -> str:
    t = lambda indent: block(text, indent)  # noqa: E731
    return f"""\
id: veldboom
title: Veldboom
introduction: {t("  ")}
sources: [{{source: handreiking, section: Boom}}]
start: vraag
nodes:
  - id: vraag
    type: question
    text: Een vraag?
    help: {t("      ")}
    answers:
      - {{label: Ja, next: advies}}
      - {{label: Nee, next: advies}}
  - id: advies
    type: outcome
    title: Een advies
    advice: {t("      ")}
    why: {t("      ")}
    records: [veld-doe]
    sources: [{{source: handreiking, section: Boom}}]
    notes:{note(text, "      ")}
"""


def profile(text: str) -> str:
    t = lambda indent: block(text, indent)  # noqa: E731
    return (
        "organisation:\n  name: Gemeente Proefdorp\n  type: gemeente\ngoals: []\n"
        f"platforms: [facebook]\naudiences: [ambtenaar]\npurpose: {t('  ')}\n"
        f"tone:\n  note: {t('    ')}\n"
    )


def project(root: Path, text: str) -> Path:
    """The test handbook with every Markdown field of new records, a tree and a profile
    holding ``text``."""
    shutil.copytree(ROOTS / "test-handbook", root)
    index = root / "index.md"
    index.write_text(
        index.read_text().replace(
            "beslisbomen/index\n", "beslisbomen/index\nvoorbeeldrichtlijnen/index\n"
        )
    )
    for name, yaml in records(text).items():
        write(root / "content" / name, yaml)
    write(root / "decisions" / "veldboom.yaml", tree(text))
    write(root / "profiles" / "proefdorp.yaml", profile(text))
    return root


def structure(node: nodes.Node) -> Iterator[str]:
    """A doctree's elements and attributes, not its text; a field's own nodes left out."""
    if isinstance(node, nodes.Text):
        return
    assert isinstance(node, nodes.Element)
    attributes = {k: v for k, v in node.attributes.items() if k not in {"source", "line"}}
    yield f"<{node.tagname} {sorted(attributes.items())}>"
    if isinstance(node, field_text | field_inline):
        yield "(field)"
    elif not isinstance(node, nodes.literal_block):  # the profile's YAML, shown as code
        for child in node.children:
            yield from structure(child)
    yield f"</{node.tagname}>"


def built(root: Path) -> SphinxTestApp:
    app = SphinxTestApp(
        "html",
        srcdir=root,
        freshenv=True,
        confoverrides={"guidegen_templates": str(REPO / "templates"), "guidegen_search": False},
    )
    app.build()
    app.cleanup()
    return app


def published(app: SphinxTestApp) -> dict[str, list[str]]:
    out = Path(app.outdir)
    return {
        folder: sorted(p.relative_to(out / folder).as_posix() for p in (out / folder).rglob("*"))
        for folder in ("_images", "_downloads", "_static")
    }


@pytest.fixture(scope="module")
def harmless(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    return built(project(tmp_path_factory.mktemp("harmless") / "p", HARMLESS))


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_field_text_leaves_the_page_around_it_unchanged(
    harmless: SphinxTestApp,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
) -> None:
    # The check is taken away: the rendering alone must keep the page safe.
    monkeypatch.setattr(model, "markdown_problem", lambda text: None)
    app = built(project(tmp_path / "p", HOSTILE[name]))
    env = app.env
    docnames = sorted(env.found_docs)
    assert docnames == sorted(harmless.env.found_docs)
    pages = [d for d in docnames if d.startswith(("kennisbank/", "beslisbomen/", "voorbeeld"))]
    for docname in [
        "kennisbank/veld-doe",
        "beslisbomen/veldboom",
        "kennisbank/veranderd/index",
        "voorbeeldrichtlijnen/index",
    ]:
        assert docname in pages
    fields = 0
    for docname in pages:
        doctree = env.get_doctree(docname)
        fields += len(list(doctree.findall(lambda n: isinstance(n, field_text | field_inline))))
        expected = list(structure(harmless.env.get_doctree(docname)))
        assert list(structure(doctree)) == expected, docname
    assert fields > 40  # every field of every record, tree and profile, on several pages
    # No file from outside the project is published; no head or script comes from a field.
    assert published(app) == published(harmless)
    for path in Path(app.outdir).rglob("*.html"):
        html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert html.find("meta", attrs={"http-equiv": "refresh"}) is None, path
        assert html.find("iframe") is None, path
        assert not [s for s in html.find_all("script") if "alert" in s.get_text()], path
        assert "/etc/hostname" not in {a.get("href") for a in html.find_all("a")}, path
    text = (Path(app.outdir) / "kennisbank" / "veld-doe.html").read_text(encoding="utf-8")
    assert "{download}" in text or name == "eval-rst-meta"  # shown as the text it is


#: Filters that write a value without escaping it; only these may follow a field's text.
UNESCAPED = {"myst", "target", "url", "option", "role", "yamlstr", "indent_md"}
FIELD_FILTERS = {"field", "inline_field"}
#: Names of Markdown fields in the models that reach the handbook's pages.
MARKDOWN_NAMES = set().union(
    *(
        markdown_fields(cls)
        for cls in (*RECORD_TYPES, Result, Step, CurrencyNote, Tree, Question, Outcome)
    )
)

#: Expressions that share a name with a Markdown field but are one-line plain text.
PLAIN = {("trainers.md.jinja", "entry.text")}  # a legend entry: a question's text (a Line)


def dotted(node: jn.Node) -> str:
    if isinstance(node, jn.Getattr):
        return f"{dotted(node.node)}.{node.attr}"
    return node.name if isinstance(node, jn.Name) else "?"


def macros(environment: jinja2.Environment) -> set[str]:
    """The names of the macros the handbook templates define."""
    names = set()
    for name in environment.list_templates():
        source = environment.loader.get_source(environment, name)[0]  # type: ignore[union-attr]
        names |= {macro.name for macro in environment.parse(source).find_all(jn.Macro)}
    return names


def markdown_expressions(template: jn.Template) -> Iterator[tuple[jn.Node, list[jn.Node]]]:
    """Every expression naming a Markdown field (or a loop variable over one), with the
    chain of its enclosing nodes inside the output."""
    loop_names: set[str] = set()
    for loop in template.find_all(jn.For):
        if isinstance(loop.iter, jn.Getattr) and loop.iter.attr in MARKDOWN_NAMES:
            assert isinstance(loop.target, jn.Name)
            loop_names.add(loop.target.name)

    def walk(node: jn.Node, chain: list[jn.Node]) -> Iterator[tuple[jn.Node, list[jn.Node]]]:
        if (isinstance(node, jn.Getattr) and node.attr in MARKDOWN_NAMES) or (
            isinstance(node, jn.Name) and node.name in loop_names
        ):
            yield node, chain
        for child in node.iter_child_nodes():
            yield from walk(child, [*chain, node])

    for output in template.find_all(jn.Output):
        for expression in output.nodes:
            if not isinstance(expression, jn.TemplateData):
                yield from walk(expression, [])


def test_templates_write_field_text_only_through_the_placeholder() -> None:
    environment = template_environment(TEMPLATES)
    assert "markdown" not in environment.filters
    known_macros = macros(environment)
    checked = 0
    for name in environment.list_templates():
        source = environment.loader.get_source(environment, name)[0]  # type: ignore[union-attr]
        template = environment.parse(source)
        for found in template.find_all(jn.Filter):
            # Only the templates' own macros are passed on as Markdown.
            if found.name == "myst":
                assert isinstance(found.node, jn.Call), (name, found)
                assert isinstance(found.node.node, jn.Name), (name, found)
                assert found.node.node.name in known_macros, (name, found)
        for expression, chain in markdown_expressions(template):
            if (name, dotted(expression)) in PLAIN:
                continue
            checked += 1
            filters = [n for n in chain if isinstance(n, jn.Filter)]
            if filters and filters[-1].name in FIELD_FILTERS and filters[-1].node is expression:
                continue  # the placeholder: the text itself is never written
            # Otherwise the text is written escaped: no filter may pass it on unescaped.
            assert not any(f.name in UNESCAPED | FIELD_FILTERS for f in filters), (name, chain)
            assert not any(isinstance(n, jn.Call) for n in chain), (name, chain)
    assert checked >= 25


def test_a_placeholder_names_the_text_by_key_only() -> None:
    environment = template_environment(TEMPLATES)
    rendered = environment.from_string("{{ text | field }}|{{ text | inline_field }}").render(
        text=EVERYTHING
    )
    block_placeholder, inline_placeholder = rendered.split("|")
    assert block_placeholder.startswith("```{guidegen-field} ")
    assert inline_placeholder.startswith("{guidegen-field}`")
    assert "hostname" not in rendered
    assert "\n" not in inline_placeholder

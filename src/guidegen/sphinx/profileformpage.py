"""The ``profile-form`` directive: the form "Stel je richtlijn samen" as static HTML.

The form is made from the profile schema and the vocabulary when the page is read;
``guidegen-profile-form.js`` brings it to life (checks, download, load). Without
JavaScript the page offers the annotated example profile written at build-finished.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from guidegen.content.jsonschema import render_schema
from guidegen.content.knowledge import VOCABULARY_FILE, KnowledgeBase
from guidegen.content.model import Faceted, Strategy
from guidegen.fileio import write_if_changed
from guidegen.guideline.advicedata import advice_data, chapter_titles
from guidegen.guideline.form import CARRIED, Field, Group, form_groups
from guidegen.guideline.formexample import example_profile
from guidegen.guideline.generate import TEMPLATE_SUBFOLDER
from guidegen.guideline.profile import profile_schema
from guidegen.sphinx.data import GuidegenData
from guidegen.sphinx.warning_types import Subtype, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

#: Where the build puts the schema and the annotated example, relative to the output.
SCHEMA_FILE = "schemas/profile.schema.json"
EXAMPLE_FILE = "profiel-voorbeeld.yaml"
STYLES = "guidegen-profile-form.css"
SCRIPTS = ("vendor/js-yaml.min.js", "guidegen-profile-form.js")
#: The advice counts beside the form (their own script; they follow the form's events).
ADVICE_SCRIPT = "guidegen-advice-counts.js"
#: The fieldset after which the advice counts are shown.
ADVICE_AFTER = "audiences"
#: The buttons that make the guideline when ``guidegen serve`` serves the page.
SERVICE_SCRIPT = "guidegen-serve.js"


class profile_form(nodes.General, nodes.Element):
    """The form's HTML, made when the page is read."""


class ProfileFormDirective(SphinxDirective):
    """``.. profile-form::`` — the profile form, from the schema and the vocabulary."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        base = GuidegenData(self.env).content.base
        vocabulary = base.vocabulary
        if vocabulary is None:
            warn(Subtype.CONTENT, "profile-form: the vocabulary is missing", self.get_location())
            return []
        self.env.note_dependency(str(base.root / VOCABULARY_FILE))
        titles = {}
        for entry in base.entries.values():
            if isinstance(entry.record, Strategy):
                titles[entry.record.id] = entry.record.title
                self.env.note_dependency(str(entry.path))
        groups = form_groups(profile_schema(vocabulary), vocabulary, titles)
        depth = "../" * self.env.docname.count("/")
        advice = self.advice_html(base)
        schema = published_schema(self.config.guidegen_base_url)
        return [profile_form("", html=form_html(groups, depth, advice, schema))]

    def advice_html(self, base: KnowledgeBase) -> str:
        """The advice counts' empty box and the data they are counted from."""
        folder = Path(self.env.app.confdir, self.config.guidegen_templates, TEMPLATE_SUBFOLDER)
        topics = base.vocabulary.legal_topics if base.vocabulary else {}
        legal = {key: topic.label for key, topic in topics.items()}
        try:
            titles, read = chapter_titles(folder, legal)
        except OSError as error:
            warn(Subtype.PROFILE, f"profile-form: no advice counts: {error}", self.get_location())
            return ""
        for path in read:
            self.env.note_dependency(str(path))
        for entry in base.entries.values():
            if isinstance(entry.record, Faceted):
                self.env.note_dependency(str(entry.path))
        return advice_box(advice_data(base, titles))


def advice_box(data: dict[str, Any]) -> str:
    """The box that shows per chapter how many rules the choices bring (filled by script)."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return (
        '<section class="gg-advice" id="gg-advice" hidden aria-labelledby="gg-advice-title">'
        '<h2 id="gg-advice-title">Wat je richtlijn nu bevat</h2>'
        "<p>Hoeveel adviezen uit het handboek de richtlijn met deze keuzes "
        "krijgt, per hoofdstuk. Je ziet het aantal veranderen als je het soort organisatie, "
        "de doelen, platforms, doelgroepen of het aantal regels per hoofdstuk wijzigt.</p>"
        '<p class="gg-advice-total" id="gg-advice-total"></p>'
        '<ul class="gg-advice-list" id="gg-advice-list"></ul>'
        '<p class="gg-visually-hidden" id="gg-advice-live" role="status"></p>'
        f'<script type="application/json" id="gg-advice-data">{payload}</script></section>'
    )


def published_schema(base_url: str | None) -> str:
    """The schema's address for a downloaded profile: the published site's, over https;
    none when the site has no public address (a profile never points at a local server)."""
    if not base_url or not base_url.startswith("https://"):
        return ""
    return base_url.rstrip("/") + "/" + SCHEMA_FILE


def form_html(groups: list[Group], prefix: str, advice: str = "", schema: str = "") -> str:
    """The whole form, the fallback without JavaScript and the command."""
    parts = [
        '<div class="gg-profile-fallback" id="gg-profile-fallback">',
        "<p>Zonder JavaScript werkt het formulier niet. Download dan het "
        f'<a href="{prefix}{EXAMPLE_FILE}" download="profiel.yaml">voorbeeldprofiel met '
        "uitleg</a> (profiel.yaml), vul het in met een teksteditor en maak er de richtlijn "
        "mee met de opdracht hieronder.</p></div>",
        f'<form class="gg-profile-form" id="gg-profile-form" hidden novalidate '
        f'data-schema="{escape(schema)}" data-gg-carried="{" ".join(CARRIED)}">',
        '<div class="gg-privacy-note"><p><strong>Wat er met je gegevens gebeurt.</strong> '
        "Het formulier werkt in je browser. <em>Download profiel.yaml</em> en "
        "<em>Bestaand profiel openen</em> sturen niets naar een server: het profiel blijft "
        "op je computer. Alleen de knoppen onder <em>Of maak de richtlijn hier</em> (die er "
        "alleen zijn als deze site de richtlijn zelf kan maken) sturen het ingevulde profiel "
        "en het gekozen logo naar de server van deze site; die maakt de richtlijn, stuurt "
        "haar terug en bewaart niets.</p></div>",
        '<div class="gg-error-summary" id="gg-error-summary" tabindex="-1" hidden '
        'aria-labelledby="gg-error-summary-title">',
        '<h2 id="gg-error-summary-title">Er is een probleem</h2><ul></ul></div>',
        _load_fieldset(),
        *(_group(group, 2) + (advice if group.path == ADVICE_AFTER else "") for group in groups),
        '<div class="gg-form-actions"><button type="submit" class="gg-button">'
        "Download profiel.yaml</button>",
        '<p class="gg-form-status" id="gg-form-status" role="status"></p></div>',
        "</form>",
        '<h2 id="maak-de-richtlijn">Van profiel naar richtlijn</h2>',
        '<div class="gg-next-steps" id="gg-next-steps">'
        "<p><strong>Wat je nu hebt:</strong> met <em>Download profiel.yaml</em> bewaar je "
        "je keuzes in één bestand op je eigen computer. Je kunt het later weer openen met "
        "<em>Bestaand profiel openen</em> en verder invullen.</p>"
        "<p><strong>Wie er een richtlijn van maakt:</strong> kan deze website de richtlijn "
        "zelf maken, dan staan hieronder knoppen voor Word, PDF en een webpagina. Zo niet, "
        "stuur het bestand dan naar de uitgever van dit handboek (zie "
        f'<a href="{escape(prefix)}colofon.html#contact">Contact</a>) of naar een collega '
        "die guidegen gebruikt; die maakt er de richtlijn mee in Word, PDF en als "
        "webpagina.</p></div>",
        _service_buttons(prefix),
        _service_upload(prefix),
    ]
    return "\n".join(parts)


#: The formats ``guidegen serve`` makes, with the words of their buttons.
SERVICE_FORMATS = (("docx", "Word"), ("pdf", "PDF"), ("html", "webpagina"))
LOGO_HINT = "PNG of JPEG, hoogstens 1 MB en 4000 pixels breed of hoog."


def _service_buttons(prefix: str) -> str:
    """Buttons that make the guideline on the spot, shown by ``guidegen-serve.js``.

    The script shows them only when ``guidegen serve`` answers its probe; a static host
    never does, so it never offers a button that cannot work.
    """
    buttons = "".join(
        f'<button type="button" class="gg-button" data-gg-format="{fmt}">'
        f"Download als {name}</button>"
        for fmt, name in SERVICE_FORMATS
    )
    return (
        f'<div class="gg-service" id="gg-service" hidden tabindex="-1" '
        f'data-gg-api="{prefix}api/" aria-labelledby="gg-service-title">'
        '<h3 id="gg-service-title">Of maak de richtlijn hier</h3>'
        "<p>Deze site maakt de richtlijn ook meteen van wat je hierboven hebt ingevuld. "
        "Een knop hieronder stuurt het profiel (en het logo) naar de server van deze site; "
        "die maakt de richtlijn, stuurt haar terug en bewaart er niets van.</p>"
        '<div class="gg-field"><label for="gg-service-logo">Logo (optioneel)</label>'
        f'<p class="gg-hint" id="gg-service-logo-hint">{LOGO_HINT}</p>'
        '<input type="file" id="gg-service-logo" accept="image/png,image/jpeg" '
        'aria-describedby="gg-service-logo-hint"></div>'
        f'<div class="gg-service-buttons">{buttons}</div>'
        '<p class="gg-form-status" id="gg-service-status" role="status"></p></div>'
    )


def _service_upload(prefix: str) -> str:
    """A plain upload form for ``guidegen serve`` that works without JavaScript.

    It is hidden in the built page; the service shows it when it serves the page
    (``guidegen.service.site``), so a static host never offers it.
    """
    formats = "".join(
        f'<div class="gg-option"><input type="radio" id="gg-upload-{fmt}" name="formaat" '
        f'value="{fmt}"{" checked" if fmt == "docx" else ""}>'
        f'<label for="gg-upload-{fmt}">{name}</label></div>'
        for fmt, name in SERVICE_FORMATS
    )
    return (
        '<section class="gg-service-upload" id="gg-service-upload" hidden data-gg-service-only '
        'aria-labelledby="gg-upload-title">'
        '<h3 id="gg-upload-title">Maak de richtlijn van een ingevuld profiel</h3>'
        "<p>Deze site maakt de richtlijn ook meteen: kies je ingevulde profiel.yaml en het "
        "formaat. Het profiel en het logo gaan naar de server van deze site; die maakt de "
        "richtlijn, stuurt haar terug en bewaart er niets van.</p>"
        f'<form method="post" action="{prefix}api/richtlijn" enctype="multipart/form-data">'
        '<div class="gg-field"><label for="gg-upload-profile">Ingevuld profiel (profiel.yaml) '
        '<span class="gg-required">(verplicht)</span></label>'
        '<input type="file" id="gg-upload-profile" name="profiel" required '
        'accept=".yaml,.yml,text/yaml"></div>'
        f'<fieldset class="gg-fieldset"><legend>Formaat</legend>{formats}</fieldset>'
        '<div class="gg-field"><label for="gg-upload-logo">Logo (optioneel)</label>'
        f'<p class="gg-hint" id="gg-upload-logo-hint">{LOGO_HINT}</p>'
        '<input type="file" id="gg-upload-logo" name="logo" accept="image/png,image/jpeg" '
        'aria-describedby="gg-upload-logo-hint"></div>'
        '<button type="submit" class="gg-button">Maak de richtlijn</button></form></section>'
    )


def _load_fieldset() -> str:
    return (
        '<fieldset class="gg-fieldset gg-profile-load"><legend>Bestaand profiel openen'
        '</legend><p class="gg-hint" id="gg-load-file-hint">Kies een profiel.yaml om verder '
        "te werken. Het bestand blijft op je computer; er gaat niets naar een server.</p>"
        '<p class="gg-field-error" id="gg-load-file-error" hidden></p>'
        '<label for="gg-load-file">Profielbestand (YAML)</label>'
        '<input type="file" id="gg-load-file" accept=".yaml,.yml,text/yaml" '
        'aria-describedby="gg-load-file-hint gg-load-file-error"></fieldset>'
    )


def field_id(path: str) -> str:
    """The HTML id of the input for a field path."""
    return "gg-f-" + path.replace(".", "-").replace("_", "-")


def _group(group: Group, level: int) -> str:
    single = group.parts[0] if len(group.parts) == 1 else None
    if isinstance(single, Field) and single.path == group.path:
        return _field(single)  # a top-level field: no fieldset around its own
    inner = "".join(
        _group(part, level + 1) if isinstance(part, Group) else _field(part) for part in group.parts
    )
    hint = f'<p class="gg-hint">{escape(group.help)}</p>' if group.help else ""
    return (
        f'<fieldset class="gg-fieldset" id="{field_id(group.path)}-set">'
        f'<legend class="gg-pf-legend-{min(level, 3)}">{escape(group.label)}</legend>'
        f"{hint}{inner}</fieldset>"
    )


def _field(made: Field) -> str:
    if made.kind in ("choice", "choices"):
        return _choices(made)
    if made.kind == "rows":
        return _rows(made)
    ident = field_id(made.path)
    attributes = _data(made) + f' id="{ident}" name="{escape(made.path)}"'
    attributes += f' aria-describedby="{ident}-hint {ident}-error"'
    if made.kind in ("markdown", "lines"):
        control = f'<textarea rows="4"{attributes}></textarea>'
    else:
        mode = ' inputmode="numeric"' if made.kind == "number" else ""
        kind = "email" if made.check == "email" else "text"
        control = f'<input type="{kind}"{mode} spellcheck="false"{attributes}>'
    return (
        f'<div class="gg-field">{_label(made, ident)}{_hint(made, ident)}'
        f'<p class="gg-field-error" id="{ident}-error" hidden></p>{control}</div>'
    )


def _rows(made: Field) -> str:
    """A list of objects (accounts, own chapters): rows of fields, added and removed by the
    script; a hidden template holds one row's fields."""
    ident = field_id(made.path)
    cells = []
    for sub in made.row:
        name = sub.path.rsplit(".", 1)[-1]
        required = ' <span class="gg-required">(verplicht)</span>' if sub.required else ""
        data = f' data-gg-sub="{escape(name)}" data-gg-label="{escape(sub.label)}"'
        data += f' aria-label="{escape(sub.label)}"'
        if sub.required:
            data += ' data-gg-required="true"'
        if sub.pattern:
            data += f' data-gg-pattern="{escape(sub.pattern)}"'
        if sub.max_length:
            data += f' data-gg-max-length="{sub.max_length}"'
        if sub.kind == "choice":
            options = "".join(
                f'<option value="{escape(o.value)}">{escape(o.label)}</option>' for o in sub.options
            )
            control = f'<select{data}><option value=""></option>{options}</select>'
        elif sub.kind == "markdown":
            control = f'<textarea rows="4"{data}></textarea>'
        else:
            control = f'<input type="text" spellcheck="false"{data}>'
        hint = f'<span class="gg-hint">{escape(sub.help)}</span>' if sub.help else ""
        cells.append(
            # The control is named by aria-label: a <label> around a <select> would take
            # the text of its options into the name.
            f'<div class="gg-field"><span class="gg-row-label" aria-hidden="true">'
            f"{escape(sub.label)}{required}</span>{hint}{control}</div>"
        )
    noun = "account" if made.path == "accounts" else "hoofdstuk"
    row = (
        f'<div class="gg-row" role="group">{"".join(cells)}'
        f'<button type="button" class="gg-button gg-row-remove">Verwijder dit {noun}'
        "</button></div>"
    )
    return (
        f'<fieldset class="gg-fieldset gg-rows" id="{ident}" tabindex="-1"{_data(made)} '
        f'aria-describedby="{ident}-hint {ident}-error">'
        f"<legend>{escape(made.label)}</legend>{_hint(made, ident)}"
        f'<p class="gg-field-error" id="{ident}-error" hidden></p>'
        f'<div class="gg-rows-list"></div><template>{row}</template>'
        f'<button type="button" class="gg-button gg-row-add">Voeg een {noun} toe</button>'
        "</fieldset>"
    )


def _choices(made: Field) -> str:
    ident = field_id(made.path)
    kind = "radio" if made.kind == "choice" else "checkbox"
    options = []
    for index, option in enumerate(made.options):
        option_id = f"{ident}-{index}"
        checked = " checked" if made.kind == "choice" and option.value == made.default else ""
        about = f" {escape(option.description)}" if option.description else ""
        if option.brings:
            about += " Brengt de strategie " + escape(", ".join(option.brings)) + " mee."
        about_html = f'<span class="gg-option-about">{about.strip()}</span>' if about else ""
        options.append(
            f'<div class="gg-option"><input type="{kind}" id="{option_id}" '
            f'name="{escape(made.path)}" value="{escape(option.value)}"{checked}>'
            f'<label for="{option_id}"><span class="gg-option-label">{escape(option.label)}'
            f"</span>{about_html}</label></div>"
        )
    required = ' <span class="gg-required">(verplicht)</span>' if made.required else ""
    return (
        f'<fieldset class="gg-fieldset gg-pf-choices" id="{ident}"{_data(made)} '
        f'aria-describedby="{ident}-hint {ident}-error">'
        f"<legend>{escape(made.label)}{required}</legend>{_hint(made, ident)}"
        f'<p class="gg-field-error" id="{ident}-error" hidden></p>{"".join(options)}</fieldset>'
    )


def _data(made: Field) -> str:
    data = {
        "gg-path": made.path,
        "gg-kind": made.kind,
        "gg-label": made.label,
        "gg-check": made.check,
        "gg-pattern": made.pattern,
        "gg-max-length": made.max_length,
        "gg-minimum": made.minimum,
        "gg-maximum": made.maximum,
        "gg-required": "true" if made.required else "",
        "gg-vocabulary": "true" if made.vocabulary else "",
        "gg-default": json.dumps(made.default) if made.kind == "choices" and made.default else "",
    }
    return "".join(
        f' data-{name}="{escape(str(value))}"'
        for name, value in data.items()
        if value not in ("", None)
    )


def _label(made: Field, ident: str) -> str:
    required = ' <span class="gg-required">(verplicht)</span>' if made.required else ""
    return f'<label for="{ident}">{escape(made.label)}{required}</label>'


def _hint(made: Field, ident: str) -> str:
    parts = [made.help] if made.help else []
    if made.kind == "lines":
        parts.append("Eén per regel.")
    if made.default not in (None, "", []) and made.kind not in ("choice", "choices"):
        parts.append(f"Leeg: {made.default}.")
    if made.kind == "number" and made.minimum is not None and made.maximum is not None:
        parts.append(f"Een heel getal van {made.minimum} tot en met {made.maximum}.")
    return f'<p class="gg-hint" id="{ident}-hint">{escape(" ".join(parts))}</p>'


def visit_profile_form(self: HTML5Translator, node: profile_form) -> None:
    self.body.append(node["html"])
    raise nodes.SkipNode


def skip_profile_form(self: Any, node: profile_form) -> None:
    raise nodes.SkipNode


def add_form_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Load the form's styles, the YAML library and its script on its page only."""
    if doctree is not None and any(doctree.findall(profile_form)):
        app.add_css_file(STYLES)
        for script in SCRIPTS:
            app.add_js_file(script, defer="defer")
        app.add_js_file(ADVICE_SCRIPT, defer="defer")
        app.add_js_file(SERVICE_SCRIPT, defer="defer")


def write_form_files(app: Sphinx, exception: Exception | None) -> None:
    """Publish the profile schema and the annotated example profile with the site."""
    if exception is not None or app.builder.format != "html":
        return
    base = GuidegenData(app.env).content.base
    if base.vocabulary is None:
        return
    schema = profile_schema(base.vocabulary)
    out = Path(app.outdir)
    (out / SCHEMA_FILE).parent.mkdir(parents=True, exist_ok=True)
    write_if_changed(out / SCHEMA_FILE, render_schema(schema))
    url = app.config.guidegen_base_url
    schema_url = url.rstrip("/") + "/" + SCHEMA_FILE if url else "../schemas/profile.schema.json"
    groups = form_groups(schema, base.vocabulary, {})
    write_if_changed(out / EXAMPLE_FILE, example_profile(groups, schema_url))


def setup_profile_form(app: Sphinx) -> None:
    """Register the directive, its node and the handlers that ship its files."""
    app.add_node(
        profile_form,
        html=(visit_profile_form, None),
        latex=(skip_profile_form, None),
        text=(skip_profile_form, None),
        man=(skip_profile_form, None),
        texinfo=(skip_profile_form, None),
    )
    app.add_directive("profile-form", ProfileFormDirective)
    app.connect("html-page-context", add_form_scripts)
    app.connect("build-finished", write_form_files)

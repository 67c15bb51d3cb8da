"""The publisher of the handbook on its pages: header, footer, colofon and accessibility statement.

``config-inited`` reads the publisher's settings file (``guidegen_site``, default
``site.yaml`` beside ``conf.py``; see :mod:`guidegen.publication`) into the config
value ``guidegen_publisher``, so a change to the file rebuilds every page. Without the
file the handbook is an example publication and says so. The ``guidegen-publisher``
directive puts the publisher's details on a page as nodes (``owner``, ``contact`` or
``statement``); the layout gets them through the page context.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.errors import ConfigError
from sphinx.util.docutils import SphinxDirective

from guidegen.dates import dutch_date
from guidegen.handbook.publication import SiteSettings, image_path, read_settings

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

EXAMPLE_NOTICE = (
    "Dit is een voorbeeldpublicatie: nog geen organisatie geeft dit handboek uit, en er is "
    "daarom ook geen contactadres."
)
#: Shown in the browser tab when the publisher has no favicon of its own.
DEFAULT_FAVICON = Path(__file__).parent / "theme" / "guidegen" / "static" / "favicon.svg"


def settings_file(app: Sphinx) -> Path:
    return Path(app.confdir, app.config.guidegen_site)


def read_publisher(app: Sphinx, config: Config) -> None:
    """Read the publisher's settings (or none: an example publication); stop on an error."""
    path = Path(app.confdir, config.guidegen_site)
    if not path.exists():
        config.guidegen_publisher = {}
        config.html_favicon = str(DEFAULT_FAVICON)
        return
    settings, problems = read_settings(path)
    if settings is None:
        listed = "\n".join(str(problem) for problem in problems)
        msg = f"guidegen_site: de instellingen van de uitgever kloppen niet:\n{listed}"
        raise ConfigError(msg)
    publisher = settings.publisher
    config.guidegen_publisher = settings.model_dump(mode="json")
    favicon = image_path(path, publisher.favicon) if publisher.favicon else DEFAULT_FAVICON
    config.html_favicon = str(favicon)
    if publisher.logo:
        config.html_logo = str(image_path(path, publisher.logo))


def publisher_settings(app: Sphinx) -> SiteSettings | None:
    data = app.config.guidegen_publisher
    return SiteSettings.model_validate(data, strict=False) if data else None


def contact_href(settings: SiteSettings | None) -> str | None:
    """The address of the footer's "Contact" link: e-mail, else form, else phone."""
    if settings is None:
        return None
    contact = settings.publisher.contact
    if contact.email:
        return f"mailto:{contact.email}"
    if contact.form:
        return contact.form
    return f"tel:{contact.phone.replace(' ', '')}" if contact.phone else None


def publisher_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """The layout's publisher (None: an example publication) and where "Contact" leads."""
    settings = publisher_settings(app)
    context["guidegen_publisher"] = settings.publisher if settings else None
    pathto = context["pathto"]
    colofon = pathto("colofon")
    own = contact_href(settings)
    # pathto() gives "#" for the page itself: "##contact" on the colofon, "#" as the
    # home page's link to itself.
    context["guidegen_contact_href"] = own or (
        "#contact" if colofon == "#" else f"{colofon}#contact"
    )
    own_file = f"{posixpath.basename(pagename)}{context['file_suffix']}"

    def page_href(docname: str) -> str:
        """A link to a page that is never "#" (pathto's link from a page to itself)."""
        href: str = pathto(docname)
        return own_file if href == "#" else href

    context["guidegen_home_href"] = page_href(app.config.root_doc)
    context["guidegen_colofon_href"] = page_href("colofon")
    context["guidegen_statement_href"] = page_href("toegankelijkheid")


class PublisherDirective(SphinxDirective):
    """``guidegen-publisher`` with ``owner``, ``contact`` or ``statement``: the
    publisher's details as nodes, or the plain notice of an example publication."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        part = self.arguments[0]
        if part not in ("owner", "contact", "statement"):
            msg = f"guidegen-publisher: unknown part {part!r}; use owner, contact or statement"
            raise self.error(msg)
        path = settings_file(self.env.app)
        if path.exists():
            self.env.note_dependency(str(path))
        settings = publisher_settings(self.env.app)
        if settings is None:
            return [_example_notice(part)]
        builder = {"owner": _owner, "contact": _contact, "statement": _statement}[part]
        return builder(settings)


def _paragraph(*children: nodes.Node | str) -> nodes.paragraph:
    paragraph = nodes.paragraph()
    for child in children:
        paragraph += nodes.Text(child) if isinstance(child, str) else child
    return paragraph


def _link(text: str, uri: str) -> nodes.reference:
    return nodes.reference(text, text, refuri=uri)


def _bullets(items: list[nodes.Node]) -> nodes.bullet_list:
    listing = nodes.bullet_list()
    for item in items:
        entry = nodes.list_item()
        entry += item
        listing += entry
    return listing


def _example_notice(part: str) -> nodes.Node:
    if part == "statement":
        return _paragraph(
            "Deze voorbeeldpublicatie heeft nog geen officiële toegankelijkheidsverklaring. "
            "Een organisatie die het handboek uitgeeft, stelt die op met de invulassistent van ",
            _link("toegankelijkheidsverklaring.nl", "https://www.toegankelijkheidsverklaring.nl/"),
            " en vermeldt hier de nalevingsstatus, de datum en de link naar de verklaring "
            "in het register.",
        )
    return _paragraph(EXAMPLE_NOTICE)


def _owner(settings: SiteSettings) -> list[nodes.Node]:
    publisher = settings.publisher
    name: nodes.Node | str = (
        _link(publisher.name, publisher.website) if publisher.website else publisher.name
    )
    return [_paragraph("Dit handboek wordt uitgegeven door ", name, ".")]


def _contact(settings: SiteSettings) -> list[nodes.Node]:
    contact = settings.publisher.contact
    ways: list[nodes.Node] = []
    if contact.email:
        ways.append(_paragraph("E-mail: ", _link(contact.email, f"mailto:{contact.email}")))
    if contact.phone:
        tel = "tel:" + contact.phone.replace(" ", "")
        ways.append(_paragraph("Telefoon: ", _link(contact.phone, tel)))
    if contact.form:
        ways.append(_paragraph(_link("Contactformulier", contact.form)))
    return [_paragraph(f"Zo bereik je {settings.publisher.name}:"), _bullets(ways)]


def _statement(settings: SiteSettings) -> list[nodes.Node]:
    statement = settings.publisher.accessibility
    if statement is None:
        return [
            _paragraph(
                f"{settings.publisher.name} heeft voor dit handboek nog geen "
                "toegankelijkheidsverklaring in het register gepubliceerd."
            )
        ]
    found: list[nodes.Node] = [
        _paragraph(f"Nalevingsstatus: {statement.status_text}."),
        _paragraph(f"Datum van de verklaring: {dutch_date(statement.date)}."),
        _paragraph(
            "De volledige verklaring staat in het ",
            _link("register van toegankelijkheidsverklaringen", statement.register_url),
            ".",
        ),
    ]
    if statement.not_yet_accessible:
        found.append(_paragraph("Wat nog niet toegankelijk is:"))
        found.append(_bullets([_paragraph(text) for text in statement.not_yet_accessible]))
    else:
        found.append(
            _paragraph("De verklaring noemt geen onderdelen die nog niet toegankelijk zijn.")
        )
    return found


def setup_publisher(app: Sphinx) -> None:
    # The publisher's settings file, relative to conf.py; absent: an example publication.
    app.add_config_value("guidegen_site", "site.yaml", "env", types=frozenset({str}))
    # What was read from it (set at config-inited; a change rebuilds every page).
    app.add_config_value("guidegen_publisher", {}, "env", types=frozenset({dict}))
    app.add_directive("guidegen-publisher", PublisherDirective)
    app.connect("config-inited", read_publisher)
    app.connect("html-page-context", publisher_context)

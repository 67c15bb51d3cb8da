"""The ``guidegen-href`` role: a link to a place in an HTML page of the handbook.

MyST checks ``[text](page.md#id)`` against the headings of ``page``; the steps of a
decision tree are not headings, so the trainers page links them with this role:
``{guidegen-href}`text <moet-ik-reageren.html#huisregels>``` (a relative address).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import split_explicit_title

if TYPE_CHECKING:
    from docutils.nodes import Node, system_message
    from sphinx.application import Sphinx


class HrefRole(SphinxRole):
    """A plain reference to a relative address, refused for anything with a scheme."""

    def run(self) -> tuple[list[Node], list[system_message]]:
        _, title, target = split_explicit_title(self.text)
        if ":" in target or target.startswith("/"):
            message = self.inliner.reporter.error(
                f"guidegen-href: alleen relatieve adressen binnen het handboek, niet {target!r}",
                line=self.lineno,
            )
            return [], [message]
        return [nodes.reference(self.rawtext, title, refuri=target, internal=True)], []


def setup_link_role(app: Sphinx) -> None:
    app.add_role("guidegen-href", HrefRole())

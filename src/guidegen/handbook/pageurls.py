"""Where the handbook's generated pages live: folders, docnames and links between them.

The folder names are Dutch and stable: they are part of the handbook's URLs.
"""

from __future__ import annotations

import functools
import posixpath

#: Folders (below the Sphinx source folder) of the generated pages; part of URLs.
GENERATED_FOLDER = "kennisbank"
#: Docname (below the generated folder) of "Wat is er veranderd sinds de bronnen?".
CHANGES_DOCNAME = "veranderd/index"
#: The Atom feed of the changes page's notes, written next to it (``atom.xml`` there).
FEED_NAME = "atom.xml"
#: The feed's path in the HTML folder.
FEED_PATH = f"{GENERATED_FOLDER}/{posixpath.dirname(CHANGES_DOCNAME)}/{FEED_NAME}"
TREES_FOLDER = "beslisbomen"
#: Folder (below the Sphinx source folder) of the example guidelines' pages and documents.
EXAMPLES_FOLDER = "voorbeeldrichtlijnen"

#: Folder names of the type overviews (Dutch, stable: they are part of URLs).
TYPE_SLUGS: dict[str, str] = {
    "practice": "dos-en-donts",
    "strategy": "strategieen",
    "case": "praktijkvoorbeelden",
    "stepplan": "stappenplannen",
    "consideration": "aandachtspunten",
    "term": "begrippen",
    "source": "bronnen",
}
#: Folder names of the facet overviews.
FACET_SLUGS: dict[str, str] = {
    "themes": "themas",
    "platforms": "platforms",
    "audiences": "doelgroepen",
    "phases": "beleidsfasen",
    "participation_levels": "participatieniveaus",
}


def record_docname(record_id: str) -> str:
    """Docname of a record's page, relative to the generated folder."""
    return record_id


def type_docname(type_name: str) -> str:
    return f"{TYPE_SLUGS[type_name]}/index"


def facet_docname(facet: str, value: str | None = None) -> str:
    return f"{FACET_SLUGS[facet]}/{value or 'index'}"


@functools.lru_cache(maxsize=65536)
def relative_href(folder: str, target_docname: str) -> str:
    """Relative link from a page in ``folder`` (cached: pages share folders and targets)."""
    root = f"/{GENERATED_FOLDER}"
    here = posixpath.normpath(posixpath.join(root, folder))
    return posixpath.relpath(posixpath.join(root, target_docname), here) + ".md"

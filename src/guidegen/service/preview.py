"""``guidegen preview``: the handbook rebuilt and reloaded in the browser while it is edited.

sphinx-autobuild (the Sphinx ecosystem's live preview) builds the handbook, serves it,
and on every saved change in the project builds again and reloads the open pages.
The build is incremental: the extension writes again only the pages whose record,
tree or vocabulary changed, and Sphinx reads only those.

The preview has its own output and doctrees folders (``_build/preview/``): its pages
carry sphinx-autobuild's inline reload script, which the published pages' policy
forbids (``guidegen_live_reload``), and Sphinx's and guidegen's notes on what an
output folder holds (build info, search index, route booklets) are kept per folder.
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

from guidegen.content.project import Project
from guidegen.handbook.pageurls import EXAMPLES_FOLDER, GENERATED_FOLDER, TREES_FOLDER

#: The handbook's source folder and the preview's build folder, below the project.
SOURCE_FOLDER = "docs"
PREVIEW_FOLDER = Path("_build", "preview")
#: The parts of the project a page is made from: the folders, and files beside conf.py
#: (conf.py itself and YAML such as site.yaml, the publisher's settings).
WATCHED_FOLDERS = ("content", "decisions", "profiles", "templates", SOURCE_FOLDER)
WATCHED_FILES = r"conf\.py|[^/]+\.yaml"
#: Files editors leave beside the one they save: hidden swap and lock files, backups
#: (``name~``), Emacs's ``#name#`` and the ``4913`` with which Vim tests a folder.
EDITOR_FILES = r"/(\.[^/]*|[^/]*~|#[^/]*#|4913)$"


def autobuild_command(project: Project, host: str, port: int) -> list[str]:
    """The sphinx-autobuild command that previews ``project`` on ``host:port``."""
    root = project.root
    source = root / SOURCE_FOLDER
    build = root / PREVIEW_FOLDER
    watched = "|".join(f"{re.escape(name)}/" for name in WATCHED_FOLDERS)
    elsewhere = rf"^{re.escape(root.as_posix())}/(?!(?:{watched})|(?:{WATCHED_FILES})$)"
    # The extension writes these into the source folder at the start of each build.
    generated = [source / name for name in (GENERATED_FOLDER, TREES_FOLDER, EXAMPLES_FOLDER)]
    # A record with a problem stops the rebuild before Sphinx starts: the check prints
    # every problem, and the preview keeps the last good pages (a build would drop the
    # record's page and show its reader "Not Found", without the reload script).
    check = [sys.executable, "-m", "guidegen", "check", str(root)]
    return [
        sys.executable,
        "-m",
        "sphinx_autobuild",
        str(source),
        str(build / "html"),
        "-c",
        str(root),
        "-d",
        str(build / "doctrees"),
        "-D",
        "guidegen_live_reload=1",
        # The route booklets (PDF) take tens of seconds after a tree edit, and the page
        # reloads only after the whole build: make site and make workshop print them.
        "-D",
        "guidegen_booklets=0",
        "--host",
        host,
        "--port",
        str(port),
        "--watch",
        str(root),
        "--re-ignore",
        elsewhere,
        "--re-ignore",
        EDITOR_FILES,
        *[option for folder in generated for option in ("--ignore", str(folder))],
        "--pre-build",
        shlex.join(check),
    ]

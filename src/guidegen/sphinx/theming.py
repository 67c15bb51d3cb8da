"""The theme's settings: design tokens, the date of the last content change, Dutch strings.

The theme is styled by NL Design System design tokens: a CSS file of custom
properties, by default the open example tokens vendored in ``static/nlds/``.
``guidegen_design_tokens`` names an organisation's own file instead; the class its
tokens are declared on (``.gemeente-theme {…}``) is put on ``<body>``.
"""

from __future__ import annotations

import io
import re
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.errors import ConfigError
from sphinx.util import logging

from guidegen.dates import dutch_date

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

LOCALE_DIR = Path(__file__).parent / "locale"
#: The default tokens (below the theme's static folder) and the class they are declared on.
DEFAULT_TOKENS = ("nlds/voorbeeld-tokens.css", "voorbeeld-theme")
#: Folders (next to conf.py) whose newest change is the handbook's "laatst bijgewerkt".
CONTENT_FOLDERS = ("content", "decisions", "docs", "profiles")
#: Folders of docs/ that guidegen writes at every build: not a change of the content.
GENERATED = frozenset({"kennisbank", "beslisbomen", "voorbeeldrichtlijnen", "_build"})
_THEME_SELECTOR = re.compile(r"^\s*(?:\.([A-Za-z][\w-]*)|:root)\s*\{", re.MULTILINE)
_REMOTE_URL = re.compile(r"url\(\s*['\"]?\s*(?:https?:)?//", re.IGNORECASE)


def add_dutch_strings(app: Sphinx) -> None:
    """Dutch for the Sphinx strings its own Dutch catalogue leaves untranslated."""
    app.add_message_catalog("sphinx", str(LOCALE_DIR))


def tokens_file(app: Sphinx, config: Config) -> None:
    """Ship the organisation's token file (or the default), and note its class."""
    setting = config.guidegen_design_tokens
    if not setting:
        config.guidegen_tokens = list(DEFAULT_TOKENS)
        return
    path = Path(app.confdir, setting)
    try:
        css = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        msg = f"guidegen_design_tokens: kan {path} niet lezen als UTF-8-tekst ({error})"
        raise ConfigError(msg) from error
    match = _THEME_SELECTOR.search(css)
    if match is None:
        msg = (
            f"guidegen_design_tokens: {path} declareert geen tokens op :root of op een "
            "klasse (zoals .gemeente-theme { --basis-… })"
        )
        raise ConfigError(msg)
    if _REMOTE_URL.search(css):
        logger.warning(
            "guidegen_design_tokens: dit bestand laadt iets van een andere website (url(…)); "
            "het handboek laadt alleen eigen bestanden",
            location=str(path),
            type="guidegen",
            subtype="tokens",
        )
    if str(path) not in config.html_static_path:
        config.html_static_path.append(str(path))
    config.guidegen_tokens = [path.name, match.group(1) or ""]


def last_updated(app: Sphinx, config: Config) -> None:
    """The date of the newest change to the content: its last git commit, else file times.

    A commit date is the same on every machine; outside a git work tree the newest
    modification time of a file in the content folders counts. The value is an
    ``html`` configuration value, so a new date rewrites every page (the footer).
    """
    if config.guidegen_last_updated:
        return
    root = Path(app.confdir)
    folders = [name for name in CONTENT_FOLDERS if (root / name).is_dir()]
    day = _git_date(root, folders) or _newest_file_date(root, folders)
    config.guidegen_last_updated = day.isoformat() if day else ""


def _git_date(root: Path, folders: list[str]) -> date | None:
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", *folders],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    text = result.stdout.strip()
    return date.fromisoformat(text) if result.returncode == 0 and text else None


def _newest_file_date(root: Path, folders: list[str]) -> date | None:
    """The newest modification day of a file in ``folders``, generated pages left out."""
    newest = max(
        (
            path.stat().st_mtime
            for name in folders
            for path in (root / name).rglob("*")
            if path.is_file() and not GENERATED.intersection(path.relative_to(root).parts[1:2])
        ),
        default=None,
    )
    return datetime.fromtimestamp(newest, UTC).date() if newest is not None else None


def theme_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Give the layout the site's name, its tokens file and class, the last update."""
    config = app.config
    css, css_class = config.guidegen_tokens
    short = "html_short_title" in config._raw_config and config.html_short_title
    context["guidegen_site_name"] = short or config.project
    context["guidegen_tokens_css"] = css
    context["guidegen_tokens_class"] = css_class
    iso = config.guidegen_last_updated
    context["guidegen_last_updated"] = (iso, dutch_date(iso)) if iso else None


def compile_catalogue(write: bool = False) -> bytes:
    """Compile ``locale/nl/LC_MESSAGES/sphinx.po`` into ``.mo`` bytes (``write``: into the file)."""
    from babel.messages.mofile import write_mo  # noqa: PLC0415 - only when editing strings
    from babel.messages.pofile import read_po  # noqa: PLC0415

    folder = LOCALE_DIR / "nl" / "LC_MESSAGES"
    with (folder / "sphinx.po").open("rb") as handle:
        catalogue = read_po(handle, locale="nl")
    buffer = io.BytesIO()
    write_mo(buffer, catalogue)
    if write:
        (folder / "sphinx.mo").write_bytes(buffer.getvalue())
    return buffer.getvalue()


def no_index_page(app: Sphinx, config: Config) -> None:
    """Leave out Sphinx's general index unless conf.py asks for it: the pages have no
    index entries, so it would be an empty page with an English title."""
    if "html_use_index" not in config._raw_config:
        config.html_use_index = False


def note_missing_base_url(app: Sphinx) -> None:
    """Say once that the trainers page has no QR codes without the public address.

    Logged as information, not as a warning: ``make site`` builds with ``-W``, and a
    local build has no public address to give.
    """
    if not app.config.guidegen_base_url:
        logger.info(
            "guidegen: geen openbaar adres (guidegen_base_url of GUIDEGEN_BASE_URL): "
            "de pagina Voor trainers heeft geen QR-codes en de handouts geen webadressen"
        )

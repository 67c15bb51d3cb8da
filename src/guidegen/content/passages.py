"""Stored passages of sources read online: the words a record may quote from a web page.

A source with a ``url`` and no seed text keeps the passages its records quote in
``content/passages/<source id>.txt``: plain UTF-8 text copied from the page as read on
the source's ``accessed`` date, passages separated by blank lines. Every quote that
cites such a source must stand in that file, so a quote can be checked in the
repository itself, as quotes from the five source documents are checked against them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from guidegen.content.model import Citation, Source
from guidegen.content.problems import Problem
from guidegen.content.yamlsafe import KeyPath, YamlDocument
from guidegen.fileio import TooLarge, read_bounded

#: The folder in ``content/`` that holds the passages files.
PASSAGES_FOLDER = "passages"
#: Passages are short excerpts; a page copied whole does not belong here.
MAX_PASSAGES_BYTES = 64 * 1024

_QUOTE_MARKS = str.maketrans("‘’‚“”„", "'''\"\"\"")


def normalise(text: str) -> str:
    """Text for comparing a quote with its source: case, quote styles, hyphens and all
    whitespace ignored (PDF extractions split words over lines, with or without a hyphen)."""
    text = text.translate(_QUOTE_MARKS).casefold()
    return "".join(text.split()).replace("-", "")


def quote_key(quote: str) -> str:
    """A quote as it is looked up: normalised, without quote marks, dots or an ellipsis
    at either end (a quote may start or stop mid-sentence)."""
    return normalise(quote).strip("\"'. …")


def passages_path(content: Path, source_id: str) -> Path:
    return content / PASSAGES_FOLDER / f"{source_id}.txt"


def check_passages(
    content: Path,
    sources: dict[str, Source],
    citations: Iterator[tuple[YamlDocument, KeyPath, Citation]],
) -> Iterator[Problem]:
    """Problems with stored passages: a quote of an online source that its passages file
    does not hold, a missing or unreadable file, a file for no online source."""
    texts: dict[str, str | None] = {}
    for document, key_path, citation in citations:
        source = sources.get(citation.source)
        if not citation.quote or source is None or source.files:
            continue
        if source.id not in texts:
            texts[source.id] = _read(content, source.id)
        text = texts[source.id]
        file_name = f"content/{PASSAGES_FOLDER}/{source.id}.txt"
        if text is None:
            yield document.problem(
                (*key_path, "quote"),
                f"source {source.id!r} was read online: store the passage this quotes, "
                f"as it stands on the page, in {file_name} (a readable UTF-8 text file "
                f"of at most {MAX_PASSAGES_BYTES // 1024} KiB)",
            )
        elif quote_key(citation.quote) not in text:
            yield document.problem(
                (*key_path, "quote"),
                f"quote not found in the stored passages of {source.id!r} ({file_name}): "
                "copy the words exactly as they stand there, or add the passage as read",
            )
    folder = content / PASSAGES_FOLDER
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            source = sources.get(path.stem)
            if path.suffix != ".txt" or source is None or not source.url or source.files:
                yield Problem(
                    path,
                    1,
                    1,
                    "passages file for no source read online: name it after the id of a "
                    "source record that has a 'url' and no 'files' (<id>.txt)",
                )


def _read(content: Path, source_id: str) -> str | None:
    """The normalised passages of a source, or None when the file is missing or unreadable."""
    try:
        raw = read_bounded(passages_path(content, source_id), MAX_PASSAGES_BYTES)
        return normalise(raw.decode("utf-8"))
    except (OSError, TooLarge, UnicodeDecodeError):
        return None

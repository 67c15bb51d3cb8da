"""Search filter values survive labels with the separators of the front-matter string."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from guidegen.handbook.searchfilters import decode_filters, encode_filters

HOSTILE_LABEL = "Reageren; snel | 100% = goed"


def test_encoded_filters_decode_to_the_same_values() -> None:
    filters = [("soort", ["Do"]), ("thema", [HOSTILE_LABEL, "Modereren"]), ("leeg", [])]
    raw = encode_filters(filters)
    assert raw.count(";") == 1
    assert decode_filters(raw) == [
        ("soort", "Do"),
        ("thema", HOSTILE_LABEL),
        ("thema", "Modereren"),
    ]


def test_a_label_with_separators_is_one_filter_on_the_page(
    make_app: Any, handbook_project: Path
) -> None:
    vocabulary = handbook_project / "content" / "vocabulary.yaml"
    vocabulary.write_text(
        vocabulary.read_text(encoding="utf-8").replace(
            "{label: Reageren,", f"{{label: '{HOSTILE_LABEL}',"
        ),
        encoding="utf-8",
    )
    app = make_app("html", srcdir=handbook_project, confoverrides={"guidegen_search": False})
    app.build()
    html = (Path(app.outdir) / "kennisbank" / "luister-eerst.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    filters = [
        (span["data-pagefind-filter"], span.get_text())
        for span in soup.select("[data-pagefind-filter]")
    ]
    assert ("thema", HOSTILE_LABEL) in filters
    assert [name for name, _ in filters].count("thema") == 1

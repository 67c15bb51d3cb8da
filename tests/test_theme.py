"""The NL Design System theme: header, footer, tokens, last update, Dutch, rendering fixes."""

from __future__ import annotations

import gettext
import io
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from sphinx.errors import ConfigError
from sphinx.util.console import strip_colors

from guidegen.handbook.pagecontext import PageContext, SharedIndex
from guidegen.sphinx.theming import LOCALE_DIR, compile_catalogue, dutch_date

from .conftest import ROOTS, write

#: English text Sphinx or alabaster put on pages, and labels the handbook used to show.
ENGLISH = re.compile(
    r"Link to this|aria-label=\"Main\"|>Navigation<|Last updated|Created using|"
    r"Table of Contents|title=\"Index\"|>Index<|Do of don|Permalink|Search within|"
    r"Gemaakt met guidegen"
)


def build(make_app: Any, srcdir: Path, **kwargs: Any) -> Any:
    app = make_app("html", srcdir=srcdir, freshenv=True, **kwargs)
    app.build()
    assert warnings(app) == []
    return app


def html_of(folder: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((folder / name).read_text(encoding="utf-8"), "html.parser")


def warnings(app: Any) -> list[str]:
    lines = strip_colors(app.warning.getvalue()).splitlines()
    return [line for line in lines if line and "[app.add_" not in line]


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test handbook, built outside git with its files dated 3 March 2021."""
    project = tmp_path_factory.mktemp("theme") / "handbook"
    shutil.copytree(ROOTS / "test-handbook", project)
    stamp = datetime(2021, 3, 3, 12, tzinfo=UTC).timestamp()
    for path in project.rglob("*"):
        os.utime(path, (stamp, stamp))
    out = project.parent / "html"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", project, out],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return out


def test_header_has_the_name_search_box_and_menu(small: Path) -> None:
    html = html_of(small, "kennisbank/luister-eerst.html")
    header = html.select_one("header.utrecht-page-header")
    name = header.select_one("a.gg-header__name")
    assert name.get_text() == "Testhandboek"
    assert name["href"] == "../index.html"
    form = header.select_one("search form")
    assert form["action"] == "../search.html"
    assert form.select_one("input[type=search]")["name"] == "q"
    assert form.select_one("label")["for"] == "gg-zoekterm"
    button = header.select_one("button.gg-menu-button")
    assert button["aria-controls"] == "gg-menu"
    assert button["aria-expanded"] == "false"
    assert button.has_attr("hidden")  # shown by guidegen-theme.js; without it the menu is open
    assert html.select_one("nav#gg-menu") is not None
    assert html.select_one("main#inhoud") is not None
    first = html.body.find(["a", "button", "input"])
    assert first["href"] == "#inhoud"


def test_footer_has_owner_contact_and_the_date_of_the_newest_content(small: Path) -> None:
    footer = html_of(small, "index.html").select_one("footer.utrecht-page-footer")
    text = " ".join(footer.get_text(" ").split())
    assert "Laatst bijgewerkt: 3 maart 2021" in text
    assert footer.select_one("time")["datetime"] == "2021-03-03"
    assert "Gemaakt met" not in text


def test_last_update_is_the_last_commit_of_the_content(tmp_path: Path) -> None:
    from guidegen.sphinx.theming import _git_date  # noqa: PLC0415

    write(tmp_path / "content" / "a.yaml", "id: a\n")
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": "2024-05-06T10:00:00",
        "GIT_COMMITTER_DATE": "2024-05-06T10:00:00",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    for command in (["init", "-q"], ["add", "."], ["commit", "-qm", "x"]):
        subprocess.run(["git", *command], cwd=tmp_path, env=env, check=True)
    write(tmp_path / "content" / "a.yaml", "id: a\ntitle: later, not committed\n")
    assert str(_git_date(tmp_path, ["content"])) == "2024-05-06"
    assert dutch_date("2024-05-06") == "6 mei 2024"


def test_default_tokens_are_the_vendored_example_tokens(small: Path) -> None:
    out = small
    html = html_of(out, "index.html")
    assert "voorbeeld-theme" in html.body["class"]
    sheets = [link["href"] for link in html.select("link[rel=stylesheet]")]
    assert sheets[0] == "_static/nlds/voorbeeld-tokens.css"
    assert "_static/nlds/utrecht-components.css" in [s.split("?")[0] for s in sheets]
    tokens = (out / "_static" / "nlds" / "voorbeeld-tokens.css").read_text()
    assert ".voorbeeld-theme {" in tokens
    assert "--basis-color-default-bg-document" in tokens
    assert (out / "_static" / "nlds" / "LICENSE-EUPL-1.2.txt").is_file()


def test_an_organisation_puts_in_its_own_tokens(make_app: Any, handbook_project: Path) -> None:
    write(
        handbook_project / "huisstijl" / "gemeente.css",
        ".gemeente-theme {\n  --basis-color-default-bg-document: #fffdf0;\n}\n",
    )
    app = build(
        make_app,
        handbook_project,
        confoverrides={"guidegen_design_tokens": "huisstijl/gemeente.css"},
    )
    out = Path(app.outdir)
    html = html_of(out, "index.html")
    assert "gemeente-theme" in html.body["class"]
    assert "voorbeeld-theme" not in html.body["class"]
    assert html.select("link[rel=stylesheet]")[0]["href"] == "_static/gemeente.css"
    assert "#fffdf0" in (out / "_static" / "gemeente.css").read_text()


def test_a_tokens_file_without_tokens_is_a_dutch_error(
    make_app: Any, handbook_project: Path
) -> None:
    write(handbook_project / "leeg.css", "/* niets */\n")
    with pytest.raises(ConfigError, match="declareert geen tokens"):
        make_app(
            "html", srcdir=handbook_project, confoverrides={"guidegen_design_tokens": "leeg.css"}
        )
    with pytest.raises(ConfigError, match=r"kan .* niet lezen"):
        make_app(
            "html", srcdir=handbook_project, confoverrides={"guidegen_design_tokens": "weg.css"}
        )


def translations(catalogue: Any) -> dict[str, str]:
    """A Babel catalogue's messages as gettext finds them (the header and fuzzy ones out)."""
    return {m.id: m.string for m in catalogue if m.id and not m.fuzzy}


def test_dutch_catalogue_is_compiled_from_its_po_file() -> None:
    """The committed .mo has every message of the .po, as compile_catalogue makes it."""
    folder = LOCALE_DIR / "nl" / "LC_MESSAGES"
    with (folder / "sphinx.po").open("rb") as handle:
        source = translations(read_po(handle, locale="nl"))
    with (folder / "sphinx.mo").open("rb") as handle:
        assert translations(read_mo(handle)) == source
    assert translations(read_mo(io.BytesIO(compile_catalogue()))) == source
    with (folder / "sphinx.mo").open("rb") as handle:
        committed = gettext.GNUTranslations(handle)
    assert committed.gettext("Link to this heading") == "Link naar deze kop"


def test_no_english_ui_string_and_no_index_page_in_the_small_handbook(small: Path) -> None:
    out = small
    assert not (out / "genindex.html").exists()
    for path in out.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not ENGLISH.search(text), (path, ENGLISH.search(text))
    assert 'title="Link naar deze kop"' in (out / "kennisbank" / "luister-eerst.html").read_text()


# --- The real handbook ------------------------------------------------------------


def test_no_english_ui_string_and_no_localhost_address_in_the_handbook(real_site: Path) -> None:
    assert not (real_site / "genindex.html").exists()
    found = {}
    for path in real_site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".svg", ".js", ".css", ".txt"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            hit = ENGLISH.search(text) if path.suffix == ".html" else None
            local = re.search(r"127\.0\.0\.1|localhost", text)
            if hit or local:
                found[str(path.relative_to(real_site))] = (hit or local).group(0)  # type: ignore[union-attr]
    assert found == {}


def test_footer_links_colofon_and_accessibility_statement(real_site: Path) -> None:
    footer = html_of(real_site, "kennisbank/dialoog.html").select_one("footer")
    hrefs = {a.get_text(): a["href"] for a in footer.select("a")}
    assert hrefs["Colofon"] == "../colofon.html"
    assert hrefs["Toegankelijkheidsverklaring"] == "../toegankelijkheid.html"
    assert hrefs["Contact"] == "../colofon.html#contact"
    statement = html_of(real_site, "toegankelijkheid.html").select_one("main").get_text(" ")
    for tested in ("axe", "320 pixels", "Zonder JavaScript", "toetsenbord"):
        assert tested.casefold() in statement.casefold()


def _section(html: BeautifulSoup, heading: str) -> Any:
    """The section under the h2 ``heading`` (its text without the permalink), or None."""
    for h2 in html.select("section > h2"):
        if h2.find(string=True, recursive=False) == heading:
            return h2.parent
    return None


def test_each_record_a_case_shows_is_its_own_list_item_with_a_dutch_label(
    real_site: Path,
) -> None:
    shown = 0
    for path in sorted((real_site / "kennisbank").glob("*.html")):
        html = html_of(real_site, f"kennisbank/{path.name}")
        section = _section(html, "Dit voorbeeld laat zien")
        if section is None:
            continue
        shown += 1
        for item in section.select("li"):
            assert len(item.select("a")) == 1, (path.name, item.get_text())
            assert re.search(r"\((Strategie|Doe|Doe niet)\)$", item.get_text().strip()), item
    assert shown >= 20


def test_a_step_plan_with_numbered_parts_has_a_section_per_step(real_site: Path) -> None:
    html = html_of(real_site, "kennisbank/zes-stappen-naar-community-management.html")
    steps = _section(html, "Stappen")
    headings = [h.get_text().rstrip("#") for h in steps.select("h3")]
    assert headings == [f"Stap {n}" for n in range(1, 7)]
    first = steps.select("section")[0]
    assert [li.strong.get_text() for li in first.select("li")] == [
        "Intern: Draagvlak verwerven",
        "Technisch: Website en accounts",
        "Extern: Actieplan voorbereiden",
    ]
    assert not steps.select("ol")


def test_a_source_page_shows_its_facts_not_its_files(real_site: Path) -> None:
    main = html_of(real_site, "kennisbank/ienw-handreiking-2020.html").select_one("main")
    text = main.get_text(" ")
    assert "Uitgever" in text
    assert "mei 2020" in text
    assert ".txt" not in text
    assert "Tekstbestand" not in text
    assert "tekstversie" not in text.split("Wat het handboek")[0]
    link = main.find("a", string="www.kennisknooppuntparticipatie.nl")
    assert link["href"] == "https://www.kennisknooppuntparticipatie.nl"


def test_a_facet_page_does_not_glue_its_label_to_the_description(real_site: Path) -> None:
    main = html_of(real_site, "kennisbank/platforms/facebook.html").select_one("main")
    summary = main.select_one(".gg-summary").get_text(" ").strip()
    assert summary == "Pagina’s, groepen en persoonlijke profielen."


def test_home_page_links_records_by_their_own_titles(real_site: Path, knowledge: Any) -> None:
    base, _ = knowledge
    home = html_of(real_site, "index.html").select_one("main")
    checked = 0
    for link in home.select("a[href^='kennisbank/']"):
        record_id = link["href"].removeprefix("kennisbank/").removesuffix(".html")
        if "/" in record_id or record_id not in base:
            continue
        assert link.get_text() == base.get(record_id).title
        checked += 1
    assert checked >= 5


def test_glossary_runs_from_a_to_z(real_site: Path) -> None:
    main = html_of(real_site, "kennisbank/begrippen/index.html").select_one("main")
    letters = [a.get_text() for a in main.select(".gg-alphabet a")]
    assert letters == sorted(letters)
    assert len(letters) > 10
    for letter in letters:
        section = main.find(id=letter.lower())
        titles = [a.get_text() for a in section.select(".sd-card-header a")]
        assert titles
        assert all(t[:1].upper() in {letter, "É"} for t in titles), (letter, titles)


@pytest.mark.parametrize(
    ("overview", "legends"),
    [
        ("dos-en-donts/index.html", ["Soort", "Thema", "Platform", "Doelgroep"]),
        ("strategieen/index.html", ["Thema", "Platform", "Doelgroep"]),
        ("praktijkvoorbeelden/index.html", ["Thema", "Platform", "Doelgroep"]),
        ("stappenplannen/index.html", ["Thema", "Platform", "Doelgroep"]),
        ("aandachtspunten/index.html", ["Soort", "Thema", "Platform", "Doelgroep"]),
        ("platforms/facebook.html", ["Soort", "Thema", "Doelgroep"]),
        ("themas/crisis.html", ["Soort", "Platform", "Doelgroep"]),
    ],
)
def test_every_overview_has_filters_for_its_facets(
    real_site: Path, overview: str, legends: list[str]
) -> None:
    main = html_of(real_site, f"kennisbank/{overview}").select_one("main")
    form = main.select_one("form.gg-card-filter")
    assert [legend.get_text() for legend in form.select("legend")] == legends
    assert form.select_one("button[type=reset]").get_text() == "Wis alle filters"
    cards = main.select(".gg-card")
    for box in form.select("input[type=checkbox]"):
        count = int(box.find_next("span", class_="gg-filter-count").get_text())
        css = f"gg-f-{box['name']}-{box['value']}"
        assert count == sum(css in card["class"] for card in cards), css


def test_page_context_labels_records_by_kind(knowledge: Any) -> None:
    base, _ = knowledge
    page = PageContext(base, "x", SharedIndex(base))
    kinds = {page.type_label(r) for r in base.records if r.type_name == "practice"}
    assert kinds == {"Doe", "Doe niet"}


def test_outside_git_the_newest_content_file_counts_not_generated_pages(tmp_path: Path) -> None:
    from guidegen.sphinx.theming import _newest_file_date  # noqa: PLC0415

    record = write(tmp_path / "content" / "a.yaml", "id: a\n")
    generated = write(tmp_path / "docs" / "kennisbank" / "a.md", "# A\n")
    os.utime(record, (datetime(2022, 1, 2, tzinfo=UTC).timestamp(),) * 2)
    os.utime(generated, (datetime(2025, 1, 2, tzinfo=UTC).timestamp(),) * 2)
    assert str(_newest_file_date(tmp_path, ["content", "docs"])) == "2022-01-02"


def test_an_unconfigured_handbook_says_it_is_an_example_publication(small: Path) -> None:
    page = html_of(small, "index.html")
    footer = page.select_one("footer.utrecht-page-footer")
    text = " ".join(footer.get_text(" ").split())
    assert "Voorbeeldpublicatie: nog niet uitgegeven door een organisatie" in text
    assert "makers van guidegen" not in page.decode()
    assert footer.find("a", string="Contact")["href"] == "colofon.html#contact"
    # The site's name on the home page links to the home page, not to "#".
    name = page.select_one("a.gg-header__name")
    assert name["href"] == "index.html"
    assert name["aria-current"] == "page"
    assert page.select_one("img.gg-header__logo") is None
    # A favicon of the theme's own, so the browser's request finds a file.
    icon = page.select_one("link[rel=icon]")
    assert (small / icon["href"]).is_file()


SETTINGS = """\
publisher:
  name: Gemeente Heuvelrade
  website: https://www.heuvelrade.example.nl/
  logo: huisstijl/logo.svg
  favicon: huisstijl/favicon.png
  contact:
    email: communicatie@heuvelrade.example.nl
    phone: "14 0123"
    form: https://www.heuvelrade.example.nl/contact
  accessibility:
    status: B
    date: "2026-11-30"
    register_url: https://www.toegankelijkheidsverklaring.nl/register/12345
    not_yet_accessible:
      - De diagrammen hebben nog geen tekstversie.
"""
PUBLISHER_PAGES = """\
# Colofon

```{guidegen-publisher} owner
```

(contact)=
## Contact

```{guidegen-publisher} contact
```

## Status

```{guidegen-publisher} statement
```
"""
LOGO = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    b'<rect width="10" height="10"/></svg>'
)
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000005000157a7bc1a0000000049454e44ae426082"
)


def _publisher_project(project: Path, settings: str = SETTINGS) -> None:
    write(project / "site.yaml", settings)
    (project / "huisstijl").mkdir()
    (project / "huisstijl" / "logo.svg").write_bytes(LOGO)
    (project / "huisstijl" / "favicon.png").write_bytes(PNG)
    write(project / "colofon.md", PUBLISHER_PAGES)
    index = project / "index.md"
    index.write_text(index.read_text() + "\n```{toctree}\n:hidden:\ncolofon\n```\n")


def test_the_publisher_from_site_yaml_is_on_every_page(
    make_app: Any, handbook_project: Path
) -> None:
    _publisher_project(handbook_project)
    app = build(make_app, handbook_project)
    out = Path(app.outdir)
    page = html_of(out, "kennisbank/luister-eerst.html")
    footer = page.select_one("footer.utrecht-page-footer")
    assert "Uitgegeven door Gemeente Heuvelrade" in footer.get_text(" ")
    contact = footer.find("a", string="Contact")["href"]
    assert unquote(contact) == "mailto:communicatie@heuvelrade.example.nl"
    logo = page.select_one("a.gg-header__name img.gg-header__logo")
    assert logo["alt"] == "Gemeente Heuvelrade"
    assert (out / "kennisbank" / logo["src"]).resolve().read_bytes() == LOGO
    icon = page.select_one("link[rel=icon]")
    assert (out / "kennisbank" / icon["href"]).resolve().read_bytes() == PNG

    colofon = html_of(out, "colofon.html")
    main = colofon.select_one("main")
    text = " ".join(main.get_text(" ").split())
    assert "Dit handboek wordt uitgegeven door Gemeente Heuvelrade ." in text
    links = {a.get_text(): a["href"] for a in main.select("a.reference")}
    assert links["Gemeente Heuvelrade"] == "https://www.heuvelrade.example.nl/"
    assert unquote(links["communicatie@heuvelrade.example.nl"]) == (
        "mailto:communicatie@heuvelrade.example.nl"
    )
    assert links["14 0123"] == "tel:140123"
    assert links["Contactformulier"] == "https://www.heuvelrade.example.nl/contact"
    # The accessibility statement after the official model: status, date, what is not
    # yet accessible, the statement in the register.
    assert "Nalevingsstatus: B – voldoet gedeeltelijk." in text
    assert "Datum van de verklaring: 30 november 2026." in text
    assert "De diagrammen hebben nog geen tekstversie." in text
    assert links["register van toegankelijkheidsverklaringen"] == (
        "https://www.toegankelijkheidsverklaring.nl/register/12345"
    )
    # On the colofon itself "Contact" still leads to the e-mail address, never to "##".
    assert "##" not in colofon.decode()


def test_without_settings_the_publisher_pages_say_so(make_app: Any, handbook_project: Path) -> None:
    _publisher_project(handbook_project)
    (handbook_project / "site.yaml").unlink()
    out = Path(build(make_app, handbook_project).outdir)
    colofon = html_of(out, "colofon.html")
    text = " ".join(colofon.select_one("main").get_text(" ").split())
    assert "Dit is een voorbeeldpublicatie: nog geen organisatie geeft dit handboek uit" in text
    assert "nog geen officiële toegankelijkheidsverklaring" in text
    assert colofon.select_one("footer").find("a", string="Contact")["href"] == "#contact"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("    email: communicatie@heuvelrade.example.nl\n", "    email: geen adres\n"),
            "site.yaml:7:12: fout: publisher.contact.email: 'geen adres' heeft niet de goede "
            "vorm; schrijf een e-mailadres, bijvoorbeeld communicatie@gemeente.nl",
        ),
        (
            ("    status: B\n", "    status: F\n"),
            "site.yaml:11:13: fout: publisher.accessibility.status: 'F' kan hier niet; kies uit "
            "'A', 'B', 'C' of 'D'",
        ),
        (
            ("  logo: huisstijl/logo.svg\n", "  logo: ../../etc/logo.svg\n"),
            "site.yaml:4:9: fout: logo: het bestand moet in de map van het instellingenbestand",
        ),
        (
            ("  name: Gemeente Heuvelrade\n", "  naam: Gemeente Heuvelrade\n"),
            "site.yaml:2:3: fout: onbekend veld 'naam'",
        ),
    ],
)
def test_a_wrong_settings_file_stops_the_build_with_a_located_dutch_message(
    make_app: Any, handbook_project: Path, change: tuple[str, str], expected: str
) -> None:
    _publisher_project(handbook_project, SETTINGS.replace(*change))
    with pytest.raises(ConfigError) as caught:
        make_app("html", srcdir=handbook_project, freshenv=True)
    assert expected in str(caught.value)


def test_a_logo_with_script_is_refused(make_app: Any, handbook_project: Path) -> None:
    _publisher_project(handbook_project)
    (handbook_project / "huisstijl" / "logo.svg").write_bytes(
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'
    )
    with pytest.raises(ConfigError) as caught:
        make_app("html", srcdir=handbook_project, freshenv=True)
    assert "site.yaml:4:9: fout: logo: 'huisstijl/logo.svg' bevat script" in str(caught.value)


def test_every_page_but_home_has_breadcrumbs_up_the_sections(small: Path) -> None:
    assert html_of(small, "index.html").select_one("nav.utrecht-breadcrumb-nav") is None
    page = html_of(small, "kennisbank/luister-eerst.html")
    crumbs = page.select_one("nav.utrecht-breadcrumb-nav")
    assert crumbs["aria-label"] == "Kruimelpad"
    items = crumbs.select("ol > li")
    assert items[0].a["href"] == "../index.html"
    assert items[0].get_text() == "Home"
    last = items[-1].select_one("[aria-current=page]")
    assert last.name == "span"
    assert last.get_text() == page.select_one("main h1").get_text().rstrip("#¶")
    # Between home and the page: the sections that hold it, each a link that exists.
    for item in items[1:-1]:
        assert (small / "kennisbank" / item.a["href"]).is_file(), item
    assert len(items) >= 3


def test_card_titles_are_headings_one_level_below_their_section(real_site: Path) -> None:
    overview = html_of(real_site, "kennisbank/dos-en-donts/index.html").select_one("main")
    cards = overview.select(".gg-card")
    titles = overview.select(".gg-card .sd-card-header h3.gg-card-title")
    assert len(titles) == len(cards) > 100
    assert all(title.find("a") for title in titles)
    # Without a section heading above them the cards' titles are h2.
    strategies = html_of(real_site, "kennisbank/strategieen/index.html").select_one("main")
    assert strategies.select(".gg-card h2.gg-card-title")
    assert not strategies.select(".gg-card h3")
    home = html_of(real_site, "index.html").select_one("main")
    assert home.select(".sd-card-header h3.gg-card-title")
    assert not home.select(".sd-card-header > p")


def test_a_source_in_english_marks_its_title_and_quotes_with_lang_en(
    make_app: Any, handbook_project: Path
) -> None:
    source = handbook_project / "content" / "sources" / "handreiking.yaml"
    source.write_text(source.read_text() + "language: en\n")
    out = Path(build(make_app, handbook_project).outdir)
    record = html_of(out, "kennisbank/luister-eerst.html").select_one("main")
    quote = record.find("blockquote")
    assert quote.find("span", lang="en").get_text() == "“Luister naar wat mensen elkaar vertellen.”"
    link = record.find("a", string="Testhandreiking")
    assert link.find_parent("span")["lang"] == "en"
    page = html_of(out, "kennisbank/handreiking.html")
    assert page.select_one("main h1 span[lang=en]").get_text() == "Testhandreiking"
    # A Dutch source's title carries no lang of its own: the page's lang="nl" holds.
    source.write_text(source.read_text().replace("language: en\n", ""))
    out = Path(build(make_app, handbook_project).outdir)
    record = html_of(out, "kennisbank/luister-eerst.html").select_one("main")
    assert record.find(attrs={"lang": True}) is None


def test_cards_show_no_markup_and_citations_no_doubled_brackets(real_site: Path) -> None:
    glossary = html_of(real_site, "kennisbank/begrippen/index.html").select_one("main")
    assert "**" not in glossary.get_text()
    nested = re.compile(r"\([^()]*\([^()]*\)\)")
    doubled = []
    for path in (real_site / "kennisbank").glob("*.html"):
        for item in html_of(real_site, f"kennisbank/{path.name}").select("main .gg-note li"):
            if nested.search(item.get_text()):
                doubled.append(f"{path.name}: {item.get_text()[:80]}")
    assert doubled == []


class _Anchors(HTMLParser):
    """The ids and the links of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name"):
            if values.get(name):
                self.ids.add(str(values[name]))
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))


def test_every_link_to_a_fragment_finds_its_target(real_site: Path) -> None:
    pages: dict[Path, _Anchors] = {}

    def parsed(path: Path) -> _Anchors:
        if path not in pages:
            parser = _Anchors()
            parser.feed(path.read_text(encoding="utf-8"))
            pages[path] = parser
        return pages[path]

    broken = []
    for path in sorted(real_site.rglob("*.html")):
        if "_static" in path.parts:
            continue
        for href in parsed(path).links:
            address, _, fragment = href.partition("#")
            if not fragment and "#" not in href:
                continue
            if urlsplit(address).scheme or address.startswith("//"):
                continue  # another site's anchors are not ours to check
            target = (path.parent / address.split("?")[0]).resolve() if address else path
            if target.suffix != ".html" or not target.is_file():
                continue  # a missing page is another test's business
            if fragment == "" or (fragment not in parsed(target).ids and fragment != "top"):
                broken.append(f"{path.relative_to(real_site)}: {href}")
    assert broken == []


def test_every_page_has_a_title_of_its_own(real_site: Path) -> None:
    seen: dict[str, str] = {}
    doubled = []
    for path in sorted(real_site.rglob("*.html")):
        if "_static" in path.parts:
            continue
        match = re.search(r"<title>(.*?)</title>", path.read_text(encoding="utf-8"), re.S)
        assert match, path
        title = " ".join(match.group(1).split())
        name = str(path.relative_to(real_site))
        if title in seen:
            doubled.append(f"{title}: {seen[title]} and {name}")
        seen[title] = name
    assert doubled == []
    facebook = html_of(real_site, "kennisbank/platforms/facebook.html")
    assert facebook.select_one("main h1").get_text().rstrip("#¶") == "Platform: Facebook"
    # The home page lists no second copy of the main menu.
    home = html_of(real_site, "index.html").select_one("main")
    assert not home.select(".toctree-wrapper a")

"""``guidegen serve`` in Chromium: from the home page to a Word guideline, errors, no JS."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from axe_playwright_python.sync_playwright import Axe

from guidegen.content.knowledge import KnowledgeBase
from guidegen.service.app import create_app
from guidegen.trees.decisiontree import Tree

from ..conftest import REPO
from ..service import knowledge_for, run
from ..test_profile import MINIMAL
from .conftest import WCAG_TAGS

FORM_PAGE = "richtlijn-samenstellen.html"


@pytest.fixture(scope="module")
def served(real_site: Path, knowledge: tuple[KnowledgeBase, list[Tree]]) -> Iterator[str]:
    """The real handbook, served by ``guidegen serve``'s application with uvicorn."""
    yield from run(create_app(real_site, knowledge_for(knowledge)))


def open_page(browser: Any, url: str, *, javascript: bool = True) -> Any:
    """A page that accepts downloads and records script errors and every request."""
    context = browser.new_context(accept_downloads=True, java_script_enabled=javascript)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on(
        "console",
        lambda m: page.errors.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.goto(url)
    return page


def close(page: Any, base: str) -> None:
    assert page.errors == []
    assert all(url.startswith((base, "blob:")) for url in page.requests), page.requests
    page.context.close()


def test_from_the_home_page_to_a_word_guideline(
    browser: Any,
    served: str,
    tmp_path: Path,
) -> None:
    page = open_page(browser, served)
    page.get_by_role("link", name="Stel je richtlijn samen").first.click()
    page.wait_for_url("**/" + FORM_PAGE)
    word = page.get_by_role("button", name="Download als Word")
    word.wait_for()  # shown once the service answered the probe
    assert page.locator("#gg-service-upload").is_hidden()  # the buttons replace it
    page.get_by_label("Naam van de organisatie (verplicht)").fill("Gemeente Proefdorp")
    page.get_by_label("Gemeente", exact=True).check()
    page.get_by_label("LinkedIn").check()
    page.locator("#gg-service-logo").set_input_files(REPO / "profiles" / "logo-maasstad.png")
    word.focus()
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    name = "richtlijn-sociale-media-gemeente-proefdorp.docx"
    assert info.value.suggested_filename == name
    saved = tmp_path / name
    info.value.save_as(saved)
    assert page.locator("#gg-service-status").inner_text() == f"{name} is gedownload."

    document = docx.Document(saved)
    titles = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert titles == ["Richtlijn sociale media — Gemeente Proefdorp"]
    chapters = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert chapters[0] == "Doel en reikwijdte"
    assert chapters[-1] == "Bronnen"
    assert len(chapters) > 5
    assert len(document.inline_shapes) == 1  # the uploaded logo
    text = "\n".join(p.text for p in document.paragraphs)
    assert "LinkedIn" in text
    assert "Facebook" not in text
    close(page, served)


def test_an_older_date_downloads_with_the_notice_about_later_knowledge(
    browser: Any, served: str
) -> None:
    """The service's notice (``guidegen generate`` prints it) reaches the form's status."""
    page = open_page(browser, served + FORM_PAGE)
    web = page.get_by_role("button", name="Download als webpagina")
    web.wait_for()
    page.get_by_label("Naam van de organisatie (verplicht)").fill("Gemeente Proefdorp")
    page.get_by_label("Gemeente", exact=True).check()
    page.get_by_label("Datum", exact=True).fill("2024-01-01")
    with page.expect_download():
        web.click()
    status = page.locator("#gg-service-status").inner_text()
    assert status.startswith("richtlijn-sociale-media-gemeente-proefdorp.html is gedownload. ")
    assert "Let op: het document is gedateerd 1 januari 2024." in status
    assert "zijn weggelaten; met een latere datum in het profiel" in status
    close(page, served)


def test_the_services_problems_show_in_the_error_summary(
    browser: Any,
    served: str,
    tmp_path: Path,
) -> None:
    page = open_page(browser, served + FORM_PAGE)
    pdf = page.get_by_role("button", name="Download als PDF")
    pdf.wait_for()
    pdf.click()  # the form's own check first: nothing is sent
    assert (
        "Naam van de organisatie: vul dit in; het is verplicht"
        in page.locator("#gg-error-summary li").all_inner_texts()
    )
    assert not any("api/richtlijn" in url for url in page.requests)
    # A loaded profile that names a logo file: the file name stays out of what is sent.
    loaded = tmp_path / "in.yaml"
    loaded.write_text(MINIMAL.replace("  type:", "  logo: logo.png\n  type:"), encoding="utf-8")
    page.get_by_label("Profielbestand (YAML)").set_input_files(loaded)
    page.get_by_role("status").filter(has_text="in.yaml is geladen").wait_for()
    fake = tmp_path / "logo.png"
    fake.write_bytes(b"dit is geen afbeelding")
    page.locator("#gg-service-logo").set_input_files(fake)
    pdf.click()
    status = page.locator("#gg-service-status")
    status.filter(has_text="niet gemaakt").wait_for()
    assert "het logo-bestand uit het profiel gaat niet mee" in status.inner_text()
    summary = page.locator("#gg-error-summary")
    assert summary.locator("li").all_inner_texts() == [
        "fout: logo: dit is geen PNG- of JPEG-afbeelding"
    ]
    assert page.evaluate("document.activeElement.id") == "gg-error-summary"
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "gg-service-logo"
    # The upload form for browsers without JavaScript is checked too.
    page.evaluate("document.getElementById('gg-service-upload').hidden = false")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    close(page, served)


def test_without_javascript_the_service_takes_an_uploaded_profile(
    browser: Any,
    served: str,
    tmp_path: Path,
) -> None:
    page = open_page(browser, served + FORM_PAGE, javascript=False)
    profile = tmp_path / "profiel.yaml"
    profile.write_text(MINIMAL, encoding="utf-8")
    page.get_by_label("Ingevuld profiel (profiel.yaml)").set_input_files(profile)
    with page.expect_download() as info:
        page.get_by_role("button", name="Maak de richtlijn").click()
    assert info.value.suggested_filename == "richtlijn-sociale-media-gemeente-proefdorp.docx"
    info.value.save_as(tmp_path / "out.docx")
    titles = [p.text for p in docx.Document(tmp_path / "out.docx").paragraphs[:3]]
    assert "Richtlijn sociale media — Gemeente Proefdorp" in titles
    # A wrong profile: a Dutch page with every problem, not a traceback.
    profile.write_text(MINIMAL + "platfroms: [facebook]\n", encoding="utf-8")
    page.get_by_label("Ingevuld profiel (profiel.yaml)").set_input_files(profile)
    page.get_by_label("PDF", exact=True).check()
    page.get_by_role("button", name="Maak de richtlijn").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Het profiel klopt niet"
    assert page.get_by_role("listitem").all_inner_texts() == [
        "fout: Profiel: onbekend veld 'platfroms' (bedoelde je 'platforms'?)"
    ]
    close(page, served)


def test_a_static_host_shows_neither_buttons_nor_upload(
    browser: Any,
    handbook: str,
) -> None:
    context = browser.new_context()
    page = context.new_page()
    with page.expect_response("**/api/status") as probe:
        page.goto(handbook + FORM_PAGE)
    assert probe.value.status == 404
    page.get_by_role("button", name="Download profiel.yaml").wait_for()
    assert page.locator("#gg-service").is_hidden()
    assert page.locator("#gg-service-upload").is_hidden()
    assert page.get_by_role("button", name="Download als Word").count() == 0
    context.close()

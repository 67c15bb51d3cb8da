"""The profile form "Stel je richtlijn samen" in Chromium, on the real handbook: fill,
check, download and load a profile; the same refusals as ``guidegen check``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from guidegen.content.knowledge import KnowledgeBase
from guidegen.guideline.profile import load_profile
from guidegen.trees.decisiontree import Tree

from ..test_profile import MINIMAL, PROFILE_ERRORS, problems_for
from .conftest import WCAG_TAGS

FORM_PAGE = "richtlijn-samenstellen.html"
#: Cases of test_profile.py the form leaves to `guidegen check`: they need the records.
LEFT_TO_CHECK = {"dangling-include", "exclude-a-term"}


@pytest.fixture
def form(browser: Any, handbook: str) -> Iterator[Any]:
    """The form page, in a context that accepts downloads; fails on script or CSP errors."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None,
    )
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(handbook + FORM_PAGE)
    yield page
    context.close()
    assert errors == []
    assert all(url.startswith((handbook, "blob:")) for url in requests), requests


def download(page: Any, tmp_path: Path) -> Path:
    with page.expect_download() as info:
        page.get_by_role("button", name="Download profiel.yaml").click()
    assert info.value.suggested_filename == "profiel.yaml"
    target = tmp_path / "profiel.yaml"
    info.value.save_as(target)
    return target


def load(page: Any, tmp_path: Path, text: str | bytes) -> None:
    path = tmp_path / "in.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    page.get_by_label("Profielbestand (YAML)").set_input_files(path)
    page.get_by_role("status").filter(has_text="in.yaml").wait_for()


def summary_items(page: Any) -> list[str]:
    return page.locator("#gg-error-summary li").all_inner_texts()


def test_home_page_links_to_the_form(form: Any, handbook: str) -> None:
    form.goto(handbook + "index.html")
    form.get_by_role("link", name="Stel je richtlijn samen").first.click()
    form.wait_for_url("**/" + FORM_PAGE)
    assert form.get_by_role("heading", name="Stel je richtlijn samen").is_visible()
    assert form.locator("#gg-profile-fallback").is_hidden()


def test_fill_check_and_download_a_valid_profile(
    form: Any, tmp_path: Path, knowledge: tuple[KnowledgeBase, list[Tree]]
) -> None:
    form.get_by_role("button", name="Download profiel.yaml").click()
    # Required fields: a message next to the field and a linked summary.
    assert form.locator("#gg-error-summary").is_visible()
    assert form.evaluate("document.activeElement.id") == "gg-error-summary"
    items = summary_items(form)
    assert "Naam van de organisatie: vul dit in; het is verplicht" in items
    assert "Soort organisatie: kies er een; het is verplicht" in items
    form.get_by_role("link", name="Naam van de organisatie: vul dit in").click()
    assert form.evaluate("document.activeElement.id") == "gg-f-organisation-name"
    name = form.get_by_label("Naam van de organisatie (verplicht)")
    assert name.get_attribute("aria-invalid") == "true"
    assert "vul dit in" in form.locator("#gg-f-organisation-name-error").inner_text()
    # Typing fixes it; a wrong date and e-mail are refused as you type.
    name.fill("Gemeente Proefdorp")
    form.get_by_label("Gemeente", exact=True).check()
    date = form.get_by_label("Datum")
    date.fill("2026-02-30")
    assert "bestaat niet als datum" in form.locator("#gg-f-document-date-error").inner_text()
    assert any("Datum: '2026-02-30' bestaat niet" in item for item in summary_items(form))
    date.fill("2026-03-01")
    email = form.get_by_label("E-mailadres")
    email.fill("communicatie-at-proefdorp")
    assert "geen e-mailadres" in form.locator("#gg-f-organisation-contact-email-error").inner_text()
    email.fill("communicatie@proefdorp.nl")
    form.get_by_label("Meningen en ideeën ophalen bij beleid").check()
    form.get_by_label("LinkedIn").check()
    form.get_by_label("Eigen huisregels").fill("Geen reclame\nBlijf bij het onderwerp")
    form.get_by_label("Aantal praktijkvoorbeelden").fill("3")
    assert form.locator("#gg-error-summary").is_hidden()
    saved = download(form, tmp_path)
    text = saved.read_text(encoding="utf-8")
    # A site without a public https address: the profile names no schema address (never
    # the local server's).
    assert "yaml-language-server" not in text
    assert "127.0.0.1" not in text
    assert text.startswith("# Profiel voor guidegen generate")
    loaded, problems = load_profile(saved, knowledge[0])
    assert problems == []
    assert loaded is not None
    profile = loaded.profile
    assert (profile.organisation.name, profile.organisation.type) == (
        "Gemeente Proefdorp",
        "gemeente",
    )
    assert profile.goals == ["dialoog"]
    assert profile.platforms == ["linkedin"]
    assert profile.moderation.house_rules == ["Geen reclame", "Blijf bij het onderwerp"]
    assert str(profile.document.date) == "2026-03-01"
    assert profile.max_cases == 3
    assert profile.organisation.contact.email == "communicatie@proefdorp.nl"
    # On a static host the page ends in plain words: what the reader has, who makes the
    # guideline of it; no command line.
    steps = form.locator("#gg-next-steps").inner_text()
    assert "Wat je nu hebt:" in steps
    assert "Wie er een richtlijn van maakt:" in steps
    page_text = form.locator("main").inner_text()
    for jargon in ("guidegen generate", "Markdown", "#rrggbb", "include", "exclude"):
        assert jargon not in page_text, jargon


def test_the_published_schema_is_the_one_in_the_header(
    form: Any,
    handbook: str,
) -> None:
    response = form.request.get(handbook + "schemas/profile.schema.json")
    assert response.ok
    assert "organisation" in response.json()["properties"]


def test_load_a_profile_edit_it_and_keep_what_the_form_does_not_show(
    form: Any, tmp_path: Path, knowledge: tuple[KnowledgeBase, list[Tree]]
) -> None:
    text = (
        MINIMAL
        + "platforms: [facebook, youtube]\n"
        + "accounts:\n  - {platform: youtube, name: Proefdorp TV}\n"
        + "document:\n  status: vastgesteld\n"
    )
    load(form, tmp_path, text)
    assert form.get_by_label("Naam van de organisatie (verplicht)").input_value() == (
        "Gemeente Proefdorp"
    )
    assert form.get_by_label("YouTube").is_checked()
    assert form.get_by_label("Vastgesteld", exact=True).is_checked()
    assert form.locator("#gg-error-summary").is_hidden()
    form.get_by_label("Facebook").uncheck()
    saved = download(form, tmp_path)
    loaded, problems = load_profile(saved, knowledge[0])
    assert problems == []
    assert loaded is not None
    assert loaded.profile.platforms == ["youtube"]
    assert [a.name for a in loaded.profile.accounts] == ["Proefdorp TV"]
    assert loaded.profile.document.status == "vastgesteld"


#: For each case of test_profile.py, the words of the check's message the form shows too.
FORM_SAYS = {
    "unknown-field": "onbekend veld 'platfroms'",
    "missing-field": "Naam van de organisatie: vul dit in; het is verplicht",
    "wrong-type": "hier hoort een lijst, maar er staat tekst",
    "unknown-type": "'dorp' kan hier niet; kies uit 'gemeente', 'provincie'",
    "unknown-platform": "onbekende waarde 'myspace'",
    "duplicate-platform": "'facebook' staat er 2 keer in; noem elke waarde één keer",
    "unknown-goal": "onbekende waarde 'wereldvrede'",
    "unknown-audience": "onbekende waarde 'burgemeester'",
    "include-and-exclude": "staat zowel bij include als bij exclude",
    "account-platform-not-used": "het platform 'linkedin' staat niet bij 'platforms'",
    "impossible-date": "'2026-02-30' bestaat niet als datum; controleer de dag en de maand",
    "removal-beyond-the-rule": "'kritiek' kan hier niet; kies uit 'spam', 'kwetsend' of",
    "html-in-markdown": "HTML kan niet in dit veld; gebruik Markdown",
    "too-many-cases": "mag hoogstens 40 zijn",
    "too-light-colour": "de huiskleur #ffcc00 is te licht voor tekst op wit (contrast 1.5:1",
    "malformed-yaml": "de opmaak (YAML) klopt niet",
    "not-utf8": "geen geldige UTF-8",
    # The form's YAML reader refuses it too, as any other YAML it cannot read.
    "control-character": "de opmaak (YAML) klopt niet op regel 4",
}

PROFILE_CASES = [case for case in PROFILE_ERRORS if case.id not in LEFT_TO_CHECK]


def case_id(expected: str) -> str:
    return next(case.id for case in PROFILE_CASES if case.values[1] == expected)


def test_every_profile_case_is_covered() -> None:
    ids = {case.id for case in PROFILE_ERRORS}
    assert ids == set(FORM_SAYS) | LEFT_TO_CHECK


@pytest.mark.parametrize(("text", "expected"), PROFILE_CASES)
def test_the_form_refuses_what_the_profile_check_refuses(
    form: Any,
    tmp_path: Path,
    knowledge: tuple[KnowledgeBase, list[Tree]],
    text: str | bytes,
    expected: str,
) -> None:
    assert expected in problems_for(tmp_path, knowledge, text)  # the check refuses it ...
    load(form, tmp_path, text)  # ... and so does the form, with a linked summary
    assert form.locator("#gg-error-summary").is_visible()
    assert any(FORM_SAYS[case_id(expected)] in item for item in summary_items(form))
    form.get_by_role("button", name="Download profiel.yaml").click()
    assert form.locator("#gg-form-status").inner_text() == ""


def test_the_form_without_javascript_offers_the_example(browser: Any, handbook: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(handbook + FORM_PAGE)
    assert page.locator("#gg-profile-form").is_hidden()
    link = page.get_by_role("link", name="voorbeeldprofiel met uitleg")
    response = page.request.get(handbook + link.get_attribute("href"))
    assert response.ok
    assert "organisation:" in response.text()
    context.close()


def test_the_form_with_its_errors_is_accessible_in_dark_mode(
    browser: Any,
    handbook: str,
) -> None:
    """Help texts, field errors and the summary keep their contrast on a dark page."""
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(handbook + FORM_PAGE)
    page.get_by_role("button", name="Download profiel.yaml").click()
    assert page.locator(".gg-field-error:visible").count() > 0
    assert page.locator(".gg-hint:visible").count() > 0
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    context.close()


def test_the_form_is_accessible_and_fits_320_pixels(form: Any) -> None:
    form.get_by_role("button", name="Download profiel.yaml").click()  # with errors shown
    results = Axe().run(form, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    form.set_viewport_size({"width": 320, "height": 700})
    assert form.evaluate("document.documentElement.scrollWidth") <= 320
    # Keyboard: Tab goes from the file chooser to the first field; Space ticks a box.
    form.get_by_label("Profielbestand (YAML)").focus()
    form.keyboard.press("Tab")
    assert form.evaluate("document.activeElement.id") == "gg-f-organisation-name"
    form.get_by_label("Meningen en ideeën ophalen bij beleid").focus()
    form.keyboard.press("Space")
    assert form.get_by_label("Meningen en ideeën ophalen bij beleid").is_checked()

"""The profile form "Stel je richtlijn samen": fields from the schema, and the form in Chromium."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from guidegen.content.knowledge import KnowledgeBase
from guidegen.content.model import Goal
from guidegen.guideline.form import CARRIED, LABELS, form_groups, walk_fields
from guidegen.guideline.formexample import example_profile
from guidegen.guideline.profile import load_profile
from guidegen.schema import profile_schema, render_schema
from guidegen.trees.decisiontree import Tree

from .conftest import REPO
from .browser.test_browser import WCAG_TAGS, browser, handbook  # noqa: F401 - shared fixtures
from .test_profile import MINIMAL, problems_for
from .test_profile import test_each_profile_error_is_reported_at_its_line as profile_errors

FORM_PAGE = "richtlijn-samenstellen.html"
#: Cases of test_profile.py the form leaves to `guidegen check`: they need the records.
LEFT_TO_CHECK = {"dangling-include", "exclude-a-term"}


def groups_for(base: KnowledgeBase) -> list[Any]:
    assert base.vocabulary is not None
    return form_groups(profile_schema(base.vocabulary), base.vocabulary, {})


def test_every_schema_field_is_in_the_form_or_carried(
    knowledge: tuple[KnowledgeBase, list[Tree]],
) -> None:
    fields = {made.path for made in walk_fields(groups_for(knowledge[0]))}
    schema = profile_schema(knowledge[0].vocabulary)
    for name in schema["properties"]:
        assert name in CARRIED or any(p == name or p.startswith(name + ".") for p in fields), name
    assert {"organisation.name", "document.date", "organisation.contact.email"} <= fields
    # Every field has a Dutch label of its own (a note shares the chapter text's label).
    unlabelled = [p for p in fields if p not in LABELS and not p.endswith(".note")]
    assert unlabelled == []


def test_the_form_has_every_field_that_shapes_the_guideline(
    knowledge: tuple[KnowledgeBase, list[Tree]],
) -> None:
    """Accounts, own chapters, rules to include or exclude and every chapter's fields are
    in the form; only names of files next to the profile are carried over."""
    fields = {made.path: made for made in walk_fields(groups_for(knowledge[0]))}
    assert fields["accounts"].kind == "rows"
    assert [f.path for f in fields["accounts"].row] == [
        "accounts.platform", "accounts.name", "accounts.url",
    ]  # fmt: skip
    assert fields["accounts"].row[0].kind == "choice"
    assert [f.path for f in fields["sections"].row] == ["sections.title", "sections.body"]
    assert fields["sections"].row[1].kind == "markdown"
    assert fields["include"].kind == fields["exclude"].kind == "lines"
    assert fields["tone.address"].kind == "choice"
    for chapter in ("tone", "privacy", "accessibility", "security", "training", "evaluation"):
        assert f"{chapter}.note" in fields, chapter
    assert set(CARRIED) == {"organisation.logo", "house_style.reference_docx"}


def test_the_service_names_the_forms_labels(knowledge: tuple[KnowledgeBase, list[Tree]]) -> None:
    """The service's messages name a field as the form labels it, not a place in a file."""
    from guidegen.service.making import ProfileRefused, checked_profile  # noqa: PLC0415

    path = REPO / "tests" / "data" / "profiles" / "provincie-noorderveld.yaml"
    text = path.read_text(encoding="utf-8") + (
        "house_style:\n  colour: '#ffcc00'\nsections:\n  - {title: Eigen, body: '<b>x</b>'}\n"
    )
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "profiel.yaml"
        target.write_text(text, encoding="utf-8")
        with pytest.raises(ProfileRefused) as refused:
            checked_profile(target, knowledge[0], None)
    messages = refused.value.messages
    colour = "fout: Huisstijl › Huisstijlkleur: de huiskleur #ffcc00 is te licht"
    assert any(m.startswith(colour) for m in messages)
    assert any(m.startswith("fout: Eigen hoofdstukken, nr. 1 › Tekst: ") for m in messages)
    assert not any("profiel.yaml:" in m for m in messages)


def test_a_downloaded_profile_names_only_a_published_https_schema() -> None:
    from guidegen.sphinx.profileformpage import published_schema  # noqa: PLC0415

    assert published_schema("") == ""
    assert published_schema("http://127.0.0.1:8000/") == ""
    assert published_schema("https://handboek.example/") == (
        "https://handboek.example/schemas/profile.schema.json"
    )


def test_the_form_reads_the_committed_profile_schema(
    knowledge: tuple[KnowledgeBase, list[Tree]],
) -> None:
    """The form is built from profile_schema(); it is the file editors use, unchanged."""
    committed = (REPO / "schemas" / "profile.schema.json").read_text(encoding="utf-8")
    assert render_schema(profile_schema(knowledge[0].vocabulary)) == committed


def test_a_new_vocabulary_value_appears_without_hand_edits(
    knowledge: tuple[KnowledgeBase, list[Tree]],
) -> None:
    vocabulary = knowledge[0].vocabulary
    assert vocabulary is not None
    extra = Goal(label="Een nieuw doel", description="Alleen voor de test.", strategies=["x"])
    changed = vocabulary.model_copy(update={"goals": {**vocabulary.goals, "nieuw-doel": extra}})
    groups = form_groups(profile_schema(changed), changed, {"x": "Strategie X"})
    goals = next(f for f in walk_fields(groups) if f.path == "goals")
    option = next(o for o in goals.options if o.value == "nieuw-doel")
    assert (option.label, option.brings) == ("Een nieuw doel", ("Strategie X",))


def test_the_annotated_example_is_a_valid_profile(
    tmp_path: Path, knowledge: tuple[KnowledgeBase, list[Tree]]
) -> None:
    text = example_profile(groups_for(knowledge[0]), "../schemas/profile.schema.json")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "# Huisregels en moderatie" in text
    assert "  # remove: [spam, kwetsend]" in text
    path = tmp_path / "profiel.yaml"
    path.write_text(text, encoding="utf-8")
    loaded, problems = load_profile(path, knowledge[0])
    assert problems == []
    assert loaded is not None
    assert loaded.profile.organisation.name == "Gemeente Voorbeeld"


# ---- in Chromium, on the real handbook ----


@pytest.fixture
def form(browser: Any, handbook: str) -> Iterator[Any]:  # noqa: F811
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


def test_home_page_links_to_the_form(form: Any, handbook: str) -> None:  # noqa: F811
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
    handbook: str,  # noqa: F811
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

PROFILE_CASES = [
    case for case in profile_errors.pytestmark[0].args[1] if case.id not in LEFT_TO_CHECK
]


def case_id(expected: str) -> str:
    return next(case.id for case in PROFILE_CASES if case.values[1] == expected)


def test_every_profile_case_is_covered() -> None:
    ids = {case.id for case in profile_errors.pytestmark[0].args[1]}
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


def test_the_form_without_javascript_offers_the_example(browser: Any, handbook: str) -> None:  # noqa: F811
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
    browser: Any,  # noqa: F811
    handbook: str,  # noqa: F811
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

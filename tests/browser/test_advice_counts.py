"""The profile form's advice counts: per chapter, what Python's ``assemble`` would choose.

The counts are made in the browser (guidegen-advice-counts.js) from data the build
exports (guideline/advicedata.py); these tests load profiles through the form's file
input and compare the numbers on the page with ``assemble`` for the same profile.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from guidegen.content.model import Case, PlatformTerm, Strategy
from guidegen.guideline.advicedata import chapter_titles
from guidegen.guideline.assemble import assemble, rule_candidates
from guidegen.guideline.profile import LoadedProfile, Profile, load_profile

from ..conftest import REPO
from ..test_advice_data import TEMPLATES, Knowledge, used_chapters
from .conftest import WCAG_TAGS
from .test_profile_form import FORM_PAGE

#: The example profiles and those nobody here wrote (a police unit among them: a rule
#: written for its type replaces a general one, ``replaces``).
EXAMPLES = sorted((REPO / "profiles").glob("*.yaml")) + sorted(
    (REPO / "tests" / "data" / "profiles").glob("*.yaml")
)
DAY = date(2026, 11, 26)
#: How the page's counts are read: the data attributes of the list and the total.
READ_COUNTS = """() => {
  const found = {chapters: {}, general: {}, texts: []};
  for (const li of document.querySelectorAll("#gg-advice-list li")) {
    const n = Number(li.dataset.ggCount);
    if (li.dataset.ggChapter) found.chapters[li.dataset.ggChapter] = n;
    else found.general[li.dataset.ggTheme] = n;
    found.texts.push([li.textContent, n]);
  }
  const total = document.getElementById("gg-advice-total").dataset;
  found.strategies = Number(total.ggStrategies);
  found.cases = Number(total.ggCases);
  return found;
}"""


def expected_counts(profile: Profile, knowledge: Knowledge) -> dict[str, Any]:
    """What the guideline of ``profile`` holds, counted as the form shows it."""
    guideline = assemble(profile, knowledge[0], knowledge[1], DAY)
    legal = {key: t.label for key, t in knowledge[0].vocabulary.legal_topics.items()}
    titles, _read = chapter_titles(TEMPLATES, legal)
    chapters = {key: len(guideline.rules(key)) for key in titles}
    printed = {s.id for goal in guideline.goals for s in goal.strategies}
    return {
        "chapters": {key: n for key, n in chapters.items() if key in used_chapters(knowledge)},
        "general": {term.label: len(rules) for term, rules in guideline.general},
        "strategies": len(printed & {s.id for s in guideline.strategies}),
        "cases": len(guideline.cases),
    }


def shown_counts(page: Any, knowledge: Knowledge) -> dict[str, Any]:
    """The counts on the page; every line's text says the number its data attribute has."""
    found = page.evaluate(READ_COUNTS)
    for text, n in found.pop("texts"):
        words = "geen adviezen" if n == 0 else f"{n} advies" if n == 1 else f"{n} adviezen"
        assert text.endswith(" " + words), text
    themes = knowledge[0].vocabulary.themes  # type: ignore[union-attr]
    found["general"] = {themes[key].label: n for key, n in found["general"].items()}
    return found


def valid(path: Path, knowledge: Knowledge) -> LoadedProfile:
    """A profile ``guidegen check`` accepts."""
    loaded, problems = load_profile(path, knowledge[0])
    assert problems == []
    assert loaded is not None
    return loaded


def load_text(page: Any, folder: Path, name: str, text: str) -> None:
    """Load a profile through the form's file input and wait until the form has read it."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    page.get_by_label("Profielbestand (YAML)").set_input_files(path)
    page.locator("#gg-form-status").filter(has_text=f"{name} is geladen").wait_for()


def variations(knowledge: Knowledge, count: int = 12) -> Iterator[dict[str, Any]]:
    """Seeded random profiles: type, goals, platforms, audiences, limits, include/exclude."""
    base = knowledge[0]
    vocabulary = base.vocabulary
    assert vocabulary is not None
    platforms = [
        key
        for key, term in vocabulary.platforms.items()
        if not (isinstance(term, PlatformTerm) and term.historical)
    ]
    types = list(vocabulary.organisation_types)
    chapters: dict[str | None, list[str]] = {}
    for record, chapter in rule_candidates(base):
        chapters.setdefault(chapter, []).append(record.id)
    cases = [c.id for c in base.of_type(Case)]
    records = [*(i for ids in chapters.values() for i in ids), *cases]
    records += [s.id for s in base.of_type(Strategy)]
    rng = random.Random(19)
    for number in range(count):
        organisation = {"name": f"Proef {number}", "type": rng.choice(types)}
        made: dict[str, Any] = {"organisation": organisation}
        for key, values, most in (
            ("goals", list(vocabulary.goals), 4),
            ("platforms", platforms, 5),
            ("audiences", list(vocabulary.audiences), 5),
        ):
            chosen = rng.sample(values, rng.randint(0, most))
            if chosen:  # the form leaves an empty list out, so the default applies
                made[key] = chosen
        # Include many rules of one chapter (more than its limit) and some cases.
        crowded = chapters[rng.choice(list(chapters))]
        include = rng.sample(crowded, min(len(crowded), rng.randint(0, 8)))
        include += rng.sample(cases, rng.randint(0, 4))
        exclude = rng.sample([i for i in records if i not in include], rng.randint(0, 6))
        if include:
            made["include"] = include
        if exclude:
            made["exclude"] = exclude
        if rng.random() < 0.7:
            made["rules_per_chapter"] = rng.randint(1, 6)
        if rng.random() < 0.7:
            made["max_cases"] = rng.randint(0, 4)
        yield made


@pytest.fixture
def form(browser: Any, handbook: str) -> Iterator[Any]:
    """The form page; fails on script errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(handbook + FORM_PAGE)
    yield page
    context.close()
    assert errors == []


def test_the_counts_are_what_assemble_chooses(
    form: Any, tmp_path: Path, knowledge: Knowledge
) -> None:
    """Every example profile and a dozen seeded variations, in one page."""
    checked = 0
    for path in EXAMPLES:
        loaded = valid(path, knowledge)
        load_text(form, tmp_path, path.name, path.read_text(encoding="utf-8"))
        expected = expected_counts(loaded.profile, knowledge)
        assert shown_counts(form, knowledge) == expected, path.name
        checked += 1
    differing = set()
    beyond = {"rules": 0, "cases": 0}  # groups where include keeps more than the limit
    for number, made in enumerate(variations(knowledge)):
        text = json.dumps(made, ensure_ascii=False)  # JSON is YAML too
        name = f"variatie-{number}.yaml"
        (tmp_path / name).write_text(text, encoding="utf-8")
        loaded = valid(tmp_path / name, knowledge)
        load_text(form, tmp_path, name, text)
        expected = expected_counts(loaded.profile, knowledge)
        assert shown_counts(form, knowledge) == expected, made
        differing.add(json.dumps(expected, sort_keys=True))
        profile = loaded.profile
        beyond["rules"] += max(expected["chapters"].values()) > profile.rules_per_chapter
        beyond["cases"] += expected["cases"] > profile.max_cases
        checked += 1
    assert checked == len(EXAMPLES) + 12
    # The variations really differ, and reach the rule that included records are kept.
    assert len(differing) >= 10
    assert min(beyond.values()) >= 2, beyond


def test_a_change_of_one_choice_changes_the_count_as_assemble_does(
    form: Any, knowledge: Knowledge
) -> None:
    base_profile = {"organisation": {"name": "Gemeente Proefdorp", "type": "gemeente"}}
    form.get_by_label("Naam van de organisatie (verplicht)").fill("Gemeente Proefdorp")
    assert "Kies het soort organisatie" in form.locator("#gg-advice-total").inner_text()
    form.get_by_label("Gemeente", exact=True).check()
    before = Profile.model_validate(base_profile)
    assert shown_counts(form, knowledge) == expected_counts(before, knowledge)
    # Samen beleid maken brings co-creation, whose participation rules are a goal theme.
    form.get_by_label("Samen met inwoners beleid maken").check()
    after = Profile.model_validate({**base_profile, "goals": ["samen-beleid-maken"]})
    expected = expected_counts(after, knowledge)
    assert expected != expected_counts(before, knowledge)
    assert shown_counts(form, knowledge) == expected
    # Fewer rules per chapter: every chapter keeps at most two.
    form.get_by_label("Regels per hoofdstuk").fill("2")
    fewer = Profile.model_validate(
        {**base_profile, "goals": ["samen-beleid-maken"], "rules_per_chapter": 2}
    )
    shown = shown_counts(form, knowledge)
    assert shown == expected_counts(fewer, knowledge)
    # (A legal chapter keeps every rule of its law.)
    legal = set(knowledge[0].vocabulary.legal_topics)
    assert max(n for key, n in shown["chapters"].items() if key not in legal) == 2
    # Beside the number fields, far below the overview, a line with the new total.
    rules = sum(shown["chapters"].values()) + sum(shown["general"].values())
    note = form.locator("#gg-advice-note-rules-per-chapter")
    assert f"krijgt je richtlijn {rules} adviezen uit het handboek" in note.inner_text()
    cases = form.locator("#gg-advice-note-max-cases").inner_text()
    assert f"{shown['cases']} praktijkvoorbeelden" in cases
    # A number that is not one shows no counts (no stale numbers), and says why.
    form.get_by_label("Regels per hoofdstuk").fill("twee")
    assert form.locator("#gg-advice-list li").count() == 0
    assert "geldig heel getal" in form.locator("#gg-advice-total").inner_text()
    assert note.is_hidden()
    form.get_by_label("Regels per hoofdstuk").fill("2")
    # Once the choices settle, one polite message with the new totals.
    live = form.locator("#gg-advice-live")
    total = form.locator("#gg-advice-total").inner_text()
    form.wait_for_function(
        "t => document.getElementById('gg-advice-live').textContent === t", arg=total
    )
    assert live.get_attribute("role") == "status"


def test_the_goals_show_their_description_and_strategies(form: Any, knowledge: Knowledge) -> None:
    vocabulary = knowledge[0].vocabulary
    assert vocabulary is not None
    for key, goal in vocabulary.goals.items():
        label = form.locator(f'#gg-f-goals input[value="{key}"] + label').inner_text()
        assert goal.label in label
        assert goal.description in label
        for strategy_id in goal.strategies:
            assert knowledge[0].get(strategy_id).title in label


def test_the_counts_are_accessible_in_dark_mode_and_at_320_pixels(
    browser: Any,
    handbook: str,
) -> None:
    context = browser.new_context(color_scheme="dark", viewport={"width": 320, "height": 700})
    page = context.new_page()
    page.goto(handbook + FORM_PAGE)
    page.get_by_label("Waterschap", exact=True).check()
    assert page.locator("#gg-advice-list li").count() > 5
    box = page.locator("#gg-advice")
    results = Axe().run(
        page,
        context="#gg-advice",
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}},
    )
    assert results.violations_count == 0, results.generate_report()
    assert box.evaluate("el => el.getBoundingClientRect().right") <= 320
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()
    # Without JavaScript there are no counts at all: nothing that could be stale.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(handbook + FORM_PAGE)
    assert page.locator("#gg-advice").is_hidden()
    context.close()

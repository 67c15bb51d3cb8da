"""The search page on the real handbook, in Chromium: ranking, the issue's cases, the page."""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe

from guidegen.content.model import Case
from guidegen.handbook.searchwords import LINKS, MIN_PART, CompoundSplitter

from ..search_eval import (
    THRESHOLD,
    evaluate,
    load_questions,
    open_search,
    report,
    score,
    search,
)
from .conftest import WCAG_TAGS

#: What a search may load, HTML and scripts included. Pagefind's design claim is 300 kB
#: for one query; guidegen's search runs one query per concept and synonym, so a sentence
#: loads several index chunks. With 345 records (7 December 2026) the sentence below
#: loaded 352 KB (six chunks of 23-29 KB, 73 KB of WebAssembly); 300 kB held at 234.
SEARCH_BUDGET = 384 * 1024


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page; a script error fails the test."""
    context = browser.new_context()
    new_page = context.new_page()
    errors: list[str] = []
    new_page.on("pageerror", lambda error: errors.append(str(error)))
    yield new_page
    context.close()
    assert errors == []


def test_evaluation_set_meets_the_threshold(page: Any, handbook: str) -> None:
    questions = load_questions()
    assert len(questions) >= 50
    answers = evaluate(page, handbook, questions)
    assert score(answers) >= THRESHOLD, f"{score(answers):.0%}\n{report(answers)}"


def top(page: Any, handbook: str, query: str) -> list[str]:
    open_search(page, handbook)
    return search(page, query)


# The cases of issue 16, as a civil servant would type them.
def test_a_sentence_about_an_angry_comment_is_not_answered_with_pages_about_facebook(
    page: Any, handbook: str
) -> None:
    hits = top(page, handbook, "iemand zet een boze reactie onder ons bericht op facebook")
    relevant = {
        "beslisbomen/moet-ik-reageren",
        "beslisbomen/mag-ik-deze-reactie-verwijderen",
        "kennisbank/handle-negativiteit",
    }
    assert relevant & set(hits[:3]), hits[:5]


def test_adding_a_platform_keeps_the_right_tree(page: Any, handbook: str) -> None:
    hits = top(page, handbook, "mag ik op linkedin privé iets over mijn werk zeggen")
    assert "beslisbomen/spreek-ik-prive-of-namens-de-organisatie" in hits[:3]


@pytest.mark.parametrize("query", ["archiveren", "opslaan"])
def test_archiving_finds_records_before_navigation_pages(
    page: Any, handbook: str, query: str
) -> None:
    hits = top(page, handbook, query)
    # The law on archiving: as the sources gave it (Archiefwet and Wob) or as it holds now
    # (the record on archiving posts and chats, which the sources read online since outrank).
    archiving_law = {
        "kennisbank/archiefwet-en-wob-bij-sociale-media",
        "kennisbank/archiveer-berichten-op-sociale-media-en-chats",
    }
    assert archiving_law & set(hits[:3]), hits[:5]
    types = page.locator(".gg-search-type").all_inner_texts()[:3]
    assert "Pagina" not in types


def test_a_misspelling_is_corrected_and_searched(page: Any, handbook: str) -> None:
    hits = top(page, handbook, "linkdin")
    suggestion = page.locator(".gg-search-suggestion")
    assert "Bedoelde je: linkedin?" in suggestion.inner_text()
    assert "kennisbank/word-lid-van-groepen-op-linkedin" in hits[:3]
    with page.expect_navigation():
        suggestion.get_by_role("link", name="linkedin").click()
    page.wait_for_selector(".gg-search-hit")
    assert page.locator("#gg-search-input").input_value() == "linkedin"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("desinformatie", "kennisbank/weerleg-onjuiste-berichten-direct"),
        ("guidelines", "kennisbank/stel-richtlijnen-op-als-kader"),
        ("socialemediarichtlijnen", "kennisbank/stel-richtlijnen-op-als-kader"),
        ("crisisplan", "kennisbank/maak-een-crisiscommunicatieplan-met-sociale-media"),
    ],
)
def test_synonyms_english_and_compounds(
    page: Any, handbook: str, query: str, expected: str
) -> None:
    assert expected in top(page, handbook, query)[:3]


def test_a_word_on_no_page_finds_nothing_and_offers_trees_and_overviews(
    page: Any, handbook: str
) -> None:
    assert top(page, handbook, "sneeuwruimen") == []
    assert "Niets gevonden" in page.locator(".gg-search-status").inner_text()
    offers = page.locator(".gg-search-offers")
    assert offers.is_visible()
    assert offers.get_by_role("link", name="Moet ik reageren?").is_visible()
    assert offers.get_by_role("link", name="Do's en don'ts").is_visible()


def test_all_results_with_more_button_and_focus(page: Any, handbook: str) -> None:
    top(page, handbook, "sociale media")
    total = int(page.locator(".gg-search-status").inner_text().split()[0])
    assert total > 40
    assert page.locator(".gg-search-hit").count() == 10
    page.get_by_role("button", name="Toon meer").click()
    page.wait_for_function("() => document.querySelectorAll('.gg-search-hit').length === 20")
    focused = page.evaluate("() => document.activeElement.closest('li')")
    assert focused is not None
    assert (
        page.evaluate(
            "() => [...document.querySelectorAll('.gg-search-hit')].indexOf("
            "document.activeElement.closest('li'))"
        )
        == 10
    )
    more = page.get_by_role("button", name="Toon meer")
    while (shown := page.locator(".gg-search-hit").count()) < total:
        more.click()
        page.wait_for_function(
            f"() => document.querySelectorAll('.gg-search-hit').length > {shown}"
        )
    assert not more.is_visible()


def label_counts(page: Any, group: str) -> dict[str, int]:
    labels = page.get_by_role("group", name=group).locator("label").all_inner_texts()
    return {t.rsplit(" (", 1)[0]: int(t.rsplit("(", 1)[1].rstrip(")")) for t in labels}


def test_filter_counts_are_for_the_current_query(page: Any, handbook: str) -> None:
    top(page, handbook, "crisis")
    total = int(page.locator(".gg-search-status").inner_text().split()[0])
    crisis = label_counts(page, "Soort")
    # The site's own page kinds are no filter a reader looks for.
    assert not {"Pagina", "Overzicht"} & set(crisis)
    more = page.get_by_role("button", name="Toon meer")
    while (shown := page.locator(".gg-search-hit").count()) < total:
        more.click()
        page.wait_for_function(
            f"() => document.querySelectorAll('.gg-search-hit').length > {shown}"
        )
    kinds = page.locator(".gg-search-type").all_inner_texts()
    internal = sum(kind in {"Pagina", "Overzicht"} for kind in kinds)
    assert sum(crisis.values()) + internal == total  # every page has one type
    top(page, handbook, "raadsvergadering")
    assert label_counts(page, "Soort") != crisis
    page.get_by_role("group", name="Soort").get_by_label("Beslisboom", exact=False).check()
    page.wait_for_function("() => document.getElementById('gg-search').dataset.state === 'done'")
    beslisboom = label_counts(page, "Soort")["Beslisboom"]
    assert int(page.locator(".gg-search-status").inner_text().split()[0]) == beslisboom


def test_query_and_filters_live_in_the_address_and_reset_clears_them(
    page: Any, handbook: str
) -> None:
    page.goto(f"{handbook}search.html?q={quote('reacties verwijderen')}&soort=Beslisboom")
    page.wait_for_function("() => document.getElementById('gg-search').dataset.state === 'done'")
    assert page.locator("#gg-search-input").input_value() == "reacties verwijderen"
    assert (
        page.get_by_role("group", name="Soort").get_by_label("Beslisboom", exact=False).is_checked()
    )
    assert set(page.locator(".gg-search-type").all_inner_texts()) == {"Beslisboom"}
    page.get_by_role("button", name="Wis zoekvraag en filters").click()
    page.wait_for_function("() => document.getElementById('gg-search').dataset.state === 'done'")
    assert page.url.endswith("search.html")
    assert page.locator("#gg-search-input").input_value() == ""
    assert page.locator(".gg-search-hit").count() == 0
    assert page.locator(".gg-search-filters input:checked").count() == 0
    assert page.evaluate("() => document.activeElement.id") == "gg-search-input"


@pytest.mark.parametrize("query", ["huisregels", "crisis", "participatie", "webcare"])
def test_excerpts_come_from_body_text_not_tags(page: Any, handbook: str, query: str) -> None:
    top(page, handbook, query)
    hits = page.locator(".gg-search-hit")
    assert hits.count()
    for index in range(hits.count()):
        text = hits.nth(index).locator(".gg-search-excerpt").inner_text()
        kind = hits.nth(index).locator(".gg-search-type").inner_text()
        assert "Kenmerken" not in text
        assert "Stand van zaken" not in text
        if kind != "Pagina":  # a theme page's own summary is "Thema's: ..."
            assert "Thema’s:" not in text


def test_a_search_loads_under_300_kb_with_a_chunked_index(page: Any, handbook: str) -> None:
    sizes: dict[str, int] = {}

    def record(response: Any) -> None:
        body = response.body()
        compressible = response.url.split("?")[0].endswith((".html", ".js", ".css", ".json"))
        sizes[response.url] = len(gzip.compress(body, 6)) if compressible else len(body)

    page.on("response", record)
    page.goto(f"{handbook}search.html?q={quote('mag ik een boze reactie verwijderen')}")
    page.wait_for_function("() => document.getElementById('gg-search').dataset.state === 'done'")
    page.remove_listener("response", record)
    chunks = [url for url in sizes if "/_pagefind/index/" in url]
    assert chunks, "the index is loaded in chunks"
    assert len(chunks) < len(list(sizes)), sizes
    assert sum(sizes.values()) < SEARCH_BUDGET, sorted(sizes.items(), key=lambda kv: -kv[1])[:8]


@pytest.mark.parametrize("query", ["reageren", "linkdin", "sneeuwruimen"])
def test_search_page_states_are_accessible(page: Any, handbook: str, query: str) -> None:
    top(page, handbook, query)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()


def test_without_javascript_the_search_page_offers_trees_and_overviews(
    browser: Any,
    handbook: str,
) -> None:
    context = browser.new_context(java_script_enabled=False)
    static = context.new_page()
    static.goto(f"{handbook}search.html")
    offers = static.locator(".gg-search-offers")
    assert offers.is_visible()
    assert offers.get_by_role("link").count() >= 6 + 7
    context.close()


def test_the_browser_splits_compounds_as_the_index_does(page: Any, handbook: str) -> None:
    """``guidegen-search.js`` repeats ``CompoundSplitter``: both must split alike.

    The index gets the parts Python finds, a query the parts the browser finds; if
    they differ, "crisisplan" stops finding what the index promises. Compared on the
    handbook's own words and on compounds made of them (with each linking sound).
    """
    open_search(page, handbook)
    data = json.loads(page.locator("#gg-search-data").text_content() or "{}")
    splitter = CompoundSplitter(data["words"])
    rng = random.Random(2026)
    heads = [w for w in data["words"] if len(w) >= MIN_PART]
    made = [rng.choice(heads) + rng.choice(LINKS) + rng.choice(heads) for _ in range(1500)]
    candidates = sorted({*data["words"], *made})
    # The search module on a page without a search box (its main() does nothing there).
    page.goto(f"{handbook}index.html")
    in_browser = page.evaluate(
        """async ([data, words]) => {
            const { Lexicon } = await import("./_static/guidegen-search.js");
            const lexicon = new Lexicon(data);
            return words.map((word) => lexicon.split(word) || []);
        }""",
        [data, candidates],
    )
    differ = {
        word: (splitter.parts(word), found)
        for word, found in zip(candidates, in_browser, strict=True)
        if splitter.parts(word) != found
    }
    assert sum(1 for parts in in_browser if parts) > 1000  # the comparison split something
    assert differ == {}, list(differ.items())[:10]


def test_advice_for_one_kind_of_organisation_ranks_after_general_advice_unless_asked(
    page: Any, handbook: str, knowledge: tuple
) -> None:
    """A general question finds the advice for every organisation first; a question that
    names the kind (its label or a body or role of it) finds that kind's advice."""
    general = "kennisbank/weerleg-onjuiste-berichten-direct"
    for_councils = "kennisbank/maak-nieuwe-raadsleden-bewust-van-desinformatie"
    hits = top(page, handbook, "desinformatie")
    assert general in hits
    if for_councils in hits:
        assert hits.index(general) < hits.index(for_councils), hits[:6]
    assert for_councils in top(page, handbook, "desinformatie nieuwe raadsleden")[:3]
    # "wijkagent" names the police: its own advice and cases come first (the police has
    # rules of its own now), the rule for officers among the first five.
    hits = top(page, handbook, "wat mag een wijkagent twitteren")
    base = knowledge[0]
    police_pages = {
        f"kennisbank/{r.id}"
        for r in base.records
        if "politie" in getattr(r, "organisation_types", ())
        or (isinstance(r, Case) and "politie" in r.organisation.casefold())
    }
    assert set(hits[:3]) <= police_pages, hits[:5]
    assert "kennisbank/twitter-als-agent-geen-onderzoeksinformatie-of-meningen" in hits[:5]


def test_the_organisation_filter_keeps_one_kinds_advice(page: Any, handbook: str) -> None:
    page.goto(f"{handbook}search.html?q={quote('crisis')}&organisatie=Waterschap")
    page.wait_for_function("() => document.getElementById('gg-search').dataset.state === 'done'")
    group = page.get_by_role("group", name="Organisatie")
    assert group.get_by_label("Waterschap", exact=False).is_checked()
    assert group.get_by_label("Gemeente", exact=False).count() == 1
    hits = [h.get_attribute("href") or "" for h in page.locator(".gg-search-hit a").all()]
    assert hits, "the water board has crisis advice of its own"
    assert any("vertel-bij-hoogwater-wat-het-waterschap-doet" in h for h in hits), hits
    assert not any("gemeente" in h.rsplit("/", 1)[-1] for h in hits), hits

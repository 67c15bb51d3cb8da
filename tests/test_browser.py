"""The decision-tree pages in a real headless Chromium: clicks, keys, links, a11y, privacy."""

from __future__ import annotations

import functools
import gzip
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright import sync_api as playwright_api

from .conftest import REPO, ROOTS

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TREE_PAGE = "beslisbomen/moet-ik-reageren.html"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) while the generator is suspended."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def sphinx_build(*args: str | Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The test handbook, built and served on 127.0.0.1; yields its base URL."""
    work = tmp_path_factory.mktemp("site")
    shutil.copytree(ROOTS / "test-handbook", work / "src")
    sphinx_build(work / "src", work / "html")
    yield from serve(work / "html")


@pytest.fixture(scope="module")
def handbook(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real handbook, built clean as `make site` builds it, and served."""
    out = tmp_path_factory.mktemp("handbook")
    sphinx_build("-E", "-c", REPO, REPO / "docs", out)
    yield from serve(out)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run 'make test', which installs Debian's chromium")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, site: str) -> Iterator[Any]:
    """A fresh page that records every request it makes."""
    context = browser.new_context()
    new_page = context.new_page()
    new_page.requests = []  # type: ignore[attr-defined]
    new_page.on("request", lambda request: new_page.requests.append(request.url))
    errors: list[str] = []
    new_page.on("pageerror", lambda error: errors.append(str(error)))
    yield new_page
    context.close()
    assert errors == []


def heading(page: Any) -> str:
    return page.locator(".gg-step-title").inner_text()


def test_click_through_to_an_outcome(page: Any, site: str) -> None:
    page.goto(site + TREE_PAGE)
    assert heading(page) == "Vraag 1: Wat voor reactie is het?"
    assert page.locator(".gg-tree-outline").is_hidden()
    page.get_by_role("button", name="Onderbouwde kritiek").click()
    assert page.url.endswith("#huisregels")
    assert heading(page) == "Vraag 2: Overtreedt de reactie de huisregels?"
    assert page.locator(".gg-trail li").count() == 1
    assert "Onderbouwde kritiek" in page.locator(".gg-trail").inner_text()
    page.get_by_role("button", name="Nee").click()
    assert page.url.endswith("#inhoudelijk-reageren")
    assert heading(page) == "Advies: Ga in op de inhoud"
    step = page.locator(".gg-step")
    assert "Onderbouwde kritiek verdient een antwoord." in step.inner_text()
    record = step.get_by_role("link", name="Luister eerst")
    assert record.get_attribute("href") == "../kennisbank/luister-eerst.html"
    assert step.get_by_role("link", name="Testhandreiking").count() == 1
    assert page.locator(".gg-trail li").count() == 2
    assert page.get_by_role("button", name="Afdrukken").is_visible()


def test_back_restart_and_browser_history(page: Any, site: str) -> None:
    page.goto(site + TREE_PAGE)
    page.get_by_role("button", name="Onderbouwde kritiek").click()
    page.get_by_role("button", name="Ja").click()
    assert heading(page) == "Advies: Reageer direct op de overtreding"
    page.get_by_role("button", name="Vorige vraag").click()
    assert heading(page) == "Vraag 2: Overtreedt de reactie de huisregels?"
    assert page.url.endswith("#huisregels")
    page.get_by_role("button", name="Opnieuw beginnen").click()
    assert heading(page) == "Vraag 1: Wat voor reactie is het?"
    assert page.locator(".gg-trail").count() == 0
    page.go_back()
    assert heading(page) == "Vraag 2: Overtreedt de reactie de huisregels?"
    page.go_back()
    assert heading(page) == "Advies: Reageer direct op de overtreding"


def test_changing_an_earlier_answer_from_the_trail(page: Any, site: str) -> None:
    page.goto(site + TREE_PAGE)
    page.get_by_role("button", name="Onderbouwde kritiek").click()
    page.get_by_role("button", name="Nee").click()
    page.get_by_role("button", name="Wijzig antwoord 1").click()
    assert heading(page) == "Vraag 1: Wat voor reactie is het?"
    page.get_by_role("button", name="Een emotionele reactie").click()
    assert heading(page) == "Advies: Reageer niet, observeer"


@pytest.mark.parametrize(
    ("anchor", "expected", "trail"),
    [
        ("huisregels", "Vraag 2: Overtreedt de reactie de huisregels?", 1),
        ("direct-reageren", "Advies: Reageer direct op de overtreding", 2),
        ("niet-reageren", "Advies: Reageer niet, observeer", 1),
    ],
)
def test_deep_link_lands_on_that_step(
    page: Any, site: str, anchor: str, expected: str, trail: int
) -> None:
    page.goto(f"{site}{TREE_PAGE}#{anchor}")
    assert heading(page) == expected
    assert page.locator(".gg-trail li").count() == trail
    link = page.locator(".gg-permalink a")
    assert link.get_attribute("href") == f"#{anchor}"
    assert link.inner_text() == f"{site}{TREE_PAGE}#{anchor}"


def test_keyboard_only(page: Any, site: str) -> None:
    page.goto(site + TREE_PAGE)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "gg-skip-link"
    page.keyboard.press("Enter")
    page.wait_for_timeout(200)  # let the skip link's navigation events run: focus must stay
    assert page.evaluate("document.activeElement.id") == "inhoud"
    for _ in range(30):  # Tab from the main content to the first answer
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.className") == "gg-choice":
            break
    assert page.evaluate("document.activeElement.textContent") == "Een emotionele reactie"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    # Focus moves to the new question's heading, and the change is announced.
    assert page.evaluate("document.activeElement.tagName") == "H2"
    assert page.evaluate("document.activeElement.textContent") == (
        "Vraag 2: Overtreedt de reactie de huisregels?"
    )
    assert page.locator("[aria-live=polite]").inner_text() == "Vraag 2."
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert heading(page) == "Advies: Reageer direct op de overtreding"
    assert page.evaluate("document.activeElement.textContent") == (
        "Advies: Reageer direct op de overtreding"
    )


def test_without_javascript_the_whole_tree_is_an_outline(browser: Any, site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + TREE_PAGE + "#huisregels")
    outline = page.locator(".gg-tree-outline")
    assert outline.is_visible()
    for node_id in (
        "soort-reactie",
        "huisregels",
        "niet-reageren",
        "inhoudelijk-reageren",
        "direct-reageren",
    ):
        assert page.locator(f"#{node_id}").is_visible(), node_id
    answer = page.locator("#soort-reactie").get_by_role("link", name="Onderbouwde kritiek")
    assert answer.get_attribute("href") == "#huisregels"
    assert page.locator(".gg-app").count() == 0
    context.close()


def test_no_request_leaves_the_local_host(page: Any, site: str) -> None:
    for path in (
        TREE_PAGE,
        "index.html",
        "kennisbank/luister-eerst.html",
        "beslisbomen/voor-trainers.html",
    ):
        page.goto(site + path)
        page.wait_for_load_state("networkidle")
    page.goto(site + TREE_PAGE)
    page.get_by_role("button", name="Onderbouwde kritiek").click()
    foreign = [url for url in page.requests if not url.startswith((site, "data:"))]
    assert foreign == []
    assert any("/_static/guidegen-tree.js" in url for url in page.requests)


@pytest.mark.parametrize(
    ("path", "clicks"),
    [
        (TREE_PAGE, []),
        (TREE_PAGE, ["Onderbouwde kritiek"]),
        (TREE_PAGE, ["Onderbouwde kritiek", "Ja"]),
        ("beslisbomen/voor-trainers.html", []),
        ("kennisbank/voorbeeldgemeente.html", []),
        ("kennisbank/dos-en-donts/index.html", []),
        ("index.html", []),
    ],
)
def test_accessibility_has_no_wcag_a_or_aa_violations(
    page: Any, site: str, path: str, clicks: list[str]
) -> None:
    page.goto(site + path)
    for label in clicks:
        page.get_by_role("button", name=label).click()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()


def test_tree_script_stays_small(site: str) -> None:
    script = Path(__file__).parents[1] / "src" / "guidegen" / "sphinx" / "static"
    size = len(gzip.compress((script / "guidegen-tree.js").read_bytes(), 9))
    assert size <= 5120, size


REAL_PAGES = [
    "index.html",
    "gebruik.html",
    "over.html",
    "search.html",
    "kennisbank/index.html",
    "kennisbank/dos-en-donts/index.html",
    "kennisbank/reageer-niet-op-elke-reactie.html",
    "kennisbank/dialoog.html",
    "kennisbank/facebookpagina-rijkswaterstaat.html",
    "kennisbank/zes-stappen-naar-community-management.html",
    "kennisbank/archiefwet-en-wob-bij-sociale-media.html",
    "kennisbank/webcare.html",
    "kennisbank/ienw-handreiking-2020.html",
    "kennisbank/themas/index.html",
    "kennisbank/platforms/facebook.html",
    "beslisbomen/index.html",
    "beslisbomen/voor-trainers.html",
    "beslisbomen/moet-ik-reageren.html",
    "beslisbomen/moet-ik-reageren.html#ga-in-op-kritiek",
    "beslisbomen/welke-strategie-past-bij-mijn-doel.html#in-gesprek",
    "voorbeeldrichtlijnen/index.html",
    "voorbeeldrichtlijnen/richtlijn-sociale-media-gemeente-maasstad.html",
]


def test_real_handbook_pages_meet_wcag_and_stay_local(page: Any, handbook: str) -> None:
    report = {}
    for path in REAL_PAGES:
        page.goto(handbook + path)
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        if results.violations_count:
            report[path] = results.generate_report()
    assert report == {}
    foreign = [url for url in page.requests if not url.startswith((handbook, "data:"))]
    assert foreign == []


def test_trainer_handouts_print_one_page_per_tree(page: Any, handbook: str) -> None:
    page.goto(handbook + "beslisbomen/voor-trainers.html")
    pdf = page.pdf(format="A4", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    trees = len(list((REPO / "decisions").glob("*.yaml")))
    assert pages == 1 + trees


SEARCHES = [
    # (query as a civil servant types it, a page that must be in the top three)
    ("er staat een boze reactie onder ons bericht", "beslisbomen/mag-ik-deze-reactie-verwijderen"),
    ("raadsvergadering twitteren", "beslisbomen/twitteren-tijdens-de-raadsvergadering"),
    ("crisis", "kennisbank/aandachtspunten-online-crisiscommunicatie"),
    ("privé account", "beslisbomen/spreek-ik-prive-of-namens-de-organisatie"),
    ("prive account", "beslisbomen/spreek-ik-prive-of-namens-de-organisatie"),
    ("reacties verwijderen", "kennisbank/verwijder-alleen-spam-kwetsend-illegaal"),
    ("ideeen", "kennisbank/benut-ideeen-en-denkkracht-van-inwoners"),
    ("webcare", "kennisbank/webcare"),
    ("negatieve reacties", "kennisbank/handle-negativiteit"),
    ("beginnen met sociale media", "beslisbomen/zijn-we-klaar-om-te-starten"),
]


def search_hits(page: Any, handbook: str, query: str) -> list[str]:
    page.goto(f"{handbook}search.html?q={query}")
    page.wait_for_selector(".gg-search-hit")
    hrefs = page.locator(".gg-search-title a").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname)"
    )
    return [href.removeprefix("/").removesuffix(".html") for href in hrefs]


@pytest.mark.parametrize(("query", "expected"), SEARCHES)
def test_dutch_queries_find_the_right_page_in_the_top_three(
    page: Any, handbook: str, query: str, expected: str
) -> None:
    assert expected in search_hits(page, handbook, query)[:3]


def test_hits_show_type_title_and_highlighted_excerpt(page: Any, handbook: str) -> None:
    search_hits(page, handbook, "huisregels")
    first = page.locator(".gg-search-hit").first
    assert first.locator(".gg-search-type").inner_text() in {
        "Doe",
        "Doe niet",
        "Pagina",
        "Beslisboom",
        "Praktijkvoorbeeld",
        "Stappenplan",
        "Strategie",
        "Begrip",
        "Beperking",
        "Risico",
        "Wettelijke plicht",
        "Bron",
    }
    assert "#" not in first.locator(".gg-search-title a").inner_text()
    assert first.locator("mark").count() >= 1


def result_count(page: Any) -> int:
    return int(page.locator(".gg-search-status").inner_text().split()[0])


def test_filters_narrow_the_results_and_combine_with_the_query(page: Any, handbook: str) -> None:
    search_hits(page, handbook, "reageren")
    unfiltered = result_count(page)
    page.get_by_role("group", name="Soort").get_by_label("Beslisboom", exact=False).check()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.gg-search-type')]"
        ".every(e => e.textContent === 'Beslisboom')"
    )
    assert 0 < result_count(page) < unfiltered
    assert "soort=Beslisboom" in page.url
    page.goto(f"{handbook}search.html?soort=Doe&platform=Facebook")
    page.wait_for_selector(".gg-search-hit")
    assert set(page.locator(".gg-search-type").all_inner_texts()) == {"Doe"}
    only_doe = result_count(page)
    page.goto(f"{handbook}search.html?soort=Doe")
    page.wait_for_selector(".gg-search-hit")
    assert only_doe < result_count(page)


def test_search_page_is_accessible_and_local(page: Any, handbook: str) -> None:
    search_hits(page, handbook, "crisis")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    foreign = [url for url in page.requests if not url.startswith((handbook, "data:"))]
    assert foreign == []
    assert not any("searchindex.js" in url for url in page.requests)
    assert any("/_pagefind/" in url for url in page.requests)


OVERVIEW = "kennisbank/dos-en-donts/index.html"


def visible_cards(page: Any) -> int:
    return page.locator(".gg-card:visible").count()


def test_overview_filters_in_place(page: Any, handbook: str) -> None:
    page.goto(handbook + OVERVIEW)
    total = visible_cards(page)
    assert total > 100
    page.get_by_role("group", name="Thema").get_by_label("Crisiscommunicatie", exact=False).check()
    crisis = visible_cards(page)
    assert 0 < crisis < total
    classes = page.locator(".gg-card:visible").evaluate_all("cs => cs.map(c => c.className)")
    assert all("gg-f-themes-crisis" in c for c in classes)
    assert (
        page.locator(".gg-card-filter-status").inner_text() == f"{crisis} van de {total} getoond."
    )
    page.get_by_role("group", name="Doelgroep").get_by_label("Raadslid", exact=False).check()
    both = visible_cards(page)
    assert both < crisis
    page.get_by_role("group", name="Thema").get_by_label(
        "Crisiscommunicatie", exact=False
    ).uncheck()
    page.get_by_role("group", name="Doelgroep").get_by_label("Raadslid", exact=False).uncheck()
    assert visible_cards(page) == total
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()


def test_overview_without_javascript_shows_the_full_list(browser: Any, handbook: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(handbook + OVERVIEW)
    assert page.locator("form.gg-card-filter").is_hidden()
    assert visible_cards(page) == page.locator(".gg-card").count() > 100
    context.close()


def test_home_page_leads_with_situations(page: Any, handbook: str) -> None:
    page.goto(handbook + "index.html")
    situations = page.locator(".gg-situations .sd-card")
    assert situations.count() == 6
    hrefs = situations.locator("a").evaluate_all("links => links.map(a => a.href)")
    for tree in (
        "moet-ik-reageren",
        "mag-ik-deze-reactie-verwijderen",
        "welke-strategie-past-bij-mijn-doel",
        "spreek-ik-prive-of-namens-de-organisatie",
        "zijn-we-klaar-om-te-starten",
    ):
        assert f"{handbook}beslisbomen/{tree}.html" in hrefs
    assert f"{handbook}kennisbank/aandachtspunten-online-crisiscommunicatie.html" in hrefs


def test_example_guideline_downloads_are_served(page: Any, handbook: str) -> None:
    page.goto(handbook + "voorbeeldrichtlijnen/richtlijn-sociale-media-waterschap-lage-landen.html")
    links = page.locator("a.download")
    assert links.count() == 2
    for index, magic in enumerate((b"PK\x03\x04", b"%PDF-")):
        href = links.nth(index).get_attribute("href")
        response = page.request.get(urljoin(page.url, href))
        assert response.ok
        assert response.body().startswith(magic)


def test_standalone_guideline_is_accessible_and_self_contained(page: Any, tmp_path: Path) -> None:
    result = subprocess.run(
        [
            Path(sys.executable).parent / "guidegen",
            "generate",
            REPO / "profiles" / "gemeente-maasstad.yaml",
            "-o",
            tmp_path,
            "--format",
            "html",
            "--project",
            REPO,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for base in serve(tmp_path):
        page.goto(base + "richtlijn-sociale-media-gemeente-maasstad.html")
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert results.violations_count == 0, results.generate_report()
        assert [url for url in page.requests if not url.startswith((base, "data:"))] == []
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"

"""The theme in headless Chromium: header, mobile menu, overview filters, reflow, axe."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import WCAG_TAGS
from .test_browser import open_filters, show_all

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 800}
OVERVIEW = "kennisbank/dos-en-donts/index.html"
#: A page's type in the search index (Pagefind's filter "soort"), e.g. "Doe" or "Pagina".
SEARCH_TYPE = re.compile(r'<span data-pagefind-filter="soort">([^<]*)</span>')
#: One page of every type (and the trees in several states: see test_browser.py).
PAGE_TYPES = [
    "index.html",
    "gebruik.html",
    "colofon.html",
    "toegankelijkheid.html",
    "search.html?q=reageren",
    "kennisbank/index.html",
    OVERVIEW,
    f"{OVERVIEW}?platform=facebook",
    "kennisbank/begrippen/index.html",
    "kennisbank/bronnen/index.html",
    "kennisbank/reageer-niet-op-elke-reactie.html",
    "kennisbank/dialoog.html",
    "kennisbank/aardbevingen-groningen-op-twitter.html",
    "kennisbank/zes-stappen-naar-community-management.html",
    "kennisbank/archiefwet-en-wob-bij-sociale-media.html",
    "kennisbank/webcare.html",
    "kennisbank/ienw-handreiking-2020.html",
    "kennisbank/themas/index.html",
    "kennisbank/platforms/facebook.html",
    "beslisbomen/index.html",
    "beslisbomen/voor-trainers.html",
    "beslisbomen/moet-ik-reageren.html",
    "voorbeeldrichtlijnen/index.html",
    "voorbeeldrichtlijnen/richtlijn-sociale-media-gemeente-maasstad.html",
]


def open_page(chromium: Any, viewport: dict[str, int], **options: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport=viewport, **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


@pytest.fixture
def desktop(browser: Any) -> Iterator[Any]:
    yield from open_page(browser, DESKTOP)


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    yield from open_page(browser, PHONE)


def test_header_search_box_submits_to_the_search_page(desktop: Any, handbook: str) -> None:
    desktop.goto(handbook + "kennisbank/dialoog.html")
    header = desktop.locator("header")
    assert header.get_by_role("link", name="Handboek sociale media").is_visible()
    assert desktop.get_by_role("button", name="Menu").is_hidden()
    assert desktop.get_by_role("navigation", name="Hoofdmenu").is_visible()
    desktop.keyboard.press("Tab")
    assert desktop.evaluate("document.activeElement.textContent") == "Direct naar de inhoud"
    box = header.get_by_role("searchbox", name="Zoeken in het handboek")
    box.fill("crisis")
    box.press("Enter")
    desktop.wait_for_url("**/search.html?q=crisis")


def test_mobile_menu_opens_and_closes_with_the_button(phone: Any, handbook: str) -> None:
    phone.goto(handbook + "kennisbank/dialoog.html")
    button = phone.get_by_role("button", name="Menu")
    menu = phone.get_by_role("navigation", name="Hoofdmenu")
    assert button.is_visible()
    assert button.get_attribute("aria-expanded") == "false"
    assert menu.is_hidden()
    assert phone.get_by_role("searchbox", name="Zoeken in het handboek").is_visible()
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert menu.is_visible()
    menu.get_by_role("link", name="Beslisbomen").focus()
    phone.keyboard.press("Escape")
    assert menu.is_hidden()
    assert phone.evaluate("document.activeElement.textContent") == "Menu"
    phone.keyboard.press("Enter")
    assert menu.is_visible()
    menu.get_by_role("link", name="Beslisbomen").click()
    phone.wait_for_url("**/beslisbomen/index.html")


def test_without_javascript_the_menu_is_open_and_the_button_hidden(
    browser: Any,
    handbook: str,
) -> None:
    for page in open_page(browser, PHONE, java_script_enabled=False):
        page.goto(handbook + OVERVIEW)
        assert page.get_by_role("navigation", name="Hoofdmenu").is_visible()
        assert page.locator(".gg-menu-button").is_hidden()
        assert page.locator("form.gg-card-filter").is_hidden()
        assert page.locator(".gg-card").count() == page.locator(".gg-card:visible").count()


def test_overview_filters_hide_empty_sections_count_reset_and_keep_state(
    desktop: Any,
    handbook: str,
) -> None:
    desktop.goto(handbook + OVERVIEW)
    cards = desktop.locator(".gg-card")
    total = cards.count()
    status = desktop.locator(".gg-card-filter-status")
    assert status.inner_text() == f"24 van de {total} getoond."
    open_filters(desktop)
    facebook = desktop.get_by_label("Facebook")
    expected = int(facebook.locator("xpath=..").locator(".gg-filter-count").inner_text())
    facebook.check()
    show_all(desktop)
    assert desktop.locator(".gg-card:visible").count() == expected
    assert status.inner_text() == (
        f"{expected} van de {total} passen bij de filters; {expected} getoond."
    )
    assert parse_qs(urlsplit(desktop.url).query)["platform"] == ["facebook"]
    for section in desktop.locator(".gg-main section section").all():
        visible = section.locator(".gg-card:visible").count()
        assert section.is_visible() == (visible > 0)
        if visible:
            assert section.locator("h2").inner_text().endswith(f"({visible})")
    assert (
        desktop.get_by_role("heading", name="Doe niet").count()
        + desktop.get_by_role("heading", name="Doe").count()
        >= 1
    )
    # Live counts: an option of another facet counts the cards the choice leaves.
    for box in desktop.locator("fieldset:not(:has(legend:text-is('Platform'))) input").all():
        css = f"gg-f-{box.get_attribute('name')}-{box.get_attribute('value')}"
        count = box.locator("xpath=..").locator(".gg-filter-count").inner_text()
        assert int(count) == desktop.locator(f".gg-card.{css}:visible").count(), css
    desktop.reload()
    assert desktop.get_by_label("Facebook").is_checked()
    assert desktop.locator(".gg-card:visible").count() == expected
    desktop.get_by_role("button", name="Wis alle filters").click()
    assert desktop.locator(".gg-card:visible").count() == 24
    show_all(desktop)
    assert desktop.locator(".gg-card:visible").count() == total
    assert "platform" not in desktop.url


def test_filters_combine_across_facets_and_say_when_nothing_fits(
    desktop: Any,
    handbook: str,
) -> None:
    desktop.goto(handbook + OVERVIEW + "?soort=dont&platform=facebook&platform=linkedin")
    assert desktop.get_by_label("Doe niet").is_checked()
    both = ".gg-card.gg-f-soort-dont:is(.gg-f-platforms-facebook, .gg-f-platforms-linkedin)"
    expected = desktop.locator(both).count()
    assert desktop.locator(".gg-card:visible").count() == expected
    status = desktop.locator(".gg-card-filter-status").inner_text()
    if expected == 0:
        assert status == "Geen onderdelen passen bij alle gekozen filters."
        assert desktop.locator(".gg-main section section:visible").count() == 0
    else:
        assert status.startswith(f"{expected} van de ")


def one_page_per_type(site: Path) -> list[str]:
    """One page of each type in the built ``site``, chosen by a rule so no list goes stale.

    Every page at the top (home, search, form, about pages) is a type of its own; below
    them a type is a folder, the page's type in the search index (a record type, "Pagina",
    "Beslisboom", ...) and whether it is the folder's index: a record of each type, each
    overview and facet, a facet value, a tree, an example guideline, the changes page.
    Of each type the longest page, the likeliest to hold something too wide.
    """
    types: dict[tuple[str, str, bool], list[Path]] = {}
    for path in site.rglob("*.html"):
        name = path.relative_to(site)
        if len(name.parts) == 1:
            key = (name.as_posix(), "", False)
        else:
            found = SEARCH_TYPE.search(path.read_text(encoding="utf-8"))
            key = (name.parent.as_posix(), found[1] if found else "", name.name == "index.html")
        types.setdefault(key, []).append(path)
    longest = (max(paths, key=lambda p: (p.stat().st_size, p.name)) for paths in types.values())
    return sorted(path.relative_to(site).as_posix() for path in longest)


def test_no_page_scrolls_sideways_at_320_pixels(
    browser: Any,
    handbook: str,
    real_site: Path,
) -> None:
    sample = one_page_per_type(real_site)
    assert {"search.html", "kennisbank/veranderd/index.html"} <= set(sample)
    assert len(sample) >= 30  # every record type, overview, facet, tree ...
    wide = {}
    for page in open_page(browser, {"width": 320, "height": 640}):
        for name in sample:
            page.goto(handbook + name, wait_until="load")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                wide[name] = width
    assert wide == {}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "375"])
def test_every_page_type_meets_wcag_at_both_widths(
    browser: Any,
    handbook: str,
    viewport: dict[str, int],
) -> None:
    report = {}
    for page in open_page(browser, viewport):
        for path in PAGE_TYPES:
            page.goto(handbook + path)
            if path.startswith("search.html"):
                page.locator(".gg-search-results li").first.wait_for()
            results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
            if results.violations_count:
                report[path] = results.generate_report()
    assert report == {}


def test_dark_mode_meets_wcag_contrast(browser: Any, handbook: str) -> None:
    report = {}
    for page in open_page(browser, DESKTOP, color_scheme="dark"):
        for path in ("index.html", OVERVIEW, "kennisbank/dialoog.html"):
            page.goto(handbook + path)
            background = page.evaluate("getComputedStyle(document.body).backgroundColor")
            assert background != "rgb(255, 255, 255)"
            results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
            if results.violations_count:
                report[path] = results.generate_report()
    assert report == {}


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 800}, {"width": 375, "height": 812}], ids=str
)
@pytest.mark.parametrize(
    ("address", "result"),
    [("search.html?q=reageren", ".gg-search-hit"), (OVERVIEW, ".gg-card")],
)
def test_the_first_result_is_in_sight_without_scrolling(
    browser: Any,
    handbook: str,
    viewport: dict[str, int],
    address: str,
    result: str,
) -> None:
    for page in open_page(browser, viewport):
        page.goto(handbook + address)
        first = page.locator(result).first
        first.wait_for()
        box = first.bounding_box()
        # The first result's title line is on the first screen.
        assert box["y"] + 40 <= viewport["height"], box


def test_filters_fold_on_a_phone_and_open_beside_search_results_on_a_wide_screen(
    browser: Any,
    handbook: str,
) -> None:
    for viewport, expected in ((PHONE, None), (DESKTOP, "")):
        for page in open_page(browser, viewport):
            page.goto(handbook + "search.html?q=crisis")
            page.locator(".gg-search-hit").first.wait_for()
            assert page.locator("details.gg-search-filterbox").get_attribute("open") == expected
            if expected is None:
                page.get_by_text("Filters", exact=True).click()
            soort = page.get_by_role("group", name="Soort")
            assert soort.is_visible()
            values = [t.rsplit(" (", 1)[0] for t in soort.locator("label").all_inner_texts()]
            assert "Pagina" not in values
            assert "Overzicht" not in values
            soort.get_by_label("Beslisboom", exact=False).check()
            page.wait_for_function(
                "() => document.getElementById('gg-search').dataset.state === 'done'"
            )
            assert page.locator(".gg-search-filtercount").inner_text() == "(1 gekozen)"
            assert "soort=Beslisboom" in page.url


def test_overview_shows_cards_a_step_at_a_time_and_keeps_the_step_in_the_address(
    desktop: Any,
    handbook: str,
) -> None:
    desktop.goto(handbook + OVERVIEW)
    total = desktop.locator(".gg-card").count()
    assert desktop.locator("details.gg-card-filter-box").get_attribute("open") is None
    assert desktop.locator(".gg-card:visible").count() == 24
    more = desktop.get_by_role("button", name="Toon meer")
    assert more.inner_text() == f"Toon meer (24 van {total} getoond)"
    more.click()
    assert desktop.locator(".gg-card:visible").count() == 48
    # Focus goes to the first card that came in, so a keyboard user reads on there.
    focused = desktop.evaluate("document.activeElement.closest('.gg-card').outerHTML")
    assert focused == desktop.locator(".gg-card:visible").nth(24).evaluate("c => c.outerHTML")
    assert parse_qs(urlsplit(desktop.url).query)["toon"] == ["48"]
    desktop.reload()
    assert desktop.locator(".gg-card:visible").count() == 48
    # An address with filters opens them.
    desktop.goto(handbook + OVERVIEW + "?platform=facebook")
    assert desktop.locator("details.gg-card-filter-box").get_attribute("open") == ""
    assert desktop.locator(".gg-card-filter-chosen").inner_text() == "(1 gekozen)"


CONTRAST = """(el) => {
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 4).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map((v) => {
    v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  let node = el.parentElement, bg = null;
  while (node) {
    const c = rgb(getComputedStyle(node).backgroundColor);
    if (c.length < 4 || c[3] > 0) { bg = c; break; }
    node = node.parentElement;
  }
  const style = getComputedStyle(el);
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const placeholder = getComputedStyle(el, "::placeholder").color;
  return {
    border: ratio(rgb(style.borderTopColor), bg),
    placeholder: ratio(rgb(placeholder), rgb(style.backgroundColor)),
    label: el.labels.length ? el.labels[0].getBoundingClientRect().width : 0,
  };
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_field_has_a_visible_label_and_a_clear_boundary(
    browser: Any,
    handbook: str,
    scheme: str,
) -> None:
    for page in open_page(browser, DESKTOP, color_scheme=scheme):
        for address in ("kennisbank/dialoog.html", "search.html?q=crisis"):
            page.goto(handbook + address)
            fields = page.locator("input[type=search], input[type=text], textarea").all()
            assert fields
            for field in fields:
                if not field.is_visible():
                    continue
                measured = field.evaluate(CONTRAST)
                assert measured["border"] >= 3, (address, scheme, measured)
                assert measured["placeholder"] >= 4.5, (address, scheme, measured)
                assert measured["label"] > 20, (address, scheme, measured)

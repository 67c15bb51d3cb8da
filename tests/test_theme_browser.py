"""The theme in headless Chromium: header, mobile menu, overview filters, reflow, axe."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from .test_browser import WCAG_TAGS, browser, handbook  # noqa: F401 - shared fixtures

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 800}
OVERVIEW = "kennisbank/dos-en-donts/index.html"
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
def desktop(browser: Any) -> Iterator[Any]:  # noqa: F811
    yield from open_page(browser, DESKTOP)


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:  # noqa: F811
    yield from open_page(browser, PHONE)


def test_header_search_box_submits_to_the_search_page(desktop: Any, handbook: str) -> None:  # noqa: F811
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


def test_mobile_menu_opens_and_closes_with_the_button(phone: Any, handbook: str) -> None:  # noqa: F811
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
    browser: Any,  # noqa: F811
    handbook: str,  # noqa: F811
) -> None:
    for page in open_page(browser, PHONE, java_script_enabled=False):
        page.goto(handbook + OVERVIEW)
        assert page.get_by_role("navigation", name="Hoofdmenu").is_visible()
        assert page.locator(".gg-menu-button").is_hidden()
        assert page.locator("form.gg-card-filter").is_hidden()
        assert page.locator(".gg-card").count() == page.locator(".gg-card:visible").count()


def test_overview_filters_hide_empty_sections_count_reset_and_keep_state(
    desktop: Any,
    handbook: str,  # noqa: F811
) -> None:
    desktop.goto(handbook + OVERVIEW)
    cards = desktop.locator(".gg-card")
    total = cards.count()
    status = desktop.locator(".gg-card-filter-status")
    assert status.inner_text() == f"{total} van de {total} getoond."
    facebook = desktop.get_by_label("Facebook")
    expected = int(facebook.locator("xpath=..").locator(".gg-filter-count").inner_text())
    facebook.check()
    assert desktop.locator(".gg-card:visible").count() == expected
    assert status.inner_text() == f"{expected} van de {total} getoond."
    assert desktop.url.endswith("?platform=facebook")
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
    assert desktop.locator(".gg-card:visible").count() == total
    assert not desktop.url.endswith("?platform=facebook")
    assert "?" not in desktop.url


def test_filters_combine_across_facets_and_say_when_nothing_fits(
    desktop: Any,
    handbook: str,  # noqa: F811
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


def test_no_page_scrolls_sideways_at_320_pixels(
    browser: Any,  # noqa: F811
    handbook: str,  # noqa: F811
    real_site: Path,
) -> None:
    wide = {}
    for page in open_page(browser, {"width": 320, "height": 640}):
        for path in sorted(real_site.rglob("*.html")):
            name = path.relative_to(real_site).as_posix()
            page.goto(handbook + name, wait_until="load")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                wide[name] = width
    assert wide == {}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "375"])
def test_every_page_type_meets_wcag_at_both_widths(
    browser: Any,  # noqa: F811
    handbook: str,  # noqa: F811
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


def test_dark_mode_meets_wcag_contrast(browser: Any, handbook: str) -> None:  # noqa: F811
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

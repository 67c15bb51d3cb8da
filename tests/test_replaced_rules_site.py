"""The built handbook: a rule written for some organisation types that replaces a general
rule (``replaces``) says so on its page, and the general rule's page names it for them."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

GENERAL = "geen-apart-account-per-afdeling"
POLICE = "gebruik-de-accounts-van-teams-en-wijkagenten-voor-getuigenoproepen"


def main_of(site: Path, record_id: str) -> BeautifulSoup:
    html = (site / "kennisbank" / f"{record_id}.html").read_text(encoding="utf-8")
    main = BeautifulSoup(html, "html.parser").find("main")
    assert main is not None
    return main


def paragraph_starting(main: BeautifulSoup, words: str) -> BeautifulSoup:
    found = [p for p in main.find_all("p") if p.get_text(" ", strip=True).startswith(words)]
    assert len(found) == 1, [p.get_text(" ", strip=True) for p in main.find_all("p")][:12]
    return found[0]


def test_the_general_rule_names_the_rule_that_replaces_it_for_the_police(
    real_site: Path,
) -> None:
    main = main_of(real_site, GENERAL)
    line = paragraph_starting(main, "Voor Politieorganisatie geldt in plaats hiervan:")
    assert [a["href"] for a in line.find_all("a")] == [f"{POLICE}.html"]
    # Named there, not again under "Zie ook".
    links = [a.get("href", "") for a in main.find_all("a")]
    assert links.count(f"{POLICE}.html") == 1


def test_the_police_rule_says_what_it_replaces(real_site: Path) -> None:
    line = paragraph_starting(main_of(real_site, POLICE), "Voor Politieorganisatie in plaats van:")
    assert [a["href"] for a in line.find_all("a")] == [f"{GENERAL}.html"]

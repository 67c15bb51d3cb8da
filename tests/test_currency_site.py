"""The built handbook: every page that mentions an outdated term also says what holds now.

"Mentions" means the page's own text; the text of a link to another page of the handbook
is that page's title, and that page is checked itself. "Says what holds now" means a
currency note, or a sentence that links an online source, whose text names the current
rule or fact.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from guidegen.content.knowledge import KnowledgeBase
from guidegen.content.model import Source
from guidegen.trees.decisiontree import Tree

#: Outdated term → what a statement about the present must name.
NOW: dict[str, tuple[str, str]] = {
    "Wob": (r"\bWob\b|Wet openbaarheid van bestuur", r"Wet open overheid|\bWoo\b"),
    "webrichtlijnen": (r"webrichtlijn", r"EN 301 549|digitale toegankelijkheid"),
    "140 tekens": (r"140 (?:tekens|karakters)", r"\b280\b"),
    "Hyves": (r"\bHyves\b", r"Hyves.*(?:stopte|bestaat niet meer)"),
    "Google+": (r"Google\+|Google Plus", r"Google\+.*(?:sloot|bestaat niet meer)"),
    # Twitter without X: the vocabulary's own pattern (it spares "Twitter (nu X)", ...).
    "Twitter": ("", r"Twitter.* heet (?:sinds (?:juli )?2023|nu) X|X \(tot juli 2023 Twitter\)"),
}
NOTE_SELECTOR = ".gg-note, .gg-note-card, .gg-outcome-note"


@pytest.fixture(scope="module")
def built_site(real_site: Path) -> Path:
    """The real handbook, built clean as `make site` builds it (once per test session)."""
    return real_site


def online_sources(base: KnowledgeBase) -> set[str]:
    """Sources read online (the five source documents may have a url too: not these)."""
    return {s.id for s in base.of_type(Source) if s.url and s.accessed and not s.files}


def numbered_online_sources(main: BeautifulSoup) -> set[str]:
    """In a generated guideline: the numbers of its listed sources that link a web page."""
    heading = next((h for h in main.find_all("h2") if h.get_text().startswith("Bronnen")), None)
    listed = heading.find_next("ol") if heading else None
    if listed is None:
        return set()
    items = listed.find_all("li", recursive=False)
    return {
        str(number)
        for number, item in enumerate(items, start=1)
        if any(a.get("href", "").startswith("https://") for a in item.find_all("a"))
    }


def statements(main: BeautifulSoup, online: set[str]) -> list[str]:
    """Texts on the page that say what holds now with a cited online source."""
    found = []
    numbered = numbered_online_sources(main)
    for element in main.select("p"):
        text = " ".join(element.get_text(" ").split())
        markers = re.findall(r"\[([\d; ]+)\]", text)
        cited = {n for marker in markers for n in re.findall(r"\d+", marker)}
        # A guideline's note, citing a numbered web source.
        if text.startswith("Stand van zaken") and cited & numbered:
            found.append(text)
    cites = re.compile(r"(?:^|/)(" + "|".join(map(re.escape, sorted(online))) + r")\.html")
    for element in main.select(f"{NOTE_SELECTOR}, p, li"):
        hrefs = [a.get("href", "") for a in element.find_all("a")]
        note = element.select_one(".admonition-title") or element.get("class")
        guideline_note = element.name == "p" and element.get_text().startswith("Stand 20")
        cited = any(cites.search(h) or h.startswith("https://") for h in hrefs)
        if cited and (note or guideline_note or element.name in {"p", "li"}):
            found.append(" ".join(element.get_text(" ").split()))
    return found


def own_text(main: BeautifulSoup) -> str:
    """The page's text without the text of links to other pages of the handbook, and
    without hidden elements (the search's keywords)."""
    for hidden in main.find_all(hidden=True):
        hidden.decompose()
    for link in main.find_all("a"):
        href = link.get("href", "")
        if href and not href.startswith(("http://", "https://", "mailto:", "#")):
            link.decompose()
    return " ".join(main.get_text(" ").split())


def test_every_page_that_mentions_an_outdated_term_says_what_holds_now(
    built_site: Path, knowledge: tuple[KnowledgeBase, list[Tree]]
) -> None:
    online = online_sources(knowledge[0])
    vocabulary = knowledge[0].vocabulary
    assert vocabulary is not None
    patterns = {term: mention for term, (mention, _) in NOW.items()}
    patterns["Twitter"] = vocabulary.outdated_terms["twitter"].pattern
    checked, missing = 0, []
    mentioned: dict[str, int] = dict.fromkeys(NOW, 0)
    for path in sorted(built_site.rglob("*.html")):
        relative = path.relative_to(built_site).as_posix()
        if relative.startswith("kennisbank/") and path.stem in online:
            continue  # the page of a current source is the citation itself
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        main = soup.find("main") or soup.find("div", class_="body")
        if main is None:
            continue
        said = statements(main, online)
        text = own_text(main)
        for term, (_, now) in NOW.items():
            if re.search(patterns[term], text, re.IGNORECASE):
                checked += 1
                mentioned[term] += 1
                if not any(re.search(now, s) for s in said):
                    missing.append(f"{relative}: {term}")
    assert missing == []
    assert checked >= 30  # the handbook does mention these terms, on many pages
    assert mentioned["Twitter"] >= 80  # record, overview, tree and guideline pages


def test_a_tree_outcome_shows_its_note_on_the_page(built_site: Path) -> None:
    page = built_site / "beslisbomen" / "twitteren-tijdens-de-raadsvergadering.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    outcome = soup.find(id="maak-het-debat-zichtbaar")
    assert outcome is not None
    note = outcome.select_one(".gg-outcome-body .gg-outcome-note")
    assert note is not None
    assert "Stand 2026: wat geldt nu" in note.get_text()
    assert "Twitter heet sinds juli 2023 X" in note.get_text()
    assert note.find("a", href="../kennisbank/twitter-wordt-x-2023.html") is not None


def test_notes_are_in_the_search_index(built_site: Path) -> None:
    """Pagefind indexes the record pages' main text, and the note is part of it."""
    page = built_site / "kennisbank" / "archiefwet-en-wob-bij-sociale-media.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    body = soup.find(attrs={"data-pagefind-body": True})
    assert body is not None
    note = body.select_one(".gg-note")
    assert note is not None
    assert "Wet open overheid" in note.get_text()
    assert not note.find_parent(attrs={"data-pagefind-ignore": True})


def test_home_and_about_link_the_changes_page(built_site: Path) -> None:
    for name in ("index.html", "over.html"):
        soup = BeautifulSoup((built_site / name).read_text(encoding="utf-8"), "html.parser")
        assert soup.find("a", href="kennisbank/veranderd/index.html") is not None, name
    changes = built_site / "kennisbank" / "veranderd" / "index.html"
    soup = BeautifulSoup(changes.read_text(encoding="utf-8"), "html.parser")
    assert soup.find("h1").get_text().startswith("Wat is er veranderd sinds de bronnen?")
    assert len(soup.select(".gg-note-card")) >= 25


def test_the_home_page_links_the_changes_page_and_its_feed_near_its_top(built_site: Path) -> None:
    """Before the first section ("Waar sta je voor?"), and every page names the feed."""
    soup = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    main = soup.find("main") or soup
    first_section = main.find("h2")
    link = main.find("a", href="kennisbank/veranderd/index.html")
    assert first_section is not None
    assert link is not None
    assert link in first_section.find_all_previous("a")
    head = soup.find("link", rel="alternate", type="application/atom+xml")
    assert head is not None
    assert head["href"] == "kennisbank/veranderd/atom.xml"
    changes = built_site / "kennisbank" / "veranderd"
    page = BeautifulSoup((changes / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("a", href="atom.xml") is not None
    feed = (changes / "atom.xml").read_text(encoding="utf-8")
    assert feed.count("<entry>") == len(page.select(".gg-note-card"))

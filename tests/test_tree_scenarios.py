"""The real decision trees: valid, and each answers its scenarios as the sources do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from guidegen.cli import main
from guidegen.content.knowledge import load_knowledge_base
from guidegen.content.model import Source
from guidegen.content.passages import quote_key
from guidegen.trees.decisiontree import Outcome, Tree, load_trees, walk

from .conftest import REPO, TESTS
from .test_content import needs_seeds, normalise, seed_text

SCENARIOS = TESTS / "data" / "scenarios"
REQUIRED = {
    "moet-ik-reageren",
    "mag-ik-deze-reactie-verwijderen",
    "welke-strategie-past-bij-mijn-doel",
    "spreek-ik-prive-of-namens-de-organisatie",
}


@pytest.fixture(scope="module")
def trees() -> dict[str, Tree]:
    base, problems = load_knowledge_base(REPO / "content")
    loaded, tree_problems = load_trees(REPO / "decisions", base)
    assert [str(p) for p in problems + tree_problems] == []
    return {item.tree.id: item.tree for item in loaded}


def test_the_required_trees_exist(trees: dict[str, Tree]) -> None:
    assert set(trees) >= REQUIRED
    assert len(trees) >= 4


def test_every_tree_has_scenarios(trees: dict[str, Tree]) -> None:
    assert sorted(p.stem for p in SCENARIOS.glob("*.yaml")) == sorted(trees)


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.stem)
def test_scenarios_reach_their_outcome(trees: dict[str, Tree], path: Path) -> None:
    tree = trees[path.stem]
    scenarios = yaml.safe_load(path.read_text(encoding="utf-8"))
    reached = set()
    for scenario in scenarios:
        _, node = walk(tree, scenario["answers"])
        assert isinstance(node, Outcome), scenario["situation"]
        assert node.id == scenario["outcome"], scenario["situation"]
        reached.add(node.id)
    assert reached == {outcome.id for outcome in tree.outcomes}, "every outcome has a scenario"


def test_the_strategy_tree_leads_to_all_seven_strategies(trees: dict[str, Tree]) -> None:
    tree = trees["welke-strategie-past-bij-mijn-doel"]
    linked = {record for outcome in tree.outcomes for record in outcome.records}
    strategies = {p.stem for p in (REPO / "content" / "strategies").glob("*.yaml")}
    assert len(strategies) == 7
    assert strategies <= linked


@needs_seeds
def test_tree_quotes_occur_in_the_cited_source(trees: dict[str, Tree]) -> None:
    base, _ = load_knowledge_base(REPO / "content")
    missing = []
    for tree in trees.values():
        citations = [*tree.sources, *(c for o in tree.outcomes for c in o.sources)]
        for citation in citations:
            if citation.quote:
                source = base.get(citation.source)
                assert isinstance(source, Source)
                if not source.files:
                    continue  # read online: see the test of the stored passages below
                if normalise(citation.quote).strip("\"'. …") not in seed_text(source):
                    missing.append(f"{tree.id}: {citation.quote}")
    assert missing == []


def test_the_park_litter_dilemma_of_the_2014_report_walks_to_the_complaint_advice(
    trees: dict[str, Tree],
) -> None:
    """The report's opening dilemma is a record and a scenario of 'Moet ik reageren?'."""
    base, _ = load_knowledge_base(REPO / "content")
    record = base.get("klacht-over-rommel-in-het-park")
    assert (record.sources[0].source, record.sources[0].section) == (  # type: ignore[attr-defined]
        "overheidsparticipatie-rapport-2014",
        "1.1 DOELSTELLING",
    )
    scenarios = yaml.safe_load((SCENARIOS / "moet-ik-reageren.yaml").read_text(encoding="utf-8"))
    park = [s for s in scenarios if "klacht-over-rommel-in-het-park" in s["situation"]]
    assert len(park) == 1
    _, node = walk(trees["moet-ik-reageren"], park[0]["answers"])
    assert isinstance(node, Outcome)
    assert node.id == "klacht-naar-dienstverlening"


def test_issue_29_outcomes_say_what_the_sources_say(trees: dict[str, Tree]) -> None:
    """The fixes of issue 29, each tied to the source line it rests on."""
    politician = trees["spreek-ik-prive-of-namens-de-organisatie"].node("spreek-als-politicus")
    assert isinstance(politician, Outcome)
    assert "wat je eigen raad heeft afgesproken" in politician.advice
    assert "Twitterverbod" in politician.advice
    assert "Wel of niet twitteren tijdens de raadsvergadering" in {
        c.section for c in politician.sources
    }
    removal = trees["mag-ik-deze-reactie-verwijderen"]
    leave = removal.node("laat-staan-en-wijs-op-de-regels")
    assert isinstance(leave, Outcome)
    assert "scheldwoord" not in leave.title.lower()
    assert "scheldwoorden in" in leave.advice  # it sends abuse elsewhere
    question = removal.node("echt-kwetsend")
    labels = [a.label for a in question.answers]  # type: ignore[union-attr]
    fel = next(label for label in labels if label.startswith("Alleen fel"))
    assert "zonder scheldwoorden" in fel
    assert question.answers[-1].next == "reageer-op-schelden"  # type: ignore[union-attr]
    strategy = trees["welke-strategie-past-bij-mijn-doel"].node("doel")
    targets = {a.label.split(":")[0]: a.next for a in strategy.answers}  # type: ignore[union-attr]
    assert targets["Meldingen en tips"] == "meldingen-van-burgers"
    assert targets["Dienstverlening"] == "dienstverlening"


def test_tree_quotes_of_online_sources_stand_in_their_stored_passages(
    trees: dict[str, Tree],
) -> None:
    """Quotes of sources read online are checked as the records' are (content/passages)."""
    base, _ = load_knowledge_base(REPO / "content")
    missing = []
    for tree in trees.values():
        for outcome in tree.outcomes:
            for citation in outcome.sources:
                source = base.get(citation.source)
                assert isinstance(source, Source)
                if not citation.quote or source.files:
                    continue
                path = REPO / "content" / "passages" / f"{source.id}.txt"
                stored = quote_key(path.read_text(encoding="utf-8"))
                if quote_key(citation.quote) not in stored:
                    missing.append(f"{tree.id}/{outcome.id}: {citation.quote}")
    assert missing == []


def test_the_threat_outcome_gives_the_current_sources_advice(trees: dict[str, Tree]) -> None:
    """Issue 29: 112, evidence first, aangifte with the VPT-code, support; linked records."""
    outcome = trees["moet-ik-reageren"].node("bedreiging-of-illegaal")
    assert isinstance(outcome, Outcome)
    assert "over melden zeggen de bronnen niets" not in outcome.title
    for words in ("112", "Leg eerst het bewijs vast", "aangifte", "VPT-code", "nazorg"):
        assert words in outcome.advice, words
    assert outcome.advice.index("bewijs vast") < outcome.advice.index("verwijder het dan")
    assert {
        "wat-te-doen-bij-een-online-bedreiging",
        "sta-als-werkgever-achter-een-bedreigde-medewerker",
    } <= set(outcome.records)
    cited = {c.source for c in outcome.sources}
    assert {
        "denheldersdagblad-politie-over-online-bedreiging-2019",
        "duidelijk-over-agressie-eenduidige-landelijke-afspraken",
        "slachtofferhulp-nazorg-online-bedreiging",
    } <= cited


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.stem)
def test_decide_agrees_with_every_scenario_in_the_address_form(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 29: `guidegen decide --answers 1.1.2`, the form a shared address carries,
    reaches each scenario's outcome, and names the same address back."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    scenarios = yaml.safe_load(path.read_text(encoding="utf-8"))
    for scenario in scenarios:
        dotted = ".".join(map(str, scenario["answers"]))
        result = CliRunner().invoke(
            main, ["decide", path.stem, "--project", str(REPO), "--answers", dotted, "--json"]
        )
        assert result.exit_code == 0, result.output
        found = json.loads(result.output)
        assert found["outcome"]["id"] == scenario["outcome"], scenario["situation"]
        assert found["address"] == f"?antwoorden={dotted}#{scenario['outcome']}"

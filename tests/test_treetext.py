"""Decision trees as plain text: `decide --show` outline and readable CLI outcomes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from guidegen.cli import main
from guidegen.content.knowledge import load_knowledge_base
from guidegen.content.model import Citation
from guidegen.trees.decisiontree import load_trees
from guidegen.trees.text import markdown_text, outcome_text, unique_citations

from .conftest import REPO, ROOTS


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(ROOTS / "test-handbook", target)
    return target


def test_show_without_json_prints_an_outline(project: Path) -> None:
    code, out = run("decide", "moet-ik-reageren", "--project", str(project), "--show")
    assert code == 0
    with pytest.raises(json.JSONDecodeError):
        json.loads(out)
    lines = out.splitlines()
    assert lines[:3] == ["Moet ik reageren?", "=================", ""]
    assert lines[3] == "Vraag: Wat voor reactie is het? [soort-reactie]"
    assert lines[4] == "  1. Een emotionele reactie"
    assert lines[5] == "    Advies: Reageer niet, observeer [niet-reageren]"
    assert lines[6] == "  2. Onderbouwde kritiek"
    assert lines[7] == "    Vraag: Overtreedt de reactie de huisregels? [huisregels]"


def test_show_names_a_node_reached_twice_once(project: Path) -> None:
    tree = project / "decisions" / "moet-ik-reageren.yaml"
    tree.write_text(
        tree.read_text().replace("next: direct-reageren", "next: niet-reageren"), encoding="utf-8"
    )
    tree.write_text(tree.read_text().split("  - id: direct-reageren")[0], encoding="utf-8")
    code, out = run("decide", "moet-ik-reageren", "--project", str(project), "--show")
    assert code == 0, out
    assert out.count("Advies: Reageer niet, observeer [niet-reageren]") == 2
    assert "Advies: Reageer niet, observeer [niet-reageren] (zie hierboven)" in out


def test_plain_outcome_has_sources_and_no_markdown(project: Path) -> None:
    code, out = run("decide", "moet-ik-reageren", "--project", str(project), "--answers", "2,1")
    assert code == 0
    assert "Advies: Reageer direct op de overtreding" in out
    assert "Bronnen:\n- Testhandreiking (handreiking), Hou je aan de regels" in out


def test_real_outcome_in_plain_text() -> None:
    code, out = run("decide", "moet-ik-reageren", "--project", str(REPO), "--answers", "1,1,1")
    assert code == 0
    assert "*" not in out
    assert "zie de beslisboom Mag ik deze reactie verwijderen?" in " ".join(out.split())
    sources = out.split("Bronnen:\n")[1].splitlines()
    assert sources
    assert all(line.startswith("- ") for line in sources)
    assert len(sources) == len(set(sources))


def test_every_real_outcome_lists_each_source_line_once() -> None:
    base, _ = load_knowledge_base(REPO / "content")
    trees, problems = load_trees(REPO / "decisions", base)
    assert problems == []
    for loaded in trees:
        for outcome in loaded.tree.outcomes:
            text = outcome_text(outcome, base)
            assert "*" not in text, outcome.id
            sources = text.split("Bronnen:\n")[1].splitlines()
            assert len(sources) == len(set(sources)) >= 1, outcome.id


def test_markdown_text_drops_markup_and_keeps_lists() -> None:
    text = markdown_text("Eerst **vet** en *schuin*.\n\n- een `code`\n- twee\n\n1. drie\n2. vier")
    assert text == "Eerst vet en schuin.\n\n- een code\n- twee\n\n1. drie\n2. vier"


def test_unique_citations_ignore_lines_and_quotes() -> None:
    cited = [
        Citation(source="a", section="S", lines="1-2"),
        Citation(source="a", section="S", lines="5", quote="x"),
        Citation(source="a", section="T"),
    ]
    assert [c.section for c in unique_citations(cited)] == ["S", "T"]


def test_decide_gives_the_threat_advice_in_the_address_form() -> None:
    """Issue 29: `guidegen decide --answers 1.3` (the address's form) reaches the threat
    advice, with 112, evidence first, aangifte and the police sources."""
    code, out = run("decide", "moet-ik-reageren", "--project", str(REPO), "--answers", "1.3")
    assert code == 0, out
    text = " ".join(out.split())
    assert "(in het adres van de beslisboom: ?antwoorden=1.3#bedreiging-of-illegaal)" in text
    assert "bel dan 112" in text
    assert "Leg eerst het bewijs vast" in text
    assert "VPT-code" in text
    assert "Online bedreigd of geïntimideerd? Wat je nu doet" in text
    assert "(denheldersdagblad-politie-over-online-bedreiging-2019)" in text

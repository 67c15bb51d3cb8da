"""guidegen generate --compare: the rules added, removed and changed since an earlier version."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from guidegen.cli import main
from guidegen.guideline.compare import compare, rules_by_chapter, version_of

from .conftest import REPO, write

OLD = """\
# Richtlijn sociale media — Gemeente X

- **Versie:** 1\\.2 (vastgesteld)

## Reageren en reactietijden

- **Reactietijd:** we reageren binnen één werkdag.
- Reageer binnen één werkdag op vragen. \\[1\\]
- Verwijs door naar de website als officieel kanaal. \\[2; 3, p. 4\\]
- Plaats elke vrijdag een weekoverzicht. \\[1\\]

## Bijlage B. Beslisbomen

- Dit is geen regel. \\[1\\]
"""

NEW = """\
# Richtlijn sociale media — Gemeente X

- **Versie:** 1\\.3 (concept)

## Reageren en reactietijden

- **Reactietijd:** we reageren binnen één werkdag.
- Reageer binnen twee werkdagen op vragen. \\[1\\]
- Verwijs door naar de website als officieel kanaal. \\[4\\]

## Toon en schrijfwijze

- Schrijf in de wij\\-vorm. \\[2\\]
"""


def test_rules_are_the_list_items_of_the_own_chapters_without_markers() -> None:
    rules = rules_by_chapter(OLD)
    assert rules == {
        "Reageren en reactietijden": [
            "Reactietijd: we reageren binnen één werkdag.",
            "Reageer binnen één werkdag op vragen.",
            "Verwijs door naar de website als officieel kanaal.",
            "Plaats elke vrijdag een weekoverzicht.",
        ]
    }
    assert version_of(OLD) == "1.2"
    assert version_of("# zonder versie\n") == "onbekend"


def test_added_removed_and_changed_rules_and_renumbered_sources_are_no_change() -> None:
    changes = compare(OLD, NEW)
    assert changes.version == "1.2"
    assert changes.added == [("Toon en schrijfwijze", "Schrijf in de wij-vorm.")]
    assert changes.removed == [
        ("Reageren en reactietijden", "Plaats elke vrijdag een weekoverzicht.")
    ]
    assert [(c.old, c.new) for c in changes.changed] == [
        ("Reageer binnen één werkdag op vragen.", "Reageer binnen twee werkdagen op vragen.")
    ]
    assert compare(NEW, NEW).none


def test_generate_compare_adds_the_section_before_the_annexes(tmp_path: Path) -> None:
    profile = REPO / "profiles" / "gemeente-heuvelrade.yaml"
    args = [
        "generate",
        str(profile),
        "--project",
        str(REPO),
        "--format",
        "md",
        "--date",
        "2026-11-23",
    ]
    runner = CliRunner()
    assert runner.invoke(main, [*args, "-o", str(tmp_path / "v1")]).exit_code == 0
    first = next((tmp_path / "v1").glob("*.md")).read_text(encoding="utf-8")
    old_rule = next(line for line in first.splitlines() if line.startswith("- ") and "\\[" in line)
    edited = first.replace(old_rule, "- Plaats elke vrijdag een weekoverzicht. \\[1\\]", 1)
    old = write(tmp_path / "oud.md", edited.replace("**Versie:** 1\\.0", "**Versie:** 0\\.9"))
    result = runner.invoke(main, [*args, "-o", str(tmp_path / "v2"), "--compare", str(old)])
    assert result.exit_code == 0, result.output
    text = next((tmp_path / "v2").glob("*.md")).read_text(encoding="utf-8")
    section = text.partition("## Wijzigingen ten opzichte van versie 0\\.9\n")[2]
    assert section, "the change section is there"
    section = section.partition("\n## ")[0]
    assert "**Vervallen regels**" in section
    assert "Plaats elke vrijdag een weekoverzicht." in section
    assert "**Nieuwe regels**" in section
    assert text.index("## Wijzigingen") < text.index("## Bijlage A.")
    two = runner.invoke(main, [*args[:2], str(profile), *args[2:], "--compare", str(old)])
    assert two.exit_code == 2
    assert "vergelijk één profiel tegelijk" in two.output


def test_markup_of_a_rule_never_shows_as_asterisks_and_platforms_and_accounts_count() -> None:
    old = OLD.replace(
        "## Reageren",
        "## Doel en reikwijdte\n\nZe gaat over deze platforms: Facebook, LinkedIn.\n\n"
        "Onze eigen accounts:\n\n- Facebook: Gemeente X\n\n## Reageren",
    )
    new = NEW.replace(
        "## Reageren",
        "## Doel en reikwijdte\n\nZe gaat over deze platforms: Facebook, Instagram.\n\n"
        "Onze eigen accounts:\n\n- Instagram: [@gemeentex](<https://example.org/x>)\n\n"
        "## Reageren",
    ).replace("- **Reactietijd:** we reageren binnen één werkdag.", "- **Reactietijd:** nu.")
    changes = compare(old, new)
    assert changes.platforms_added == ["Instagram"]
    assert changes.platforms_removed == ["LinkedIn"]
    assert changes.accounts_added == ["Instagram: @gemeentex"]
    assert changes.accounts_removed == ["Facebook: Gemeente X"]
    texts = [c.new for c in changes.changed] + [r for _c, r in changes.added]
    assert "Reactietijd: nu." in texts
    assert not any("*" in t for t in texts)

"""The data the profile form counts its advice from: chapters as the guideline has them.

The counts themselves are compared with ``assemble`` in Chromium
(tests/browser/test_advice_counts.py).
"""

from __future__ import annotations

from guidegen.content.knowledge import KnowledgeBase
from guidegen.guideline.advicedata import MASTER, advice_data, chapter_titles
from guidegen.guideline.assemble import rule_candidates
from guidegen.trees.decisiontree import Tree

from .conftest import REPO

Knowledge = tuple[KnowledgeBase, list[Tree]]
TEMPLATES = REPO / "templates" / "guideline"


def used_chapters(knowledge: Knowledge) -> set[str]:
    return {chapter for _record, chapter in rule_candidates(knowledge[0]) if chapter}


def test_every_chapter_a_rule_can_go_to_has_the_guidelines_title(knowledge: Knowledge) -> None:
    legal = {key: t.label for key, t in knowledge[0].vocabulary.legal_topics.items()}
    titles, read = chapter_titles(TEMPLATES, legal)
    master = (TEMPLATES / MASTER).read_text(encoding="utf-8")
    assert used_chapters(knowledge) <= set(titles)
    assert titles["response"] == "Reageren en reactietijden"
    assert titles["private"] == "Privé en namens {org}"
    # Titles are the master template's; the legal chapters' come from the vocabulary.
    own = [t for k, t in titles.items() if "{org}" not in t and k not in legal]
    assert all(f"## {t}" in master for t in own)
    assert "## {{ topic.label }}" in master
    data = advice_data(knowledge[0], titles)
    used = used_chapters(knowledge)
    assert [key for key, _title in data["chapters"]] == [k for k in titles if k in used]
    assert TEMPLATES / MASTER in read


def test_a_rule_replaced_for_a_type_is_not_counted_for_it(knowledge: Knowledge) -> None:
    """The form leaves out what ``assemble`` leaves out: the general rule that a rule
    written for the police replaces is 'not for' the police, and only for it."""
    data = advice_data(knowledge[0], {})
    rules = {rule["id"]: rule for rule in data["rules"]}
    assert rules["geen-apart-account-per-afdeling"]["notFor"] == ["politie"]
    police_rule = rules["gebruik-de-accounts-van-teams-en-wijkagenten-voor-getuigenoproepen"]
    assert "politie" not in police_rule.get("notFor", [])

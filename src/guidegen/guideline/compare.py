"""What changed between an earlier guideline and a new one, read from their Markdown.

A guideline's rules are the list items of its own chapters (before the annexes). Two
versions are compared per chapter: a rule only in the new one is added, one only in
the old one removed, and a removed and an added rule of the same chapter that are
mostly the same words are one changed rule. Source markers are left out of the
comparison, so renumbered sources are no change.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

#: How alike two rules must be (difflib's ratio) to count as one rule changed.
SAME_RULE = 0.6
_CHAPTER = re.compile(r"^## (.+)$")
_RULE = re.compile(r"^- (.+?)\s*(?:\\\[[^\]]*\\\])?$")
_VERSION = re.compile(r"^- \*\*Versie:\*\* (.+?)(?: \(|$)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
#: Where the organisation's own chapters end.
_BACK_MATTER = re.compile(r"^(?:Bijlage\b|Bronnen$|Wijzigingen ten opzichte)")


@dataclass(frozen=True)
class Change:
    """One rule that changed: its chapter, and its old and new text."""

    chapter: str
    old: str
    new: str


@dataclass
class Changes:
    """Rules added, removed and changed since ``version``."""

    version: str
    added: list[tuple[str, str]] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    platforms_added: list[str] = field(default_factory=list)
    platforms_removed: list[str] = field(default_factory=list)
    accounts_added: list[str] = field(default_factory=list)
    accounts_removed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return True  # the section shows even when nothing changed: it says so

    @property
    def none(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.changed
            or self.platforms_added
            or self.platforms_removed
            or self.accounts_added
            or self.accounts_removed
        )


def compare(old: str, new: str) -> Changes:
    """The changes from the guideline Markdown ``old`` to ``new``."""
    old_rules, new_rules = rules_by_chapter(old), rules_by_chapter(new)
    changes = Changes(version_of(old))
    for chapter in dict.fromkeys([*new_rules, *old_rules]):
        before, after = old_rules.get(chapter, []), new_rules.get(chapter, [])
        removed = [r for r in before if r not in after]
        added = [r for r in after if r not in before]
        for rule in list(removed):
            match = _closest(rule, added)
            if match is not None:
                changes.changed.append(Change(chapter, rule, match))
                removed.remove(rule)
                added.remove(match)
        changes.added += [(chapter, r) for r in added]
        changes.removed += [(chapter, r) for r in removed]
    old_platforms, new_platforms = platforms_of(old), platforms_of(new)
    changes.platforms_added = [p for p in new_platforms if p not in old_platforms]
    changes.platforms_removed = [p for p in old_platforms if p not in new_platforms]
    old_accounts, new_accounts = accounts_of(old), accounts_of(new)
    changes.accounts_added = [a for a in new_accounts if a not in old_accounts]
    changes.accounts_removed = [a for a in old_accounts if a not in new_accounts]
    return changes


#: The sentence of "Doel en reikwijdte" that names the platforms.
_PLATFORMS = re.compile(r"^Ze gaat over deze platforms: (.+?)\.?$")
#: The line that opens the list of the organisation's own accounts.
_ACCOUNTS = "Onze eigen accounts:"


def platforms_of(text: str) -> list[str]:
    """The platforms a guideline says it covers."""
    for line in text.splitlines():
        match = _PLATFORMS.match(line.strip())
        if match:
            return [p.strip() for p in _plain(match.group(1)).split(", ") if p.strip()]
    return []


def accounts_of(text: str) -> list[str]:
    """The organisation's own accounts a guideline lists ('Platform: name')."""
    lines = text.splitlines()
    if _ACCOUNTS not in lines:
        return []
    found: list[str] = []
    for line in lines[lines.index(_ACCOUNTS) + 1 :]:
        if line.startswith("## "):
            break
        if line.startswith("- "):
            found.append(_plain(line[2:]).strip())
        elif line.strip() and found:
            break
    return found


def rules_by_chapter(text: str) -> dict[str, list[str]]:
    """The rules (list items, without their source marker) of each own chapter."""
    rules: dict[str, list[str]] = {}
    chapter: str | None = None
    for line in text.splitlines():
        heading = _CHAPTER.match(line)
        if heading:
            chapter = heading.group(1).strip()
            if _BACK_MATTER.match(chapter):
                break
            continue
        rule = _RULE.match(line)
        if chapter is not None and rule:
            rules.setdefault(_plain(chapter), []).append(_plain(rule.group(1)))
    return rules


def version_of(text: str) -> str:
    """The version an earlier guideline names in its front matter ('onbekend' if none)."""
    for line in text.splitlines():
        match = _VERSION.match(line)
        if match:
            return match.group(1).replace("\\", "")
    return "onbekend"


#: A link: its text stays, its address goes.
_LINK = re.compile(r"\[([^\]]*)\]\(<?[^)>]*>?\)")
#: Emphasis marks (*, **, _) that are not escaped.
_EMPHASIS = re.compile(r"(?<!\\)(?:\*\*|\*|__)")


def _plain(markdown: str) -> str:
    """Markdown text as plain text: no links, no emphasis marks, no backslash escapes
    (the templates escape it again, so every format shows the words, never '**')."""
    text = _LINK.sub(r"\1", markdown)
    text = _EMPHASIS.sub("", text)
    return _ESCAPE.sub(r"\1", text)


def _closest(rule: str, candidates: list[str]) -> str | None:
    scored = [(difflib.SequenceMatcher(None, rule, c).ratio(), c) for c in candidates]
    best = max(scored, default=(0.0, None))
    return best[1] if best[0] >= SAME_RULE else None

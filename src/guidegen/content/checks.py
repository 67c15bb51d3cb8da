"""The one checker of vocabulary values and references to records.

Records (``knowledge``), decision trees (``trees``) and profiles (``profile``) all
name vocabulary values (themes, platforms, audiences, goals) and other records by
id.  Each rule is written here once: a value must be in the vocabulary and listed
once; a reference must name an existing record of an allowed type, and not the
record itself; a citation must name a source.  Messages come from a
:class:`~guidegen.wording.Wording`, so profiles get them in Dutch.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from guidegen.content.model import Record
from guidegen.content.problems import Problem
from guidegen.content.validation import worded
from guidegen.content.wording import ENGLISH, Wording
from guidegen.content.yamlsafe import KeyPath, YamlDocument

#: A citation may only name a source record.
SOURCE_TYPES = ("source",)


class Records(Protocol):
    """What the checker looks references up in: the knowledge base (``knowledge``)."""

    @property
    def entries(self) -> Mapping[str, object]:
        """The records by id (the ids are what a suggestion is chosen from)."""

    def __contains__(self, record_id: str) -> bool: ...

    def get(self, record_id: str) -> Record: ...


@dataclass(frozen=True)
class Checker:
    """Checks the values and references of one document against the knowledge base."""

    base: Records
    document: YamlDocument
    wording: Wording = ENGLISH
    #: The id of the record being checked, which may not refer to itself.
    own_id: str | None = None

    def problem(self, key_path: KeyPath, message: str) -> Problem:
        return worded(self.document.problem(key_path, message), self.wording)

    def values(
        self,
        key_path: KeyPath,
        values: Sequence[object],
        allowed: Mapping[str, object],
        extra: str = "",
        retired: Mapping[str, str] | None = None,
    ) -> Iterator[Problem]:
        """Each value is one of ``allowed`` (with a suggestion if not) and is listed once.

        :param extra: added to the "use one of" list, e.g. where to add a new value.
        :param retired: values that existed once, each with the message that says so.
        """
        field = _name(key_path)
        for index, value in enumerate(values):
            if isinstance(value, str) and retired and value in retired:
                yield self.problem((*key_path, index), retired[value])
            elif isinstance(value, str) and value not in allowed:
                yield self.problem(
                    (*key_path, index),
                    self.wording.unknown_value.format(
                        field=field,
                        value=value,
                        allowed=", ".join(allowed),
                        extra=extra,
                        hint=self.wording.suggestion(value, allowed),
                    ),
                )
        counts = Counter(value for value in values if isinstance(value, str))
        for value, count in sorted(counts.items()):
            if count > 1:
                yield self.problem(
                    key_path,
                    self.wording.listed_twice.format(field=field, value=value, count=count),
                )

    def reference(
        self,
        key_path: KeyPath,
        target: str,
        allowed_types: Sequence[str] = (),
        label: str | None = None,
    ) -> Iterator[Problem]:
        """``target`` is the id of a record of one of ``allowed_types`` (empty: any type).

        :param label: how the message names the field; default: its key path.
        """
        field = label or _name(key_path)
        wording = self.wording
        if target not in self.base:
            hint = wording.suggestion(target, self.base.entries)
            message = wording.no_such_record.format(field=field, target=target, hint=hint)
        elif target == self.own_id:
            message = wording.refers_to_itself.format(field=field)
        elif allowed_types and (actual := self.base.get(target).type_name) not in allowed_types:
            message = wording.wrong_type.format(
                field=field,
                target=target,
                actual=wording.type_name(actual),
                allowed=wording.join(wording.type_name(name) for name in allowed_types),
            )
        else:
            return
        yield self.problem(key_path, message)

    def references(
        self, key_path: KeyPath, targets: Sequence[object], allowed_types: Sequence[str] = ()
    ) -> Iterator[Problem]:
        """:meth:`reference` for each id in a list."""
        for index, target in enumerate(targets):
            if isinstance(target, str):
                yield from self.reference((*key_path, index), target, allowed_types)

    def citation(self, key_path: KeyPath, source: str) -> Iterator[Problem]:
        """A citation at ``key_path`` names a source record."""
        yield from self.reference((*key_path, "source"), source, SOURCE_TYPES)


def _name(key_path: KeyPath) -> str:
    return ".".join(str(part) for part in key_path)

"""How problems are worded: English for editors of records and trees, Dutch for profiles.

Records and decision trees are written by the handbook's editors, who get English
messages; an organisation's profile is written by a Dutch communication adviser,
who gets every message in Dutch.  A :class:`Wording` holds one language's
templates for the messages guidegen writes itself (validation, vocabulary and
reference checks) and, for Dutch, translations of the messages made elsewhere
(the YAML reader, the model's field validators).  Nothing here imports the rest
of guidegen.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Wording:
    """One language's messages; each template is a ``str.format`` pattern."""

    #: Word before the message in ``file:line:column: <severity>: message``.
    severity: str
    #: The name of the whole document, when a problem has no field.
    document: str
    or_word: str
    did_you_mean: str
    expected_mapping: str
    missing_field: str
    unknown_field: str
    allowed_fields: str
    not_allowed: str
    expected_text: str
    expected_kind: str
    expected_number: str
    wrong_form: str
    must_not_be_empty: str
    at_most: str
    at_least: str
    too_long: str
    unknown_value: str
    listed_twice: str
    no_such_record: str
    refers_to_itself: str
    wrong_type: str
    kinds: Mapping[str, str]
    #: Plain words for a text pattern (regular expression → what it asks for).
    patterns: Mapping[str, str] = field(default_factory=dict)
    #: Translations of messages made elsewhere: (regular expression, replacement).
    translations: tuple[tuple[str, str], ...] = ()
    #: How a record type is called (type name → word); default: the type name.
    type_names: Mapping[str, str] = field(default_factory=dict)

    def join(self, values: Iterable[str]) -> str:
        """``a, b or c``."""
        items = list(values)
        if len(items) < 2:
            return "".join(items)
        return f"{', '.join(items[:-1])} {self.or_word} {items[-1]}"

    def suggestion(self, value: str, choices: Iterable[str]) -> str:
        """``; did you mean 'x'?`` for the closest choice, or nothing."""
        close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
        return self.did_you_mean.format(close[0]) if close else ""

    def type_name(self, name: str) -> str:
        return self.type_names.get(name, name)

    def pattern(self, pattern: str) -> str | None:
        """What ``pattern`` asks for in plain words, if this wording knows it."""
        return self.patterns.get(pattern)

    def translate(self, message: str) -> str:
        """``message`` (made elsewhere, in English) in this wording's language."""
        for english, translated in self.translations:
            if re.search(english, message):
                return re.sub(english, translated, message, count=1)
        return message

    def describing(self, patterns: Mapping[str, str]) -> Wording:
        """This wording, knowing the plain words for more text patterns."""
        return dataclasses.replace(self, patterns={**self.patterns, **patterns})


ENGLISH = Wording(
    severity="error",
    document="document",
    or_word="or",
    did_you_mean="; did you mean {!r}?",
    expected_mapping="expected a mapping of fields, found {found}",
    missing_field="missing required field {name!r}; add it",
    unknown_field="unknown field {name!r}{hint}",
    allowed_fields="; allowed fields: {fields}",
    not_allowed="{field}: {value!r} is not allowed; use one of {expected}",
    expected_text="{field}: expected text, found {found}; put the value in quotes",
    expected_kind="{field}: expected {wanted}, found {found}",
    expected_number="{field}: expected a whole number, found {found}",
    wrong_form="{field}: {value!r} does not have the required form ({form})",
    must_not_be_empty="{field}: must not be empty; {detail}",
    at_most="{field}: Input should be less than or equal to {limit}",
    at_least="{field}: Input should be greater than or equal to {limit}",
    too_long="{field}: {detail}",
    unknown_value="{field}: unknown value {value!r}; use one of {allowed}{extra}{hint}",
    listed_twice="{field}: {value!r} is listed {count} times",
    no_such_record="{field}: no record has the id {target!r}{hint}",
    refers_to_itself="{field}: a record cannot refer to itself",
    wrong_type="{field}: {target!r} is a {actual}, expected a {allowed}",
    kinds={
        "nothing": "nothing",
        "bool": "true/false",
        "number": "the number {}",
        "text": "text",
        "list": "a list",
        "mapping": "a mapping",
        "empty": "an empty file",
    },
)

DUTCH = Wording(
    severity="fout",
    document="profiel",
    or_word="of",
    did_you_mean=" (bedoelde je {!r}?)",
    expected_mapping="hier horen velden met een waarde te staan, maar er staat {found}",
    missing_field="het veld {name!r} ontbreekt; het is verplicht",
    unknown_field="onbekend veld {name!r}{hint}",
    allowed_fields="; toegestaan zijn: {fields}",
    not_allowed="{field}: {value!r} kan hier niet; kies uit {expected}",
    expected_text="{field}: hier hoort tekst, maar er staat {found}; zet de waarde tussen "
    "aanhalingstekens",
    expected_kind="{field}: hier hoort {wanted}, maar er staat {found}",
    expected_number="{field}: hier hoort een heel getal, maar er staat {found}",
    wrong_form="{field}: {value!r} heeft niet de goede vorm; schrijf {form}",
    must_not_be_empty="{field}: mag niet leeg zijn",
    at_most="{field}: mag hoogstens {limit} zijn",
    at_least="{field}: moet minstens {limit} zijn",
    too_long="{field}: is te lang; hoogstens {limit} tekens",
    unknown_value="{field}: onbekende waarde {value!r}{hint}; kies uit {allowed}",
    listed_twice="{field}: {value!r} staat er {count} keer in; noem elke waarde één keer",
    no_such_record="{field}: er is geen onderdeel met de id {target!r}{hint}",
    refers_to_itself="{field}: een onderdeel kan niet naar zichzelf verwijzen",
    wrong_type="{field}: {target!r} is een {actual}; hier kan alleen een {allowed} staan",
    kinds={
        "nothing": "niets",
        "bool": "ja/nee (true/false)",
        "number": "het getal {}",
        "text": "tekst",
        "list": "een lijst",
        "mapping": "velden met waarden",
        "empty": "een leeg bestand",
    },
    type_names={
        "practice": "do of don't",
        "strategy": "strategie",
        "case": "praktijkvoorbeeld",
        "stepplan": "stappenplan",
        "consideration": "aandachtspunt",
        "term": "begrip",
        "source": "bron",
    },
    translations=(
        # The YAML reader (yamlsafe).
        (
            r"^cannot read file: not a regular file$",
            "het bestand kan niet worden gelezen: het is geen gewoon bestand",
        ),
        (r"^cannot read file: (.*)$", r"het bestand kan niet worden gelezen: \1"),
        (
            r"^file is ([\d,]+) bytes, more than the limit of ([\d,]+); .*$",
            r"het bestand is \1 bytes, meer dan de grens van \2; maak het kleiner",
        ),
        (
            r"^file is not valid UTF-8 \(byte (0x[0-9a-f]+)\); save it as UTF-8$",
            r"het bestand is geen geldige UTF-8 (byte \1); sla het op als UTF-8",
        ),
        (
            r"^YAML syntax error: did not find expected node content$",
            "de opmaak (YAML) klopt niet: hier ontbreekt een waarde",
        ),
        (
            r"^YAML syntax error: mapping values are not allowed here$",
            "de opmaak (YAML) klopt niet: een dubbele punt kan hier niet; zet de tekst tussen "
            "aanhalingstekens",
        ),
        (
            r"^YAML syntax error: could not find expected ':'$",
            "de opmaak (YAML) klopt niet: hier ontbreekt een dubbele punt (':')",
        ),
        (
            r"^YAML syntax error: found character '\\t' that cannot start any token$",
            "de opmaak (YAML) klopt niet: een tab kan hier niet; gebruik spaties om in te springen",
        ),
        (
            r"^YAML syntax error: found unexpected end of stream$",
            "de opmaak (YAML) klopt niet: het bestand houdt op midden in een waarde (is een "
            "aanhalingsteken niet gesloten?)",
        ),
        (
            r"^YAML syntax error: did not find expected ',' or '([\]}])'$",
            r"de opmaak (YAML) klopt niet: hier ontbreekt een komma of een '\1'",
        ),
        (
            r"^YAML syntax error: found character .*that cannot start any token$",
            "de opmaak (YAML) klopt niet: dit teken kan hier niet (een tab? gebruik spaties; "
            "begint de tekst met @ of `? zet hem tussen aanhalingstekens)",
        ),
        (
            r"^character (U\+[0-9A-F]+) \(a control character or non-character\) is not "
            r"allowed in YAML; .*$",
            r"het teken \1 (een stuurteken of niet-teken) kan niet in YAML; haal het weg "
            "(een editor laat het vaak niet zien)",
        ),
        (
            r"^YAML (syntax )?error: .*$",
            "de opmaak (YAML) klopt niet; controleer hier de inspringing, de dubbele punten "
            "en de aanhalingstekens",
        ),
        (
            r"^nesting is too deep \(more than (\d+) levels\)$",
            r"de gegevens zijn te diep genest (meer dan \1 niveaus)",
        ),
        (
            r"^anchors and aliases .*$",
            "ankers en verwijzingen (&naam, *naam) kunnen niet; schrijf de waarde voluit",
        ),
        (r"^tag ('[^']*') is not allowed; .*$", r"de tag \1 kan niet; laat hem weg"),
        (
            r"^merge keys \(<<\) are not allowed; .*$",
            "samenvoegen met << kan niet; schrijf de velden voluit",
        ),
        (r"^keys must be plain text$", "een veldnaam moet gewone tekst zijn"),
        (
            r"^duplicate key ('[^']*') \(first defined on line (\d+)\); remove one of them$",
            r"het veld \1 staat er twee keer in (eerst op regel \2); haal er één weg",
        ),
        # The model's field validators (model.py).
        (
            r"must be a single line; .*$",
            "moet op één regel staan; zet langere tekst in een tekstveld",
        ),
        (
            r"raw HTML is not allowed in Markdown fields; .*$",
            "HTML kan niet in dit veld; gebruik Markdown (schrijf '&lt;' voor een los '<')",
        ),
        (
            r"images are not allowed in Markdown fields .*$",
            "afbeeldingen kunnen niet in dit veld (ze zouden van een andere site laden)",
        ),
        (
            r"headings and horizontal rules are not allowed in Markdown fields; .*$",
            "koppen en horizontale lijnen kunnen niet in dit veld; de richtlijn maakt de koppen",
        ),
        (
            r"fenced blocks \(```, ~~~ or :::\) are not allowed in Markdown fields; .*$",
            "blokken met ```, ~~~ of ::: kunnen niet in dit veld; gebruik `code` of een citaat (>)",
        ),
        (
            r"indented code blocks are not allowed in Markdown fields; .*$",
            "ingesprongen codeblokken kunnen niet in dit veld; haal de inspringing weg",
        ),
        (
            r"directive (\{[^}]*\}) is not allowed in Markdown fields; .*$",
            r"de opdracht \1 kan niet in dit veld; schrijf de tekst zelf",
        ),
        (
            r"role (\{[^}]*\}) is not allowed in Markdown fields; .*$",
            r"de opmaak \1 kan niet in dit veld; schrijf de tekst zelf",
        ),
        (
            r"([a-z(][^:;]*) are not allowed in Markdown fields; use paragraphs, .*$",
            r"dit kan niet in dit veld: \1; gebruik alinea's, lijsten, citaten, *nadruk*, "
            "**vet**, `code`, regeleinden en links",
        ),
        (
            r"link target ('[^']*') is not allowed; .*$",
            r"de link naar \1 kan niet; link naar een adres met https://, naar mailto: of "
            "naar een onderdeel van het handboek",
        ),
        (
            r"targets \(\(name\)=\) are not allowed in Markdown fields$",
            "ankers ((naam)=) kunnen niet in dit veld",
        ),
        (
            r"front matter is not allowed in Markdown fields$",
            "een kopblok (---) kan niet in dit veld",
        ),
    ),
)

"""The fields of the profile form ("Stel je richtlijn samen"), read from the profile schema.

Every property of ``profile.schema.json`` becomes a field or a fieldset, so a new field
or vocabulary value appears in the form without writing it by hand; Dutch labels and
help come from :data:`LABELS` (keyed by field path), else the field's own name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from guidegen.content.model import Vocabulary
from guidegen.guideline.profile import DEFAULT_GOALS, DEFAULT_PLATFORMS

#: How a text field may be formatted, in words (the fields take Markdown).
FORMATTING = "Opmaak: *schuin*, **vet**, en een lijstje met een streepje voor elke regel."
#: Field path → (Dutch label, Dutch help). A path missing here shows its own name.
LABELS: dict[str, tuple[str, str]] = {
    "organisation": (
        "Organisatie en type",
        "Voor wie de richtlijn is. Het type bepaalt "
        "de standaardwaarden, zoals voor wie de richtlijn is bedoeld.",
    ),
    "organisation.name": ("Naam van de organisatie", "Voluit, bijvoorbeeld Gemeente Heuvelrade."),
    "organisation.type": ("Soort organisatie", ""),
    "organisation.short_name": (
        "Korte naam",
        "Hoe de tekst de organisatie noemt; leeg: de volledige naam.",
    ),
    "organisation.website": ("Website", "Begint met https://."),
    "organisation.contact": ("Contact", "Hoe mensen de organisatie bereiken over sociale media."),
    "organisation.contact.department": (
        "Afdeling",
        "Wie vragen beantwoordt. De richtlijn noemt deze afdeling ook bij wat nog besloten "
        "moet worden ('Nog te besluiten door …').",
    ),
    "organisation.contact.email": ("E-mailadres", "Bijvoorbeeld communicatie@heuvelrade.nl."),
    "organisation.contact.phone": ("Telefoonnummer", ""),
    "organisation.contact.address": ("Adres", ""),
    "goals": (
        "Doelen",
        "Waarvoor de organisatie sociale media inzet. Elk doel brengt de "
        "strategieën mee die erbij passen. Kies je niets, dan gelden: {goals}.",
    ),
    "platforms": (
        "Platforms",
        "Welke platforms de organisatie gebruikt. Kies je niets, dan gelden: {platforms}.",
    ),
    "audiences": (
        "Doelgroepen",
        "Voor wie de richtlijn is. Kies je niets, dan hangt het af van het soort organisatie.",
    ),
    "purpose": (
        "Waarom sociale media",
        "Waarom de organisatie sociale media gebruikt. " + FORMATTING,
    ),
    "roles": ("Rollen", "Wie wat doet namens de organisatie. Leeg: de standaardtekst."),
    "roles.posting": ("Wie mag berichten plaatsen", ""),
    "roles.approval": ("Wie keurt goed", "Wie nieuwe accounts en gevoelige berichten goedkeurt."),
    "roles.moderation": ("Wie modereert", "Wie de accounts volgt en modereert."),
    "roles.spokespeople": ("Woordvoering", "Wie spreekt bij politiek gevoelige onderwerpen."),
    "response": ("Reactietijden", "Welke reactietijden de organisatie belooft."),
    "response.within": ("Reactie binnen", "Bijvoorbeeld: binnen één werkdag."),
    "response.hours": (
        "Wanneer we meekijken",
        "Bijvoorbeeld: op werkdagen van 8.30 tot 17.00 uur.",
    ),
    "response.outside_hours": ("Buiten die tijden", "Wat er buiten die tijden gebeurt."),
    "moderation": ("Huisregels en moderatie", "Wat de organisatie van haar eigen pagina's haalt."),
    "moderation.remove": (
        "Wat we verwijderen",
        "Alleen spam, echt kwetsende of illegale inhoud (de regel van de handreiking).",
    ),
    "moderation.house_rules": ("Eigen huisregels", "Eén huisregel per regel."),
    "private_use": ("Privégebruik", "De eigen regels voor privégebruik door medewerkers."),
    "private_use.rules": ("Regels", "Eén regel per regel."),
    "crisis": ("Crisis", "Afspraken over crisiscommunicatie."),
    "crisis.plan": ("Naam van het crisiscommunicatieplan", ""),
    "crisis.team": ("Wie leidt de communicatie in een crisis", ""),
    "archiving": ("Archivering", "Afspraken over archiveren en privacy."),
    "archiving.system": ("Waar berichten worden gearchiveerd", ""),
    "archiving.responsible": ("Wie archiveert", ""),
    "archiving.privacy_contact": (
        "Contact voor privacy",
        "Bijvoorbeeld de functionaris gegevensbescherming.",
    ),
    "document": ("Documentgegevens", "Versie en status van de richtlijn."),
    "document.version": ("Versie", ""),
    "document.status": ("Status", ""),
    "document.date": (
        "Datum",
        "Als JJJJ-MM-DD, bijvoorbeeld 2026-03-01; leeg: de dag waarop je de richtlijn maakt.",
    ),
    "document.adopted_by": ("Vastgesteld door", "Bijvoorbeeld: het college."),
    "document.review": ("Herzien", "Wanneer de richtlijn wordt herzien, bijvoorbeeld: jaarlijks."),
    "tone": ("Hoofdstuk toon en inhoud", ""),
    "privacy": ("Hoofdstuk privacy", ""),
    "accessibility": ("Hoofdstuk toegankelijkheid", ""),
    "security": ("Hoofdstuk beveiliging", "Beheer en beveiliging van de accounts."),
    "security.administrators": (
        "Wie beheert de accounts",
        "Wie wachtwoorden en tweestapsverificatie beheert.",
    ),
    "training": ("Hoofdstuk training", ""),
    "evaluation": ("Hoofdstuk evaluatie", ""),
    "house_style": ("Huisstijl", "Voor de HTML-, PDF- en Word-versie."),
    "house_style.colour": (
        "Huisstijlkleur",
        "De kleurcode uit de huisstijl: een hekje en zes tekens, bijvoorbeeld #00689e.",
    ),
    "max_cases": ("Aantal praktijkvoorbeelden", ""),
    "accounts": (
        "Eigen accounts",
        "De accounts van de organisatie, elk met platform, naam en eventueel webadres. "
        "Het platform moet ook bij Platforms staan.",
    ),
    "accounts.platform": ("Platform", ""),
    "accounts.name": ("Naam van het account", "Bijvoorbeeld @gemeenteheuvelrade."),
    "accounts.url": ("Webadres", "Begint met https://."),
    "sections": (
        "Eigen hoofdstukken",
        "Hoofdstukken die de organisatie zelf schrijft; ze komen na de hoofdstukken uit het "
        "handboek, gemarkeerd als eigen tekst.",
    ),
    "sections.title": ("Titel van het hoofdstuk", ""),
    "sections.body": ("Tekst", FORMATTING),
    "include": (
        "Regels die er altijd in moeten",
        "De namen (id's) van adviezen uit het handboek die de richtlijn altijd bevat, zoals "
        "ze in het webadres van hun pagina staan, bijvoorbeeld leg-uw-profielnamen-vast.",
    ),
    "exclude": (
        "Regels die eruit moeten",
        "De namen (id's) van adviezen uit het handboek die de richtlijn nooit bevat.",
    ),
    "tone.address": (
        "Aanspreekvorm",
        "Hoe de accounts en de hele richtlijn mensen aanspreken, ook in de regels uit het "
        "handboek.",
    ),
    "rules_per_chapter": (
        "Regels per hoofdstuk",
        "Hoeveel regels uit het handboek elk hoofdstuk hoogstens toont.",
    ),
    "note": (
        "Eigen tekst",
        "De eigen tekst van de organisatie voor dit hoofdstuk; leeg: het hoofdstuk zegt "
        "wat je moet beslissen. " + FORMATTING,
    ),
}

#: The order of the fieldsets; properties not named here follow in schema order.
ORDER = (
    "organisation",
    "goals",
    "platforms",
    "audiences",
    "purpose",
    "roles",
    "response",
    "moderation",
    "private_use",
    "crisis",
    "archiving",
    "document",
    "tone",
    "privacy",
    "accessibility",
    "security",
    "training",
    "evaluation",
    "accounts",
    "sections",
    "include",
    "exclude",
    "house_style",
    "max_cases",
    "rules_per_chapter",
)

#: Parts the form carries over unchanged from a loaded profile: names of files next to
#: the profile (the service takes a logo as an upload instead).
CARRIED = (
    "organisation.logo",
    "house_style.reference_docx",
)

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
#: Defaults of lists the schema leaves out (they come from a factory in the model).
DEFAULT_LISTS = {"goals": list(DEFAULT_GOALS), "platforms": list(DEFAULT_PLATFORMS)}


@dataclass(frozen=True)
class Option:
    """One allowed value of a choice, with its Dutch label and description."""

    value: str
    label: str
    description: str = ""
    brings: tuple[str, ...] = ()


@dataclass
class Field:
    """One input of the form."""

    path: str
    kind: str  # text, markdown, choice, choices, lines, number
    label: str
    help: str
    required: bool = False
    options: tuple[Option, ...] = ()
    check: str = ""  # date, email or pattern
    pattern: str = ""
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    default: Any = None
    vocabulary: bool = False  # the allowed values come from content/vocabulary.yaml
    #: For kind "rows" (a list of objects, such as accounts): the fields of one row.
    row: tuple[Field, ...] = ()


@dataclass
class Group:
    """A fieldset: an object of the schema."""

    path: str
    label: str
    help: str
    parts: list[Field | Group] = field(default_factory=list)


def label_for(path: str) -> tuple[str, str]:
    """The Dutch label and help of a field path; a note's label is shared."""
    if path in LABELS:
        return LABELS[path]
    last = path.rsplit(".", 1)[-1]
    if last == "note":
        return LABELS["note"]
    return last.replace("_", " "), ""


def form_groups(
    schema: Mapping[str, Any], vocabulary: Vocabulary, strategy_titles: Mapping[str, str]
) -> list[Group]:
    """The form's fieldsets, in :data:`ORDER`, from the profile schema."""
    reader = _SchemaReader(schema, vocabulary, strategy_titles)
    properties = schema["properties"]
    names = [n for n in ORDER if n in properties] + [n for n in properties if n not in ORDER]
    groups: list[Group] = []
    for name in names:
        if name in CARRIED:
            continue
        part = reader.part(name, properties[name], name in schema.get("required", ()))
        if isinstance(part, Group):
            groups.append(part)
        elif part is not None:
            groups.append(Group(name, part.label, "", [part]))
    return groups


class _SchemaReader:
    """Turns schema properties into fields, with the vocabulary's labels for values."""

    def __init__(
        self, schema: Mapping[str, Any], vocabulary: Vocabulary, titles: Mapping[str, str]
    ) -> None:
        self.defs: Mapping[str, Mapping[str, Any]] = schema.get("$defs", {})
        self.vocabulary = vocabulary
        self.titles = titles

    def resolve(self, prop: Mapping[str, Any]) -> Mapping[str, Any]:
        if "$ref" in prop:
            return self.defs[prop["$ref"].rsplit("/", 1)[-1]]
        for option in prop.get("anyOf", ()):
            if option.get("type") != "null":
                return {**prop, **self.resolve(option)}
        return prop

    def part(self, path: str, prop: Mapping[str, Any], required: bool) -> Field | Group | None:
        spec = self.resolve(prop)
        label, help_text = label_for(path)
        if spec.get("type") == "object":
            group = Group(path, label, help_text)
            for name, sub in spec.get("properties", {}).items():
                sub_path = f"{path}.{name}"
                if sub_path not in CARRIED:
                    part = self.part(sub_path, sub, name in spec.get("required", ()))
                    if part is not None:
                        group.parts.append(part)
            return group
        default = spec.get("default", DEFAULT_LISTS.get(path))
        made = Field(path, "text", label, self.fill(help_text), required, default=default)
        if spec.get("type") == "array":
            items = self.resolve(spec.get("items", {}))
            if items.get("type") == "object":
                made.kind = "rows"
                made.row = tuple(self.row(path, items))
                return made
            if items.get("type") != "string":
                return None
            made.kind = "choices" if "enum" in items else "lines"
            made.options = self.options(path, items.get("enum", ()))
            made.vocabulary = bool(getattr(self.vocabulary, path, None))
            made.max_length = items.get("maxLength")
        elif "enum" in spec:
            made.kind = "choice"
            made.options = self.options(path, spec["enum"])
        elif spec.get("type") == "integer":
            made.kind = "number"
            made.minimum, made.maximum = spec.get("minimum"), spec.get("maximum")
        else:
            self.text(made, spec)
        return made

    def row(self, path: str, items: Mapping[str, Any]) -> list[Field]:
        """The fields of one row of a list of objects; a 'platform' chooses from the
        current platforms of the vocabulary."""
        found = []
        for name, sub in items.get("properties", {}).items():
            part = self.part(f"{path}.{name}", sub, name in items.get("required", ()))
            if not isinstance(part, Field):
                continue
            if name == "platform":
                part.kind = "choice"
                current = [k for k, t in self.vocabulary.platforms.items() if not t.historical]
                part.options = self.options("platforms", current)
            found.append(part)
        return found

    @staticmethod
    def text(made: Field, spec: Mapping[str, Any]) -> None:
        made.max_length = spec.get("maxLength")
        made.kind = "markdown" if (made.max_length or 0) >= 20000 else "text"
        pattern = spec.get("pattern", "")
        if pattern == DATE_PATTERN:
            made.check = "date"
        elif made.path.endswith("email"):
            made.check = "email"
        elif pattern:
            made.check = "pattern"
        made.pattern = pattern

    def fill(self, help_text: str) -> str:
        goals, platforms = self.vocabulary.goals, self.vocabulary.platforms
        return help_text.format(
            goals=_labels([goals[g].label for g in DEFAULT_GOALS if g in goals]),
            platforms=_labels([platforms[p].label for p in DEFAULT_PLATFORMS if p in platforms]),
        )

    def options(self, path: str, values: Any) -> tuple[Option, ...]:
        terms: Mapping[str, Any] = getattr(self.vocabulary, path, None) or {}
        made = []
        for value in values:
            term = terms.get(value)
            if term is None:
                made.append(Option(value, value[:1].upper() + value[1:].replace("-", " ")))
                continue
            brings = tuple(self.titles.get(s, s) for s in getattr(term, "strategies", ()))
            made.append(Option(value, term.label, term.description, brings))
        return tuple(made)


def _labels(labels: list[str]) -> str:
    return ", ".join(labels) if labels else "de standaardwaarden"


def field_label(key_path: tuple[str | int, ...]) -> str:
    """How the form names the field at ``key_path`` of a profile: its fieldset's label and
    its own, with the row of a list ('Eigen accounts, nr. 2 › Webadres')."""
    names: list[str] = []
    dotted = ""
    for key in key_path:
        if isinstance(key, int):
            if names:
                names[-1] += f", nr. {key + 1}"
            continue
        dotted = f"{dotted}.{key}" if dotted else key
        if dotted not in LABELS and not dotted.endswith(".note"):
            break  # a field the form does not have (a misspelt one): its fieldset says where
        names.append(label_for(dotted)[0])
    return " › ".join(names) or "Profiel"


def walk_fields(parts: list[Field | Group] | list[Group]) -> list[Field]:
    """Every field below ``parts``, in form order."""
    found: list[Field] = []
    for part in parts:
        found.extend(walk_fields(part.parts) if isinstance(part, Group) else [part])
    return found

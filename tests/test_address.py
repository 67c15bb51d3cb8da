"""The u-form of a guideline (issue 27): every text of the handbook a guideline can show,
turned from the je-form into the u-form, has no je-words left and none of the known wrong
patterns ('dat u berichten ... kunnen worden', 'bij uw past', 'Bereid u gebruik', a verb
without its -t before 'u', 'heeft u' where the guideline says 'hebt u')."""

from __future__ import annotations

import re

from guidegen.content.knowledge import KnowledgeBase
from guidegen.content.model import Faceted, StepPlan
from guidegen.guideline.address import to_je, to_u
from guidegen.trees.decisiontree import Tree

#: A je-word that the u-form must not keep, unless it stands in quotes ('jij' as a word).
LEFTOVER = re.compile(r"(?<!['‘])\b(?:je|jij|jou|jouw|jezelf|jullie)\b(?!['’])", re.IGNORECASE)
#: 'uw' that ends its clause or stands before a particle or a verb: an object or subject
#: made possessive ('bij uw past', 'mensen uw aanspreken', 'in welke rol uw spreekt').
POSSESSIVE_FOR_PRONOUN = re.compile(
    r"\buw(?=\s*(?:[,.;:!?)]|$))"
    r"|\buw (?:aan|af|op|uit|mee|toe|na)(?=\s*(?:[,.;:!?]|$))"
    r"|\buw (?:past|passen|horen|aanspreken|volgen|bereiken|spreekt|communiceert|bent|kunt"
    r"|hebt|wilt|zult|persoonlijk|vóór)\b",
    re.IGNORECASE,
)
#: 'u' before a noun it should own: 'dat u berichten', 'als u organisatie', 'Houd u account'
#: (after 'voor wie' the noun is the object: 'voor wie u berichten plaatst').
PRONOUN_FOR_POSSESSIVE = re.compile(
    r"(?<!wie )\bu (?:bericht|berichten|organisatie|account|netwerk|gebruik|werk|profiel|website"
    r"|boodschap|doelgroep|onderwerp|gemeente|aanspreekvorm|neutraliteit|raad|eigen|dienst)\b",
    re.IGNORECASE,
)
#: A verb without its -t next to 'u' ('u kun', 'kun u', 'snelt u'), and 'heeft u' where
#: the guideline has chosen 'hebt u'.
VERB_FORM = re.compile(
    r"\bu (?:kun|wil|heb|ben|ga|doe|zie|zal|zul)\b"
    r"|\b(?:kun|wil|heb|ben|ga|doe|zie|zal|zul|maak|twijfel|voel|toets) u\b"
    r"|\bsnelt u\b|\bheeft u\b|\bu heeft\b",
    re.IGNORECASE,
)
WRONG = (LEFTOVER, POSSESSIVE_FOR_PRONOUN, PRONOUN_FOR_POSSESSIVE, VERB_FORM)


def wrong_in_u_form(text: str) -> list[str]:
    """The wrong or leftover forms in a u-form ``text``."""
    return [match.group(0) for pattern in WRONG for match in pattern.finditer(text)]


def guideline_texts(base: KnowledgeBase, trees: list[Tree]) -> list[tuple[str, str]]:
    """Every handbook text a guideline can show, in the je-form its templates give it:
    each rule (or title), step (quoted in the u-form, the guideline turns it into je),
    currency note and decision tree text."""
    found: list[tuple[str, str]] = []
    for record in base.records:
        if not isinstance(record, Faceted):
            continue
        found.append((record.id, record.rule or record.title))
        if isinstance(record, StepPlan):
            found += [(f"{record.id}: stap", to_je(step.title)) for step in record.steps]
        found += [(f"{record.id}: noot", note.text) for note in record.notes]
    for tree in trees:
        found.append((tree.id, tree.title))
        for question in tree.questions:
            found.append((tree.id, question.text))
            found += [(tree.id, answer.label) for answer in question.answers]
        found += [(tree.id, outcome.title) for outcome in tree.outcomes]
    return found


def test_every_text_of_the_handbook_turns_into_a_correct_u_form(knowledge: tuple) -> None:
    base, trees = knowledge
    texts = guideline_texts(base, trees)
    assert len(texts) > 300
    converted = [(where, to_u(text)) for where, text in texts]
    wrong = [(where, u, found) for where, u in converted if (found := wrong_in_u_form(u))]
    assert wrong == []


def test_the_checker_finds_the_known_wrong_forms() -> None:
    for wrong in (
        "Ga ervan uit dat u berichten en chats over uw werk kunnen worden opgevraagd.",
        "Kies een vorm die bij uw past.",
        "Laat weten hoe mensen uw bereiken.",
        "Weet in welke rol uw spreekt.",
        "Bereid u gebruik van sociale media voor.",
        "Neem de tijd, hoe snelt u ook wilt reageren.",
        "Heeft u een vraag?",
        "Wat kun u doen?",
        "Participeer als jezelf.",
        "Houd u aan wat jullie raad heeft afgesproken.",
        "Wijs op DigiD Machtigen als u dienst daarop aangesloten is.",
    ):
        assert wrong_in_u_form(wrong), wrong
    assert wrong_in_u_form("Kies uw aanspreekvorm bewust: 'wij' en 'jij' geven een gevoel.") == []


def test_a_step_quoted_in_the_u_form_comes_back_as_it_was(knowledge: tuple) -> None:
    """A guideline in the je-form turns a step quoted in the u-form into je; one in the
    u-form turns it back: the source's own words again."""
    steps = [s.title for r in knowledge[0].of_type(StepPlan) for s in r.steps]
    quoted = [title for title in steps if re.search(r"\b(?:u|uw|uzelf)\b", title)]
    assert len(quoted) >= 5
    assert [to_u(to_je(title)) for title in quoted] == quoted


#: Rules and tree texts the conversion got wrong before (issue 27), and their u-form.
U_FORMS = {
    "Ga ervan uit dat je berichten en chats over je werk met een Woo-verzoek kunnen worden "
    "opgevraagd.": "Ga ervan uit dat uw berichten en chats over uw werk met een Woo-verzoek "
    "kunnen worden opgevraagd.",
    "Bepaal vooraf voor wie je berichten plaatst, en houd je daaraan.": (
        "Bepaal vooraf voor wie u berichten plaatst, en houd u daaraan."
    ),
    "Zoek uit wie je berichten leest voordat je begint.": (
        "Zoek uit wie uw berichten leest voordat u begint."
    ),
    "Bereid je gebruik van sociale media voor: wie en wat wil je bereiken?": (
        "Bereid uw gebruik van sociale media voor: wie en wat wilt u bereiken?"
    ),
    "Bereid je erop voor dat zichtbaarheid harde meningen oplevert.": (
        "Bereid u erop voor dat zichtbaarheid harde meningen oplevert."
    ),
    "Laat van je horen als mensen je aanspreken op een gevoelige kwestie.": (
        "Laat van u horen als mensen u aanspreken op een gevoelige kwestie."
    ),
    "Houd je account levendig met onderwerpen die je netwerk aangaan: dan blijven mensen "
    "je volgen.": "Houd uw account levendig met onderwerpen die uw netwerk aangaan: dan "
    "blijven mensen u volgen.",
    "Kies een vorm die bij je past.": "Kies een vorm die bij u past.",
    "Volg pagina's die bij je netwerk passen: zo sluiten anderen zich bij je aan.": (
        "Volg pagina's die bij uw netwerk passen: zo sluiten anderen zich bij u aan."
    ),
    "Begin pas op Threads als je organisatie een Instagram-account heeft.": (
        "Begin pas op Threads als uw organisatie een Instagram-account heeft."
    ),
    "Vraag je vóór plaatsen af: mag iedereen dit lezen?": (
        "Vraag u vóór plaatsen af: mag iedereen dit lezen?"
    ),
    "Neem even de tijd, hoe snel je ook wilt reageren.": (
        "Neem even de tijd, hoe snel u ook wilt reageren."
    ),
    "Weet bij elk bericht in welke rol je spreekt.": "Weet bij elk bericht in welke rol u spreekt.",
    "Begin een weblog: zo kaart je zaken aan en toets je meningen.": (
        "Begin een weblog: zo kaart u zaken aan en toetst u meningen."
    ),
    "Deel niets wat een onderzoek, iemands privacy of je neutraliteit schaadt.": (
        "Deel niets wat een onderzoek, iemands privacy of uw neutraliteit schaadt."
    ),
    "Zou je gerust zijn als je bericht in de krant staat?": (
        "Zou u gerust zijn als uw bericht in de krant staat?"
    ),
    "Hoe maak je de inzet van sociale media mogelijk?": (
        "Hoe maakt u de inzet van sociale media mogelijk?"
    ),
    "Heb je een vraag, stel die dan.": "Hebt u een vraag, stel die dan.",
    "Participeer als jezelf": "Participeer als uzelf",
    "Zo zien volgers dat het account van jouw organisatie is.": (
        "Zo zien volgers dat het account van uw organisatie is."
    ),
    "Heeft jullie raad al afspraken?": "Heeft uw raad al afspraken?",
    "Houd je aan wat jullie raad heeft afgesproken": "Houd u aan wat uw raad heeft afgesproken",
    "Weten jullie wat er al over je onderwerp wordt gezegd?": (
        "Weet u wat er al over uw onderwerp wordt gezegd?"
    ),
    "Is duidelijk wat jullie willen bereiken?": "Is duidelijk wat u wilt bereiken?",
    "Kies je aanspreekvorm bewust: 'wij' en 'jij' geven een communitygevoel.": (
        "Kies uw aanspreekvorm bewust: 'wij' en 'jij' geven een communitygevoel."
    ),
    "Weet je genoeg en voel je je er goed bij?": "Weet u genoeg en voelt u zich er goed bij?",
    "Twijfel je of je moet reageren?": "Twijfelt u of u moet reageren?",
    "Sluit je aan bij het gesprek over je onderwerp.": (
        "Sluit u aan bij het gesprek over uw onderwerp."
    ),
    "Waar gaat je bericht over?": "Waar gaat uw bericht over?",
    "Doe alleen toezeggingen die je kunt waarmaken.": (
        "Doe alleen toezeggingen die u kunt waarmaken."
    ),
    "Wat is je boodschap?": "Wat is uw boodschap?",
    "Gedraag je online als ambassadeur.": "Gedraag u online als ambassadeur.",
    "Geef je video's ondertitels, je afbeeldingen een alt-tekst.": (
        "Geef uw video's ondertitels, uw afbeeldingen een alt-tekst."
    ),
    "Zie je illegale inhoud, meld die dan.": "Ziet u illegale inhoud, meld die dan.",
    "Volg mensen die je inspireren en die je boodschap kunnen delen.": (
        "Volg mensen die u inspireren en die uw boodschap kunnen delen."
    ),
    "Kun je dat niet, zeg dat dan.": "Kunt u dat niet, zeg dat dan.",
    # 'dienst' is a noun, no verb; after 'Als' a condition has no inverted verb.
    "wijs dan op DigiD Machtigen als je dienst daarop aangesloten is": (
        "wijs dan op DigiD Machtigen als uw dienst daarop aangesloten is"
    ),
    "Als je dienst hebt, lees dan mee.": "Als u dienst hebt, lees dan mee.",
    "Als je twijfelt, vraag het dan na.": "Als u twijfelt, vraag het dan na.",
}


def test_the_u_form_of_sentences_that_went_wrong_before() -> None:
    assert {je: to_u(je) for je in U_FORMS} == U_FORMS

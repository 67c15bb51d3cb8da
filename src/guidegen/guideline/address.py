"""The form of address of a guideline: 'je' or 'u', held everywhere, rules included.

The handbook writes its rules in the je-form; a few step plans quote their source in the
u-form. A guideline uses the one form its profile chose (``tone.address``): :func:`to_u`
turns je-text into u-text and :func:`to_je` the other way. Both work word by word with
the few patterns the rules use (subject after a conjunction, inversion in a question,
possessive after a preposition or before a noun, a reflexive verb); the tests check the
result on every rule a guideline can show.
"""

from __future__ import annotations

import re
from collections.abc import Callable


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Words after which 'je' is the subject of a clause: 'als je', 'wat je plaatst'.
CONJUNCTIONS = _words(
    """als voordat dat wat die waar zodat wanneer tenzij hoe nadat omdat terwijl zolang
    zodra waarmee waarover waarin waarop waarna waarvoor waardoor waaraan waarbij waaruit
    dan want"""
)
#: Words after which 'je' is a possessive: 'in je vakgebied', 'van je organisatie'.
PREPOSITIONS = _words(
    """in op van met bij aan voor over naar uit door om tot onder binnen buiten tussen
    zonder tegen vanuit na via achter langs rond"""
)
#: Words after 'je' that show it is a pronoun, not a possessive: 'Sluit je aan bij',
#: 'Twijfel je of', 'je kunt'.
AFTER_PRONOUN = _words(
    """privé aan in bij af op uit voor vóór bewust niet geen eerst ook al zelf dan of te er
    ermee als erop eraan ervan erbij daar daarbij daarom daaraan daarin daarop daarvan
    daarmee daarvoor hier nog wel even goed altijd nooit snel eenmaal echt hebt bent
    kunt wilt zult mag moet weet krijgt gaat doet ziet blijft staat wordt hoeft"""
)
#: Words after 'je' that make it the subject: 'in welke rol je dit account gebruikt'.
OBJECTS = _words("""dit dat de het een deze die ze hem haar iets niets alles er zich""")
#: Words after 'je' that make it an object ('als mensen je aanspreken', 'die bij je
#: past', 'van je horen'): verbs and adverbs the handbook's rules put there. A word that
#: is no noun after an object 'je' belongs here; the tests convert every rule.
OBJECT_FOLLOWERS = _words(
    """aanspreken volgen bereiken inspireren horen kennen zien vinden helpen steunen
    vertrouwen persoonlijk past passen"""
)
#: Prepositions before 'wie' that make 'wie' an object and 'je' the subject: 'voor wie
#: je berichten plaatst' (but 'Zoek uit wie je berichten leest').
WHOM = _words("""voor met aan bij van over door naar tot tegen zonder""")
#: Subjects after which 'je' is an object: 'hoe mensen je bereiken'.
PLURAL_SUBJECTS = _words(
    """mensen deelnemers volgers gelijkgestemden anderen inwoners burgers collega's"""
)
#: Particles that end a clause after an object 'je': 'zich bij je aan'.
PARTICLES = _words("""aan af op uit mee toe na""")
#: Verbs that, right before 'je', always have it as their subject: 'wil je', 'kun je'.
MODALS = _words("""wil kun kan moet mag ga ben heb zal zou weet wordt""")
#: Verbs of the third person or plural: the 'je' after them is a possessive ('Wat is je
#: boodschap?', 'die je boodschap verder kunnen delen').
OTHER_PERSON = _words(
    """is zijn was waren heeft hebben worden kunnen moeten willen mogen gaan staan"""
)
#: Verbs that always take 'je' as a reflexive: 'Gedraag je online'.
REFLEXIVE = _words("""gedraag verdiep concentreer realiseer vergis herinner bemoei""")
#: Verbs that take 'je' as a reflexive only before these words ('Houd je aan', 'Bereid je
#: erop voor', 'Vraag je vóór plaatsen af'), else as a possessive ('Houd je account
#: levendig', 'Bereid je gebruik voor').
MAYBE_REFLEXIVE = _words("""houd bereid richt beperk meld verplaats vraag""")
REFLEXIVE_FOLLOWERS = _words("""aan af als daaraan eraan erop daarop online vóór voor bij niet""")
#: Verb stems that end in -t themselves: 'weet je', 'zet je', 'zo kaart je zaken aan'.
T_STEMS = _words("""weet moet zet laat praat eet ontmoet let zit plaats wordt kaart""")
#: Adverbs that put the verb before its subject: 'pas dan zet je ze naar buiten'.
INVERTING = _words(
    """dan nu daar zo hier pas ook daarom toch soms vaak hoe wat waar wanneer waarom
    wie"""
)
#: Verbs whose stem already ends in -t or that change otherwise in the u-form; 'hebt':
#: the u-form of 'heb je' is 'hebt u' everywhere (never 'heeft u').
U_VERBS = {
    "ben": "bent",
    "heb": "hebt",
    "kun": "kunt",
    "wil": "wilt",
    "zul": "zult",
    "zou": "zou",
    "mag": "mag",
    "kan": "kunt",
    "ga": "gaat",
    "sta": "staat",
    "doe": "doet",
    "zie": "ziet",
    "sla": "slaat",
}
JE_VERBS = {u: je for je, u in U_VERBS.items() if u != je} | {"heeft": "heb", "kunt": "kun"}
#: Plural verbs after 'jullie' and their u-form: 'wat jullie willen' -> 'wat u wilt'.
PLURAL_U = {
    "willen": "wilt",
    "weten": "weet",
    "hebben": "hebt",
    "zijn": "bent",
    "kunnen": "kunt",
    "moeten": "moet",
    "gaan": "gaat",
    "doen": "doet",
    "mogen": "mag",
    "zullen": "zult",
    "vinden": "vindt",
    "denken": "denkt",
}

_WORD = re.compile(r"[A-Za-zÀ-ÿ'’]+|[^A-Za-zÀ-ÿ'’]+")
_SENTENCE_END = re.compile(r"[.!?:;]\s*$")
#: A word in quotes is mentioned, not used: "'wij' en 'jij' geven een communitygevoel".
_QUOTED = re.compile(r"^['‘’]|['‘’]$")


def _case(model: str, word: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def _verb_u(verb: str) -> str:
    """The u-form of a verb stem: 'twijfel' -> 'twijfelt', 'ga' -> 'gaat'."""
    low = verb.casefold()
    if low in U_VERBS:
        return _case(verb, U_VERBS[low])
    if low.endswith(("t", "d")) and not low.endswith("rd"):
        return verb if low.endswith("t") else verb + "t"
    return verb + "t"


def _verb_je(verb: str) -> str:
    """The je-form of a verb in inversion: 'wilt' -> 'wil', 'gaat' -> 'ga', 'weet' stays."""
    low = verb.casefold()
    if low in JE_VERBS:
        return _case(verb, JE_VERBS[low])
    if low in T_STEMS or not low.endswith("t"):
        return verb
    stem = verb[:-1]
    if len(stem) >= 2 and stem[-1] == stem[-2] and stem[-1] in "aeou":
        stem = stem[:-1]
    return stem


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text)


def _words_before(tokens: list[str], index: int, count: int) -> list[str]:
    """Up to ``count`` words before ``tokens[index]`` in the same sentence (nearest first)."""
    found: list[str] = []
    for token in reversed(tokens[:index]):
        if not token[0].isalpha():
            if _SENTENCE_END.search(token) or "," in token:
                break
            continue
        found.append(token)
        if len(found) == count:
            break
    return found


def _word_after(tokens: list[str], index: int) -> str:
    for token in tokens[index + 1 :]:
        if token[0].isalpha():
            return token.casefold()
        if token.strip():
            return ""
    return ""


#: Words that start another clause.
CLAUSE_WORDS = _words("en die of wie dat maar want als")


def _clause_after(tokens: list[str], index: int) -> list[str]:
    """The words after ``tokens[index]`` up to the end of its clause, lowercased."""
    found: list[str] = []
    for token in tokens[index + 1 :]:
        if token[0].isalpha():
            if token.casefold() in CLAUSE_WORDS:
                break
            found.append(token.casefold())
        elif re.search(r"[,.!?:;]", token):
            break
    return found


#: Words ending in -t that are no verb.
NOT_VERBS = _words(
    """niet net met dit dat het iets niets wat recht eerst licht vast bericht account
    tekst budget resultaat bewust juist groot best meest laatst slecht direct correct
    apart strikt exact inzet echt dienst"""
)
#: Endings of nouns that end in -t: 'neutraliteit', 'document', 'project'.
NOUN_T_ENDINGS = ("iteit", "ment", "ect", "uut", "icht")
#: Nouns after which 'je' is a possessive even when a verb follows ('als je bericht in
#: de krant staat'), unless that verb is one only 'je' takes ('als je invloed wilt').
POSSESSED = _words(
    """bericht berichten organisatie account netwerk gebruik werk profiel website
    boodschap doelgroep onderwerp"""
)
#: Verb forms of the second person only: 'wilt', never 'hij wilt'.
SECOND_PERSON = _words("""bent hebt kunt wilt zult""")


def _verb_like(word: str) -> bool:
    """Whether ``word`` looks like a verb of the second or third person: 'spreekt'."""
    return word.endswith("t") and word not in NOT_VERBS and not word.endswith(NOUN_T_ENDINGS)


def _own_verb_follows(words: list[str]) -> bool:
    """Whether the clause after 'je' and its next word has a verb of its own ('als je
    invloed wilt hebben'), not a plural one ('die je boodschap kunnen delen'); without
    any word after them, it has none ('dat je berichten en chats ... kunnen worden')."""
    for word in words:
        if word in OTHER_PERSON:
            return False
        if _verb_like(word):
            return True
    return bool(words) and not any(word.endswith("en") and len(word) > 4 for word in words)


def _conditional(tokens: list[str], index: int) -> bool:
    """'Zie je X, meld die dan': a sentence that opens with verb and 'je' and goes on
    with a clause holding 'dan' is a condition ('Ziet u X, meld die dan')."""
    rest = "".join(tokens[index + 1 :])
    sentence = re.split(r"[.!?;:]", rest, maxsplit=1)[0]
    _head, comma, tail = sentence.partition(",")
    return bool(comma) and re.search(r"\bdan\b", tail) is not None


def _is_question(tokens: list[str], index: int) -> bool:
    for token in tokens[index + 1 :]:
        if "?" in token:
            return True
        if re.search(r"[.!:;]", token):
            return False
    return False


def to_u(text: str) -> str:
    """``text`` in the u-form; a word in quotes ('jij') is mentioned and stays."""
    tokens = _tokens(text)
    inverted = False  # an inversion earlier in the sentence: 'zo kaart je ... en toets je'
    for index, token in enumerate(tokens):
        if not token[0].isalpha():
            inverted = inverted and not _SENTENCE_END.search(token)
            continue
        if _mentioned(tokens, index):
            continue
        low = token.casefold()
        if low in ("jezelf", "jijzelf"):
            tokens[index] = _case(token, "uzelf")
        elif low == "jouw":
            tokens[index] = _case(token, "uw")
        elif low == "jou":
            tokens[index] = _case(token, "u")
        elif low == "jullie":
            tokens[index] = _case(token, _jullie_u(tokens, index))
        elif low in ("jij", "je"):
            form, inverted = _pronoun_u(tokens, index, low, inverted)
            tokens[index] = _case(token, form)
    return "".join(tokens)


def _mentioned(tokens: list[str], index: int) -> bool:
    """Whether the word at ``index`` stands in quotes: 'jij' as a word, not a pronoun."""
    before = tokens[index - 1] if index else ""
    after = tokens[index + 1] if index + 1 < len(tokens) else ""
    return bool(before and _QUOTED.search(before[-1:]) and after and _QUOTED.search(after[:1]))


def _jullie_u(tokens: list[str], index: int) -> str:
    """'jullie' as a subject ('Weten jullie', 'wat jullie willen') becomes 'u' with its
    plural verb in the u-form; as a possessive ('jullie raad') it becomes 'uw'."""
    before = _words_before(tokens, index, 1)
    after = _word_after(tokens, index)
    if before and before[0].casefold() in PLURAL_U:
        position = _position_of(tokens, index, before[0])
        tokens[position] = _case(before[0], PLURAL_U[before[0].casefold()])
        return "u"
    if after in PLURAL_U:
        position = next(i for i in range(index + 1, len(tokens)) if tokens[i].casefold() == after)
        tokens[position] = _case(tokens[position], PLURAL_U[after])
        return "u"
    return "uw"


def _je_by_neighbours(before: list[str], after: str, ahead: list[str]) -> str | None:
    """The u-form of 'je' where the words around it decide: a reflexive, an object, a
    possessive after a preposition or a coordinator, a subject after 'voor wie' or before
    a verb that ends its clause; None where the rest of the sentence decides."""
    previous = before[0].casefold() if before else ""
    last_of_clause = len(ahead) == 1
    if previous == "u":  # 'voel je je' -> 'voelt u zich'
        return "zich"
    if previous in REFLEXIVE:
        return "u"
    if previous in MAYBE_REFLEXIVE:
        return "u" if after in REFLEXIVE_FOLLOWERS else "uw"
    if (
        previous in PLURAL_SUBJECTS
        or (after in OBJECT_FOLLOWERS and previous not in MODALS)
        or (previous in PREPOSITIONS and after in PARTICLES and last_of_clause)
    ):
        return "u"  # an object: 'als mensen je aanspreken', 'bij je past'
    if previous in PREPOSITIONS:
        return "uw"
    if previous in ("en", "of", "maar"):
        # After 'en' or 'of': a subject before its verb or object ('of je een tekst mag
        # plaatsen'), else a possessive ('iemands privacy of je neutraliteit').
        subject = after in AFTER_PRONOUN or after in OBJECTS or _verb_like(after)
        return "u" if subject else "uw"
    if previous == "wie" and len(before) > 1 and before[1].casefold() in WHOM:
        return "u"
    if _verb_like(after) and last_of_clause:
        return "u"  # 'in welke rol je spreekt'
    return None


def _pronoun_u(tokens: list[str], index: int, low: str, inverted: bool) -> tuple[str, bool]:
    """The u-form of 'je' or 'jij' at ``index`` ('u', 'uw' or 'zich'); a verb before it in
    inversion gets its -t. Returns the form and whether the sentence is inverted."""
    before = _words_before(tokens, index, 2)
    after = _word_after(tokens, index)
    previous = before[0].casefold() if before else ""
    ahead = _clause_after(tokens, index)
    if low == "je" and (by_neighbours := _je_by_neighbours(before, after, ahead)):
        return by_neighbours, inverted
    clause_start = len(before) <= 1 or before[1].casefold() in INVERTING | {"en", "maar", "of"}
    if low == "je" and (
        previous in OTHER_PERSON
        or (
            previous in CONJUNCTIONS
            and after not in AFTER_PRONOUN
            and after not in OBJECTS
            and not _verb_like(after)
            and (
                not _own_verb_follows(ahead[1:])
                or (after in POSSESSED and not set(ahead) & SECOND_PERSON)
            )
        )
    ):
        return "uw", inverted
    if not before and after not in AFTER_PRONOUN and after not in OBJECTS:
        # At the start of a clause: a subject before its verb ('je kunt'), else a
        # possessive ('je afbeeldingen een alt-tekst').
        return ("u" if low == "jij" or _verb_like(after) else "uw"), inverted
    third_person = (
        previous not in CONJUNCTIONS
        and previous.endswith("t")
        and previous not in T_STEMS
        and previous not in MODALS
        and after not in AFTER_PRONOUN
        and after not in OBJECTS
    )
    # A verb of its own later in the clause makes 'je' its subject, not the inverted
    # subject of the word before: 'hoe snel je ook wilt reageren'.
    own_verb = bool(set(ahead) & SECOND_PERSON)
    conditional = len(before) == 1 and previous not in CONJUNCTIONS and _conditional(tokens, index)
    inversion = (
        conditional
        or (not third_person and previous in MODALS)
        or (
            bool(before)
            and not third_person
            and not own_verb
            and not (previous.endswith("en") and len(previous) > 3)
            and previous not in CONJUNCTIONS
            and previous not in PREPOSITIONS
            and (
                (clause_start and _is_question(tokens, index))
                or (len(before) > 1 and before[1].casefold() in INVERTING)
                or (inverted and len(before) > 1 and before[1].casefold() == "en")
            )
        )
    )
    if inversion:
        # The verb before 'je' takes -t: 'Twijfel je?' -> 'Twijfelt u?'.
        tokens[_position_of(tokens, index, before[0])] = _verb_u(before[0])
        return "u", True
    if third_person and low == "je":
        return "uw", inverted
    if (
        low == "jij"
        or not before
        or previous in CONJUNCTIONS
        or after in AFTER_PRONOUN
        or after in OBJECTS
        or own_verb
    ):
        return "u", inverted  # a subject, or a reflexive imperative: 'Sluit je aan'
    return "uw", inverted


def _position_of(tokens: list[str], index: int, word: str) -> int:
    for position in range(index - 1, -1, -1):
        if tokens[position] == word:
            return position
    return index


def to_je(text: str) -> str:
    """``text`` in the je-form."""
    tokens = _tokens(text)
    for index, token in enumerate(tokens):
        low = token.casefold()
        if low == "uzelf":
            tokens[index] = _case(token, "jezelf")
        elif low == "uw":
            tokens[index] = _case(token, "je")
        elif low == "u":
            before = _words_before(tokens, index, 1)
            if before and before[0].casefold() not in CONJUNCTIONS:
                position = _position_of(tokens, index, before[0])
                tokens[position] = _verb_je(before[0])
            tokens[index] = _case(token, "je")
    return "".join(tokens)


#: Marks around the organisation's own text, which keeps its own words.
OWN_START = "\ue000"
OWN_END = "\ue001"
_OWN = re.compile(f"({OWN_START}.*?{OWN_END})", re.S)


def in_address(text: str, address: str) -> str:
    """The rendered guideline in ``address`` ('je' or 'u'), the organisation's own text
    (between :data:`OWN_START` and :data:`OWN_END`) as it wrote it; the marks removed."""
    parts = _OWN.split(text)
    if address == "u":
        parts = [p if p.startswith(OWN_START) else _markdown_lines(p, to_u) for p in parts]
    return "".join(parts).replace(OWN_START, "").replace(OWN_END, "")


#: What the conversion leaves alone: link targets, bare addresses and escapes.
_KEEP = re.compile(r"(\]\(<[^>]*>\)|<https?://[^>]*>|\\.)")


def _markdown_lines(text: str, convert: Callable[[str], str]) -> str:
    """Convert the text of each line, leaving link targets and escapes alone."""
    out = []
    for line in text.split("\n"):
        pieces = _KEEP.split(line)
        out.append("".join(p if _KEEP.fullmatch(p) else convert(p) for p in pieces))
    return "\n".join(out)

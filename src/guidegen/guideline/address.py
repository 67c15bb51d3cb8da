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
    zodra waarmee waarover waarin waarop waarna dan want"""
)
#: Words after which 'je' is a possessive: 'in je vakgebied', 'van je organisatie'.
PREPOSITIONS = _words(
    """in op van met bij aan voor over naar uit door om tot onder binnen buiten tussen
    zonder tegen vanuit na via achter langs rond"""
)
#: Words after 'je' that show it is a pronoun, not a possessive: 'Sluit je aan bij',
#: 'Twijfel je of', 'je kunt'.
AFTER_PRONOUN = _words(
    """privé aan in bij af op uit voor bewust niet geen eerst ook al zelf dan of te er ermee
    als erop eraan ervan erbij daar daarbij daarom daaraan daarin daarop daarvan
    daarmee daarvoor hier nog wel even goed altijd nooit snel eenmaal echt hebt bent
    kunt wilt zult mag moet weet krijgt gaat doet ziet blijft staat wordt hoeft"""
)
#: Words after 'je' that make it the subject: 'in welke rol je dit account gebruikt'.
OBJECTS = _words("""dit dat de het een deze die ze hem haar iets niets alles er zich""")
#: Verbs that, right before 'je', always have it as their subject: 'wil je', 'kun je'.
MODALS = _words("""wil kun kan moet mag ga ben heb zal zou weet wordt""")
#: Verbs of the third person or plural: the 'je' after them is a possessive ('Wat is je
#: boodschap?', 'die je boodschap verder kunnen delen').
OTHER_PERSON = _words(
    """is zijn was waren heeft hebben worden kunnen moeten willen mogen gaan staan"""
)
#: Verbs that take 'je' as a reflexive: 'Gedraag je online', 'Houd je aan'.
REFLEXIVE = _words(
    """gedraag houd verdiep richt beperk concentreer realiseer bereid meld vergis
    herinner bemoei verplaats"""
)
#: Verb stems that end in -t themselves: 'weet je', 'zet je'.
T_STEMS = _words("""weet moet zet laat praat eet ontmoet let zit plaats wordt""")
#: Adverbs that put the verb before its subject: 'pas dan zet je ze naar buiten'.
INVERTING = _words(
    """dan nu daar zo hier pas ook daarom toch soms vaak hoe wat waar wanneer waarom
    wie"""
)
#: Verbs whose stem already ends in -t or that change otherwise in the u-form.
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

_WORD = re.compile(r"[A-Za-zÀ-ÿ'’]+|[^A-Za-zÀ-ÿ'’]+")
_SENTENCE_END = re.compile(r"[.!?:;]\s*$")


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
NOT_VERBS = _words("niet net met dit dat het iets niets wat recht eerst licht vast bericht")


def _own_verb_follows(words: list[str]) -> bool:
    """Whether the clause after 'je' and its next word has a verb of its own ('als je
    invloed wilt hebben'), not a plural one ('die je boodschap kunnen delen')."""
    for word in words:
        if word in OTHER_PERSON:
            return False
        if word.endswith("t") and word not in NOT_VERBS:
            return True
    return not any(word.endswith("en") and len(word) > 4 for word in words)


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
    """``text`` in the u-form."""
    tokens = _tokens(text)
    for index, token in enumerate(tokens):
        low = token.casefold()
        if low in ("jezelf", "jijzelf"):
            tokens[index] = _case(token, "uzelf")
        elif low in ("jouw", "jullie") and low == "jouw":
            tokens[index] = _case(token, "uw")
        elif low in ("jij", "je"):
            tokens[index] = _case(token, _pronoun_u(tokens, index, low))
    return "".join(tokens)


def _pronoun_u(tokens: list[str], index: int, low: str) -> str:
    before = _words_before(tokens, index, 2)
    after = _word_after(tokens, index)
    previous = before[0].casefold() if before else ""
    if previous in PREPOSITIONS and low == "je":
        return "uw"
    if previous == "u":  # reflexive after the subject: 'voel je je' -> 'voelt u zich'
        return "zich"
    clause_start = len(before) <= 1 or before[1].casefold() in INVERTING | {"en", "maar", "of"}
    # A verb that already has its -t ('Waar gaat je bericht over?') has another
    # subject: 'je' is then a possessive.
    if previous in REFLEXIVE:
        return "u"
    ahead = _clause_after(tokens, index)
    if previous in OTHER_PERSON or (
        previous in CONJUNCTIONS
        and after not in AFTER_PRONOUN
        and after not in OBJECTS
        and not after.endswith("t")
        and not _own_verb_follows(ahead[1:])
    ):
        return "uw"
    if not before and after not in AFTER_PRONOUN and after not in OBJECTS:
        # At the start of a clause: a subject before its verb ('je kunt'), else a
        # possessive ('je afbeeldingen een alt-tekst').
        return "u" if low == "jij" or after.endswith("t") else "uw"
    third_person = (
        previous not in CONJUNCTIONS
        and previous.endswith("t")
        and previous not in T_STEMS
        and previous not in MODALS
        and after not in AFTER_PRONOUN
        and after not in OBJECTS
    )
    conditional = len(before) == 1 and _conditional(tokens, index)
    inverted = (
        conditional
        or (not third_person and previous in MODALS)
        or (
            bool(before)
            and not third_person
            and not (previous.endswith("en") and len(previous) > 3)
            and previous not in CONJUNCTIONS
            and clause_start
            and (
                _is_question(tokens, index)
                or (len(before) > 1 and before[1].casefold() in INVERTING)
            )
        )
    )
    if inverted:
        # The verb before 'je' takes -t: 'Twijfel je?' -> 'Twijfelt u?'.
        tokens[_position_of(tokens, index, before[0])] = _verb_u(before[0])
        return "u"
    if third_person and low == "je":
        return "uw"
    if (
        low == "jij"
        or not before
        or previous in CONJUNCTIONS
        or after in AFTER_PRONOUN
        or after in OBJECTS
    ):
        return "u"  # a subject, or a reflexive imperative: 'Sluit je aan' -> 'Sluit u aan'
    return "uw"


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

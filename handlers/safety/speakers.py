"""Who crisis words are about: person words, clause breaks, someone else's quoted words, and "me too"."""

from __future__ import annotations

import re

from handlers.safety.fragments import FILLER as _F  # short, so ME_TOO still reads as its phrases
from handlers.safety.gated import Gated

# Who a clause is about. The nearest of these before (or inside) a match decides: first person fires.
FIRST_PERSON = frozenset({"i", "me", "my", "myself", "mine", "yo", "mi", "mis", "conmigo"})
# fmt: off
OTHER_PEOPLE = frozenset({
    "he", "she", "they", "him", "her", "them", "his", "their", "hers", "theirs", "we", "us", "pt", "pts",
    "patient", "patients", "family", "families", "someone", "somebody", "people", "person", "who", "whose",
    "colleague", "colleagues", "coworker", "coworkers", "friend", "friends", "resident", "residents",
    "intern", "interns", "attending", "attendings", "nurse", "nurses", "doc", "docs", "doctor", "doctors",
    "physician", "physicians", "son", "daughter", "mom", "mum", "mother", "dad", "father", "wife", "husband",
    "partner", "boyfriend", "girlfriend", "brother", "sister", "kid", "kids", "child", "children", "teen",
    "teenager", "guy", "man", "woman", "lady", "girl", "boy", "mr", "mrs", "ms", "yo", "baby", "parent",
    "parents", "student", "students", "grandma", "grandpa", "aunt", "uncle", "cousin", "neighbor",
    "neighbour", "roommate", "peer", "peers", "client", "clients", "victim", "veteran", "pharmacy",
    "decedent", "classmate", "classmates", "fellow", "fellows", "coresident", "surgeon", "therapist", "sibling",
    # Spanish: the people a clinician writes about ("el" is left out: it is also "the").
    "paciente", "pacientes", "pte", "ella", "ellos", "ellas", "su", "sus", "senora", "senor", "chico", "chica",
    "nino", "nina", "hijo", "hija", "madre", "padre", "mama", "papa", "esposo", "esposa", "marido", "hermano",
    "hermana", "amigo", "amiga", "companero", "companera", "residente", "enfermera", "enfermero", "medico",
    "medica", "doctora", "tio", "tia", "abuelo", "abuela", "familiar", "familia",
})
# fmt: on
# A clause ends at punctuation, at "but", and at "and"/"so" when a first-person verb follows with its
# subject dropped ("admitted a pt and want to die": the pt is not the one who wants to die).
CLAUSE_BREAK = re.compile(
    r"[.!?;:,~]|\bbut\b|\b(?:and|so|then)\b(?= (?:(?:just|really|honestly|now|still|i|sometimes|"
    r"lowkey) ){0,4}(?:want|wish|keep|feel|am|have|hate|need|think|do not|can not)\b)"
)
_SAY = (
    r"(?:said|says|saying|say|stated|states|told me|told us|tells me|telling me|reports|reported|endorsed|"
    r"endorses|endorsing|screamed|screaming|yelled|yelling|wrote|texted|cried|crying|whispered|mentioned|"
    r"admitted|disclosed|messaged|posted|asked|joked|jokes|joking|quipped|muttered|mumbled|announced|shouted|"
    r"sighed|groaned|complained|goes|went|"
    # Spanish, as charted ("refiere", "verbaliza") and as told ("me dijo").
    r"dice|dijo|decia|refiere|refirio|comenta|comento|manifiesta|manifesto|expresa|expreso|verbaliza|verbalizo|"
    r"cuenta|conto|grita|gritaba|repite|repetia|escribio|escribe)"
)
_ANY_OTHER_PERSON = "|".join(sorted(OTHER_PEOPLE, key=len, reverse=True))
# Someone else's quoted words, named by who said them: "pt said 'i want to die'", '"i want to die" - pt'.
# Unquoted speech is left alone: "my husband told me i keep talking about killing myself" is mine.
# Each with a substring the text must hold for it to matter (a quote mark, a colon, "asked"): most
# messages hold none, and these long alternations are then never run.
REPORTED_SPEECH = (
    (
        ('"', " '"),
        re.compile(
            rf"\b(?:{_ANY_OTHER_PERSON})\b[^.!?;\"]{{0,60}}?\b{_SAY}\b(?: that)?[ ,:]*"
            rf"(?P<speech>\"[^\"]*\"?|'[^']*'?)"
        ),
    ),
    (('"',), re.compile(rf"(?P<speech>\"[^\"]*\") ?[,-]? ?(?:{_SAY} )?(?:the |my |a |our )?(?:{_ANY_OTHER_PERSON})\b")),
    # As charted, with no quote marks: "pt states: i want to die", "patient: i have a plan".
    # ("I told my therapist: I want to die" stays mine: the colon must follow a saying, or open the line.)
    ((":",), re.compile(rf"(?:^|[.!?;] )(?:the |my |a |our )?(?:{_ANY_OTHER_PERSON}) ?: ?(?P<speech>[^.!?;\"]+)")),
    ((":",), re.compile(rf"\b(?:{_ANY_OTHER_PERSON})\b[^.!?;:\"]{{0,60}}?\b{_SAY} ?: ?(?P<speech>[^.!?;\"]+)")),
    # Someone else's question: "a friend asked me if i ever think about suicide". My answer after it is mine.
    (
        ("asked",),
        re.compile(
            rf"\b(?:{_ANY_OTHER_PERSON})\b[^.!?;]{{0,40}}?\basked (?:me|us) (?:if|whether) "
            rf"(?P<speech>[^.!?;,]*?)(?= (?:and|but|so) i\b|[.!?;,]|$)"
        ),
    ),
)
# Crisis language about someone else, which a "same" or "me too" right after turns into my own.
OTHER_PERSON_CRISIS = Gated(
    r"\b(?:wants|wanted|wanting|tried|trying|try) to (?:die|kill (?:him|her|them)sel(?:f|ves)|end (?:his|her|"
    r"their) (?:own )?life)|\b(?:killed|hanged|hung|shot) (?:him|her|them)sel(?:f|ves)|\b(?:is|was|are|"
    r"were) suicidal|\bcommitted suicide|\bsuicide\b|\b(?:feels|felt|is feeling) hopeless|\b(?:overdosed|"
    r"jumped|hanged)\b|\btook (?:all|a bunch of|a bottle of) (?:of )?(?:his |her |their )?(?:\w+ )?(?:pills|meds)|"
    r"\b(?:quiere|queria|quiso|intento) (?:morir|morirse|matarse|suicidarse|quitarse la vida)|\bse (?:suicido|"
    r"mato|quito la vida)"
)
ME_TOO = Gated(
    r"\bi (?:\w+ ){0,4}?(?:should|could|want to|might|will|wish i could|thinking about|thought about|think about|"
    r"considered|considering) (?:just )?(?:do the same|doing the same|doing it too|doing the same thing|"
    r"follow (?:him|her|them)|join (?:him|her|them))\b|\bi have (?:thought about|considered) (?:it|that) too\b|"
    r"\b(?:yo tambien|a mi tambien|me pasa lo mismo|igual que (?:el|ella))\b|"
    rf"(?:^|[.!?;,] |\b(?:and|but) ){_F}(?:same|me too|mood|relatable|so do i|i do too|"
    rf"i feel the same(?: way)?|i feel that|i get it|i get why|i understand why|i relate|i am the same|"
    rf"i said yes|i told (?:him|her|them) yes|i do too|i have too|"
    rf"that could (?:be|have been) me|(?:i )?(?:almost |kind of )?envy (?:him|her|them)|wish (?:it|"
    rf"that) (?:was|were|had been) me)(?: (?:honestly|tbh|lol|ngl|fr|though|tho|sometimes|"
    rf"lately))* ?(?:[.!?;,]|$)"
)


# Words that name someone other than the writer in a chart note as well: "per EMS", "medics".
OTHERS_NAMED = OTHER_PEOPLE | {"ems", "per", "medics", "police", "paramedics"}


def about_me(text: str, start: int, end: int, subject_before: bool = False) -> bool:
    """Is the writer the subject of text[start:end]? The nearest person named in its clause decides.

    Up to the match's end by default ("my patient wants to die" is the patient's). With `subject_before`,
    only what comes before the match, possessives skipped: in a pairing of two concepts the match names
    objects and others ("took my dad's revolver out ... just in case", "said goodbye, she didn't get it"),
    and the subject, if any, comes first ("pt's husband keeps a loaded revolver").
    """
    clause_start = max(0, start - 300)  # a clause longer than this is not one clause
    for brk in CLAUSE_BREAK.finditer(text, clause_start, end):
        if brk.start() >= start:
            break
        clause_start = brk.end()
    for word in reversed(re.findall(r"[a-z']+", text[clause_start : start if subject_before else end])):
        owner = word.endswith("'s")
        word = word.removesuffix("'s").strip("'")
        if word == "myself" or (owner and subject_before):
            continue  # an object, never the subject: "she said she wants to kms" is hers
        if word in FIRST_PERSON:
            return True
        if word in OTHER_PEOPLE and word not in _OBJECTS:
            return False
    return True  # no subject at all: in a DM that is the writer ("been feeling suicidal again")


# Objects, not subjects: "tell my family I love them" is still mine. ("Her" and "his" are possessive too,
# and decide: "took all her pills" is hers.)
_OBJECTS = frozenset({"them", "him", "us"})

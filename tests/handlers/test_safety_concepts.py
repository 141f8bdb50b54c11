"""The concept layer (issue 14, round three): pairings of concepts, told by the writer, in both languages."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handlers.safety import assess, concepts
from handlers.safety import evaluation as ev
from handlers.safety import text as text_module
from handlers.safety.rule import near, spread
from handlers.safety.text import normalise

# (family, level, text). Written for this table, not taken from any evaluation set.
ENGLISH = [
    ("attempt", "crisis", "last spring i downed my whole lorazepam prescription and woke up in the ER"),
    ("attempt", "crisis", "swerved into the guardrail on purpose tuesday, told everyone it was ice"),
    ("attempt", "crisis", "i swallowed 50 of my seroquel"),
    ("attempt", "crisis", "the belt snapped. i tried to hang myself in the closet"),
    ("attempt", "none", "swerved into the guardrail to miss a deer, totaled the car"),
    ("attempt", "none", "she took all of her lithium, level 4.1, HD tonight"),
    ("self_harm", "crisis", "slammed my fist into the locker until it bled, on purpose"),
    ("self_harm", "crisis", "dragged a blade across my thigh after the code"),
    ("self_harm", "none", "cut my thumb on a broken ampule while drawing up"),
    ("means_work", "crisis", "the omnicell override would do it in minutes"),
    ("means_work", "crisis", "worked out how much vecuronium for a person my size"),
    ("means_work", "concern", "all that fentanyl in the cabinet and me feeling like this"),
    ("means_work", "none", "pulled vecuronium for the RSI, weight-based dose for a 90 kg man"),
    ("firearm", "crisis", "cleaned and loaded my dad's rifle tonight. just in case"),
    ("firearm", "crisis", "the pistol in my purse isn't for protection"),
    ("firearm", "concern", "there's a gun in my nightstand and i've been really low"),
    ("firearm", "none", "bought a shotgun for home protection after the break-in"),
    ("firearm", "none", "pt's son keeps a loaded gun in his truck, lethal means counseling done"),
    ("farewell", "crisis", "found a new home for my dog and gave my sister my passwords. i won't need them"),
    ("farewell", "crisis", "tying up my loose ends this week, before i go"),
    ("farewell", "none", "gave my old laptop to my nephew, i won't need it with the new one"),
    ("farewell", "none", "called my dad to say goodbye before my flight to Lima"),
    ("plan", "crisis", "made my plan last night. not going to say what it is"),
    ("plan", "crisis", "everything is lined up and nobody knows"),
    ("plan", "none", "we made a plan for discharge, the plan is ready for the morning team"),
    ("suicide_named", "crisis", "suicide is starting to feel like the only option"),
    ("suicide_named", "crisis", "my mind keeps going back to suicide"),
    ("suicide_named", "none", "suicide risk rises after discharge, so we call everyone at 48 hours"),
    ("suicide_named", "none", "journal club on suicidal ideation in anesthesiologists"),
    ("passive_wish", "concern", "honestly i'd welcome a fatal crash on the way home"),
    ("passive_wish", "concern", "part of me hopes the biopsy comes back as cancer"),
    ("passive_wish", "none", "i hope i get a day off soon"),
    ("burden", "concern", "i'm a drain on my wife and kids"),
    ("burden", "concern", "i just take up space at home"),
    ("burden", "none", "i'm a burden to nobody, i pay my own way"),
]

SPANISH = [
    ("attempt", "crisis", "me estrellé contra el muro a propósito y nadie sabe"),
    ("attempt", "crisis", "me tomé todo el frasco de clonazepam el viernes"),
    ("self_harm", "crisis", "me he estado cortando los muslos otra vez"),
    ("self_harm", "none", "me corté el dedo cocinando"),
    ("means_work", "crisis", "sé cuánta insulina necesitaría para alguien de mi peso"),
    ("means_work", "none", "calculé la insulina para el paciente de 90 kilos"),
    ("firearm", "crisis", "la pistola es para mí, no para protección"),
    ("firearm", "none", "el paciente guarda una pistola cargada en el carro, avisamos a trabajo social"),
    ("farewell", "crisis", "regalé mis libros y mi ropa, ya no los voy a necesitar"),
    ("farewell", "none", "regalé mis libros a la residente, ya no los voy a necesitar en el nuevo trabajo"),
    ("plan", "crisis", "ya escogí el día"),
    ("plan", "none", "el plan está listo para el alta de mañana"),
    ("suicide_named", "crisis", "el suicidio me parece la única salida"),
    ("passive_wish", "concern", "me daría igual si me pasa algo en la carretera"),
    ("burden", "concern", "todos estarían más tranquilos sin mí"),
    ("hopelessness", "concern", "no le veo salida a esto"),
]


@pytest.mark.parametrize("family, level, text", ENGLISH, ids=[f"en-{f}-{i}" for i, (f, _, _) in enumerate(ENGLISH)])
def test_english_pairings(family: str, level: str, text: str) -> None:
    assert assess(text).level == level


@pytest.mark.parametrize("family, level, text", SPANISH, ids=[f"es-{f}-{i}" for i, (f, _, _) in enumerate(SPANISH)])
def test_spanish_pairings(family: str, level: str, text: str) -> None:
    assert assess(text).level == level


@pytest.mark.parametrize(
    "text, level",
    [
        # Subject dropped, someone else named: a chart note, not a disclosure (first_person).
        ("drove into the median on purpose per EMS, he's in CT now", "none"),
        ("drove into the median on purpose last week. told everyone i fell asleep", "crisis"),
        # An amount of pills needs the writer named (writer_named).
        ("swallowed 60 tylenol, 4 hour level pending", "none"),
        ("i swallowed 60 tylenol friday night", "crisis"),
        # The subject comes before a pairing: a possessive is not it (subject_before).
        ("took my dad's revolver out of the safe, it's in my glovebox now. just in case", "crisis"),
        ("pt's husband took his revolver out of the safe, it's in the glovebox just in case", "none"),
        # What the message says elsewhere explains it (unless).
        ("said my goodbyes this week, quietly", "crisis"),
        ("said my goodbyes to grandma at the funeral", "none"),
    ],
)
def test_who_and_what_else(text: str, level: str) -> None:
    assert assess(text).level == level


def test_spread_keeps_every_match() -> None:
    lines = [normalise(case.text) for case in ev.load(ev.default_paths())]
    for name in dir(concepts):
        pattern = getattr(concepts, name)
        if not name.isupper() or not isinstance(pattern, str):
            continue
        whole, split = re.compile(pattern), re.compile(spread(pattern))
        assert [bool(whole.search(t)) for t in lines] == [bool(split.search(t)) for t in lines], name


def test_near_finds_either_order_within_the_gap() -> None:
    pair = re.compile(near(r"\bgun\b", r"\bfor me\b", 20))
    assert pair.search("the gun is for me") and pair.search("it is for me, the gun")
    assert not pair.search("the gun is in the safe and has been there for years, it is not for me")
    assert not re.compile(near(r"\bgun\b", r"\bfor me\b", 20, ordered=True)).search("for me, the gun")


def _full_path(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).casefold().translate(text_module._CHAR_MAP)
    text = text.translate(text_module._INVISIBLE)
    return unicodedata.normalize("NFKD", text).translate(text_module._INVISIBLE)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aeiouAEIOUñÑáéíóúüÜçß\u0301\u0303İıﬁＡ’“—😀кs\u200b\u00a0 ", min_size=1, max_size=20))
def test_the_quick_path_to_plain_letters_agrees_with_the_full_one(text: str) -> None:
    if not text.isascii():
        assert text_module._plain_letters(text) == _full_path(text)

"""Table tests for each rule family of issue 14, in English and in Spanish: (family, level, text)."""

from __future__ import annotations

import pytest

from handlers.safety import assess

ENGLISH = [
    ("ideation", "crisis", "i keep thinking about taking my own life"),
    ("ideation", "crisis", "Part of me wants to end it"),
    ("plan", "crisis", "I have a plan."),
    ("plan", "crisis", "i've got a plan now"),
    ("plan", "crisis", "i have a plan for how to do it"),
    ("plan", "crisis", "I have a plan to do it this weekend"),
    ("plan", "crisis", "my plan is set"),
    ("plan", "crisis", "I have a plan, and nobody needs to know"),  # secrecy says it is meant
    ("plan", "crisis", "made a plan last night. won't say what it is"),
    ("plan", "crisis", "the plan's ready"),
    ("plan", "none", "the plan's ready for the 7am handoff"),
    ("plan", "none", "Bed 4 is crashing again. I have a plan."),
    ("plan", "none", "I have a plan for tomorrow's clinic"),
    ("plan", "none", "I have a plan: ask for fewer nights"),
    ("means_work", "crisis", "I could take what I need from the Pyxis and nobody would know"),
    ("means_work", "crisis", "I know the exact dose of potassium that would stop my heart"),
    ("means_work", "crisis", "I have enough fentanyl saved to never wake up"),
    ("means_work", "crisis", "been bringing vials of midazolam home"),
    ("means_work", "concern", "the Pyxis would make it so easy"),
    ("means_work", "none", "we pulled fentanyl from the Pyxis for the chest tube"),
    ("means_work", "none", "I need insulin for myself, I'm type 1"),
    ("means_work", "none", "grabbed some tylenol for myself from the break room"),
    ("firearm", "crisis", "There's a loaded gun in my nightstand and tonight I'm going to use it on myself"),
    ("firearm", "crisis", "sat in the garage with my rifle for an hour"),
    ("firearm", "concern", "I keep a loaded gun within reach at night now"),
    ("firearm", "none", "pt has a loaded gun at home, social work aware"),
    ("farewell", "crisis", "hugged my kids this morning like it was the last time"),
    ("farewell", "crisis", "I've been recording goodbye videos for my family"),
    ("farewell", "crisis", "I've been giving all my things away"),
    ("farewell", "concern", "who will look after the dog after I'm gone"),
    ("farewell", "none", "I texted my team goodbye on my last shift"),
    ("farewell", "none", "she hugged her kids like it was the last time before surgery"),
    ("attempt", "crisis", "i tried to od last month"),
    ("attempt", "crisis", "I swallowed a bottle of my sleeping pills on Sunday"),
    ("self_harm", "crisis", "I cut last night after the code"),
    ("self_harm", "crisis", "i've been cutting since residency started"),
    ("self_harm", "crisis", "fresh cuts on my arms again"),
    ("self_harm", "none", "I cut my finger on a scalpel"),
    ("self_harm", "none", "I burned my arm on the oven making dinner"),
    ("self_harm", "none", "the kid in 5 has fresh cuts on his arms"),
    ("obfuscation", "crisis", "k-i-l-l m-y-s-e-l-f tonight"),
    ("obfuscation", "crisis", "i want to e n d it"),
    ("obfuscation", "crisis", "thinking about o v e r d o s i n g"),
    ("obfuscation", "crisis", "i want to sucide"),
    ("obfuscation", "crisis", "planning to unalive this weekend"),
    ("obfuscation", "crisis", "ready to ctb"),
    ("obfuscation", "crisis", "I'm suicidaaaal"),
    ("obfuscation", "none", "pt ctb at 0300, family at bedside"),
    ("passive_wish", "concern", "I wouldn't mind not waking up"),
    ("passive_wish", "concern", "I keep imagining my funeral"),
    ("burden", "concern", "I'm a burden"),
    ("burden", "concern", "if I died tomorrow my kids would be ok"),
    ("hopelessness", "concern", "what's the point anymore"),
    ("hopelessness", "concern", "I don't see the point in anything anymore"),
    ("cant_go_on", "concern", "i'm so tired of everything"),
    ("cant_go_on", "none", "i can't do this job anymore"),
    ("reported_speech", "none", "my attending asked me if I have a plan for the patient in 4"),
    ("reported_speech", "none", 'pt states: "I have a plan"'),
    ("training", "none", "lecture on lethal means: the drug cabinet, insulin and potassium"),
    ("pets", "none", "we put our old cat to sleep, I gave away her bed"),
    ("idiom", "none", "I'm going to do it tonight: the charting, all of it"),
    ("idiom", "none", "who will cover my shifts when I'm gone on leave?"),
]

SPANISH = [
    ("ideation", "crisis", "me quiero matar"),
    ("ideation", "crisis", "quiero suicidarme"),
    ("ideation", "crisis", "me voy a quitar la vida"),
    ("ideation", "crisis", "estoy pensando en tomarme todas las pastillas"),
    ("plan", "crisis", "ya tengo todo planeado"),
    ("plan", "crisis", "tengo un plan y ya no tengo miedo"),
    ("plan", "none", "tengo un plan: hablar con mi jefa mañana"),
    ("means_work", "crisis", "sé qué dosis de potasio me haría falta"),
    ("means_work", "crisis", "podría sacar morfina del Pyxis para mí"),
    ("means_work", "none", "saqué morfina del Pyxis para mi paciente de la 3"),
    ("firearm", "crisis", "pienso en usarla conmigo, la pistola está en casa"),
    ("farewell", "crisis", "estoy escribiendo cartas de despedida"),
    ("farewell", "crisis", "regalé todas mis cosas esta semana"),
    ("farewell", "none", "me despido de todos, me voy de vacaciones"),
    ("self_harm", "crisis", "me hago cortes en los brazos"),
    ("self_harm", "crisis", "me autolesioné otra vez"),
    ("self_harm", "none", "me corté el dedo con un bisturí"),
    ("attempt", "crisis", "intenté suicidarme el año pasado"),
    ("obfuscation", "crisis", "q u i e r o  m o r i r m e"),
    ("obfuscation", "crisis", "kiero matarme"),
    ("passive_wish", "concern", "sería mejor estar muerta"),
    ("passive_wish", "concern", "ojalá no despertara"),
    ("burden", "concern", "les haría un favor si desapareciera"),
    ("hopelessness", "concern", "la vida no tiene sentido"),
    ("cant_go_on", "concern", "ya no aguanto"),
    ("cant_go_on", "none", "ya no aguanto los turnos de noche"),
    ("clinical", "none", "el paciente me dijo que se quiere matar"),
    ("clinical", "none", "la paciente tiene un plan para suicidarse, ingresa en psiquiatría"),
    ("reported_speech", "none", "mi amigo dice que ya no quiere vivir"),
    ("idiom", "none", "me quiero morir de la risa"),
    ("idiom", "none", "quiero matar a mi jefe lol"),
    ("idiom", "none", "este turno me está matando"),
]


@pytest.mark.parametrize("family, level, text", ENGLISH, ids=[f"en-{f}-{i}" for i, (f, _, _) in enumerate(ENGLISH)])
def test_english_families(family: str, level: str, text: str) -> None:
    assert assess(text).level == level


@pytest.mark.parametrize("family, level, text", SPANISH, ids=[f"es-{f}-{i}" for i, (f, _, _) in enumerate(SPANISH)])
def test_spanish_families(family: str, level: str, text: str) -> None:
    assert assess(text).level == level


def test_every_family_has_cases_in_both_languages() -> None:
    risk = {"ideation", "plan", "means_work", "farewell", "self_harm", "attempt", "obfuscation", "passive_wish"}
    risk |= {"burden", "hopelessness", "cant_go_on"}
    for table in (ENGLISH, SPANISH):
        assert risk <= {family for family, level, _ in table if level != "none"}

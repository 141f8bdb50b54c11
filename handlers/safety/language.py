"""Which language to answer in: the person's chat locale, or a message that is clearly Spanish.

Only Spanish is told apart so far. A message counts as Spanish when it is made of Spanish words: words
only Spanish uses ("quiero", "estoy", "porque"), Spanish letters (ñ, ¿, ¡, accented vowels), and few
English words. Words both languages spell alike ("no", "me", "a", "son", "con", "mi" as in an MI) count
for neither, so English text about a patient with an MI is never called Spanish.
"""

from __future__ import annotations

import re
import unicodedata


def _words(text: str) -> list[str]:
    """A word list written as one string, for readability."""
    return text.split()


# Words that are Spanish and not English (accents stripped: the test reads plain letters).
_SPANISH = frozenset(
    _words("""que de la el los las y en un una por para es esta este estoy estas estan soy eres somos tengo tiene
    tienes tenemos quiero quieres quiere puedo puede puedes hay ya muy mas pero porque cuando como donde
    todo toda todos nada nadie algo siempre nunca tambien hoy ayer manana noche dia semana turno guardia
    vida muerte morir morirme matarme suicidarme quitarme ganas solo sola cansada cansado siento sientes
    pienso creo se sin mi mis tu su sus del al lo le les nos os yo ella ellos ellas usted ustedes
    gracias hola vale bueno buena bien mal mejor peor ahora aqui alli eso esto esa ese estaba estaban
    fue fui era eran he has ha hemos han voy vas va vamos van hacer hago hice quisiera ojala
    trabajo paciente pacientes planta urgencias hospital jefa jefe companera companero familia hijos hija
    hijo madre padre mama casa dormir despertar cosas fecha otra otro vez corte volvi cortar estado haciendo kiero
    dano gustaria desaparecer veo salida razones seguir sesion clinica sobre muero sueno mata papeleo casi
    verguenza acabo paciencia farmacia cambiar hora soporto supervisora necesito vacaciones guardadas
    pastillas suficientes hacerlo estaria estarian seria carga cansancio agotada agotado quemada harta harto
    llore coche despues dia fracaso parada horrible volver falta personal aprobe examen cene encanto nuevo
    dormi ocho salgo tuve nos ayuda ninguna ningun tampoco entonces mucho mucha poco tanto asi sigo
    alguien anoche queria murio tenia anos gato gata perro perrita testigo desechar sacar saque llame despedirme
    despedi regale ahorita neta nomas ando carro cuarto medicamentos medicamento cuanto cuanta suficiente conmigo
    pistola cargada guantera esposo esposa hermano hermana amiga amigo ultima deje testamento listo lista dice
    dijo sobro cirugia escribi cartas cuando dormir siempre decidi estrelle proposito golpes pared sangrar""")
)
_SPANISH_ENDINGS = ("cion", "ciones", "rme")  # "medicacion", "morirme": no English word ends so
# Spelled alike in English (or common there as names and abbreviations): they say nothing either way.
_BOTH = frozenset(_words("no me a son con come sin mi se plan red once pan para total final hospital"))
_ENGLISH = (
    frozenset(
        _words("""the and i you it is was to of in that for on with have be at not this are my we he she they but
    what so if just do did can will would there their about all been had has me out up get got like
    one when his her them then than who an or by from as an am im dont cant its really today shift night
    feel feeling want need going know think time work patient patients day back still after over""")
    )
    - _BOTH
)
_SPANISH_MARKS = re.compile(r"[ñ¿¡áéíóúü]")
_WORD = re.compile(r"(?<![\w])[^\W\d_]+(?![\w])")  # words of letters only: "su1c1de" is none


def is_spanish(text: str) -> bool:
    """True when the message is clearly Spanish; never for English text."""
    if not isinstance(text, str) or not text.strip():
        return False
    lowered = _SPACED.sub(_joined, text.casefold())  # "m a t a r m e" is one word
    marks = len(_SPANISH_MARKS.findall(lowered))
    words = [_plain(w) for w in _WORD.findall(lowered)]
    found = [w for w in words if w not in _BOTH and (w in _SPANISH or w.endswith(_SPANISH_ENDINGS))]
    english = sum(w in _ENGLISH for w in words)
    if len(set(found)) + (1 if marks else 0) < 2:
        return False  # too little to tell ("ok", "no", "la la land", "Dr. de la Cruz")
    if len(set(found)) >= 3 and len(found) + min(marks, 2) >= english:
        return True  # Spanglish, at least half Spanish: "honestly quiero morirme after this guardia"
    return len(found) + min(marks, 2) > 2 * english


def language_for(locale: str | None, text: str = "") -> str:
    """The reply language: "es" for a Spanish locale ("es-ES", "es-419") or a clearly Spanish message."""
    if locale and locale.casefold().startswith("es"):
        return "es"
    return "es" if is_spanish(text) else "en"


_SPACED = re.compile(r"(?<!\w)(?:\w ){2,}\w(?!\w)")


def _joined(match: re.Match[str]) -> str:
    return match.group().replace(" ", "")


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))

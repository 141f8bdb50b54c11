"""The words a reading looks for, English and Spanish together, matched on lowercase text without accents."""

from __future__ import annotations

import re

# fmt: off

def _any(*parts: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'])(?:" + "|".join(parts) + r")(?![\w'])")


# Feelings, each with cues of its own strength: (mild, strong). A strong cue, or a mild one after "so",
# "really", "muy"..., is read as strong. The order here breaks ties: the first listed is named.
FEELINGS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "hurt": (
        _any(
            r"snapped at me", r"criticized me", r"blamed me", r"was rude", r"talked down to me", r"me regano",
            r"me trato mal", r"me hablo feo", r"me hizo sentir mal",
        ),
        _any(
            r"(?:yelled|screamed|shouted|yelling|screaming) at me", r"humiliat\w*", r"belittl\w*", r"chewed me out",
            r"tore into me", r"disrespected",
            r"me (?:grito|grito|humillo|exhibio)", r"humillad[oa]",
        ),
    ),
    "sad": (
        _any(r"sad", r"feel(?:ing)? down", r"so down", r"teary", r"triste", r"desanimad[oa]", r"bajonead[oa]"),
        _any(
            r"cried", r"crying", r"cry", r"tears", r"in tears", r"sobb\w*", r"heartbroken", r"devastated",
            r"grie\w*", r"(?:lost|losing) (?:a|my|our) patient", r"(?:patient|kid|baby) died", r"llor\w*",
            r"lagrimas", r"destrozad[oa]", r"se (?:nos )?murio", r"perdi a \w+ paciente",
        ),
    ),
    "angry": (
        _any(r"angry", r"mad", r"pissed(?: off)?", r"enojad[oa]", r"molest[oa]"),
        _any(r"furious", r"livid", r"rage", r"enraged", r"so mad", r"furios[oa]", r"coraje", r"rabia"),
    ),
    "frustrated": (
        _any(
            r"frustrat\w*", r"annoy\w*", r"irritat\w*", r"fed up", r"sick of", r"tired of", r"over it", r"harta",
            r"harto", r"fastidiad[oa]", r"frustrad[oa]", r"frustrante",
        ),
        _any(r"so done with", r"at my wits'? end", r"hasta la madre", r"hasta el gorro"),
    ),
    "worried": (
        _any(
            r"worried", r"worry", r"nervous", r"uneasy", r"on edge", r"anxious", r"preocupad[oa]", r"nervios[oa]",
            r"inquiet[oa]", r"ansios[oa]",
        ),
        _any(
            r"scared", r"afraid", r"terrified", r"panic\w*", r"dread\w*", r"frightened", r"miedo", r"asustad[oa]",
            r"angustiad[oa]", r"aterrad[oa]", r"panico",
        ),
    ),
    "exhausted": (
        _any(r"tired", r"drained", r"worn out", r"sleepy", r"cansad[oa]", r"cansancio"),
        _any(
            r"exhausted", r"wiped(?: out)?", r"running on empty", r"no sleep", r"barely slept", r"dead on my feet",
            r"fried", r"burnt out", r"burned out", r"agotad[oa]", r"reventad[oa]", r"sin dormir",
            r"muert[oa] de cansancio", r"no he dormido",
        ),
    ),
    "overwhelmed": (
        _any(
            r"too much", r"swamped", r"slammed", r"busy", r"behind on", r"a lot on my plate", r"saturad[oa]",
            r"mucho trabajo", r"demasiado",
        ),
        _any(
            r"overwhelm\w*", r"underwater", r"buried", r"drowning in", r"can'?t keep up", r"can not keep up",
            r"nonstop", r"abrumad[oa]", r"no doy abasto", r"desbordad[oa]",
        ),
    ),
    "alone": (
        _any(r"alone", r"on my own", r"by myself", r"sol[oa]", r"sin apoyo"),
        _any(
            r"lonely", r"isolated", r"nobody (?:helps|helped|cares|listens)", r"no one (?:helps|helped|cares)",
            r"nadie me (?:ayuda|ayudo|escucha|apoya)", r"aislad[oa]",
        ),
    ),
    "guilty": (
        _any(
            r"guilty", r"my fault", r"messed up", r"screwed up", r"made a mistake", r"culpa", r"la rege",
            r"me equivoque", r"la regue",
        ),
        _any(r"should have caught", r"blame myself", r"can'?t forgive myself", r"me siento culpable", r"fue mi culpa"),
    ),
    "stressed": (
        _any(r"stress(?!\w* test)\w*", r"(?<!blood )pressure", r"tense", r"estres\w*", r"presion", r"tension"),
        _any(r"so much pressure", r"muchisima presion"),
    ),
    "hard": (
        _any(
            r"hard", r"rough", r"tough", r"bad (?:day|shift|night|week)", r"dificil", r"duro", r"dura",
            r"pesad[oa]", r"mal dia", r"mal turno",
        ),
        _any(
            r"awful", r"terrible", r"horrible", r"brutal", r"the worst", r"nightmare", r"fatal", r"pesimo",
            r"de lo peor", r"una pesadilla",
        ),
    ),
}
INTENSIFIER = re.compile(r"(?:so|really|very|completely|totally|absolutely|extremely|super|incredibly|utterly|"
                         r"muy|tan|bien|re|bastante|sumamente)\s+$")  # fmt: skip
NEGATION = re.compile(r"(?:not|n't|never|no|nada|ni|nunca|wasn't|isn't|didn't|without)\s+(?:\w+\s+)?$")

GOOD_NEWS = _any(
    r"(?:good|great|amazing|awesome|wonderful|fantastic|lovely|best|nice|calm) (?:day|shift|night|news|week|call|save)",
    r"went (?:really |so |pretty |very )?(?:well|great|smoothly|fine|better)",
    r"(?:i'?m|i am|felt|feel|feeling) (?:so |really |very )?"
    r"(?:proud|happy|relieved|grateful|thankful|excited|good|great)", r"proud of", r"thanked me", r"we saved",
    r"saved (?:a|the|her|his|their)", r"got the job", r"i passed", r"finally", r"nailed it", r"a win", r"small win",
    r"good news", r"laughed", r"enjoyed", r"made my day", r"me fue (?:muy )?bien", r"salio (?:muy )?bien",
    r"(?:buen|gran|excelente) (?:dia|turno|noticia)",
    r"(?:estoy|me siento) (?:muy )?(?:orgullos[oa]|feliz|content[oa]|aliviad[oa]|agradecid[oa])", r"aprobe",
    r"me (?:dieron las gracias|agradecio)", r"buenas noticias", r"por fin", r"lo logre",
)
THANKS = _any(r"thanks?", r"thank you", r"thx", r"ty", r"cheers", r"appreciate it", r"gracias", r"mil gracias")

# Whole replies (punctuation and emoji stripped) that say little: a warm close.
MINIMAL = re.compile(
    r"(?:ok(?:ay)?|k+|kk|sure|fine|alright|all right|cool|yes|yep|yeah|yup|got it|sounds good|will do|noted|"
    r"mm+|hm+|vale|bueno|sale|si|claro|esta bien|ta bien|de acuerdo|listo)"
)
THANKS_ONLY = re.compile(
    r"(?:(?:ok(?:ay)?|great|cool|perfect|vale|bueno) )?(?:thanks?(?: so much| a lot)?|thank you(?: so much)?|thx|ty|"
    r"many thanks|cheers|appreciate it|(?:muchas |mil )?gracias)(?: (?:a lot|again|for asking|de nuevo|por preguntar))?"
)
# Whole replies that decline.
DECLINE_ONLY = re.compile(
    r"(?:no|nope|nah|pass|skip|skip it|not now|not today|whatever|meh|no thanks|n/?a|no gracias|paso|ahora no|"
    r"hoy no|no quiero|nel)"
)
DISENGAGED = _any(
    r"pointless", r"useless", r"waste of (?:my )?time", r"this is (?:stupid|dumb|silly|annoying|a joke)",
    r"not now", r"not today", r"leave me alone", r"stop (?:asking|texting|messaging|bugging|pinging)",
    r"(?:do not|don'?t|dont) (?:want|feel like) (?:to )?(?:talk|answer|do this|get into it|share)",
    r"no time for this", r"too busy (?:for this|right now|today|to answer)", r"go away", r"not in the mood",
    r"sin sentido", r"no sirve (?:de|para) nada", r"perdida de tiempo", r"dejame en paz", r"ahora no", r"hoy no",
    r"no tengo tiempo", r"no quiero (?:hablar|contestar|platicar)", r"no estoy de humor",
    r"ya (?:basta|deja de preguntar)", r"deja de (?:preguntar|escribir)",
)
BOT_QUESTION = _any(
    r"(?:why|how come) (?:do|are|does|did) (?:you|u) (?:keep )?(?:ask|asking|text|texting|send|sending|message|"
    r"messaging|bother|doing this|care)", r"why (?:are|do) (?:you|u) (?:keep|still|always)",
    r"why (?:is|does) this (?:bot|thing) ", r"what(?:'?s| is) (?:the point|this for|the purpose|this thing|this)\b",
    r"who (?:are you|is this|sees|reads|can see|will see|gets)",
    r"are (?:you|u) (?:a )?(?:bot|real|human|person|"
    r"ai|robot|machine)", r"is this (?:a )?(?:bot|real|ai|confidential|private|anonymous|a person)",
    r"what are you", r"who (?:made|sent|set up) (?:you|this)", r"what do you do with",
    r"por ?que me (?:sigues|estas|vuelves a) (?:preguntando|preguntar|escribiendo|escribir)",
    r"para que (?:es|sirve) esto", r"quien (?:eres|lee|ve|puede ver|manda)",
    r"eres (?:un )?(?:bot|robot|persona|"
    r"humano|real|ia)", r"que es esto", r"es (?:esto )?(?:confidencial|privado|anonimo)",
)
UNSURE = re.compile(
    r"(?:i )?(?:really |honestly )?(?:do not|don'?t|dont) (?:really )?know|idk|dunno|"
    r"(?:i'?m |i am )?not (?:really )?sure|"
    r"no idea|i have no idea|hard to say|good question|not sure what to say|no se|no lo se|ni idea|"
    r"no estoy segur[oa]|quien sabe|buena pregunta|no sabria decir"
)

# A small step: an intention, an action, and a person or a time.
INTENT = re.compile(
    r"(?:(?:i|we) (?:guess |think |suppose )?(?:i |we )?(?:could|can|will|might|should|would like to|want to|"
    r"plan to|am going to|'?m going to|'?m gonna|am gonna|need to|ought to|may|'?ll)|maybe (?:i'?ll|i could|i can|i "
    r"will)|i'?ll|going to|gonna|(?:voy|vamos) a|podria|puedo|quiero|pienso|tal vez|quizas?|me gustaria|"
    r"creo que (?:podria|voy a|puedo)|tengo que|necesito)\s+(?:\w+\s+){0,2}?$"
)
ACTION = _any(
    r"talk", r"speak", r"ask", r"e-?mail", r"text", r"call", r"message", r"tell", r"schedule", r"book", r"take",
    r"leave", r"go", r"sleep", r"nap", r"eat", r"walk", r"write", r"say", r"reach out", r"sit down", r"meet",
    r"see", r"check in", r"set", r"block", r"put", r"find", r"bring", r"request", r"share", r"start", r"stop",
    r"get", r"try", r"make", r"read", r"turn off", r"mute", r"step outside", r"drink", r"rest", r"visit", r"apply",
    r"sign up", r"join", r"plan", r"thank", r"apologi[sz]e", r"push back", r"decline", r"delegate", r"hand off",
    r"clock out", r"log off", r"debrief", r"follow up", r"send", r"habl\w*", r"pregunt\w*", r"escrib\w*",
    r"mand\w*", r"llam\w*", r"pedir\w*", r"decir\w*", r"contar\w*", r"tomar\w*", r"salir\w*", r"dorm\w*",
    r"descans\w*", r"ir", r"busc\w*", r"reserv\w*", r"agend\w*", r"camin\w*", r"comer", r"leer", r"apag\w*",
    r"propon\w*", r"platic\w*", r"avis\w*", r"respir\w*", r"envi\w*",
)
PERSON = _any(
    r"her", r"him", r"them", r"someone", r"somebody", r"a friend", r"a colleague", r"hr", r"eap", r"dr\.? \w+",
    r"(?:my|the|our) (?:program director|pd|director|manager|boss|chief|attending|resident|fellow|charge nurse|"
    r"supervisor|mentor|partner|wife|husband|friend|colleague|team|coach|therapist|nurse manager|unit manager|"
    r"chair|lead|preceptor|sister|brother|mom|dad|kids|family|co-?workers?|nurse|doctor|pharmacist|educator)",
    r"mi (?:jef[ae]|director[a]?|supervisor[a]?|coordinador[a]?|pareja|espos[oa]|amig[oa]|mama|papa|"
    r"herman[oa]|compa\w*|equipo|terapeuta|familia)",
    r"(?:la|el) (?:jef[ae]|coordinador[a]?|supervisor[a]?|director[a]?|equipo)", r"alguien", r"una amiga",
    r"un amigo", r"(?:hablarle|escribirle|llamarle|decirle|preguntarle|contarle|pedirle|mandarle|platicarle)",
)
# The step's own time, most specific first.
WHEN: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "after-shift",
        _any(
            r"after (?:my|the|this) (?:next )?(?:shift|call|night shift|day shift|stretch)", r"after work",
            r"despues (?:de|del) (?:mi )?(?:proximo |siguiente )?(?:turno|guardia|trabajo)",
            r"al salir del? (?:turno|guardia|trabajo)",
        ),
    ),  # fmt: skip
    (
        "before-shift",
        _any(r"before (?:my|the) (?:next )?(?:shift|call)", r"antes de(?:l| mi) (?:proximo )?(?:turno|guardia)"),
    ),  # fmt: skip
    ("day-after", _any(r"day after tomorrow", r"pasado manana")),
    ("mon", _any(r"monday", r"lunes")),
    ("tue", _any(r"tuesday", r"tues", r"martes")),
    ("wed", _any(r"wednesday", r"miercoles")),
    ("thu", _any(r"thursday", r"thurs", r"jueves")),
    ("fri", _any(r"friday", r"viernes")),
    ("sat", _any(r"saturday", r"sabado")),
    ("sun", _any(r"sunday", r"domingo")),
    ("tomorrow", _any(r"tomorrow", r"tmrw", r"(?<!esta )(?<!la )(?<!por la )(?<!en la )manana")),
    ("next-week", _any(r"next week", r"la (?:proxima|siguiente) semana", r"la semana que viene")),
    ("this-week", _any(r"this week(?:end)?", r"esta semana", r"este fin de semana")),
    (
        "today",
        _any(
            r"today", r"tonight", r"this (?:afternoon|evening|morning)", r"later today", r"after lunch",
            r"on my (?:next )?break", r"hoy", r"esta (?:noche|tarde|manana)", r"al rato", r"en mi descanso",
        ),
    ),
)
# fmt: on

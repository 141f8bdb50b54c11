"""Spanish (US Latin American, Spanglish too) pairings and phrasings, the same families as the English ones.

Pairings as in rules_concepts.py: an act near what makes it an attempt, self-harm, a means turned towards
the writer, a farewell made final, "el suicidio" appraised, a plan meant. Spanish marks the speaker in
the verb ("me tomé" is mine, "se tomó" is hers), so acts are written in the first person; a pairing still
looks for a subject named before it ("el paciente guarda una pistola...") and needs the writer named or
nobody at all. Accents are gone by now ("despedí" reads "despedi"). Words of the US: "carro", "ando mal",
"la neta", "nomás", "ahorita".
"""

from __future__ import annotations

from handlers.safety.rule import Rule, near

_END = r"(?= ?[.!?;,]|$)"


def _pair(name: str, level: str, pattern: str, **options) -> Rule:
    return Rule(f"es_{name}", level, pattern, subject_before=True, first_person=True, **options)


def _said(name: str, level: str, pattern: str, **options) -> Rule:
    """A first-person phrasing: the verb names the speaker."""
    return Rule(f"es_{name}", level, pattern, marked=True, **options)


def _es(name: str, level: str, pattern: str, **options) -> Rule:
    """An impersonal phrasing ("no hay salida"): whoever is named nearest before it is its subject."""
    return Rule(f"es_{name}", level, pattern, **options)


# Attempts.
_CRASHED = r"\bme (?:estrelle|choque|avente|tire|meti|sali) (?:\w+ ){0,4}?(?:contra|a|al|de|del|por|en)\b"
_AFTER = (
    r"\b(?:desperte en (?:urgencias|emergencias|la uci|el hospital|el piso)|me (?:encontro|encontraron|hallo|"
    r"hallaron)|me (?:hicieron|dieron) un lavado|me lavaron el estomago|amaneci (?:vomitando|en))\b"
)
_MEANT = (
    r"\b(?:a proposito|adrede|a posta|queriendo|nadie (?:sabe|se entero|se dio cuenta)|como si nada|para no "
    r"despertar|(?:para|queria) (?:morirme|dormir para siempre|no despertar|acabar con todo))\b"
)
# Self-harm: hurting oneself, and what says it was meant.
_HARM = (
    r"\bme (?:volvi a |he vuelto a |vuelvo a |sigo |estoy |he estado |estaba |ando )?(?:corte|corto|cortar|cortando|"
    r"queme|quemo|quemar|quemando|golpee|golpeo|pegue|pego|di golpes|doy golpes|arane|arano|aranando|rasgune|rasguno|"
    r"rasgunando|lastime|lastimo|lastimando|hice dano|hago dano)\b"
)
_HARM_MEANT = (
    r"\b(?:a proposito|adrede|hasta (?:sangrar|que sangr\w+|que me sangr\w+)|para sentir (?:algo|alivio)|para "
    r"castigarme|otra vez|de nuevo|ya van|ya son|con (?:un |una |unos |unas )?(?:cigarros?|encendedor|navaja|"
    r"cuchill[oa]s?|cuchilla|vidrio|plancha|tijeras))\b"
)
_ACCIDENT = r"\b(?:sin querer|por accidente|accidentalmente|cocinando|el dedo|me cai|resbale)\b"
# Means at work, and what turns them towards the writer.
_WORK = (
    r"\b(?:pyxis|omnicell|carro de (?:medicamentos|paro)|cuarto de medicamentos|botiquin|cajon de (?:narcoticos|"
    r"opioides)|insulina|potasio|propofol|fentanilo|morfina|midazolam|ketamina|opioides|narcoticos|ampollas?|"
    r"viales?|(?:tanto|tantos|todo el|todos los) medicamentos?|medicamentos? a la mano)\b"
)
_FOR_ME = (
    rf"\b(?:para mi{_END}|para alguien de mi (?:peso|tamano)|de mi peso|(?:tengo|hay) (?:suficientes?|bastante)"
    rf"(?: para mi)?{_END}|cuant[oa]s? (?:\w+ ){{0,3}}?(?:necesito|necesitaria|me haria falta)|lo que "
    r"(?:necesito|necesitaria)|por si acaso|me (?:lleve|traje|guarde|quede con)|para no despertar|me (?:mataria|"
    r"matarian|mata|pararia el corazon)|nadie se (?:daria cuenta|enteraria))\b"
)
_DARK = (
    r"\b(?:asi de mal|ando (?:muy |bien )?mal|tan mal|me siento (?:muy |tan )?mal|cuando me siento asi|"
    r"deprimid[oa]|muy baj[oa]|(?:seria|sería) (?:tan |muy )?(?:facil|rapido|sencillo))\b"
)
# Firearms.
_GUN = r"\b(?:pistola|arma|armas|escopeta|rifle|revolver|cuerno de chivo)\b"
_GUN_MINE = (
    rf"\b(?:(?:es|era|son|eran) (?:solo )?para mi{_END}|no es para (?:proteccion|protegerme|defensa|cazar|la casa|"
    r"los ladrones))\b"
)
_IN_CASE = r"\b(?:por si acaso|por si (?:la|lo) necesito|por si me decido)\b"
_GUN_READIED = (
    r"\b(?:(?:la|lo) (?:tengo|traigo|llevo|puse|guarde) (?:cargad[oa] )?(?:en|debajo de) (?:la guantera|el "
    r"carro|mi (?:cuarto|recamara|bolsa|mochila|carro|buro)|la mesita|el buro|(?:la|mi) almohada)\b|(?:cargad[oa]|"
    r"la cargue|la saque|lo saque|compre balas)\b)"
)
_LOW = (
    r"\b(?:ando (?:muy |bien )?mal|estoy (?:muy |bien )?mal|me siento (?:muy |tan )?mal|deprimid[oa]|muy "
    r"baj[oa] de animo|no (?:dejo|paro) de pensar en (?:ella|eso|usarla)|pienso (?:mucho )?en (?:ella|eso|usarla))\b"
)
# Farewells.
_FAREWELL = (
    r"\b(?:(?:regale|he regalado|estoy regalando|regalando|le di|les di|me despedi de)\b|llame a (?:\w+ ){1,3}para "
    r"despedirme\b|(?:deje|dejando|dejar|tengo) (?:todo|mis cosas|las cosas|mis asuntos|mis papeles) (?:en "
    r"orden|arreglad[oa]s?|listo)\b|arreglando mis (?:asuntos|cosas|papeles)\b|hice (?:mi|el) testamento\b|"
    r"(?:escribi|deje) (?:una |unas |mis )?cartas?\b|(?:pague|cancele) (?:todo|mis \w+)\b|mis contrasenas\b)"
)
_FINAL = (
    r"\b(?:ya no (?:lo|la|los|las) voy a necesitar|no (?:lo|la|los|las) (?:voy a )?necesitar\w*|antes de "
    r"irme(?! (?:de|a|al|con|para)\b)|para siempre|(?:para )?cuando (?:ya )?no este|(?:para )?cuando me "
    r"vaya(?! (?:de|a|al|con)\b)|no saben? que (?:fue|era|es) (?:la ultima vez|una despedida|un adios|el "
    rf"adios)|la ultima vez|ya esta todo listo|estoy list[oa]{_END})\b"
)
_DEPARTURE = (
    r"\b(?:vacaciones|me mudo|mudanza|nuevo trabajo|jubil\w+|viaje|aeropuerto|vuelo|cirugia|otro hospital|"
    r"me cambio|graduacion|rotacion)\b"
)
# "El suicidio" appraised, or on the mind.
_APPRAISED = (
    r"\b(?:el )?(?:suicidio|matarme|quitarme la vida|morirme)\b(?! (?:de|del|en|entre)\b) (?:ya )?(?:me )?"
    r"(?:parece|suena|se siente|se ve|es) (?:como )?(?:cada vez mas )?(?:(?:la|una|mi) (?:unica |mejor )?"
    r"(?:salida|opcion|solucion|respuesta)|(?:en )?lo unico (?:en )?(?:que|lo que) pienso|lo unico que tiene "
    r"sentido|logico|razonable|tentador)\b"
)
_MIND_ON = (
    r"\b(?:pienso|pensando|pense|he pensado|sigo pensando|no dejo de pensar|no paro de pensar)(?: (?:mucho|"
    r"siempre|seguido|a cada rato|todo el dia|cada dia|todos los dias|a veces|otra vez|mas|demasiado))* en "
    r"(?:el )?suicidio\b(?! (?:de|del|en|entre|como)\b)"
)
# Everything made ready, with nothing said of what for: "ya tengo todo listo".
_READY = r"\b(?:ya )?(?:tengo|esta|queda) todo (?:listo|preparado|arreglado|planeado|decidido)\b"
# A plan, made and meant.
_PLAN = (
    r"(?:^|[.!?;,] |\b(?:ya |y )?)(?:tengo|hice|arme|prepare) (?:un|el|mi) plan\b"
    r"(?! (?:para|de|del|b|con|que|sobre)\b| ?:)"
)
_PLAN_MEANT = (
    r"\b(?:fecha|cuando|como|miedo|list[oa]|decidid[oa]|decidi|esta noche|manana|hacerlo|pastillas|medios|"
    r"nomas falta|solo falta|falta (?:el|la|poco)|el dia|tranquil[oa]|en paz|nadie|no (?:le |les )?voy a "
    r"decir|no quiero que nadie|detenga|convenza|date|ready|hecho|armado)\b"
)

SPANISH_CONCEPT_RULES = (
    _pair("intento", "crisis", f"{near(_CRASHED, _MEANT, 50)}|{near(_AFTER, _MEANT, 80)}"),
    _pair("autolesion", "crisis", near(_HARM, _HARM_MEANT, 50), unless=_ACCIDENT),
    _said("volvi_a_cortarme", "crisis", r"\bme (?:volvi|he vuelto|vuelvo) a (?:cortar|quemar|lastimar|hacer dano)\b"),
    _pair("medios_para_mi", "crisis", near(_WORK, _FOR_ME, 80)),
    _pair("medios_y_mal", "concern", near(_WORK, _DARK, 60)),
    _pair("arma_para_mi", "crisis", near(_GUN, _GUN_MINE, 80)),
    _pair("arma_lista", "crisis", near(_GUN_READIED, _IN_CASE, 60)),
    _pair("arma_por_si_acaso", "concern", near(_GUN, _IN_CASE, 60)),
    _pair("arma_a_la_mano", "concern", near(_GUN, _GUN_READIED, 60)),
    _pair("arma_y_mal", "concern", near(_GUN, _LOW, 80)),
    _pair("despedida_final", "crisis", near(_FAREWELL, _FINAL, 100), unless=_DEPARTURE),
    _said("despedirme", "crisis", r"\bllame a (?:\w+ ){1,3}(?:solo )?para despedirme(?= ?[.!?;]|$)", unless=_DEPARTURE),
    _es("suicidio_valorado", "crisis", f"{_APPRAISED}|{_MIND_ON}"),
    _said(
        "decidi_matarme",
        "crisis",
        r"\b(?:ya )?(?:decidi|he decidido|estoy decidid[oa] a) (?:matarme|suicidarme|"
        r"quitarme la vida|acabar con (?:mi vida|todo)|morirme)\b",
    ),
    _said("plan_decidido", "crisis", rf"{_PLAN}[^:]{{0,60}}?{_PLAN_MEANT}", at_work="concern"),
    _said(
        "plan_listo",
        "crisis",
        r"\bel plan (?:ya )?(?:esta|es) (?:list[oa]|hecho|decidido|armado)\b(?! (?:para|de|del|con)\b)",
        at_work="none",
    ),
    _said(
        "lo_planee",
        "crisis",
        r"\b(?:ya )?lo (?:planee|planifique|pense|decidi|organice|prepare) (?:todo|bien)\b",
        at_work="concern",
    ),
    _said(
        "todo_listo",
        "crisis",
        near(
            _READY,
            r"\b(?:lo hago|lo voy a hacer|lo hare|esta noche|manana|nadie|el (?:lunes|martes|miercoles|jueves|"
            r"viernes|sabado|domingo|fin de semana))\b",
            60,
        ),
        at_work="concern",
    ),
    _said("todo_listo_solo", "concern", rf"{_READY}(?! (?:para|de|con|en)\b){_END}", at_work="none"),
    _said(
        "escogi_el_dia",
        "crisis",
        r"\b(?:ya )?(?:escogi|elegi|decidi|puse) (?:el|la) (?:dia|fecha|lugar|hora)\b(?= ?[.!?;,]|$| y (?:el|la) "
        r"(?:dia|fecha|lugar|hora)\b)",
    ),
    _said("me_corte_las_venas", "crisis", r"\bme (?:corte|cortaba|abri|rasgue) las venas\b"),
    _said(
        "ya_lo_decidi",
        "crisis",
        r"\bya (?:lo )?decidi\b[^.!?;:]{0,20}?\b(?:el (?:lunes|martes|miercoles|jueves|viernes|sabado|domingo|fin)|"
        r"esta noche|manana|hoy)\b|\b(?:ya )?(?:tengo|se) (?:como|cuando|donde) (?:hacerlo )?y (?:cuando|como|donde)\b",
        at_work="concern",
        unless=_DEPARTURE,
    ),
    # Hopelessness, passive wishes, a burden.
    _es(
        "si_me_muriera",
        "concern",
        r"\bsi (?:yo )?me (?:muriera|muero|fuera para siempre|desapareciera)\b[^.!?;]{0,40}?\b(?:no pasaria nada|nadie "
        r"(?:lo )?notaria|nadie se daria cuenta|estarian mejor|seria mejor|daria igual|a nadie le importaria|nadie me "
        r"extranaria)\b",
    ),
    _said(
        "sin_ganas_de_vivir",
        "concern",
        r"\bno tengo ganas de (?:nada,? )?(?:ni (?:de )?)?vivir\b|\bni (?:de )?vivir\b(?= ?[.!?;,]|$)|\b(?:estarian|"
        r"estaria) mejor con otr[oa] (?:mama|papa|madre|padre|esposa|esposo|persona)\b",
    ),
    _said(
        "sin_fuerzas",
        "concern",
        r"\bno (?:tengo|me quedan) (?:mas |ya )?(?:fuerzas|ganas|energia) (?:para|de) (?:seguir|vivir|continuar|"
        r"levantarme|seguir viviendo)(?= ?[.!?;,]|$)",
        at_work="none",
    ),
    _said(
        "sin_futuro",
        "concern",
        rf"\bno (?:veo|tengo) (?:ningun |un |mi )?futuro(?: para mi)?{_END}|\bno me "
        r"(?:veo|imagino) (?:viv[oa]|aqui) (?:en|dentro de)\b",
        at_work="none",
    ),
    _es(
        "nada_mejora",
        "concern",
        r"\bnada (?:va a|nunca va a|va nunca a) (?:mejorar|cambiar)\b|\bnunca va a "
        r"(?:mejorar|cambiar)\b|\besto no (?:va a )?(?:mejorar|mejora) nunca\b",
        at_work="none",
    ),
    _es(
        "mejor_no_estar",
        "concern",
        r"\b(?:seria|estaria) mejor no (?:estar aqui|existir|despertar(?:me)?|haber "
        r"nacido|seguir)\b|\bmejor (?:no despertar|morirme|estar muert[oa])\b",
    ),
    _said(
        "no_quiero_estar_aqui",
        "concern",
        r"\bya no quiero (?:estar aqui|estar en este mundo|seguir aqui)\b"
        r"(?! (?:en|con|trabajando)\b)",
        at_work="none",
    ),
    _said(
        "me_da_igual",
        "concern",
        r"\b(?:me daria igual|me da igual|no me importaria|no me importa) (?:si )?"
        r"(?:me (?:pasa|pasara|muero|muriera|atropell\w+|choca\w*)|morir(?:me)?|no despert\w+|vivir o morir|"
        r"si vivo o muero)\b",
    ),
    _es(
        "esperando_la_muerte",
        "concern",
        r"\besperando (?:a )?(?:morirme|la muerte|que (?:llegue la muerte|la "
        r"muerte llegue|me muera))\b",
    ),
    _es(
        "no_hay_salida",
        "concern",
        r"\bno hay (?:ninguna |otra )?salida\b(?! (?:a|al|para|de) (?:este |esta |el "
        r"|la )?(?:problema|turno|trabajo|contrato|hospital|trafico)\b)",
    ),
    _es(
        "para_que_seguir",
        "concern",
        rf"\b(?:para que|pa que) (?:sigo|seguir(?: (?:asi|viviendo|aqui))?){_END}|"
        r"\bni (?:se )?para que sigo\b",
        at_work="none",
    ),
    _said(
        "sin_mi_mejor",
        "concern",
        r"\b(?:estarian|estaria|serian|seria|vivirian|viviria) (?:\w+ ){0,2}?(?:mas "
        r"tranquil[oa]s?|mas felices|bien|mejor) sin mi\b|\bsin mi (?:estarian|serian|vivirian) (?:mejor|mas "
        r"tranquil[oa]s?|mas felices)\b|\b(?:valgo|valdria) mas muert[oa]\b|\b(?:seria|estaria) (?:\w+ ){0,3}?mejor "
        r"(?:para todos )?(?:que|si) (?:yo )?no (?:existiera|estuviera|hubiera nacido)\b",
    ),
    _said(
        "solo_doy_problemas",
        "concern",
        r"\b(?:solo|nada mas) (?:les |le )?(?:doy|causo|traigo) (?:problemas|"
        r"molestias|preocupaciones)\b",
    ),
    _said(
        "nadie_me_extranaria",
        "concern",
        r"\bnadie me (?:extranaria|extrana|echaria de menos|notaria)\b"
        r"(?! si me (?:voy|fuera) (?:de|a|al)\b)",
    ),
)

"""Spanish rules, on the same normalised text (lowercase, accents gone: "quitarme la vida", "mas", "mi").

Spanish names the speaker in the verb: "quiero morirme" is mine, "quiere morirse" is the patient's, so
these rules are written in the first person and marked, and nobody is looked for around them.
"""

from __future__ import annotations

from handlers.safety.rule import Rule

# Fillers between the words of a phrase ("quiero ya de verdad morirme"), at most three.
_F = r"(?:(?:ya|solo|de verdad|en serio|realmente|simplemente|a veces|otra vez|de nuevo|tan|muy|tanto|la verdad|"
_F += r"literalmente|honestamente|solamente|nada mas|tambien|que) ){0,3}"
_DIE = (
    r"(?:morir(?:me)?|estar muert[oa]|matarme|suicidarme|quitarme la vida|acabar con (?:todo|mi vida|todo esto)|"
    r"dejar de vivir)"
)
# "Me muero de risa", "me quiero morir de vergüenza": idioms, not wishes.
_NOT_IDIOM = (
    r"(?! de (?:la )?(?:risa|verguenza|hambre|sueno|cansancio|aburrimiento|pena|envidia|amor|calor|frio|ganas|"
    r"asco|miedo|nervios))"
)
_SELF_METHOD = (
    r"(?:matarme|suicidarme|quitarme la vida|tirarme (?:del|de un|de una|de la|desde|por|al|"
    r"a las vias|bajo)|colgarme|ahorcarme|envenenarme|pegarme un tiro|darme un tiro|cortarme las venas|"
    r"tomarme (?:todas )?las pastillas|acabar con (?:mi vida|todo))"
)
_MEANS = (
    r"(?:pastillas|medicamentos|medicacion|insulina|potasio|propofol|fentanilo|morfina|opioides|opiaceos|"
    r"benzodiacepinas|somniferos|paracetamol|pistola|arma|escopeta|rifle|cuerda|cuchillas?|pyxis|omnicell|"
    r"botiquin|ampollas?|viales?)"
)
# What only work can give: "sacar propofol del Pyxis para mí". Pills "para mí" are a headache.
_WORK = r"(?:propofol|fentanilo|morfina|opioides|opiaceos|potasio|pyxis|omnicell|ampollas?|viales?|midazolam|ketamina)"
_PLAN = r"\b(?:ya )?tengo (?:un|el|mi) plan\b"
_LEAD = r"(?:(?:la verdad|bueno|pues|y|pero|si|ya|creo que|honestamente) )*"


def _es(name: str, level: str, pattern: str, **options) -> Rule:
    return Rule(f"es_{name}", level, pattern, marked=True, **options)


SPANISH_RULES = (
    # Crisis: wanting to die or to kill oneself, a plan, means, farewells, self-harm, an attempt.
    _es(
        "quiero_morir",
        "crisis",
        rf"(?<!no )\b(?:me )?(?:quiero|queria|quisiera|deseo|necesito|tengo ganas de|ganas de|estoy list[oa] para) "
        rf"{_F}{_DIE}\b{_NOT_IDIOM}",
    ),
    _es(
        "matarme",
        "crisis",
        rf"\b(?:me voy a|voy a|pienso|pienso en|estoy pensando (?:seriamente |mucho |en serio )?en|he pensado en|"
        rf"pense en|pensando en|podria|deberia|intente|trate de|he intentado|quiero|voy a intentar|creo que me voy a|"
        rf"siento que me voy a) {_F}{_SELF_METHOD}\b",
    ),
    _es(  # the pronoun climbs in front: "me quiero matar", "me voy a tirar del puente"
        "me_voy_a_matar",
        "crisis",
        rf"\bme (?:voy a|quiero|pienso|tengo que|deberia|podria|quisiera) {_F}(?:matar|suicidar|colgar|ahorcar|"
        rf"quitar la vida|(?:tirar|aventar|echar) (?:del|de un|de una|de la|desde|por|al|a las vias|bajo))\b",
    ),
    _es(
        "solo_pienso_en",
        "crisis",
        rf"\b{_SELF_METHOD}\b[^.!?;]{{0,20}}?\b(?:es lo unico (?:en )?(?:que|lo que) pienso|no se me quita de la "
        rf"cabeza)|\b(?:solo|siempre|todo el dia|no dejo de|no paro de) (?:pienso|pensar|pensando) en "
        rf"{_SELF_METHOD}\b",
    ),
    _es(
        "me_tiraria",
        "crisis",
        r"\bme (?:tiraria|tiro|voy a tirar) (?:por|de|del|desde) (?:la |el |un |una )?(?:ventana|puente|balcon|"
        r"azotea|tejado|edificio|las vias)\b",
    ),
    _es(
        "pastillas_listas",
        "crisis",
        rf"\btengo (?:las|mis|todas las|unas) (?:\w+ )?{_MEANS} (?:preparadas|preparados|listas|listos|contadas|"
        rf"guardadas|guardados)\b",
    ),
    _es(
        "pienso_en_usarla",
        "crisis",
        r"\b(?:pienso|pensando|pense|he pensado) en usarl[oa]s? conmigo\b|\busarl[oa]s? "
        r"contra mi\b",
    ),
    _es(
        "me_hago_cortes",
        "crisis",
        r"\bme (?:hago|hice|he hecho|estoy haciendo|sigo haciendo) (?:cortes|heridas|quemaduras)\b",
    ),
    _es(
        "ideas_suicidas",
        "crisis",
        r"\b(?:tengo|he tenido|tuve|vuelvo a tener|estoy teniendo|sigo teniendo) (?:otra vez |de nuevo |muchas )?"
        r"(?:ideas?|ideacion|pensamientos?) (?:suicidas?|de suicidio|de matarme|de quitarme la vida)\b|"
        r"\b(?:estoy|me siento) (?:muy )?suicida\b",
    ),
    _es(
        "no_quiero_vivir",
        "crisis",
        rf"\b(?:ya )?no {_F}(?:quiero|deseo) (?:seguir )?(?:vivir|viviendo|estar viv[oa])\b(?! (?:en|con|lejos|"
        rf"cerca|de alquiler|sol[oa]|aqui en)\b)",
    ),
    _es("plan_solo", "crisis", rf"^{_LEAD}{_PLAN}(?: (?:ya|hecho|listo|armado))? ?[.!?]*$", at_work="concern"),
    _es(
        "plan_con_intencion",
        "crisis",
        rf"{_PLAN}(?! (?:para|de|b|con|que|sobre)\b| ?:)[^:]{{0,60}}?\b(?:fecha|cuando|como|miedo|list[oa]|"
        rf"decidid[oa]|esta noche|manana|hacerlo|pastillas|medios)\b",
    ),
    _es("plan_sin_nombre", "concern", rf"{_PLAN}(?! (?:para|de|b|con|que|sobre)\b| ?:)", at_work="none"),
    _es(
        "todo_planeado",
        "crisis",
        r"\b(?:ya )?(?:lo )?tengo (?:todo |todo bien )?(?:planeado|planeada|pensado|decidido|decidida)\b"
        r"(?! (?:para|con|"
        r"el|la|lo)\b| ?:)",
        at_work="concern",
    ),
    _es(
        "se_como",
        "crisis",
        r"\b(?:ya )?se (?:exactamente )?como lo (?:haria|voy a hacer|hare)\b|\bya se (?:como|donde) y cuando\b",
    ),
    _es(
        "suficiente_para",
        "crisis",
        r"\bsuficientes? (?:\w+ ){0,5}?(?:para|como para) (?:no despertar(?:me)?|morir(?:me)?|matarme|hacerlo|"
        r"acabar con todo|quitarme la vida|pararme el corazon)\b",
    ),
    _es(
        "cuanto_haria_falta",
        "crisis",
        r"\bse (?:exactamente )?(?:cuanto|cuanta|cuantos|cuantas|que dosis|que cantidad) (?:de )?(?:\w+ ){0,2}?"
        r"(?:haria falta|necesitaria|me haria falta|bastaria|seria suficiente)\b|\bpararme el corazon\b",
    ),
    _es("para_mi", "crisis", rf"\b{_WORK}\b(?: \w+){{0,4}}? para mi\b(?! (?:\w+ )?(?:paciente|pacientes)\b)"),
    _es(
        "arma_conmigo",
        "crisis",
        r"\busar(?:la|lo|las|los)? (?:\w+ )?conmigo\b|\bapuntarme\b|\b(?:pegarme|darme) un tiro\b|\b(?:pistola|"
        r"arma) (?:en|contra) (?:la|mi) (?:cabeza|sien|boca)\b",
    ),
    _es(
        "cartas_de_despedida",
        "crisis",
        r"\b(?:escribi|escribiendo|escribo|he escrito|deje|dejare|voy a dejar) (?:una |unas |mis |la |las )?"
        r"(?:cartas?|notas?|mensajes?) de despedida\b|\b(?:cartas?|notas?) (?:\w+ ){0,4}?para (?:despues|cuando "
        r"(?:ya )?no este|cuando me vaya|cuando muera)\b",
    ),
    _es(
        "regalo_mis_cosas",
        "crisis",
        r"\b(?:regale|he regalado|estoy regalando|voy a regalar|he dado|di|regalando) (?:todas )?mis (?:cosas|"
        r"pertenencias|posesiones)\b",
    ),
    _es(
        "me_despido",
        "crisis",
        r"\bme despido de (?:todos|todas|ustedes|vosotros|mi familia|mis hijos)\b(?![^.!?;]{0,40}\b(?:me voy de|me "
        r"mudo|me cambio|vacaciones|hasta (?:el|manana|luego|pronto)|turno)\b)|\badios para siempre\b|"
        r"\besto es (?:un )?adios\b",
    ),
    _es(
        "me_corte",
        "crisis",
        r"\bme (?:volvi a |he vuelto a |vuelvo a |he estado |sigo |estoy )?(?:corte|cortado|cortando|cortar|corto|"
        r"queme|quemado|quemando|quemo|lastime|lastimado|lastimando|lastimo|hice dano|hecho dano|haciendo dano|"
        r"hago dano|autolesione|autolesionado|autolesionando|autolesiono)(?= ?[.!?;,]|$| (?:anoche|ayer|hoy|otra "
        r"vez|de nuevo|a proposito|adrede|a escondidas|(?:en )?(?:el|la|los|las|mis) (?:brazos?|piernas?|munecas?|"
        r"muslos?|piel|panza|abdomen)|yo mism[oa])\b)",
    ),
    _es(
        "pastillas",
        "crisis",
        # "Tomó" (hers) and "tomo" read alike once accents go: "tomo" counts only after "me".
        r"(?<!\bse )\b(?:me tomo|(?:me )?(?:tome|trague)|tomarme|tragarme) (?:un monton de|muchas|todas las|todas mis|"
        r"todos mis|todos los|un bote(?: entero)? de|un frasco(?: entero)? de|una caja(?: entera)? de|un punado de|"
        r"todo el (?:frasco|bote|blister) de|toda la caja de|"
        r"demasiadas|[1-9]\d) (?:\w+ )?(?:pastillas|medicamentos|pildoras|comprimidos|tabletas|clonazepam|rivotril|"
        r"alprazolam|tafil|paracetamol|tylenol|ibuprofeno|sertralina|quetiapina|zolpidem|lorazepam|diazepam|valium|"
        r"insulina|pastillas para dormir)\b",
    ),
    _es("no_estoy_a_salvo", "crisis", r"\bno estoy a salvo\b|\bmiedo de lo que (?:pueda|podria) hacerme\b"),
    # Concern: passive wishes, a burden, no way out, can't go on, means at hand.
    _es(
        "no_despertar",
        "concern",
        r"\b(?:ojala|quisiera|quiero|me gustaria|deseo|espero|rezo por) (?:a veces )?(?:no despertar(?:me)?|dormirme "
        r"y no despertar|morirme mientras duermo|no volver a despertar)\b|\bojala no (?:despertara|despierte|"
        r"amaneciera|amanecer|despertar)\b|\bdormir(?:me)? y no (?:despertar|volver a despertar)\b|\bya no quiero "
        r"(?:despertar|seguir aqui|existir)\b",
    ),
    _es(
        "pienso_en_la_muerte",
        "concern",
        r"\b(?:pienso|pensando|pense|he pensado|sueno) (?:mucho |a veces |siempre |cada dia )?en (?:la muerte|"
        r"morirme|morir|mi muerte|no despertar|desaparecer|mi funeral)\b",
    ),
    _es(
        "mejor_muerta",
        "concern",
        r"\b(?:seria|estaria|estaria yo) mejor (?:estar )?muert[oa]\b|\bojala (?:estuviera|estar) muert[oa]\b|"
        r"\b(?:quiero|quisiera|ojala pudiera) dormir(?:me)? para siempre\b|\bles haria un favor (?:a todos )?si "
        r"(?:me muriera|desapareciera|no estuviera)\b",
    ),
    _es(
        "sin_sentido_vivir",
        "concern",
        r"\bno vale la pena (?:vivir|seguir viviendo)\b|\b(?:la vida|mi vida|vivir) (?:ya )?no tiene (?:ningun )?"
        r"sentido\b|\bcuando (?:yo )?(?:ya )?no (?:este|exista)\b(?! (?:de|en|aqui (?:el|la|manana))\b)",
    ),
    _es(
        "que_todo_termine",
        "concern",
        r"\bquiero que (?:todo|esto|el dolor|todo esto) (?:se )?(?:termine|acabe|pare)\b|\bya no quiero seguir\b"
        r"(?! (?:en|con|trabajando|haciendo|aqui)\b)|\bya no (?:aguanto|puedo)(?= ?[.!?;,]|$)|\bnada tiene (?:sentido|"
        r"caso)\b|\b(?:ya )?no tiene (?:ningun )?caso (?:nada|vivir|seguir)\b",
        at_work="none",
    ),
    _es(
        "desaparecer",
        "concern",
        rf"\b(?:quiero|quisiera|me gustaria|ojala pudiera|deseo) {_F}(?:desaparecer|dejar de existir|no existir|"
        rf"no haber nacido)\b(?! (?:de|del|por|unos|unas|un|una|hoy|este|esta|el fin)\b)",
    ),
    _es(
        "ojala_me_pase_algo",
        "concern",
        r"\bojala (?:me )?(?:atropell\w+|choc\w+|muera|muriera|me muera|me muriera|me diera algo|me pasara algo|me "
        r"diera (?:un|una) (?:infarto|paro|derrame|ataque|cancer|enfermedad)|me (?:diagnosticaran|dieran) (?:un )?"
        r"cancer)\b",
    ),
    _es(
        "mejor_sin_mi",
        "concern",
        r"\b(?:todo )?(?:seria|serian|estarian|estaria) (?:\w+ ){0,2}?(?:mas facil|mejor|mas felices|"
        r"tranquil[oa]s)\b[^.!?;]{0,30}?\bsi (?:yo )?(?:no (?:existiera|estuviera|hubiera nacido)|me (?:muriera|"
        r"fuera para siempre)|desapareciera)\b|\b(?:estaria|estarian|estaran|estara|vivirian|viviria) "
        r"(?:\w+ ){0,2}?mejor sin mi\b",
    ),
    _es(
        "carga",
        "concern",
        r"\b(?:soy|me siento|me siento como) (?:solo |solamente |nada mas que )?(?:una|un) (?:carga|estorbo|"
        r"lastre)\b",
    ),
    _es(
        "sobro",
        "concern",
        r"\bsobro (?:en|aqui)\b|\bnadie me (?:echaria|extranaria) de menos\b|\bnadie (?:lo )?notaria si (?:me "
        r"muero|no estoy|desaparezco|me voy para siempre)\b",
    ),
    _es(
        "sin_salida",
        "concern",
        r"\bno (?:le )?(?:veo|encuentro|tengo) (?:ninguna |otra )?salida\b(?! (?:a|al|para|de) (?:este |esta |el |la )?"
        r"(?:problema|turno|trabajo|contrato|hospital)\b)",
    ),
    _es(
        "sin_sentido",
        "concern",
        r"\b(?:no le veo|no le encuentro|ya no le veo|ya no le encuentro|perdi el) (?:ningun )?sentido (?:a |de )?"
        r"(?:la vida|mi vida|vivir|seguir|nada|seguir viviendo)\b",
    ),
    _es(
        "cansada_de_vivir",
        "concern",
        r"\b(?:estoy|me siento) (?:muy |tan )?(?:cansad[oa]|hart[oa]|agotad[oa]) de (?:vivir|la vida|existir|"
        r"estar viv[oa]|mi vida)\b",
    ),
    _es(
        "sin_razones",
        "concern",
        r"\bno (?:tengo|encuentro|veo|me quedan) (?:ninguna |mas )?(?:razon|razones|motivos?) (?:para|por (?:la|"
        r"las|los|el) que) (?:seguir|vivir|levantarme|despertar)\b",
    ),
    _es("me_rindo", "concern", r"\bme (?:rendi|he rendido|rindo) (?:con|de) (?:la vida|vivir|todo)\b"),
    _es(
        "no_puedo_mas",
        "concern",
        r"\b(?:ya )?no (?:puedo|aguanto|soporto) mas\b(?= ?[.!?;,]|$| (?:de verdad|en serio|con (?:esto|todo|mi "
        r"vida)|ya)\b)",
        at_work="none",
    ),
    _es(
        "no_dejo_de_pensar",
        "concern",
        rf"\bno (?:dejo|paro) de (?:mirar|pensar en)(?:la|lo|las|los)? (?:\w+ ){{0,3}}?{_MEANS}\b|\b{_MEANS}\b"
        rf"[^.!?;]{{0,60}}?\bno (?:dejo|paro|puedo dejar) de (?:pensar en (?:eso|ella|ello|ellas|ellos)|mirarla|"
        rf"mirarlo|mirarlas|mirarlos)\b",
    ),
)

"""Regex pieces the crisis rules share: fillers, clinical context, means, wishes not to exist."""

from __future__ import annotations

# Every rule is written on normalised text: lowercase, single spaces, "do not", "can not", "want to", "i am".

# Fillers people put between the words of a phrase ("i want to just fucking die", "should i just end it").
# At most five: an unbounded run would make "so so so ..." quadratic.
FILLER = (
    r"(?:(?:i|just|really|so|literally|honestly|actually|seriously|genuinely|truly|kind of|sort of|lowkey|"
    r"fucking|freaking|effing|fr|tbh|ngl|like|all|even|still|already|sometimes|often|always|again|now|simply|"
    r"pretty much|basically|secretly|finally|totally|completely|constantly|very|a bit|a little) ){0,5}"
)
# Words after a crisis word that make it about work or patients ("suicide risk training", "suicidal pt").
CLINICAL = (
    r"(?! (?:\w+ )?(?:patients?|pts?|screen\w*|assess\w*|training|protocols?|precautions|risk|rates?|"
    r"prevention|awareness|hotline|consults?|evals?|evaluation|cases?|policy|module|lecture|talks?|watch|"
    r"holds?|unit|ward|research|stats|data|survivors?|loss|bereavement|kids?|teens?|adolescents?|people|"
    r"person|man|woman|guy|girl|boy|certificates?|certs?|pronounc\w*|notes? (?:on|for)|summar\w*|among|amongst|"
    r"in (?:the )?(?:ed|er|icu|residents|physicians|doctors|nurses|teens|adolescents|youth|veterans|clinicians|"
    r"students|patients|pts|kids|children|older adults|elderly)|in (?:\w+ )?\w+(?:ists|ians|eons|ents|ers|ees|ors))"
    r"\b)"
)
MEANS = (
    r"(?:pills|meds|tablets|medications?|tylenol|acetaminophen|insulin|potassium|kcl|propofol|fentanyl|morphine|"
    r"dilaudid|opioids|oxy|oxys|oxycodone|oxycontin|oxymorphone|xanax|ambien|benzos|sleeping pills|painkillers|digoxin|"
    r"sux|roc|vec|succinylcholine|rocuronium|air)"
)
DEATH_WISH = (
    r"(?:be dead|not be alive|stop existing|not exist|cease to exist|not be here anymore|disappear forever|"
    r"disappear for good|disappear|vanish|sleep forever|go to sleep forever|never wake up|not wake up)"
)
IF_GONE = (
    r"(?:if i (?:\w+ )?(?:died|die|was dead|were dead|was gone|were gone|was not (?:here|around|alive|in (?:it|their "
    r"lives|the picture))|were not (?:here|around|alive|in (?:it|their lives|the picture))|did not wake up|never woke "
    r"up|disappeared|vanished|went away for good|left for good|killed myself|ended it|got hit|crashed)|if (?:a|the|"
    r"some) (?:bus|truck|car|train) (?:hit|hits|ran over|runs over|took out|takes out) me|if something (?:happened to|"
    r"took) me|if my heart (?:stopped|gave out))\b"
)
NO_NEG = r"(?<!not )(?<!never )"

# "I can't do this anymore": a crisis only while "this" is left unnamed (see idioms.py).
CANT_DO_THIS = (
    rf"\bcan not {FILLER}(?:(?:do|take|handle|bear|stand|cope with|deal with|keep doing|"
    rf"survive)(?: {FILLER}(?:this|it|any of this|it all|this life|life))? {FILLER})?(?:anymore|any longer)\b|"
    rf"\bcan not {FILLER}(?:keep going|go on|carry on|keep living|live) like this\b|"
    rf"\b(?:do not think|not sure|no idea how|do not know (?:how|if)) i can {FILLER}(?:keep doing|keep going|"
    rf"keep living|go on|carry on|keep this up)(?: (?:this|it|with this|like this))?(?= ?[.!?;,]|$)"
)

# Drugs a clinician can reach at work. Insulin, potassium and over-the-counter pills are left out on purpose:
# clinicians take or give them for ordinary reasons ("insulin for myself" is a diabetic's day).
WORK_DRUGS = (
    r"(?:propofol|fentanyl|sux|succinylcholine|roc|rocuronium|vec|vecuronium|midazolam|versed|ketamine|"
    r"etomidate|morphine|dilaudid|hydromorphone|narcs|narcotics|opioids|opiates|pentobarbital|barbiturates|"
    r"potassium chloride|kcl)"
)
# Where those drugs are kept.
DRUG_PLACES = (
    r"(?:pyxis|omnicell|drug cabinet|drug cupboard|drug room|med room|medication room|med cart|crash cart|"
    r"narc(?:otic)?s? (?:cabinet|cupboard|drawer|box|room)|controlled drugs? (?:cabinet|cupboard))"
)
GUN = r"(?:gun|guns|pistol|handgun|revolver|rifle|shotgun|firearm|firearms|glock)"
# Any means at all: for rules that need one named somewhere in the message ("enough to do it").
ANY_MEANS = (
    rf"\b(?:{MEANS}|{WORK_DRUGS}|{DRUG_PLACES}|{GUN}|vials?|syringes?|insulin pens?|rope|noose|belt|razor|"
    rf"razors|blades?|bullets?|ammo|benadryl|diphenhydramine|amitriptyline|lithium|narcs|bottle of \w+|pill "
    rf"bottles?|bottles of pills|medicine cabinet)\b"
)
# The same as a pattern of its own (for `requires=`): top-level alternatives, so each can be gated.
NAMES_A_MEANS = (
    rf"\b{MEANS}\b|\b{WORK_DRUGS}\b|\b{DRUG_PLACES}\b|\b{GUN}\b|\b(?:vials?|syringes?|insulin pens?|rope|noose|"
    rf"belt|razor|razors|blades?|bullets?|ammo|benadryl|diphenhydramine|amitriptyline|lithium|narcs|pill bottles?|"
    rf"bottles of pills|medicine cabinet)\b|\bbottle of \w+"
)
# A time after my own death ("letters for after I'm gone"); "when I'm gone on leave" is travel, not this.
AFTER_ME = (
    r"(?:(?:after|when|once|for when|for after) i (?:am|have) (?:gone|dead|passed|passed away|not here|"
    r"not around)|(?:after|when|once) i (?:die|pass away|kill myself)|for after)"
    r"(?! (?:on|for|to|next|this|over|from|in|at|tomorrow|today|tonight|the|a|my)\b)"
)

"""Rules for lethal means within reach: drugs from work, firearms, and "enough to" do it.

Clinicians can reach what most people cannot: a Pyxis, propofol, potassium, a fentanyl waste. Naming
one is not a risk (that is the job); naming one for oneself, with a readiness, or with a dark pull is.
Means at hand with a dark mood and no stated intent ("my gun is in the nightstand and I keep looking at
it") is concern: the direct question decides.
"""

from __future__ import annotations

from handlers.safety.fragments import ANY_MEANS, DRUG_PLACES, GUN, MEANS, NAMES_A_MEANS, WORK_DRUGS
from handlers.safety.fragments import FILLER as _F
from handlers.safety.rule import concern, crisis, spread

_WORK = rf"(?:{WORK_DRUGS}|{DRUG_PLACES}|vials?)"
# What "enough" is enough for. The weak endings need a means named somewhere in the message.
_FATAL = (
    r"(?:die|end my life|not wake up|never wake up|stop my heart|stop my breathing|put myself to sleep forever|"
    r"go to sleep forever|end it all|make sure i do not wake up|finish me off|finish myself off|kill myself)"
)
_WEAK = r"(?:do it|end it|end things|be done|finish it|kill me|make it stop|go through with it)"
# Work talk about a drug, not a pull towards it ("the insulin drip", "the fentanyl count").
_NOT_A_PULL = (
    r"(?! (?:\w+ )?(?:pt|pts|patient|patients|case|cases|od|overdose|dose|doses|order|orders|drip|drips|"
    r"protocol|error|errors|discrepancy|count|policy|shortage|audit|waste|sliding)\b)"
)
_READY = (
    r"\b(?:in case i (?:decide|need|want|go through)|for when i am (?:finally )?ready|i (?:just )?(?:need|have) "
    r"to decide|i (?:think )?i know why|i know what (?:it is|they are|that is|i bought it|i took it) for|"
    r"(?:it is|they are|that is|this is|those are|these are) (?:all |just )?for me(?= ?[.!?;,]|$))"
)

_AND_I_DWELL = (
    r"\b(?:and|but) i (?:keep|kept|can not stop|could not stop) (?:thinking about|looking at|staring at|going back to|"
    r"holding) (?:it|them|that|those)\b"
)

MEANS_RULES = (
    crisis(
        "work_drug_for_me",
        rf"\b{_WORK}\b[^.!?;]{{0,60}}?\b(?:for|into|on) myself\b|\b{_WORK}\b[^.!?;]{{0,40}}?\bfor me\b"
        rf"(?! (?:to|and)\b)",
        requires=r"\bmyself\b|\bfor me\b",  # rarer than the drugs named in any shift's talk: looked for first
    ),
    crisis(
        "take_home",
        rf"\b(?:take|took|taking|taken|bring|brought|bringing|sneak|snuck|sneaking) (?:\w+ ){{0,2}}?home "
        rf"(?:\w+ ){{0,4}}?{_WORK}\b|\b(?:take|took|taking|taken|bring|brought|bringing|sneak|snuck|sneaking|"
        rf"pocket\w*|stash\w*|smuggl\w*) (?:\w+ ){{0,4}}?{_WORK}(?: \w+){{0,4}}? home\b",
    ),
    crisis(
        "kept_the_waste",
        r"\b(?:kept|keep|keeping|pocketed|pocketing|saved|saving|hid|hiding|stashed|stashing|took|taking) "
        r"(?:\w+ ){0,5}?(?:i (?:was )?supposed to (?:waste|return)|instead of wasting|from the waste|"
        r"that should have been wasted)\b",
    ),
    concern(
        "diverting",
        rf"\b(?:pocket\w*|stash\w*|divert\w*|squirrel\w* away|skimm\w*|keeping|kept|hoarding|hoarded|holding on to) "
        rf"(?:\w+ ){{0,3}}?{WORK_DRUGS}\b",
    ),
    crisis("enough_to_die", rf"\benough (?:\w+ ){{0,6}}?(?:to|that i could|so i could) {_F}{_FATAL}\b"),
    crisis("enough_to_do_it", rf"\benough (?:\w+ ){{0,6}}?to {_F}{_WEAK}\b", requires=NAMES_A_MEANS),
    crisis(
        "know_the_dose",
        rf"\bknow (?:exactly )?(?:how much|how many|what dose|which dose|what combination) (?:of )?"
        rf"(?:(?:my |the |our )?(?:{MEANS}|{WORK_DRUGS}) )?(?:\w+ ){{0,3}}?(?:it would take|would do it|would kill me|"
        rf"would stop my heart|to end it|to die|to kill myself|to not wake up|to stop my heart)\b|\bi know "
        rf"(?:exactly )?(?:which|what) (?:drugs?|meds?|medications?|combination)(?: and how (?:much|many)| would "
        rf"(?:do it|kill me|work))\b",
    ),
    crisis(
        "dose_that_would",
        r"\b(?:dose|doses|amount|how much|how many)\b[^.!?;]{0,40}?\b(?:would|will|could) (?:stop my heart|kill me|"
        r"end me|do it for me|be enough (?:to|for me to) (?:die|not wake up))\b",
    ),
    crisis(
        "lethal_dose",
        r"\b(?:researching|researched|googling|googled|looking up|looked up|searching|searched|reading about|"
        r"read about|calculating|calculated|worked out|figured out) (?:the )?(?:lethal|fatal|deadly) "
        r"(?:doses?|amounts?|levels?)\b(?! (?:of|for|in) (?:the|a|an|his|her|their|this|that|our|pt|pts|patient|"
        r"patients|kids?|children|dogs?|cats?)\b)",
        unless=r"\b(?:consult|patients?|pts?|cases?|tox\w*|poison control|exams?|boards|class|lecture|pharm\w*|"
        r"studying|nclex)\b",
    ),
    crisis(
        "what_i_would_need",
        r"\b(?:worked out|figured out|calculated|counted|know|knew) (?:exactly )?(?:what|how much|how many) "
        r"i would need\b",
        requires=NAMES_A_MEANS,
    ),
    crisis(
        "means_and_be_done",
        rf"\b(?:take|taking|took|swallow\w*|inject\w*|push\w*|use|using|grab|grabbing|pull|pulling) "
        rf"(?:\w+ ){{0,3}}?(?:{MEANS}|{WORK_DRUGS})(?: \w+){{0,5}}? and (?:just )?(?:be done|end it|not wake up|"
        rf"never wake up|go to sleep|be gone|check out|die)\b",
        requires=r"\b(?:be done|end it|wake up|go to sleep|be gone|check out)\b|\band (?:just )?die\b",
    ),
    crisis("means_kept_ready", spread(_READY), requires=NAMES_A_MEANS),  # spread: each phrasing gated alone
    # Firearms.
    crisis(
        "gun",
        rf"\b(?:{GUN}|barrel)\b[^.!?;]{{0,20}}?\b(?:to|in|into|against|under|at) my (?:head|mouth|temple|chin|chest|"
        rf"heart)\b|"
        rf"\bblow(?:ing)? my (?:own )?brains out\b|\beat(?:ing)? (?:a|my) (?:gun|bullet)\b|"
        rf"\bbullet (?:in|into|through) my (?:head|brain|skull)\b",
    ),
    crisis(
        "gun_in_hand",
        rf"\b{GUN} (?:\w+ ){{0,2}}?(?:in|on) my (?:lap|hand|hands|mouth)\b|\b(?:sat|sitting|sit|slept|sleeping|"
        rf"stayed up) (?:\w+ ){{0,3}}?with (?:my|the|a|his|her|our) (?:loaded )?{GUN}\b|\b(?:loaded|load|"
        rf"loading) (?:my|the|a|his|dad's|our) {GUN} and (?:sat|held|stared|looked|sitting|put)\b",
    ),
    crisis(
        "use_it_on_myself",
        r"\b(?:use|using|used|turn|turning|point|pointing|pointed) (?:it|them|that|the \w+|my \w+) (?:on|at) "
        r"myself\b",
        requires=NAMES_A_MEANS,
    ),
    concern(
        "bought_a_gun",
        rf"\b(?:bought|buying|buy|got|getting|purchased|picked up|ordered) (?:a|another|myself a|me a) "
        rf"(?:new )?{GUN}\b(?! (?:safe|safes|lock|locks|case|license|permit|cleaning)\b)(?! (?:for|to go) (?:hunting|"
        rf"deer|the range|target|sport|protection|my (?:husband|wife|"
        rf"son|dad)))",
        unless=r"\b(?:protection|self defen[cs]e|home defen[cs]e|break ins?|burglar\w*|intruders?|hunting|deer)\b",
    ),
    concern(
        "loaded_within_reach",
        rf"\b(?:a |my |the )?loaded (?:\w+ )?{GUN}\b[^.!?;]{{0,40}}?\b(?:within reach|in reach|next to (?:me|my bed)|"
        rf"by my bed|in my (?:nightstand|lap|bag|car|hand|drawer)|under my pillow)\b|\b(?:my|the) {GUN}\b"
        rf"[^.!?;]{{0,30}}?\b(?:is|stays|sits) loaded\b|\bkeep (?:my |the |a )?{GUN} loaded\b",
    ),
    crisis(
        "take_from_the_cabinet",
        rf"\b(?:take|grab|pull|get|use|steal) (?:what i (?:would )?need|enough|everything i need|what it takes) "
        rf"(?:from|out of) (?:the )?{DRUG_PLACES}\b",
    ),
    concern("cabinet_makes_it_easy", rf"\b{DRUG_PLACES}\b[^.!?;]{{0,40}}?\bwould make it (?:so )?easy\b"),
    concern("gun_out", rf"\b(?:took|take|taking|got|get|getting) (?:my|the|a|his|dad's) {GUN} out\b"),
    # A pull towards means at hand, with no intent said.
    concern(
        "dwelling_on_means",
        rf"(?:^|\bi )(?:just |still |really )?(?:keep|kept|have been|can not stop|could not stop) (?:\w+ ){{0,2}}?"
        rf"(?:thinking about|staring at|looking at|eyeing|picturing|holding) (?:[\w']+ ){{0,3}}?{ANY_MEANS}"
        rf"{_NOT_A_PULL}",
        marked=True,  # "i keep thinking about my dad's gun": the subject is in the pattern, the dad is not it
        requires=NAMES_A_MEANS,  # looked up once, word by word: far cheaper than the long list scanned here
    ),
    concern(
        "means_then_dwelling",  # "my husband's rifle is in the garage and i can't stop thinking about it"
        rf"{ANY_MEANS}(?: [\w']+){{0,8}}? {_AND_I_DWELL}",
        marked=True,
        requires=_AND_I_DWELL,  # rarer than a means named: looked for first
    ),
    concern(
        "lingering_at_the_edge",
        r"\bi (?:keep |kept |have been )?(?:driving|walking|going|stopping|parking) (?:past|over|on|to|at|by) (?:the|"
        r"a) (?:bridge|overpass|parking (?:garage|deck)|roof|ledge|train tracks|tracks)\b[^.!?;]{0,40}?\b(?:slowing "
        r"down|pulling over|stopping|looking down|looking over|staring down)\b|\b(?:stop|stopped|pull over|pulled "
        r"over) (?:on|at) (?:the|a) (?:bridge|overpass|ledge) (?:and|to) (?:stare|look) (?:down|over)\b",
        first_person=True,
    ),
    concern(
        "counting_pills",
        rf"\b(?:counted|counting|count|lined up|lining up|laid out|laying out) (?:out )?(?:all )?my (?:\w+ )?{MEANS}\b"
        r"(?! (?:for|into|in) (?:my |the |a )?(?:pill ?box|organi[sz]er|week|refill|pharmacy)\b)",
    ),
    concern("how_easy", r"\bhow easy it would be\b|\bit would be (?:so )?easy to\b", requires=NAMES_A_MEANS),
    concern(
        "means_scare_me",
        r"\bknow (?:exactly )?(?:how much|what|where)\b[^.!?;]{0,60}\b(?:scares|frightens|worries) me\b",
        requires=NAMES_A_MEANS,
    ),
    concern(
        "looking_down",
        r"\b(?:stood|standing|stand|sat|sitting|leaning) (?:\w+ ){0,4}?(?:on|at|over) (?:the|a|my) (?:edge|ledge|"
        r"balcony|roof|rooftop|bridge|railing|top floor)\b[^.!?;]{0,40}?\b(?:looking down|looked down|"
        r"staring down|for a long time)\b",
    ),
    crisis(
        "drive_off_it",
        r"\b(?:drive|driving|drove|swerve|swerving|steer|steering|veer|veering|jump|jumping) (?:\w+ ){0,2}?off "
        r"(?:it|of it|the edge|the side)\b",
        requires=r"\b(?:bridge|overpass|cliff|roof|edge|road|highway|ledge|parking (?:garage|deck))\b",
    ),
)

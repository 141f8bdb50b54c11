"""Combination rules (English): two concepts from concepts.py, near each other, told by the writer.

The pairings, and why each is what it is:
- ATTEMPT (crisis): an amount no one takes by mistake, "of my own" pills; or an amount, a crash or an
  overdose with what came after (woke up, found me, the ER) or what says it was meant (on purpose, nobody
  knows, like nothing happened). A car left running in a closed garage, told of oneself.
- SELF_HARM (crisis): hurting one's body or hitting a wall, with "on purpose", "until it bled", "to feel
  something". An accident named anywhere (slipped, on the oven) drops it.
- MEANS AT WORK (crisis): a drug or a cabinet from work with what turns it towards the writer ("would do it",
  "for someone my weight", "enough for me", "just in case"); with a low mood only (concern).
- FIREARM (crisis): a gun "for me", "not for protection", or readied (loaded, taken out of the safe, put in
  the car) "just in case"; a gun beside a low mood (concern). Hunting, the range, burglars drop the
  readiness pairing.
- FAREWELL (crisis): an act of settling up (gave my things, left my cat, passwords, loose ends, a call to
  say goodbye) with what makes it final ("I won't be needing them", "before I go", "she'll keep her
  after"). A move, a trip, a new job or surgery named anywhere drops it.
- SUICIDE APPRAISED (crisis): "suicide" (or "killing myself", "ending it") with a first-person appraisal
  ("feels like the only answer", "is all I think about", "my mind keeps going to"); clinical words after
  it ("suicide risk"), or an appraisal about others ("the only option for some patients"), drop it.
- PLAN (crisis): a plan made or ready, or the details worked out, with nothing naming it as work or as
  someone else's ("for the patient", "with my manager", "plan:"); beside work talk it asks (concern).

Trade-offs: pairings that stand for a past act (an attempt, self-harm, a farewell) need the writer named
somewhere (`first_person`): clinicians chart with the subject dropped ("drove into the median on purpose
per EMS"). The speaker check (scan.py) still applies, so "pt's husband keeps a loaded revolver in the
glovebox" stays quiet. The cost is a disclosure written with no "I" or "my" anywhere; the phrase rules
still catch the explicit ones. "I keep a gun just in case" is read as a readied means and fires: a
gun owner saying so to a well-being bot gets one kind question or the crisis card, which we accept.
"""

from __future__ import annotations

from handlers.safety.concepts import (
    ACCIDENT,
    AFTERMATH,
    APPRAISAL,
    CARBON_MONOXIDE,
    CRASHED,
    DARK_MOOD,
    DEATH_EVENT,
    DEPARTURE,
    FAREWELL_GIVEN,
    FAREWELL_SETTLED,
    FINAL,
    FOR_ME,
    GUN,
    GUN_HIDDEN,
    GUN_MINE,
    GUN_READIED,
    HARM_ACT,
    HARM_MEANT,
    HOME_DRUGS,
    IN_CASE,
    LOW_MOOD,
    MEANT,
    MIND_ON,
    NOT_FOR_OTHERS,
    PASSIVE_FRAME,
    PLAN_DETAILS,
    PLAN_MADE,
    PLAN_MEANT,
    PLAN_NAMED,
    PLAN_STATE,
    PREPARED,
    PREPARED_WORDS,
    PROTECTION,
    SUICIDE,
    TOOK_AMOUNT,
    WORK_MEANS,
)
from handlers.safety.fragments import CLINICAL
from handlers.safety.fragments import FILLER as _F
from handlers.safety.rule import Rule, near, spread


def crisis(name: str, pattern: str, **options) -> Rule:
    """A pairing at crisis: the subject is looked for before it (rule.py)."""
    return Rule(name, "crisis", pattern, subject_before=True, **options)


def concern(name: str, pattern: str, **options) -> Rule:
    return Rule(name, "concern", pattern, subject_before=True, **options)


def pair(level: str, name: str, first: str, second: str, gap: int, **options) -> Rule:
    """`first` near `second`; the message must hold `second` somewhere, checked once and cheaply (spread)."""
    make = crisis if level == "crisis" else concern
    requires = options.pop("requires", spread(second))
    return make(name, near(first, second, gap, ordered=options.pop("ordered", False)), requires=requires, **options)


_SOFT = r"(?:arms?|forearms?|wrists?|thighs?|skin|hips?|stomach|belly)\b"  # not legs: a razor to the legs shaves them
_TRIED = r"\bi (?:tried|attempted|went through with it)\b(?= ?[.!?;,]|$| (?:last|on|over|this|again|once|twice)\b)"
_OVERDOSED = r"\b(?:overdosed|od'd|oded|overdosing)\b"
_MY_DRUGS = rf"\b(?:of|on) my (?:own )?(?:\w+ )?{HOME_DRUGS}\b"

CONCEPT_RULES = (
    # ATTEMPT
    crisis(
        "took_my_own",
        rf"{TOOK_AMOUNT} (?:\w+ ){{0,2}}?(?:of |on )?my (?:own )?(?:[\w']+ ){{0,2}}?{HOME_DRUGS}\b|\b(?:took|swallowed|"
        r"downed|downing) my (?:whole|entire) (?:\w+ )?(?:prescription|supply|bottle|stash)\b",
        requires=r"\bmy\b",
        first_person=True,
    ),
    # An amount of pills, said by the writer ("i swallowed 60 tylenol friday night").
    crisis(
        "took_an_amount",
        rf"{TOOK_AMOUNT} (?:of )?(?:the |those |these |a bottle of |my |her |his )?(?:[\w']+ ){{0,2}}?{HOME_DRUGS}\b",
        writer_named=True,
    ),
    crisis(
        "i_overdosed",
        r"\bi (?:have |had |just |actually )?(?:overdosed|od'd|oded)\b(?! (?:a|the|my|him|her|them|our|his|their|"
        r"patient|pt)\b)",
    ),
    crisis("aimed_the_car", r"\b(?:aimed|pointed) (?:my|the) (?:car|truck|suv|van) (?:at|toward|towards|into)\b"),
    crisis(
        "rope_tied",
        r"\b(?:hung|hanging|tied|tying|put up|threw|set up|rigged) (?:up )?(?:a|the|my) (?:rope|belt|cord|noose|"
        r"extension cord)\b[^.!?;]{0,40}?\b(?:garage|beam|rafters?|tree|closet|ceiling|door|fan|railing|shower|"
        r"stairs|bannister|banister|hook)\b",
        first_person=True,
    ),
    pair("crisis", "took_and_after", TOOK_AMOUNT, AFTERMATH, 90, first_person=True),
    pair("crisis", "took_and_meant", TOOK_AMOUNT, MEANT, 90, first_person=True),
    pair("crisis", "crashed_and_meant", CRASHED, MEANT, 60, first_person=True),
    pair("crisis", "overdosed_and_after", _OVERDOSED, AFTERMATH, 60, first_person=True),
    pair(
        "crisis",
        "overdosed_and_meant",
        _OVERDOSED,
        f"(?:{MEANT}|{_MY_DRUGS})",
        60,
        requires=f"{spread(MEANT)}|{_MY_DRUGS}",
        first_person=True,
    ),
    # "Last night i tried. it didn't work": the act left unnamed, with what came after or what says it was meant.
    pair("crisis", "tried_and_after", _TRIED, f"(?:{AFTERMATH}|{MEANT})", 80, writer_named=True),
    pair("crisis", "injected_and_meant", r"\binjected myself\b", MEANT, 60),
    # What came after names the writer itself ("they pumped my stomach"): no subject to look for.
    pair("crisis", "after_and_meant", AFTERMATH, MEANT, 60, first_person=True, marked=True),
    crisis("car_in_the_garage", CARBON_MONOXIDE, first_person=True),
    # SELF_HARM
    pair("crisis", "harm_meant", HARM_ACT, HARM_MEANT, 50, first_person=True, unless=ACCIDENT),
    crisis(
        "blade_to_my_body",
        rf"\b(?:razor|razor blade|blade|scalpel|knife|lighter|scissors|broken glass|needle) (?:to|into|across|"
        rf"on|against) my (?:own )?{_SOFT}|\b(?:dug|dig|digging|dragged|pressed|carved|cut|sliced|scraped) "
        rf"(?:into |across |at )?my (?:own )?{_SOFT} with (?:a|the|my|some) (?:\w+ )?(?:razor|blade|scalpel|"
        r"knife|lighter|scissors|glass|needle|pin)\b",
        unless=ACCIDENT,
    ),
    # MEANS AT WORK
    pair("crisis", "work_means_for_me", WORK_MEANS, FOR_ME, 80, first_person=True),
    pair("concern", "work_means_dark", WORK_MEANS, DARK_MOOD, 80, first_person=True, marked=True),
    # FIREARM
    pair("crisis", "gun_for_me", GUN, GUN_MINE, 100, first_person=True),
    pair(
        "crisis",
        "gun_readied",
        GUN_READIED,
        f"(?:{IN_CASE}|{GUN_MINE}|{GUN_HIDDEN})",
        100,
        requires=GUN,  # "put my bag in the car, just in case" is not this: a gun must be named
        first_person=True,
        unless=PROTECTION,
    ),
    pair("concern", "gun_in_case", GUN, IN_CASE, 60, first_person=True, unless=PROTECTION),
    concern("gun_at_hand", GUN_READIED, requires=GUN, first_person=True, unless=PROTECTION),
    crisis(
        "gun_to_my_head",
        r"\b(?:put|putting|hold|holding|held|press|pressing|pressed|point|pointing|pointed) (?:it|the barrel|the gun|"
        r"the muzzle) (?:in|to|against|at|under|into) my (?:mouth|head|temple|chin|chest)\b",
        requires=GUN,
    ),
    pair("concern", "gun_and_low_mood", GUN, LOW_MOOD, 80, first_person=True),
    # FAREWELL
    pair("crisis", "farewell_final", FAREWELL_GIVEN, FINAL, 120, first_person=True, unless=DEPARTURE),
    pair("crisis", "affairs_settled", FAREWELL_SETTLED, FINAL, 120, first_person=True, unless=DEPARTURE),
    crisis(
        "goodbye_call",
        r"\bcalled (?:my )?(?:\w+ ){1,2}(?:just )?to say goodbye(?= ?[.!?;]|$)",
        unless=DEPARTURE,
    ),
    # SUICIDE APPRAISED
    crisis("suicide_appraised", rf"{SUICIDE}{CLINICAL} {_F}{APPRAISAL}\b{NOT_FOR_OTHERS}", requires=spread(APPRAISAL)),
    crisis("mind_on_suicide", rf"{MIND_ON} {_F}(?:my own )?{SUICIDE}{CLINICAL}"),
    # PASSIVE: a wish that death would happen ("wouldn't mind if the car crashed on the way in")
    pair("concern", "passive_event", PASSIVE_FRAME, DEATH_EVENT, 50, ordered=True),
    # PLAN
    crisis(
        "plan_meant",
        rf"{PLAN_MADE}(?!{PLAN_NAMED})[^:]{{0,100}}?{PLAN_MEANT}",
        requires=spread(PLAN_MEANT),
        at_work="concern",
    ),
    crisis("plan_ready", rf"{PLAN_STATE}(?!{PLAN_NAMED})", at_work="none"),
    pair(
        "crisis",
        "prepared_and_meant",
        f"{PREPARED}(?!{PLAN_NAMED})",
        PLAN_MEANT,
        100,
        requires=PREPARED_WORDS,
        at_work="concern",
    ),
    concern(
        "prepared",
        r"\b(?:(?:got|have|had) (?:everything|it all|it) (?:all )?(?:lined up|arranged|in place|planned|finali[sz]ed)|"
        rf"(?:everything|it all) is (?:all )?(?:lined up|arranged|in place|planned|finali[sz]ed)|planned it (?:all|out|"
        rf"carefully))\b(?!{PLAN_NAMED})",
        at_work="none",
    ),
    # "The only way out is to die", "thinking of ways to die that would look natural".
    crisis(
        "only_way_out_is_death",
        r"\bthe only (?:way out|answer|option|solution|escape|way|thing left)(?: left| i (?:can )?see)? (?:is|left is|"
        r"would be) (?:to die|dying|death|suicide|to kill myself|killing myself|to end it|ending it|to not be here)\b",
    ),
    crisis(
        "ways_to_die",
        r"\b(?:thinking (?:of|about)|thought (?:of|about)|researching|looking (?:at|for|up)|planning|figuring out|"
        r"googling|reading about|making a list of) (?:\w+ )?(?:ways|methods|how) to (?:die|kill myself|end it|end my "
        r"life)\b",
    ),
    crisis(
        "wish_made_real",
        r"\b(?:never wake up|not wake up|be dead|die|disappear|not exist)\b[^.!?;]{0,40}?\b(?:going to|gonna|i will|i "
        r"am going to) (?:make (?:it|that) happen|do it|make sure of it|see to it)\b",
    ),
    crisis("plan_details", rf"{PLAN_DETAILS}(?!{PLAN_NAMED})", at_work="concern"),
)

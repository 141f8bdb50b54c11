"""Crisis rules for self-harm, present and past ("I cut again last night"), and for a recent attempt."""

from __future__ import annotations

from handlers.safety.fragments import CLINICAL
from handlers.safety.fragments import FILLER as _F
from handlers.safety.rule import leveled

_BODY = (
    r"(?:arms?|forearms?|upper arms?|legs?|thighs?|wrists?|skin|hips?|stomach|belly|ankles?|shoulders?|chest|"
    r"calves)"
)
# After the body part: how people describe an accident ("burned my arm on the oven").
_ACCIDENT = (
    r"(?! (?:on|at|against|while|during|in the (?:door|car door|kitchen|garden|drawer)|with (?:a|the) (?:door|oven|"
    r"stove|pan|iron|box|car door|"
    r"curling)|by accident|accidentally|cooking|making|shaving|moving|lifting|playing|running|working|baking|"
    r"ironing|gardening|opening|reaching|trying to)\b)"
)
# Verbs that are self-harm on their own, and verbs that need more to say so ("scratched my arm" is a bite).
_CUT = r"(?:cut|cutting|carved|carving|sliced|slicing|burned|burnt|burning|stabbed|stabbing)"
_HIT = r"(?:scratch|scratched|scratching|scraped|scraping|hit|hitting|punch|punched|punching|bang|banged|banging|bit|biting|pinched|pinching|clawed|clawing)"  # noqa: E501
_UNTIL = r"\b(?:until|till|on purpose|so hard|raw|to feel|to punish|over and over|bled|bleed|bruised|bruise)\b"

HARM_RULES = leveled(
    "crisis",
    (
        (
            "harm_myself",
            rf"\b(?:hurt|hurting|harm|harming|harmed|cut|cutting|burn|burning|burned|burnt|scratch|scratching|"
            rf"scratched|hit|hitting|punch|punched|punching|slap|slapped|slapping|beat|beating) {_F}myself\b",
        ),
        ("self_harm", rf"\bself (?:harm|harming|harmed|injur\w*|mutilat\w*)\b{CLINICAL}"),
        (
            "cutting_again",
            rf"\b(?:started|start|been|keep|kept|back to|relapsed|urges? to|want to|going to|"
            rf"thinking about) {_F}(?:cutting|cut|burning|self harming) {_F}(?:again|myself)\b|(?:^|\bi |\band |"
            rf"[.!?;,] ){_F}(?:cut|cutting|burned|burnt|burning|self harmed|self harming|hurt myself) "
            rf"(?:myself )?again\b",
        ),
        (
            "cut_when",
            r"\bi (?:cut|burned|burnt) (?:for the first time|again|last night|yesterday|tonight|this (?:morning|week)|"
            r"after (?:work|my shift|the shift|the code))\b|\bi (?:have been|was|started|keep|have started) "
            r"(?:cutting|self harming|burning myself)\b(?! (?:back|down|corners|out|costs|the|my|it|through|in|off|"
            r"ties|hours|class|school)\b)|\b(?:fresh|new) (?:cuts|scars|burns) on my\b",
        ),
        ("relapsed", r"\brelapsed (?:and|into|with|on) (?:\w+ )?(?:cut|cutting|self harm\w*|burning|hurting myself)\b"),
        ("wrists", r"\b(?:slit|slitting|slash|slashing|cut|cutting|open) (?:open )?my (?:\w+ )?wrists?\b"),
        ("cut_my_body", rf"\b{_CUT} (?:up )?(?:into )?my (?:own )?(?:\w+ )?{_BODY}\b{_ACCIDENT}"),
        (
            "hit_my_body",
            rf"\b{_HIT} (?:myself|my (?:own )?(?:\w+ )?(?:{_BODY}|head))\b{_ACCIDENT}[^.!?;]{{0,40}}?{_UNTIL}",
        ),
        (
            "urge_to_cut",
            r"\burges? to (?:cut|self harm|hurt myself|burn myself)\b(?! (?:back|down|corners|out|in|through|the|"
            r"my|a|it|costs|hours|him|her|them|someone|people|off|ties|loose)\b)",
        ),
        # A recent attempt.
        (
            "attempted",
            r"\bi (?:have )?(?:attempted|made an attempt|made a suicide attempt)\b(?! (?:to|the|a|an|it|that|this|"
            r"my|cpr|\w+ing)\b)",
        ),
        (
            "my_attempt",
            r"\bmy (?:last |first |second |third |previous |recent |most recent |own )?(?:suicide )?attempt\b"
            r"(?! (?:at|to|on|in the|of)\b)",
        ),
        ("what_i_did", r"\bwhat i (?:did|tried to do|have done|almost did) to myself\b"),
        (
            "on_purpose",
            r"\b(?:overdos\w*|od|oded|took \w+ (?:\w+ )?(?:pills|meds)|swallowed \w+ (?:\w+ )?(?:pills|meds)) "
            r"(?:\w+ )?on purpose\b",
        ),
    ),
)

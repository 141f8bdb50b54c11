"""Crisis rules for plans and means: overdoses, pills, jumping, crashing, guns, ropes, ending it."""

from __future__ import annotations

from handlers.safety.fragments import FILLER as _F
from handlers.safety.fragments import MEANS, NO_NEG

# Each rule is (name, pattern); safety.py compiles them all once. `_F` is FILLER, short so a pattern
# still reads as the phrase it catches.
PLAN_RULES: tuple[tuple[str, str], ...] = (
    # Plans and means.
    (
        "overdose",
        rf"{NO_NEG}\b(?:want|going|plan|planning|planned|ready|thinking about|thinking of|thought about|"
        rf"thought of|tempted|could|might|will|would|should|urge|urges|tried|try|trying|decided|about|"
        rf"considered|considering) {_F}(?:to )?{_F}(?:overdose|od|overdosing|oding)\b",
    ),
    ("on_purpose", r"\b(?:overdos\w*|od|oded|took \w+ (?:\w+ )?(?:pills|meds)) (?:\w+ )?on purpose\b"),
    (
        "giving_things_away",
        r"\b(?:give|giving|gave|given) away (?:all )?(?:of )?my (?:stuff|things|belongings|possessions|pets|"
        r"cat|dog)\b(?! (?:before|because|since|for|to make room|as i))",
    ),
    (
        "means_ready",
        rf"\b(?:have|got|put|laid) (?:the|my|all the|all my|enough) {MEANS} (?:ready|lined up|counted out|"
        rf"in front of me|next to me|on the table|laid out)(?= ?(?:[.!?;,]|$)| (?:tonight|now|and i)\b)",
    ),
    (
        "take_all_pills",
        rf"\b(?:take|taking|took|swallow|swallowing|swallowed|down|downing|downed) {_F}(?:all|a bunch|"
        rf"a handful|handfuls|a bottle|the bottle|the whole bottle|whole bottle|every single one|enough|"
        rf"a fistful) (?:of )?(?:my |the |those |these |our )?(?:\w+ )?{MEANS}\b",
    ),
    (
        "hoard_means",
        rf"\b(?:stockpil\w*|saving up|hoarding|stashing) (?:my |some |the |extra |"
        rf"all my )?(?:\w+ )?{MEANS}\b",
    ),
    (
        "enough_means",
        rf"\b(?:have|got|saved|collected|"
        rf"stocked) (?:up )?enough (?:\w+ ){{0,2}}?{MEANS} (?:at home )?to (?:do it|end it|end things|die|"
        rf"kill me|kill myself|not wake up|never wake up|od|overdose|make it stop)\b",
    ),
    (
        "know_the_dose",
        rf"\bknow (?:exactly )?(?:how much|how many|what dose|which dose|what combination) (?:of )?(?:(?:my |"
        rf"the |our )?{MEANS} (?:\w+ ){{0,3}}?it would take|(?:(?:my |the |"
        rf"our )?{MEANS} )?(?:\w+ ){{0,3}}?(?:would do it|would kill me|to end it|to die|to kill myself|"
        rf"to not wake up))\b",
    ),
    (
        "inject_myself",
        rf"\b(?:inject|injecting|push|pushing|draw up|drawing up|give|giving|hang|hanging) {_F}(?:some |"
        rf"a (?:vial|syringe|bag|bottle|bunch) of |enough |a lot of )?{MEANS} {_F}"
        rf"(?:into|in|on|to) myself\b",
    ),
    (
        "jump_from",
        rf"\b(?:jump|jumping|leap|leaping|throw myself|throwing myself|fling myself) {_F}(?:off|from|"
        rf"out of) (?:a |the |my |our |this |that |some |an )?(?:\w+ ){{0,2}}?(?:bridge|roof|rooftop|"
        rf"building|balcony|cliff|window|ledge|overpass|tower|helipad|parking (?:garage|deck|structure)|"
        rf"top floor)\b",
    ),
    (
        "in_front_of",
        rf"\b(?:jump|jumping|step|stepping|walk|walking|throw myself|throwing myself|lie down|lay down|"
        rf"lying down) {_F}(?:in front of|under) (?:a |the |an |some |oncoming )?(?:\w+ )?(?:train|bus|truck|"
        rf"car|traffic|semi|subway|lorry|tram)\b|\b(?:walk|walking|step|stepping|run|running|jump|"
        rf"jumping) into (?:oncoming )?traffic\b",
    ),
    (
        "crash_the_car",
        rf"(?<!almost )(?<!nearly )\b(?:crash|crashing|wreck|wrecking|drive|driving|swerve|swerving|steer|"
        rf"steering|veer|veering) {_F}(?:my car |the car )?(?:into|off) (?:a |the |an |"
        rf"some )?(?:oncoming )?(?:\w+ )?(?:traffic|tree|wall|bridge|river|cliff|pole|median|barrier|lake|"
        rf"ocean|sea|ditch|overpass|embankment|train|guardrail|semi|road|highway)\b|"
        rf"\bcrash(?:ing)? my car on purpose\b",
    ),
    (
        "gun",
        r"\b(?:gun|pistol|barrel|revolver|rifle) (?:to|in|into|against) my (?:head|mouth|temple|chin|"
        r"chest)\b|\bblow(?:ing)? my (?:own )?brains out\b|\beat(?:ing)? (?:a|my) (?:gun|bullet)\b|"
        r"\bbullet (?:in|into|through) my (?:head|brain|skull)\b",
    ),
    (
        "noose",
        r"\b(?:tie|tied|tying|bought|buy|buying|made|making|make|got|set up) (?:up )?(?:a |the |"
        r"my )?(?:noose|rope to hang)\b",
    ),
    (
        "end_it",
        rf"{NO_NEG}\b(?:want|going|plan|planning|ready|tempted|thinking about|thinking of|thought about|"
        rf"thought of|could|should|might|will|would|decided|urge|urges|about|considering|close to|need|"
        rf"trying) {_F}(?:to )?{_F}(?:end|ending) (?:it all|everything|things|it|my suffering|the suffering|"
        rf"this life|it for good|my existence)\b",
    ),
    (
        "end_it_all",
        r"\bend(?:ing|ed)? it all\b|\bend(?:ing)? everything\b(?! (?:on|at|by|with|early)\b)|\bend (?:my|"
        r"this) (?:suffering|existence|life)\b",
    ),
    (
        "not_safe_with_myself",
        r"\bcan not keep myself safe\b|\b(?:not sure|do not think|do not know if|unsure if|"
        r"doubt) (?:that )?i (?:can|could|will) (?:\w+ )?keep myself safe\b|\bnot (?:feel )?safe (?:with|"
        r"from|around|by) myself\b|\bwhat i (?:might|will|could|would) do to myself\b|\b(?:scared|afraid|"
        r"worried) i (?:might|will|could|would) (?:hurt|kill|harm) myself\b",
    ),
)

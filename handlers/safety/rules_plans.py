"""Crisis rules for plans and methods: overdoses, pills, jumping, crashing, ropes, ending it, and a plan itself."""

from __future__ import annotations

from handlers.safety.fragments import FILLER as _F
from handlers.safety.fragments import MEANS, NO_NEG
from handlers.safety.rule import concern, crisis, leveled

METHOD_RULES = leveled(
    "crisis",
    (
        (
            "overdose",
            rf"{NO_NEG}\b(?:want|going|plan|planning|planned|ready|thinking about|thinking of|thought about|"
            rf"thought of|tempted|could|might|will|would|should|urge|urges|tried|try|trying|decided|about|"
            rf"considered|considering) {_F}(?:to )?{_F}(?:overdose|od|overdosing|oding)\b",
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
            rf"\b(?:stockpil\w*|saving up|saved up|hoarding|hoarded|stashing|stashed) (?:\w+ ){{0,3}}?{MEANS}\b",
        ),
        (
            "enough_means",
            rf"\b(?:have|got|saved|collected|"
            rf"stocked) (?:up )?enough (?:\w+ ){{0,2}}?{MEANS} (?:at home )?to (?:do it|end it|end things|die|"
            rf"kill me|kill myself|not wake up|never wake up|od|overdose|make it stop)\b",
        ),
        (
            "inject_myself",
            rf"\b(?:inject|injecting|push|pushing|draw up|drawing up|give|giving|hang|hanging|run|running) {_F}"
            rf"(?:\w+ ){{0,3}}?{MEANS}(?: \w+){{0,2}}? (?:into|in|on|to) (?:myself|my (?:own )?(?:iv|line|arm|veins?|"
            rf"port|picc))\b|\b(?:inject|injecting|injected|push|pushing|pushed) (?:myself|me) with "
            rf"(?!(?:my |some |more )?insulin\b)",
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
            "walk_into_the_sea",
            rf"\b(?:should|could|want to|going to|thinking about|thought about|ready to|might|wish i could|"
            rf"urge to) {_F}(?:walk|walking|swim|swimming|wade|wading) (?:out )?(?:into|to) (?:the )?(?:ocean|"
            rf"sea|lake|river|water)\b(?! (?:on|for|with|this|next|when|after))",
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
            rf"trying|tried|attempted|so i can|so i could|so that i can) {_F}(?:to )?{_F}(?:end|ending) (?:it all|"
            rf"everything|things|it|my suffering|the suffering|this life|it for good|my existence)\b",
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
            r"worried) i (?:might|will|could|would) (?:hurt|kill|harm) myself\b|\bi am not safe(?: (?:tonight|"
            r"right now|now|today|at home|alone|to be alone|by myself))?(?= ?[.!?;,]|$)",
        ),
        (
            "looked_up_how",
            rf"\b(?:googled|googling|looked up|looking up|researched|researching|searched|searching|read up on|"
            rf"reading up on) (?:how (?:much|many) (?:of )?(?:my |the )?{MEANS} (?:it )?(?:takes|would take|"
            rf"to die|to kill)\b(?! to (?:cause|reach|treat|get|hit|see|work))|(?:painless |easy |quick |"
            rf"quickest |easiest |best )?ways to (?:die|end it)\b|how to (?:die|end it)\b(?! with))",
        ),
    ),
)

# A plan with nothing named: the plan is the message ("I have a plan."), or comes with what makes it one.
_PLAN = (
    r"\bi (?:have|have got|got|have made|made|have finally made|now have|already have|finally have|"
    r"have come up with|came up with) (?:a|my) plan\b"
)
# What makes a plan someone else's business: "for the patient", "to take a vacation", "if she crashes".
_BENIGN = (
    r"(?! (?:for (?!how|when|it\b|this\b|that\b|tonight\b)|to (?!do it|go through|end|die|kill|not wake|never wake)|"
    r"b|a|is|was|in place|with|about|if|on|at|that|where|of|and a backup)\b| ?[:-]|[^.!?;:]{0,25}:)"
)
_LEAD = r"(?:(?:honestly|i think|so|ok|okay|well|and|but|yes|yeah|yep|now|just|ngl|tbh|fr|finally) )*"
_INTENT = (
    r"\b(?:scared|afraid|relief|relieved|ready|decided|decide|when|date|means|how|tonight|goodbye|end it|do it|"
    r"for real|this time|go through with it|nobody knows|no one knows|peace|calm)\b"
)
PLAN_RULES = (
    crisis(
        "plan_bare",
        rf"^{_LEAD}{_PLAN}(?: (?:now|already|finally|this time|tonight|ready|honestly|tbh|fr))* ?[.!?]*$",
        at_work="concern",
    ),
    crisis("plan_with_intent", rf"{_PLAN}{_BENIGN}[^:]{{0,80}}?{_INTENT}"),
    concern("plan_unnamed", rf"{_PLAN}{_BENIGN}", at_work="none"),
    crisis(
        "planned_out",
        r"\b(?:i have|i|have|got) (?:got )?(?:it|everything|it all) (?:all )?(?:planned|mapped|plotted)(?: out)?\b"
        r"(?! (?:for|to|with|already for|out for|on|at|in)\b)",
        at_work="concern",
    ),
    crisis("plan_is_set", r"\bmy plan is (?:set|ready|made|done|in place|final)\b(?! (?:for|to|with)\b| ?[:-])"),
    concern(
        "do_it_tonight",
        r"\b(?:tonight|today|this weekend) i am (?:going to|finally going to) do it\b|\bi am (?:finally )?going to "
        r"do it (?:tonight|today|this weekend|soon)(?= ?[.!?;,]|$)",
        at_work="none",
    ),
    crisis(
        "picked_a_date",
        r"\bi (?:have )?(?:picked|chosen|chose|set|decided on) (?:a|the) (?:date|day|spot|place|method)\b"
        r"(?= ?[.!?;,]|$| and (?:the |a )?(?:date|day|time|spot|place|method)\b| (?:already|now|finally)\b)",
    ),
    crisis(
        "know_how_i_would",
        r"\bi know (?:exactly )?how i (?:would|will|am going to) do it\b|\bi (?:have )?(?:worked|figured) out "
        r"(?:exactly )?how(?: and when)?\b(?! to\b| (?:much|many|long|far|the|my|our|a)\b)|\bthe (?:how|where) and "
        r"the when\b|\b(?:know|knew|decided|figured out|worked out) (?:exactly |both )?(?:how|where|when) and (?:when|"
        r"how|where)(?= ?[.!?;,]|$)",
    ),
    # Made up one's mind, with a time or a calm: "made up my mind. sunday. i'm weirdly calm".
    crisis(
        "mind_made_up",
        r"\b(?:made up my mind|my mind is made up|i (?:have )?decided)\b(?= ?[.!?;,]|$| (?:sunday|monday|tuesday|"
        r"wednesday|thursday|friday|saturday|tonight|this weekend)\b)[^:]{0,60}?\b(?:sunday|monday|tuesday|wednesday|"
        r"thursday|friday|saturday|tonight|tomorrow|this weekend|calm|at peace|peaceful|relieved|ready)\b",
        requires=r"\b(?:sunday|monday|tuesday|wednesday|thursday|friday|saturday|tonight|tomorrow|weekend|calm|peace|"
        r"peaceful|relieved|ready)\b",
        at_work="concern",
    ),
    # A way to do "it", never named: "i settled on a way to do it that won't traumatize my kids".
    crisis(
        "a_way_to_do_it",
        r"\b(?:settled on|found|chose|picked|decided on|figured out|worked out|know) (?:a|the|an easy|a quick|a clean) "
        r"(?:way|method) to do it\b(?! (?:at|for|with|on|in)\b)",
        at_work="concern",
    ),
    crisis(
        "tonight_is_the_night",
        r"\b(?:made up my mind|decided|i am ready|it is time)\b[^:]{0,30}?\b(?:tonight|today) is the "
        r"(?:night|day)\b(?! (?:for|of|to|we|i get|my)\b)",
    ),
)

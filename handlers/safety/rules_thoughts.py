"""Crisis rules for thoughts of killing oneself: the wish to die said outright, suicide named, the slang for it."""

from __future__ import annotations

from handlers.safety.fragments import CLINICAL, NO_NEG
from handlers.safety.fragments import FILLER as _F
from handlers.safety.rule import crisis, leveled

# `_F` is FILLER, short so a pattern still reads as the phrase it catches. Passive wishes ("I wish I
# wouldn't wake up") are in rules_passive.py, at concern: they get the direct question first.
# Looked for only where suicide itself is named: "thinking", "trying", "planning" are in every other message.
THINKING_OF_SUICIDE = crisis(
    "thinking_of_suicide",
    rf"\b(?:think|thinking|thought|thoughts|considering|consider|considered|contemplating|contemplate|"
    rf"contemplated|planning|plan|planned|attempted|attempt|attempting|tried|try|trying|commit|"
    rf"committing|googling|googled|researching|researched|obsessing|fantasi[sz]e|fantasi[sz]ing|dreaming|"
    rf"urges?|close to|on the verge of) {_F}(?:about |of |over |on |to commit |to )?{_F}(?:suicide|"
    rf"unaliving|ending it|ending it all|ending things|ending my life|killing myself|taking my life)\b"
    rf"{CLINICAL}",
    requires=r"\bsuicide\b|\bunaliving\b|\bending (?:it|things|my life)\b|\bkilling myself\b|\btaking my life\b",
)
THOUGHT_RULES = leveled(
    "crisis",
    (
        # Killing oneself, by any verb ("kms" and "unalive" arrive here expanded).
        (
            "kill_myself",
            rf"\b(?:kill|killing|killed|unalive|unaliving|unalived|off|offing|end|ending|top|topping|delete|"
            rf"deleting|hang|hanging|hung|shoot|shooting|drown|drowning|poison|poisoning|suffocate|suffocating|"
            rf"gas|gassing|starve|starving|overdose|overdosing|od|stab|stabbing) {_F}myself\b|\bdo myself in\b",
        ),
        ("end_my_life", rf"\b(?:end|ending|ended|take|taking|took) {_F}my (?:own )?life\b"),
        # Wanting to die, said as a want (a wish or a hope is passive: rules_passive.py).
        (
            "want_to_die",
            rf"{NO_NEG}\b(?:want|wanted|wanting|need|ready|trying|tried|plan|planning|decided|deserve|urge|"
            rf"urges) {_F}to {_F}(?:die|be dead|not be alive)\b",
        ),
        (
            "want_to_suicide",  # "I want to suicide", and "sewer slide" once normalised
            rf"{NO_NEG}\b(?:want|wanted|wanting|going|plan|planning|ready|trying|tried|decided|thinking|"
            rf"about) {_F}to {_F}(?:commit )?suicide\b",
        ),
        (
            "part_of_me",
            r"\bpart of me (?:\w+ ){0,2}?(?:wants|want|wishes|is ready|longs) to (?:die|be dead|end it|"
            r"kill myself|not exist|not be here|disappear|stop existing|not wake up|be gone|sleep forever)\b",
        ),
        (
            "no_wish_to_live",
            rf"\b(?:do not|no longer|never) {_F}want to {_F}(?:be alive|exist|keep living|stay alive|"
            rf"be on this earth|be in this world)\b|\b(?:do not|no longer) {_F}want to {_F}live(?: {_F}(?:anymore|"
            rf"any longer|like this|this way|another day)\b| ?(?:[.!?;,]|$))",
        ),
        # Suicide named in the first person.
        (
            "suicidal_now",
            rf"{NO_NEG}\b(?:am|feel|feeling|felt|been|get|getting|got|become|becoming|going|so|quite|pretty|"
            rf"bit) {_F}suicidal\b{CLINICAL}",
        ),
        ("suicidal_alone", rf"(?:^|[.!?;] ){_F}suicidal\b{CLINICAL}"),
        (
            "suicidal_thoughts",
            rf"\bsuicid(?:al|e) (?:thoughts?|ideation|ideations|feelings?|urges?|thinking|tendencies|episodes?|"
            rf"impulses?)\b{CLINICAL}",
        ),
        (
            "on_my_mind",
            rf"\b(?:suicide|killing myself|ending it|ending it all) (?:is |has |has been |keeps |"
            rf"kept )?{_F}(?:on|in|crossing|across|crossed) my mind\b",
        ),
        ("my_suicide", r"\bmy (?:\w+ )?(?:suicide|suicidal|self harm)\b"),
        (
            "si_jargon",
            r"\b(?:having|have|had|been having|getting|experiencing|my) (?:(?:some|more|bad|a lot of|active|"
            r"passive|constant) )*si\b(?! units?\b)",
        ),
        ("unalive", r"\bunaliv(?:e|ing|ed)\b"),
        (
            "ctb",  # "catch the bus"; as a nursing abbreviation ("ceased to breathe") it comes with a time or a pt
            r"\b(?:i|want to|going to|will|might|plan to|ready to|about to|thinking about|thought about|should|"
            r"could|just|gonna) (?:\w+ ){0,2}?ctb\b(?! (?:at )?\d)|\bctb (?:tonight|soon|this weekend|today|"
            r"tomorrow|now)\b|^ctb\b(?! (?:at )?\d)",
        ),
        # The voice that says it: "kys is what i tell myself every night".
        (
            "told_myself_to_die",
            r"\b(?:kill yourself|go die|just die)\b[^.!?;]{0,40}?\b(?:i (?:keep )?tell(?:ing)? myself|to myself|my "
            r"(?:brain|head|mind) (?:keeps )?(?:says|saying|tells me|telling me))\b|\b(?:i (?:keep )?tell(?:ing)? "
            r"myself|my (?:brain|head|mind|inner voice) (?:keeps )?(?:says|saying|tells me|telling me)|the voice "
            r"(?:in my head )?(?:keeps )?(?:says|saying)) (?:to )?(?:just )?(?:kill yourself|kill myself|go die|die|"
            r"end it)\b|\bi (?:am )?(?:going to|about to|want to|will|might|"
            r"should|could) (?:just )?kill yourself\b",
        ),
        (
            "goodbye_note",
            r"\b(?:write|writing|wrote|written|drafted|drafting|draft|left|leave|leaving|started) (?:a|my|the|"
            r"some) (?:suicide|goodbye|farewell) (?:notes?|letters?)\b(?! to (?:my |the |our )?(?:team|unit|"
            r"colleagues|coworkers|residents|staff|students|department|program|patients|clinic)\b)"
            r"(?![^.!?;]*\b(?:leaving|moving|retiring|retirement|new job|last day|last shift)\b)",
        ),
        (
            "final_goodbye",
            r"\b(?:final|last) goodbyes?\b(?! to (?:my |the |a |his |her |their |our )?(?:patient|pt|family|team|"
            r"unit|nights|residency|colleagues|mentor|old))|\bgoodbye (?:forever|cruel world|world)\b",
        ),
        (
            "just_the_word",
            r"^(?:(?:ugh|honestly|lol|just|so|feeling|me|i am) )*(?:suicide|suicidal|self harm|unalive|die|"
            r"want to die|kill myself)(?: (?:lol|right now|tbh|fr|honestly|tonight|now|today))* ?[.!?;,]*$",
        ),
    ),
)

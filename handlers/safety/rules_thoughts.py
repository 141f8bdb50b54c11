"""Crisis rules for thoughts of dying: killing or harming oneself, wishing to die, suicide named."""

from __future__ import annotations

from handlers.safety.fragments import CLINICAL, DEATH_WISH, NO_NEG
from handlers.safety.fragments import FILLER as _F

# Each rule is (name, pattern); safety.py compiles them all once. `_F` is FILLER, short so a pattern
# still reads as the phrase it catches.
THOUGHT_RULES: tuple[tuple[str, str], ...] = (
    # Killing or harming oneself, by any verb ("kms" and "unalive" arrive here expanded).
    (
        "kill_myself",
        rf"\b(?:kill|killing|killed|unalive|unaliving|unalived|off|offing|end|ending|top|topping|delete|"
        rf"deleting|hang|hanging|hung|shoot|shooting|drown|drowning|poison|poisoning|suffocate|suffocating|"
        rf"gas|gassing|starve|starving|overdose|overdosing|od|stab|stabbing) {_F}myself\b|\bdo myself in\b",
    ),
    ("end_my_life", rf"\b(?:end|ending|ended|take|taking|took) {_F}my (?:own )?life\b"),
    (
        "harm_myself",
        rf"\b(?:hurt|hurting|harm|harming|harmed|cut|cutting|burn|burning|burned|burnt|scratch|scratching|"
        rf"scratched) {_F}myself\b",
    ),
    ("self_harm", rf"\bself (?:harm|harming|harmed|injur\w*|mutilat\w*)\b{CLINICAL}"),
    (
        "cutting_again",
        rf"\b(?:started|start|been|keep|kept|back to|relapsed|urges? to|want to|going to|"
        rf"thinking about) {_F}(?:cutting|cut|burning|self harming) {_F}(?:again|myself)\b|(?:^|"
        rf"[.!?;,] ){_F}(?:cutting|burning|self harming) (?:myself )?again\b",
    ),
    ("wrists", r"\b(?:slit|slitting|slash|slashing|cut|cutting|open) (?:open )?my (?:\w+ )?wrists?\b"),
    # Wishing to die or not to exist.
    (
        "want_to_die",
        rf"{NO_NEG}\b(?:want|wanted|wanting|wish|wished|wishing|need|ready|trying|tried|hoping|hope|praying|"
        rf"pray|plan|planning|decided|deserve|longing|urge|urges) {_F}to {_F}die\b",
    ),
    ("let_me_die", rf"\blet me {_F}die\b"),
    (
        "death_wish",
        rf"{NO_NEG}\b(?:want|wanted|wanting|wish|wishing|need|ready|hoping|praying|rather|"
        rf"like) {_F}(?:to )?{_F}{DEATH_WISH}\b",
    ),
    (
        "wish_i_was_dead",
        rf"\bwish (?:that )?i {_F}(?:was|were|could be|would be|am|had|could|would|did|do|never) {_F}(?:dead|"
        rf"die|died|never born|not born|been born|never been born|not alive|not exist|not existed|"
        rf"never existed|not wake up|never wake up|never woken up|never woke up|disappear|not here anymore|"
        rf"gone forever|gone for good|stop existing|go to sleep forever)\b",
    ),
    (
        "rather_die",
        rf"\brather {_F}(?:die|be dead|not be alive|not exist|"
        rf"not wake up)\b(?! than (?!(?:\w+ ){{0,3}}?(?:live|living|go on|going on|keep going|wake up|feel|"
        rf"feeling|be alive)))",
    ),
    (
        "hope_i_die",
        rf"\b(?:hope|hoping|wish|wishing|pray|praying) (?:that )?i {_F}(?:die|will die|would die|"
        rf"do not make it|do not survive|never make it home)\b",
    ),
    (
        "hit_by_a_bus",
        r"\b(?:hope|hoping|wish|wishing|pray|praying|would not mind|not mind|do not care if|"
        r"would be nice if) (?:(?!not |never )\w+ ){0,4}?(?:(?:get|got|getting|be) (?:hit|run over) by (?:a|"
        r"the|some) (?:bus|car|truck|train)|(?:a|the|some) (?:bus|car|truck|train) (?:would |will )?(?:hit|"
        r"hits|ran over|runs over|run over|took out|takes out) me|(?:get|got|getting) (?:in|into) (?:a |"
        r"an )?(?:fatal )?(?:car )?(?:accident|crash|wreck)|the plane (?:would |will )?(?:go down|crash|"
        r"crashes|goes down)|(?:get|got|getting) (?:cancer|terminal cancer|something terminal))",
    ),
    (
        "no_wish_to_live",
        rf"\b(?:do not|no longer|never) {_F}want to {_F}(?:be alive|exist|keep living|stay alive|"
        rf"be on this earth|be in this world)\b",
    ),
    (
        "no_wish_to_go_on",
        rf"\b(?:do not|no longer|never) {_F}want to {_F}(?:live|go on|keep going|wake up|be here|"
        rf"be around)(?: {_F}(?:anymore|any longer|like this|this way|another day|tomorrow|ever again)\b|"
        rf" ?(?:[.!?;,]|$))",
    ),
    (
        "sleep_no_wake",
        rf"\b(?:sleep|go to sleep|fall asleep|close my eyes|lie down|"
        rf"drift off) (?:\w+ ){{0,3}}?and {_F}(?:never|not|not ever) {_F}wake up\b",
    ),
    (
        "hope_no_wake",
        rf"\b(?:hope|hoping|wish|wishing|pray|praying) (?:that )?i {_F}(?:do not|would not|will not|never|"
        rf"did not|could not) {_F}wake up\b",
    ),
    (
        "death_appeals",
        rf"\b(?:death|dying|being dead|not existing|not being alive|not waking up|never waking up|"
        rf"the void) (?:sounds|seems|would be|feels|looks|is starting to sound|is looking) {_F}(?:nice|good|"
        rf"peaceful|easier|better|like a relief|a relief|appealing|tempting|restful|welcome|great|"
        rf"like an escape|like the only way out|like the answer|like freedom)\b(?! for (?:him|her|them|the|"
        rf"this|that|my|our|pt|patient|patients|pts|some|many)\b)",
    ),
    (
        "want_death",
        rf"\b(?:want|wish for|wishing for|pray for|praying for|long for|longing for|welcome|ready for|crave|"
        rf"craving|waiting for) {_F}(?:death|the sweet release|eternal sleep|the void)\b",
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
        "thinking_of_suicide",
        rf"\b(?:think|thinking|thought|thoughts|considering|consider|considered|contemplating|contemplate|"
        rf"contemplated|planning|plan|planned|attempted|attempt|attempting|tried|try|trying|commit|"
        rf"committing|googling|googled|researching|researched|obsessing|fantasi[sz]e|fantasi[sz]ing|dreaming|"
        rf"urges?|close to|on the verge of) {_F}(?:about |of |over |on |to commit |to )?{_F}(?:suicide|"
        rf"unaliving|dying|my (?:own )?death|death|ending it|ending it all|ending things|not existing|"
        rf"not being here|not being alive|not waking up)\b{CLINICAL}",
    ),
    (
        "on_my_mind",
        rf"\b(?:suicide|dying|killing myself|ending it|ending it all|death) (?:is |has |has been |keeps |"
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
        "goodbye_note",
        r"\b(?:write|writing|wrote|written|drafted|drafting|draft|left|leave|leaving|started) (?:a|my|the|"
        r"some) (?:suicide|goodbye|farewell) (?:notes?|letters?)\b",
    ),
    (
        "final_goodbye",
        r"\b(?:final|last) goodbyes?\b(?! to (?:my |the |a |his |her |their |our )?(?:patient|pt|family|team|"
        r"unit|nights|residency|colleagues|mentor|old))|\bgoodbye (?:forever|cruel world|world)\b",
    ),
)

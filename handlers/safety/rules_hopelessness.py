"""Concern rules for hopelessness about living: can't go on, no reason to live, a burden, better off gone.

These ask the direct question rather than give the crisis card: hopelessness and feeling a burden are
strong warning signs, but on their own they say nothing yet about thoughts of ending one's life.
"""

from __future__ import annotations

from handlers.safety.fragments import CANT_DO_THIS, IF_GONE, NO_NEG
from handlers.safety.fragments import FILLER as _F
from handlers.safety.rule import concern, leveled

# `_F` is FILLER, short so a pattern still reads as the phrase it catches.
HOPELESSNESS_RULES = leveled(
    "concern",
    (
        # Hopelessness about living.
        (
            "want_it_to_stop",
            rf"\b(?:want|need|wish|make) {_F}(?:it all|everything|all of it|the pain|this pain|the hurt|my life|"
            rf"life) (?:to )?{_F}(?:stop|end|be over|go away)\b(?! (?:\w+ing|for (?:a|one) (?:second|sec|minute|"
            rf"moment|bit))\b)|\b(?:want|need|wish) {_F}(?:it|this) to {_F}(?:stop|end|"
            rf"be over)(?: {_F}(?:for good|forever|permanently)| ?(?:[.!?;,]|$))",
        ),
        (
            "cant_go_on",
            rf"\bcan not {_F}(?:go on|keep living|keep existing|live like this|live with myself|keep going on|"
            rf"carry on)\b(?! like this)",
        ),
        ("cant_do_this", CANT_DO_THIS),
        (
            "tired_of_living",
            rf"\b(?:tired|sick|exhausted|weary) of {_F}(?:living|life|being alive|existing|being me|my life|"
            rf"this life|trying to stay alive)\b|\bdone with {_F}(?:life|living|existing|being alive|it all|"
            rf"this life|my life)\b(?! (?:admin|stuff|insurance)\b)",
        ),
        (
            "life_not_worth_it",
            rf"\b(?:life|living|my life|existing|being alive|this life) (?:is|feels|seems)? ?{_F}(?:not |"
            rf"no longer )?worth (?:living|it anymore|going on)\b|\bnot worth living\b|\b(?:life|my life|"
            rf"existing|living) (?:is|feels|seems) {_F}(?:pointless|meaningless|worthless|hopeless|unbearable)\b",
        ),
        (
            "no_reason_to_live",
            rf"\b(?:no|not any|not a single|zero|nothing|not one|lost my|run out of|ran out of|out of) {_F}(?:reason|"
            rf"reasons|point|purpose) (?:left )?(?:to|for me to|in|in me) {_F}(?:live|living|keep living|go on|"
            rf"going on|keep going|carry on|be alive|stay alive|wake up|waking up|exist|existing)\b|"
            rf"\bnothing (?:left )?(?:to live for|worth living for)\b|\bno point (?:anymore|in anything|"
            rf"to anything|to life|in life)\b",
        ),
        (
            "point_of_living",
            rf"\b(?:see|is|was|there is|find|lost) (?:the |any |a |no )?(?:point|purpose|meaning) (?:of|in|"
            rf"to) {_F}(?:living|life|going on|carrying on|being alive|being here|existing|waking up|"
            rf"staying alive|keep going)\b|\b(?:see|is|was|there is|find|lost) (?:the |any |a |no )?(?:point|"
            rf"purpose) (?:of|in|to) (?:anything|any of it|it all|any of this)(?= ?(?:anymore|[.!?;,]|$))|\b(?:the )?"
            rf"point of (?:me|my existence|my life)(?= ?[.!?;,]|$)",
        ),
        (
            "hopeless",
            rf"{NO_NEG}\b(?:feel|feeling|felt|am|been|so|totally|completely|utterly) {_F}hopeless\b(?! (?:at|"
            rf"with|case|situation|about (?!everything|life|my life|the future|my future|anything|it all|"
            rf"myself)))",
        ),
        (
            "better_off_without_me",
            rf"\bbetter (?:off )?without me\b|\bbetter off dead\b|\bbetter off (?:if i|with me) {_F}(?:(?:was|"
            rf"were|am|had)(?: not| never)? )?{_F}(?:dead|gone|not here|not around|never born|been born|died|"
            rf"not alive)\b",
        ),
        (
            "burden",
            rf"{NO_NEG}\b(?:am|feel like|feel|feeling like|feeling|felt like|just|only|nothing but) {_F}(?:a|an|"
            rf"such a) {_F}(?:\w+ )?burden\b(?! (?:to|on|for) (?:nobody|no one|anyone)\b)(?! (?:of|on the (?:system|"
            rf"schedule|rota|unit|staffing|budget|team|"
            rf"department|floor))\b)",
        ),
        (
            "no_way_out",
            r"\b(?:no (?:other )?|(?:do not|can not|never) (?:see|find) (?:a|"
            r"any) (?:other )?)way out\b(?! of (?!it all|this life|life|this pain|(?:this|it)(?= ?[.!?;,]|$))\w)",
        ),
        (
            "not_around_much_longer",
            r"\b(?:will not|not going to) be (?:around|alive) (?:much longer|for much longer|for long|anymore)\b",
        ),
        (
            "give_up_on_life",
            rf"\b(?:give|giving|gave|given) up on {_F}(?:life|living|myself|it all|everything|the future|ever being "
            rf"happy|getting better)\b",
        ),
        (
            "nothing_left_for_me",
            r"\bnothing (?:left )?for me (?:here|anymore|in this world|in life)\b|\b(?:this|the) (?:pain|feeling|hurt) "
            r"(?:is never going to|will never|is not ever going to) (?:end|stop|go away|get better)\b",
        ),
        ("want_out_of_life", r"\bwant out (?:of (?:this life|life|everything|it all|existence)|for good)\b"),
        (
            "nobody_would_miss_me",
            r"\b(?:nobody|no one|not a single person|not one person) (?:would|will) (?:even |really )?(?:miss me|"
            r"notice i am gone|notice if i am gone|care if i am gone)\b(?! if i (?:quit|left|moved|took|went|"
            r"stopped|skipped))",
        ),
        (
            "live_or_die",
            r"\b(?:care|cares|matter|matters|difference) (?:if|whether) i (?:live or die|die|wake up|make it|"
            r"survive|am alive|am dead)\b",
        ),
        ("hate_being_alive", r"\bhate (?:being alive|existing|my existence|that i am alive|that i woke up)\b"),
        (
            "no_future_with_me",
            r"\bcan not (?:picture|imagine|see) (?:myself|me) (?:\w+ ){0,2}?(?:alive|around|growing old|"
            r"getting old|making it to \d+)\b|\b(?:can not|do not) (?:picture|imagine|see) (?:a|any) future "
            r"(?:with me in it|for me|for myself|where i am (?:alive|around|still here))\b|\bno future (?:for me|"
            r"with me in it)(?= ?[.!?;,]|$)",
        ),
        (
            "no_reason_to_get_up",
            r"\b(?:hard|harder|impossible|struggle|struggling|can not|can barely) (?:and harder )?to find "
            r"(?:a|any|one) reason to (?:get up|get out of bed|keep going|go on|live|wake up|stay|be here)"
            r"(?= ?[.!?;,]|$| (?:in the morning|anymore|each day|every day))",
        ),
        (
            "all_pointless",
            rf"\b(?:everything|it all|all of it|my whole life) (?:is|feels|seems) {_F}(?:pointless|meaningless|"
            r"hopeless|empty)\b",
        ),
        (
            "dead_weight",
            r"\b(?:am|feel like|feel|feeling like|i am just|just|only|nothing but) (?:\w+ )?(?:dead weight|a drain "
            r"on (?:everyone|my \w+|them|the people)|a waste of (?:space|air|oxygen|skin))\b|\bmore trouble than i am "
            r"worth\b|\bi (?:cost|take from|drain) (?:my \w+|them|everyone|the people \w+ me) more than i "
            r"(?:give|bring|add|am worth)\b",
        ),
        (
            "ruining_everything",
            r"\bi am (?:just )?(?:ruining|wrecking|destroying) (?:everyone|everybody|my (?:\w+ )?(?:family|kids|wife|"
            r"husband|partner|children))(?:'s| s)? (?:life|lives)\b|\b(?:i )?(?:just |only )?take up space\b",
        ),
        (
            "worth_more_dead",
            r"\bworth more (?:to (?:them|my \w+) )?dead\b|\bbetter off with (?:the|my) (?:life )?insurance\b|"
            r"\b(?:life )?insurance\b[^.!?;]{0,60}?\b(?:would|will|could) (?:fix (?:everything|it all)|take care of "
            r"(?:them|everyone|my \w+)|help them|set them up)\b",
        ),
    ),
)
# Others are named in these, and the writer is still the one they are about.
OTHERS_NAMED_RULES = (
    # A weight on others: "i'm a drain on my husband and my kids". The others close it; the writer opens it.
    concern(
        "weight_on_others",
        rf"\b(?:am|feel like|feel|just|only|nothing but) {_F}(?:a|an) (?:\w+ )?(?:weight|drain|nuisance|liability|"
        r"problem|bother) (?:on|to|for) (?:everyone|everybody|my (?:\w+ )?(?:family|kids|wife|husband|partner|parents|"
        r"team)|them|all of them|the people (?:i love|around me)|those around me)\b|\bi (?:just |only )?make "
        r"(?:everyone|everybody|their|my (?:\w+ )?(?:family|kids|wife|husband|partner|parents))(?:'s| s)? (?:life|"
        r"lives|days?) (?:harder|worse|miserable|difficult|hell)\b",
        subject_before=True,
    ),
    # "I finally get why people do": the people are the object; the subject comes before.
    concern(
        "why_people_do_it",
        r"\b(?:get|understand|see) why (?:people|someone|anyone|some people|they) (?:do it|do|would do it|kill "
        r"themselves|end it|end their lives|take their own lives|commit suicide)(?= ?[.!?;,]|$)",
        subject_before=True,
    ),
    # "My kids would have a better life with someone else": the family is the subject, the writer the one missing.
    concern(
        "better_life_without_me",
        r"\bmy (?:\w+ ){0,2}?(?:kids|children|family|husband|wife|partner|son|daughter|parents)\b[^.!?;]{0,40}?"
        r"\b(?:would|will|could) (?:have|live|get) (?:a |much )?(?:better|happier|easier) (?:life|lives|time|future)\b"
        r"[^.!?;]{0,20}?\b(?:with someone else|with (?:a|another) (?:mom|dad|mother|father|parent)|without me|if i "
        r"(?:was|were) (?:gone|not here|dead))\b|\bmy (?:\w+ ){0,2}?(?:kids|children|family|husband|wife|partner|son|"
        r"daughter|parents)\b[^.!?;]{0,30}?\bbetter off with (?:the|my) (?:life )?insurance\b",
        marked=True,
    ),
)

# "If I died nobody would notice": the "if i" in the pattern is the subject, whoever else is named after it.
IF_GONE_RULE = concern(
    "if_i_were_gone",
    rf"\b(?:nobody|no one|anyone|anybody|everyone|everybody|easier|better|simpler|relief|relieved|"
    rf"happier|care|notice|miss me)\b[^.!?;]{{0,50}}?\b{IF_GONE}|"
    rf"\b{IF_GONE}[^.!?;]{{0,50}}?\b(?:nobody|no one|anyone|anybody|everyone|better|easier|relief|"
    rf"relieved|happier|care|notice|fine|ok|okay|alright|sad|mind|upset|bothered|mercy|grateful|relief)\b",
    marked=True,
)

# Said of work ("nothing is ever going to get better on this unit") these are venting, not hopelessness.
WORK_WEARY_RULES = (
    concern(
        "no_future",
        r"\b(?:do not|can not|no longer) see (?:a|any) (?:future|way forward|light|way through(?: (?:this|it))?)"
        r"(?: for me| for myself| ahead)?\b(?! (?:in|at|with|here|for (?!me\b|myself\b))\b)|\b(?:do not|can not) "
        r"see how (?:this|it|things|anything|my life) (?:ever )?(?:gets|get|will get|is going to get|could get) "
        r"better\b",
        at_work="none",
    ),
    concern(
        "never_better",
        r"\bnothing (?:is )?(?:ever )?(?:going to|will ever|will) (?:get|be) better\b|\b(?:it|things|this|life) "
        r"(?:will|is going to|are going to|is|are) (?:never|not ever) (?:going to )?(?:get|be) (?:any )?better\b|"
        r"\bnothing (?:is )?(?:ever )?(?:going to|will ever|will) change\b|\b(?:it|things|this|life) (?:will|is going "
        r"to|are going to) never change\b|\bno light at the end of (?:this|the tunnel|it)\b(?! (?:for (?!me\b)|at|in|"
        r"on|with)\b)|\b(?:it|this|things|life) (?:is|are) (?:never|not ever) going to be (?:any )?different\b|"
        r"\b(?:it|this|things|life) (?:will|is going to) never be (?:any )?different\b",
        at_work="none",
    ),
    concern("done_trying", r"\b(?:done|tired of|sick of) trying\b(?! to\b)", at_work="none"),
    concern(
        "how_much_longer",
        r"\b(?:do not know|not sure|no idea) how (?:much )?(?:longer|long) i can (?:keep going|hold on|go on|"
        r"keep this up|do this|survive|last|take it|cope)\b",
        at_work="none",
    ),
    concern(
        "what_is_the_point",
        r"\bwhat is (?:even )?the point(?: (?:of|in) (?:it all|anything|any of (?:it|this)|living|life|going on|trying|"
        r"getting up|waking up))?"
        r"(?: anymore| any longer)?(?= ?[.!?;,]|$)|\bnothing matters (?:anymore|any longer)\b|\b(?:do not|can not|"
        r"no longer) (?:really |even )?see (?:the|any) point(?: (?:anymore|any longer|in anything|of anything))?"
        r"(?= ?[.!?;,]|$)",
        at_work="none",
    ),
    concern(
        "tired_of_everything",
        r"\b(?:tired|sick|exhausted|done) (?:of|with) (?:everything|it all|all of it)(?= ?[.!?;,]|$)",
    ),
    concern("dragging_down", r"\bi am (?:just )?(?:dragging|pulling) everyone down\b", at_work="none"),
    concern(
        "fine_without_me",
        rf"\b(?:would|will|could|are|be) {_F}(?:all )?(?:be |manage |cope |get by |do |live |move on )?(?:just )?"
        r"(?:fine|ok|okay|happier|easier|relieved|great|well) without me\b"
        r"(?! (?:for|while|on|during|this|next|today|tomorrow|tonight|when i am (?:on|away|out))\b)",
    ),
)

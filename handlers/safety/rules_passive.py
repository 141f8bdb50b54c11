"""Concern rules for passive wishes to be dead: not waking up, not being here, a bus, death as a relief.

Passive ideation is the first item of the Columbia Protocol and of the ASQ: it is asked about, directly,
before anything else. These rules raise concern, and the screening question does the rest.
"""

from __future__ import annotations

from handlers.safety.fragments import DEATH_WISH, NO_NEG
from handlers.safety.fragments import FILLER as _F
from handlers.safety.rule import concern, leveled

# Envy of the dying: "kind of jealous of the hospice patients. they get to stop". The patients are
# the object here: the subject, if any, is named before.
ENVY_RULE = concern(
    "envy_the_dead",
    r"\b(?:(?:jealous|envious) of|envy) (?:the |my |those |all the )?(?:dead|dying|hospice (?:patients|pts)|"
    r"(?:patients|pts|people|ones) who (?:die|died|passed|get to (?:die|go|rest|stop)))\b",
    subject_before=True,
)
PASSIVE_RULES = leveled(
    "concern",
    (
        ("let_me_die", rf"\blet me {_F}die\b"),
        (
            "wish_to_die",
            rf"{NO_NEG}\b(?:wish|wished|wishing|hope|hoping|pray|praying|longing|long) {_F}to {_F}(?:die|be dead)\b",
        ),
        (
            "death_wish",
            rf"{NO_NEG}\b(?:want|wanted|wanting|wish|wishing|need|ready|hoping|praying|rather|"
            rf"like) {_F}(?:to )?{_F}{DEATH_WISH}\b",
        ),
        (
            "wish_i_was_dead",
            rf"\b(?:wish|wishing|wished) (?:that )?i {_F}(?:was|were|could be|would be|am|had|could|would|did|do|"
            rf"never) {_F}(?:dead|die|died|never born|not born|been born|never been born|not alive|not exist|"
            rf"not existed|never existed|not wake up|never wake up|never woken up|never woke up|disappear|"
            rf"not here anymore|gone forever|gone for good|stop existing|go to sleep forever)\b",
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
            "hope_i_crash",
            r"\b(?:hope|hoping|wish|wishing|pray|praying) (?:that )?i (?:will|would|could|might) (?:just )?(?:crash|"
            r"get in (?:a|an) (?:crash|accident)|not make it|not come back|get sick enough|die)\b"
            r"(?! (?:on|at|in) (?:the|my|a) "
            r"(?:couch|sofa|bed|floor)| early| out)",
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
            "no_wish_to_go_on",
            rf"\b(?:do not|no longer|never) {_F}want to {_F}(?:go on|keep going|wake up|be here|"
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
            "would_not_care_if",
            r"\b(?:would not|do not|would not really|could not|would not even) (?:care|mind) (?:if|whether) i "
            r"(?:did not|do not|never|would not|could not) (?:wake up|make it|come back|survive)\b",
        ),
        (
            "would_not_mind_dying",
            r"\b(?:would not|would not really|do not) mind (?:not waking up|never waking up|dying|if i died|not being "
            r"here|not existing)\b|\b(?:would not be|would not) (?:the worst thing|so bad|a bad thing|terrible) if i "
            r"(?:did not wake up|died|was gone|never woke up|was not here)\b",
        ),
        ("my_funeral", r"\b(?:imagining|picturing|planning|thinking about|imagine|picture) my (?:own )?funeral\b"),
        (
            "death_appeals",
            rf"\b(?:death|dying|being dead|not existing|not being alive|not waking up|never waking up|"
            rf"the void) (?:sounds|seems|would be|feels|looks|is starting to sound|is looking) {_F}(?:nice|good|"
            rf"peaceful|easier|better|like a relief|a relief|appealing|tempting|restful|welcome|great|"
            rf"like an escape|like the only way out|like the answer|like freedom)\b(?! for (?:him|her|them|the|"
            rf"this|that|my|our|pt|patient|patients|pts|some|many)\b)",
        ),
        (
            # The same, said of a gentler end: "dying in my sleep would be a mercy", "sleeping forever sounds nice".
            "gentle_end_appeals",
            rf"\b(?:(?:dying|death|not waking up) (?:in my sleep|peacefully|quietly|tonight|someday|soon)|(?:falling|"
            rf"going to) asleep forever|sleeping forever|eternal sleep|not being here|disappearing) (?:sounds|seems|"
            rf"would be|feels|looks|is starting to sound|is looking) {_F}(?:nice|good|peaceful|easier|better|like a "
            rf"relief|a relief|appealing|tempting|restful|welcome|great|like an escape|like freedom|a mercy|merciful|"
            rf"a gift|a blessing|a kindness|a release|like rest)\b",
        ),
        (
            "want_death",
            rf"\b(?:want|wish for|wishing for|pray for|praying for|long for|longing for|welcome|ready for|crave|"
            rf"craving|waiting for) {_F}(?:death|the sweet release|eternal sleep|the void)\b",
        ),
        (
            "thinking_of_dying",
            rf"\b(?:think|thinking|thought|thoughts|obsessing|fantasi[sz]e|fantasi[sz]ing|dreaming|daydreaming) "
            rf"{_F}(?:about |of )?{_F}(?:dying|my (?:own )?death|death|not existing|not being here|"
            rf"not being alive|not waking up)\b(?! (?:of|from|in|at|on|with|rates?|certificates?|panel|review)\b)",
        ),
        (
            "peaceful_to_be_gone",
            r"\b(?:peaceful|nice|easy|good|restful|quiet|calm|simple) it would be (?:to )?(?:just )?(?:not be here|"
            r"not exist|die|be dead|disappear|not wake up|sleep forever|stop existing|be gone|fall asleep and not "
            r"wake up)\b",
        ),
        (
            "would_not_treat_it",
            r"\bif i (?:got|get|had|have|were diagnosed with|was diagnosed with) (?:cancer|something terminal|a "
            r"tumou?r)\b[^.!?;]{0,30}?\bi (?:would not|would never) (?:treat it|get (?:it )?treated|fight it|go to "
            r"the doctor|seek (?:care|treatment))\b",
        ),
        (
            "waiting_to_die",
            r"\bwaiting (?:to die|for (?:death|it (?:all )?to (?:end|be over)|the end\b(?! of)|my (?:turn|time) to "
            r"(?:die|go)))\b",
        ),
        (
            "all_the_same",
            r"\b(?:living|life|live) or (?:dying|death|die)\b[^.!?;]{0,20}?\b(?:all the same|same to me|does not "
            r"matter|do not care|whatever)\b|\b(?:do not|no longer) (?:really )?care (?:if|whether) i (?:live|die|"
            r"wake up)\b",
        ),
        (
            "death_on_my_mind",
            rf"\b(?:dying|death) (?:is |has |has been |keeps |kept )?{_F}(?:on|in|crossing) my mind\b",
        ),
    ),
)

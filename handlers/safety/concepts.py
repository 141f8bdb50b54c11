"""Concepts the combination rules are built from: what a risk is made of, in English and Spanish.

A phrase rule names a whole phrase ("I have a plan to kill myself"). People rarely say it so: they name
two things, and the pairing carries the meaning. "Took a whole bottle" is an ACT; "woke up Monday like
nothing happened" is a SIGN that it was meant; either alone is ordinary, together they are an attempt.
Each concept below is one such thing, written once as a family of phrasings; rules_concepts*.py pair them
(`rule.near`) and say what each pairing means. Written on normalised text: lowercase, accents gone, "i am",
"do not", "will not", "it is" spelled out (text.py).
"""

from __future__ import annotations

# Where the end of a clause is: a mark, or the end of the message.
END = r"(?= ?[.!?;,]|$)"

# --- ATTEMPT: taking a lot of something, crashing, and the signs that it was meant ---------------------
# An amount no one takes by mistake ("all", "a whole bottle", ten or more, "everything in my cabinet").
AMOUNT = (
    r"(?:all|everything|every (?:single )?one|a (?:whole )?bottle|the (?:whole |entire )?bottle|whole bottle|a handful|"
    r"handfuls|a fistful|a bunch|my (?:whole|entire) (?:\w+ )?(?:prescription|supply|bottle|stash)|(?:like |about |"
    r"around |over |almost |maybe )?(?:[1-9]\d|\d{3}|twenty|thirty|forty|fifty|sixty|a hundred))"
)
TOOK_AMOUNT = rf"\b(?:took|taken|swallowed|downed|downing|chugged) {AMOUNT}\b"
# Pills by name: what people keep at home, and what "of my own" makes theirs.
HOME_DRUGS = (
    r"(?:pills|meds|medications?|tablets|tabs|prescription|trazodone|seroquel|quetiapine|ativan|lorazepam|klonopin|"
    r"clonazepam|xanax|alprazolam|valium|diazepam|ambien|zolpidem|tylenol|acetaminophen|ibuprofen|advil|benadryl|"
    r"lithium|amitriptyline|sertraline|zoloft|prozac|lexapro|wellbutrin|oxy|oxys|oxycodone|oxycontin|percocet|norco|"
    r"vicodin|tramadol|gabapentin|propranolol|metoprolol|insulin|lantus|humalog|novolog|melatonin|sleeping pills|"
    r"painkillers|muscle relaxers|benzos|opioids|seroquels?|pastillas|medicamentos|"
    r"sleeping meds|sleep meds|oxycodone)"
)
CRASHED = (
    r"\b(?:drove|steered|swerved|veered|crashed|aimed|turned the wheel|ran) (?:my car |the car |my truck |the truck "
    r")?(?:into|off|toward|towards|at)\b"
)
# What happened afterwards, told of oneself: the body found, the ER, the stomach pumped.
AFTERMATH = (
    r"\b(?:woke up (?:in|on|at|the next|monday|tuesday|wednesday|thursday|friday|saturday|sunday|hours|a day|two days|"
    r"later|\d+ hours|a few hours|hours later|days later)|(?:ended|wound) up in (?:the )?(?:er|ed|icu|hospital)|came "
    r"to in (?:the )?(?:er|ed|icu|hospital)|found me|pumped my stomach|(?:had|get|got) my stomach pumped|gave me "
    r"(?:narcan|charcoal)|narcan(?:ed|'d) me|intubated me|poison control (?:for|about) me|(?:the )?(?:rope|belt|beam|"
    r"cord|branch|rod|hook) (?:broke|snapped|cracked|gave way|gave out)|came home early|walked in on me|interrupted "
    r"me|stopped me in time)\b"
)
# That it was meant, or hidden: "on purpose", "nobody knows", "like nothing happened".
MEANT = (
    r"\b(?:on purpose|deliberately|intentionally|(?:nobody|no one)(?: at work| here)? (?:knows|found out|noticed|has "
    r"any idea)|like (?:nothing|it never|it did not) happen\w*|told (?:everyone|everybody|people|them|work|my \w+) "
    r"(?:it was|that it was|i)|lied about (?:why|it|what happened|what i did)|(?:hoping|hoped|so that i would|so i "
    r"would|to) (?:not|never) wake up|to see if i (?:would|could) (?:wake up|survive|die)|still here|"
    r"wanted it to be over|to make it stop)\b"
)
CARBON_MONOXIDE = (
    r"\b(?:garage with the (?:car|engine) (?:running|on)|(?:car|engine) running (?:in|inside) (?:the|a|my) (?:closed "
    r")?garage|closed (?:the )?garage (?:door )?with the (?:car|engine) (?:running|on))\b"
)

# --- SELF_HARM: hurting one's own body, and what says it was meant ------------------------------------
BODY = (
    r"(?:arms?|forearms?|wrists?|thighs?|legs?|skin|hips?|stomach|belly|ankles?|shoulders?|chest|hands?|knuckles|"
    r"fists?|head|face|fingers?|scalp|neck|lips?)"
)
HARM_ACT = (
    rf"\b(?:cut|cuts|sliced|carved|burned|burnt|burn|burns|punched|punch|hit|hits|smashed|smash|slammed|slam|banged|"
    rf"bang|bangs|banging|scratched|scratch|scratching|cutting|burning|hitting|punching|slamming|biting|picking|"
    rf"picked|scraped|dug into|bit|bite|pinched|stabbed|hurt|hurts|took a (?:razor|blade|knife|lighter|scalpel) to|"
    rf"held a lighter to) "
    rf"(?:up |into |open )?(?:my (?:own )?(?:\w+ )?{BODY}|myself|the (?:wall|locker|door|mirror|bathroom "
    r"wall|steering wheel)|a (?:wall|locker|door|mirror))\b"
)
HARM_MEANT = (
    r"\b(?:on purpose|deliberately|intentionally|until (?:it|they|the \w+|my \w+|i) (?:bled|bleeds|split|bruised|broke|"
    r"cracked|swelled|hurts|hurt)|(?:till|until) (?:it|they) (?:bled|split|bruised)|raw|to feel (?:something|anything|"
    r"better|it|in control|real)|felt better|to punish myself|so (?:no one|nobody) (?:would )?(?:see|sees|notice|"
    r"notices)|again (?:last night|tonight|today|after)|made (?:it|them) bleed)\b"
)
ACCIDENT = (
    r"\b(?:accident\w*|slipped|tripped|fell (?:off|over|down|on)|while (?:cooking|shaving|baking|ironing|moving|"
    r"lifting)|on (?:the|a) (?:fence|oven|stove|pan|corner|counter|sharps|bed rail|broken)|caught (?:it|my \w+) on)\b"
)

# --- MEANS: drugs and places at work, guns, and what turns them towards the writer ------------------------
# Every alternative opens on a word of its own (\b inside): the scan's gates can then look words up.
WORK_MEANS = (
    r"\b(?:(?:pyxis|omnicell|overrides?|drug cabinet|med cart|med room|medication room|crash cart|code cart|narc box|"
    r"narc drawer|narc cabinet|propofol|fentanyl|sux|succinylcholine|rocuronium|vecuronium|midazolam|versed|"
    r"ketamine|morphine|dilaudid|hydromorphone|narcs|narcotics|opioids|potassium|kcl|insulin|lantus|humalog|"
    r"novolog|digoxin|vials?)\b|or drawer\b|everything (?:we|i) (?:have|keep|stock|can get) (?:on|in|at) (?:the|"
    r"my) (?:unit|floor|ward|hospital|or|icu)\b|all the (?:drugs|meds) (?:at|on|in) (?:work|the unit|the floor)\b|"
    r"\bfent\b|\bfenty\b)"
)
# What makes a means mine: enough for me, would do it, my weight, just in case.
FOR_ME = (
    r"\b(?:would do it|do it (?:fast|quick|quickly|quietly|painlessly|for good)|would (?:kill|end|finish) me|would "
    r"stop my (?:heart|breathing)|(?:stop|stops) my heart|everything i would need|what i would need|i would need|it "
    rf"would take (?:for |to )?me{END}|it would take (?:for|to) me|for (?:someone|a person|somebody|a guy|a woman) "
    rf"(?:my|of my) (?:size|weight|build)|a person my (?:size|weight)|(?:enough|plenty|some|it|them|one|a few) for "
    rf"me{END}|(?:it is|that is|they are|those are|these are) (?:just |all |only )?for me{END}|put me (?:down|under|"
    rf"to sleep)|just in case{END}|in case i (?:need|decide|want|change my mind|go through)|keeping (?:some|it|them|a "
    r"few) for me|for when i am ready|(?:no one|nobody) would (?:notice|know|find out|miss it|ever know)|to not wake "
    r"up|never wake up|"
    rf"(?:^|[.!?;,] )(?:all |just |only )?for me{END})\b"
)
DARK_MOOD = (
    r"\b(?:when i (?:feel|am feeling) like this|feeling like this|the way i (?:feel|have been feeling)|in this state|"
    r"so low|really low|very low|in a dark place|so depressed|really depressed|not doing (?:ok|okay|well)|so easy|too "
    r"easy|would be (?:so |too )?easy|tempting|tempts me|when i feel (?:this|so) (?:low|bad|down)|i (?:keep "
    r")?think(?:ing)? about (?:it|them|that) (?:a lot|all the time|constantly|every day)|can not stop thinking about "
    r"(?:it|them|that)|"
    r"i (?:think about|imagine|consider) (?:it|that)(?= ?[.!?;,]|$))\b"
)
GUN = r"\b(?:guns?|pistol|handgun|revolver|rifle|shotgun|firearms?|glock|\.38|9mm|ar 15|ar15)\b"
# A gun that is the writer's own means: "it's there for me, not burglars", "it isn't for protection".
GUN_MINE = (
    rf"\b(?:(?:it is|that is|is) (?:there |here )?(?:just |only )?for me{END}|for me,? not (?:for )?"
    r"(?:burglars|intruders|protection|anyone else)|(?:it is |is |was |that is )?not for (?:protection|burglars|"
    r"intruders|self defense|home defense|hunting|the range|safety|anyone else)|"
    r"for me,? not (?:for )?\w+)\b"
)
IN_CASE = rf"\b(?:(?:just )?in case{END}|in case i (?:need|decide|want|change my mind|go through))"
GUN_READIED = (
    r"\b(?:(?:loaded|cleaned and loaded) (?:it|my|the|his|her|dad's|a)\b|took (?:[\w']+ ){0,3}out of (?:the|my|his|her|"
    r"our) (?:safe|case|closet|lockbox|gun safe)\b|moved (?:it|my|the|his|her)\b|put (?:it|my|the) (?:\w+ )?(?:in|"
    r"under|next to) (?:my|the) (?:car|truck|glovebox|glove box|bag|purse|backpack|nightstand|pillow|bed|locker)\b|"
    r"bought (?:bullets|ammo|rounds|shells)\b|(?:it is|is|was) (?:now )?loaded\b|(?:is|are|it is) (?:now )?in my "
    r"(?:glove ?box|car|truck|purse|bag|nightstand|locker|backpack)\b)"
)
# Readied in secret: "my husband doesn't know i took his gun out of the safe".
GUN_HIDDEN = (
    r"\b(?:(?:without|behind) (?:him|her|them|my \w+) (?:knowing|noticing)|(?:he|she|they|my \w+|nobody|no one) "
    r"(?:does|do|did) not know i (?:took|have|moved|got|loaded|bought))\b"
)
PROTECTION = r"\b(?:burglar\w*|break ins?|intruders?|protection|self defense|home defense|range|hunting|deer|season)\b"
LOW_MOOD = (
    r"\b(?:(?:been|am|feel|feeling|so|really|very) (?:really |so |very )?(?:low|depressed|dark|hopeless|not ok|not "
    r"okay)|in a (?:dark|bad) place|i (?:keep |often |still )?think about (?:it|using it|that) (?:a lot|all the time|"
    r"constantly|every day|too much|more and more)|(?:i have been|i keep|keep|i am|been) thinking about (?:it|using it|"
    r"that)(?: a lot| all the time| constantly)?|can not stop thinking about (?:it|that)|struggling)\b"
)

# --- FAREWELL: settling one's affairs, and what makes it final -----------------------------------------
# Things given or left, and goodbyes said.
FAREWELL_GIVEN = (
    r"\b(?:(?:gave|given|giving) (?:away )?(?:all )?(?:of )?my\b|gave (?:\w+ ){1,3}my\b|left my (?:\w+ )?(?:cat|"
    r"dog|pets?|kids|keys|badge|passwords?|wallet|phone|ring|car)\b|(?:found|finding) (?:a )?(?:new )?homes? "
    r"for my\b|rehomed my\b|(?:returned|paid off|paid back|cancell?ed|closed) (?:all|everything|my)\b|set "
    r"up autopay\b|wrote (?:down )?my passwords\b|(?:wrote|recorded|left) (?:each of my \w+ |my \w+ |a |some "
    r")?(?:letters?|notes?|cards?|videos?)\b|called (?:\w+ ){1,3}(?:just )?to say goodbye\b)"
)
# Affairs settled: loose ends, a will, a beneficiary, a last message.
FAREWELL_SETTLED = (
    r"\b(?:(?:said|say|saying|hugged|kissed|held|told) (?:\w+ ){0,3}?goodbyes?\b|left instructions\b|(?:thank|"
    r"thanked) (?:you all|everyone|everybody|you for everything)\b|(?:tying|tied|tie) up (?:all )?(?:the |"
    r"my )?loose ends\b|(?:got|getting|put|putting) my (?:affairs|things|stuff) in order\b|(?:finished|signed|"
    r"updated|wrote) my will\b|(?:changed|updated|made|named) (?:my )?beneficiar(?:y|ies)\b|(?:cleaning|cleaned|"
    r"clearing|cleared) out my (?:apartment|house|place|room|desk|locker|stuff|things|closet)\b|(?:posted|"
    r"wrote|sent) my (?:last|final) (?:message|post|text|email|words)\b)"
)
FINAL = (
    r"\b(?:i (?:will not|am not going to|do not) (?:be )?need(?:ing)? (?:them|it|anything|any of (?:it|this|them)|"
    r"those|these|much|my \w+)(?! (?:with|now that|since|because|after|at|in|for|when|once|on|until)\b)|before i go(?! "
    r"(?:on|to|for (?!good)|home|in|out|back|into|away|through|off|up|"
    rf"down)\b)|for good{END}|for the last time|one last time|after i am gone|when i am (?:gone|not (?:around|"
    r"here))|(?:do|does|did) not know (?:that )?(?:it|that|this) (?:was|is|would be) (?:goodbye|the last time|what "
    rf"it was)|(?:do|does|did) not know (?:that is|that was) what it was|(?:will|would) keep (?:her|him|them|it) "
    rf"(?:after|for good|forever){END}|(?:nobody|no one|everyone) (?:is |will be |gets )?(?:stuck|left) with|"
    rf"after me{END}|with a note{END}|(?:did not|does not|do not) (?:get|realize|understand) it{END}|i am "
    rf"ready{END}|(?:i am|i feel) (?:at peace|calm|ready)(?: now)?{END}|"
    r"permanently|for keeps|(?:no one|nobody) (?:has|will have|would have|needs) to (?:deal with|clean up|sort "
    r"out|go through)|(?:does|do|did) not know why|wrote (?:her|him|them|each of them) (?:a )?(?:note|letter)|"
    rf"goodbye (?:everyone|everybody|all){END}|"
    r"(?:^|[.!?;,] )(?:will not|am not going to) (?:be )?need(?:ing)? (?:them|it|any of (?:it|this|them)|those|these)"
    r"(?! (?:with|now that|since|because|after|at|in|for|when|once|on|until)\b)|"
    r"(?:they are|it is|they will be) in my (?:locker|desk|drawer|top drawer|car|nightstand|glovebox)|i (?:will not|am "
    r"not going to) be (?:around|here) (?:tomorrow|after (?:tonight|today|this week))|for (?:everyone|everybody|each "
    r"of (?:them|my \w+)|my (?:family|kids|wife|husband|parents|children))(?= ?[.!?;]|$))\b"
)
DEPARTURE = (
    r"\b(?:moving|move to|relocat\w*|new job|retir\w*|last (?:day|shift|week)|leaving (?:the|this|my) (?:hospital|job|"
    r"unit|program|practice)|flight|boarding|airport|trip|vacation|deploy\w*|surgery|rotation|graduat\w*|maternity|"
    r"paternity|leave|the move|new (?:apartment|house|place|city))\b"
)

# --- DEATH named, and a first-person appraisal of it: "suicide feels like the only answer" --------------
SUICIDE = r"\b(?:suicide|killing myself|ending it all|ending it|ending my life|taking my life|unaliving)\b"
APPRAISAL = (
    r"\b(?:(?:(?:keeps|is starting to|has started to|starts to|is beginning to|just|really|honestly) )?(?:feel|feels|"
    r"feeling|seem|seems|seeming|sound|sounds|sounding|look|looks|looking)(?: (?:like|more and more like|increasingly "
    r"like))? (?:(?:the|an|my|a|only|one|best|right|real|last|easiest|obvious|logical|reasonable|true|final|"
    r"responsible|kind|kindest|fair|smart|sensible|sane) ){0,3}(?:answer|option|way out|solution|choice|escape|exit|"
    r"thing that makes sense|way to go|plan|relief|fix)|(?:feels|seems|sounds|looks) (?:so |more and more |pretty |"
    r"kind of )?(?:right|inevitable|reasonable|logical|rational|peaceful|appealing|tempting|close|closer|like relief|"
    r"like a relief)|is (?:all|everything) (?:that )?i (?:can |ever )?(?:think|thought) about|is the only thing (?:on "
    r"my mind|i (?:can )?think about|that makes sense|left)|keeps (?:coming back|creeping in|popping (?:up|into my "
    r"head)|crossing my mind|calling me)|makes (?:the most |more |so much )?sense (?:now|to me|lately|every day|each "
    r"day|these days|anymore)|is (?:my|the) (?:only )?(?:answer|option|way out|plan))\b"
)
# ...unless it is about someone else: "seems like the only option for some of my patients".
NOT_FOR_OTHERS = (
    r"(?! (?:for|to) (?:him|her|them|some|many|most|a lot|people|patients|pts|the patient|the pt|my pt|my patients?|"
    r"those|these|others|someone|anyone|veterans|men|women|teens|kids|her|his)\b)"
)
MIND_ON = (
    r"\b(?:all i (?:can |ever )?(?:think|thought) (?:about|of) (?:is|was)|my (?:mind|brain|head) keeps (?:going|"
    r"drifting|wandering|coming) (?:back )?to|i keep (?:coming|going|drifting) back to|the only (?:answer|option|way "
    r"out|thing that makes sense|solution) (?:is|left is)|i am (?:seriously )?(?:drawn to|leaning towards|tempted by))"
)

# --- PLAN with nothing named: "made a plan last night", "the plan's ready", "worked out the details" ------
# Subject dropped ("made a plan last night") or said ("i have the plan"); never "a game plan", "a care plan".
PLAN_MADE = (
    r"(?:^|[.!?;,] |\bi (?:(?:have|had|already|finally|just|now) )*|\band )(?:(?:just|finally|already|now) )?(?:made|"
    r"have|got|came up with|worked out|finished|settled on|finali[sz]ed|figured out) (?:a|the|my) plan\b"
)
PLAN_STATE = (
    r"\b(?:the|my) plan(?:'s| is) (?:(?:all|now|already|finally) )?(?:ready|set|made|done|in place|final|finished|"
    r"decided)\b"
)
PLAN_DETAILS = (
    r"\b(?:(?:worked out|figured out|planned|sorted out|finali[sz]ed|settled) (?:all )?(?:of )?(?:the |my "
    r")?details\b|(?:planned|thought through) (?:it )?(?:all|everything)(?: out)?\b|planned it out\b|look "
    r"like an accident\b)"
)
# Everything made ready, with nothing said of what for: "got everything lined up", "it's all arranged".
PREPARED = (
    r"\b(?:(?:got|have|had|i have) (?:everything|it all|it|things) (?:all )?(?:lined up|arranged|in place|planned|"
    r"finali[sz]ed)|(?:everything|it|it all) is (?:all )?(?:lined up|arranged|in place|planned|decided|finali[sz]ed)|"
    r"i (?:have )?finali[sz]ed it|there is a plan(?: in place)?|i have been planning (?:it|this)|planned it (?:all|"
    r"out|carefully|for weeks|for months))\b"
)
# Its own words, rarer than what it pairs with: looked for first.
PREPARED_WORDS = r"\b(?:lined up|arranged|in place|planned|planning|plan|finali[sz]ed|decided)\b"
# What names a plan as someone else's or as work: "for the patient", "to take a vacation", "with my manager".
PLAN_NAMED = (
    r"(?: (?:for (?!how|when|it\b|this\b|that\b|me\b|myself\b|tonight|this weekend|the weekend|after|weeks|months|"
    r"days|a while|ages)|to (?!do it|go through|end|die|kill|not wake|never wake)|of|with|about|if|on|at|in place|b\b|"
    r"a\b|that|where|and a backup)\b| ?[:-]|[^.!?;]{0,25}:)"
)
# What says a plan is meant: resolve, calm, a time, secrecy.
PLAN_MEANT = (
    r"\b(?:scared|afraid|relief|relieved|ready|decided|decide|when|date|means|how|tonight|goodbye|end it|do it|for "
    r"real|this time|go through with it|nobody knows|no one knows|peace|peaceful|calm|weirdly|waiting|the nerve|the "
    r"courage|birthday|weekend|soon|details|insurance|accident|(?:not going to|will not|do not want to|can not|rather "
    r"not|am not|not) (?:say|saying|tell|telling|share|sharing|talk about|talking about|explain|go into|going into)|"
    r"all i (?:want to|will|can) say|(?:nobody|no one) (?:needs to|has to|will|gets to) know|keeping it to myself|"
    r"talk me out|stop me|try to stop|"
    r"wait for|waiting for|just have to|just need to|sticking to it|go through with it|follow through)\b"
)

# --- PASSIVE: a wish that death would happen to me ------------------------------------------------------
PASSIVE_FRAME = (
    r"\b(?:(?:would not|do not|would not really|would not even) (?:mind|care) (?:if|whether)|(?:hope|hoping|hopes|wish|"
    r"wishing|pray|praying) (?:that |for )?|part of me (?:hopes|wishes|wants)|i (?:catch|caught) myself (?:hoping|"
    r"wishing)|it would be (?:nice|fine|ok|okay|a relief|easier|better|a mercy) if|(?:would not|would not really) be "
    r"(?:the worst thing|so bad|a bad thing) if|i would welcome (?:it if|a|an)|(?:would not|would not even|i would "
    r"not) (?:fight|resist) (?:it )?if|would not hate (?:it )?if|would be (?:okay|fine|ok|alright) (?:with it )?if|"
    r"would not be (?:sad|upset) if|would not mind (?:a|an|getting|being) )"
)
DEATH_EVENT = (
    r"\b(?:(?:a|the|some) (?:bus|car|truck|train) (?:would |will )?(?:hit|hits|ran over|runs over|run over|took out|"
    r"takes out) me|(?<!not )(?<!never )(?:get|got|getting|be) (?:hit by (?:a|the|some) (?:bus|car|truck|train|drunk "
    r"driver)|run over|killed)\b|(?:the|my) (?:car|plane|flight) (?:would |will )?(?:crashed|crashes|crash|went down|"
    r"goes down|go down)|i (?:would |will )?(?:crash|crashed|died|die)\b|i (?:got|get) in a crash|i (?:did not|do not|"
    r"would not) make it|(?:takes|took|would take|take) me out\b|my heart (?:just )?(?:stopped|stops|would stop|gave "
    r"out)|(?:died|die) in my sleep|(?:did not|do not|would not|never) wake up|(?:the|my) (?:scan|biopsy|results?|"
    r"tests?|mri|ct|labs?) (?:comes?|came|come) back (?:bad|positive|as cancer|terminal)|(?:get|got|getting) (?:cancer|"
    r"something terminal)|(?:a|an) (?:heart attack|aneurysm|stroke|fatal (?:accident|crash)|massive (?:heart attack|"
    r"stroke))|something (?:incurable|fatal|terminal)|an? (?:incurable|terminal) (?:illness|disease|diagnosis)|(?:a |"
    r"an )?fatal (?:car )?(?:wreck|crash|accident))"
)

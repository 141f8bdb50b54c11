"""Crisis rules for farewells: letters for after, things given away, a will with goodbyes, saying goodbye.

A will, a goodbye party or old textbooks given to the interns are ordinary; these rules fire only when
the farewell points past the writer's own death, or comes with what makes it final.
"""

from __future__ import annotations

from handlers.safety.fragments import AFTER_ME
from handlers.safety.rule import concern, crisis, leveled

_FAMILY = r"(?:family|kids|children|wife|husband|partner|mom|mum|dad|parents|son|daughter|sister|brother)"

FAREWELL_RULES = (
    *leveled(
        "crisis",
        (
            (
                "for_after_me",
                rf"\b(?:letters?|notes?|messages?|cards?|videos?|emails?|instructions|passwords|home for|"
                rf"looked after|taken care of|cared for|provided for)\b[^.!?;]{{0,50}}?\b{AFTER_ME}",
            ),
            (
                "giving_things_away",
                r"\b(?:give|giving|gave|given) away (?:all )?(?:of )?my (?:stuff|things|belongings|possessions|pets|"
                r"cat|dog)\b(?!'s| (?:before|because|since|for|to make room|as i))|\b(?:give|giving|gave|given) "
                r"(?:all )?(?:of )?my (?:stuff|things|belongings|possessions|clothes|books|jewelry|jewellery) away\b"
                r"(?! (?:before|because|since|for|to make room|as i))",
            ),
            (
                "wont_need_them",
                r"\b(?:give|giving|gave|given)\b[^.!?;]{0,60}?\bi (?:will not|am not going to|do not) need "
                r"(?:them|it|any of (?:it|them|this)|those|these)(?: (?:anymore|any longer|where i am going|soon))?"
                r"(?! (?:now that|since|because|after|at|in|for|when|once|on|with|until)\b)"
                r"(?![^.!?;]*\b(?:new job|moving|retir\w*|rotation|graduat\w*)\b)",
            ),
            (
                "goodbye_acts",
                r"\bthis is (?:my )?goodbye\b(?! (?:to|for now|from|party|card|lunch|"
                r"drinks)\b)|\bsaid (?:my )?goodbyes? (?:to (?:\w+ ){1,3}?)?(?:for the last time|for good|one last "
                rf"time)\b|\b(?:want to|going to|need to|have to|ready to) say goodbye to "
                rf"(?:everyone|everybody|all of you|"
                rf"my {_FAMILY})(?: before i go)?(?= ?[.!?;,]|$)",
            ),
            (
                "goodbye_messages",
                r"\b(?:texted|messaged|emailed|called|wrote|writing|recorded|recording|sent|sending) (?:my )?"
                r"(?:\w+ ){0,6}?(?:goodbye|goodbyes|goodbye messages?|goodbye videos?)\b(?! (?:to|from) (?:the|my) "
                r"(?:team|unit|job|hospital|program|colleagues|coworkers))(?![^.!?;]*\b(?:leaving|moving|retiring|"
                r"new job|last day|last shift)\b)",
            ),
            (
                "tell_them_i_love_them",
                rf"\btell (?:my (?:\w+ ){{0,2}}?{_FAMILY}|everyone|them) (?:that )?i (?:love (?:them|her|him|you)|"
                r"am sorry)\b",
            ),
            (
                "affairs_in_order",
                r"\b(?:put|putting|got|getting|get|have|had) (?:all )?my affairs in order\b(?! before (?:my |the )?"
                r"(?:surgery|deployment|trip|move|baby|leave|procedure))|\b(?:wrote|written|writing|updated|"
                r"updating|made|making|finished|finishing|signed) (?:out )?my will\b(?=[^.!?;]{0,60}\b(?:letters?|"
                r"notes?|goodbyes?|after i|when i am gone|passwords|insurance|ready)\b)",
            ),
        ),
    ),
    crisis(
        "last_time",
        r"(?:^|\bi |[.!?;,] )(?:just )?(?:hugged|kissed|said goodbye to|held|looked at) (?:\w+ ){0,4}?(?:like|as if|"
        r"knowing) (?:it|this) (?:was|were|is|would be) the last time\b",
        marked=True,  # the subject is in the pattern: "hugged my kids like it was the last time"
    ),
    # Told as the writer's own act ("said goodbye to my parents, they don't know it was goodbye").
    crisis(
        "secret_goodbye",
        r"(?:^|\bi |[.!?;] )(?:just |already )?(?:said|say|have said) (?:my )?goodbyes? (?:to )?[^.!?;]{0,40}?"
        r"\b(?:they|"
        r"she|he|nobody|no one) (?:do not|did not|does not|would not) know it (?:was|is|would be) (?:goodbye|the "
        r"last time)\b",
        marked=True,
    ),
    concern(
        "after_im_gone",
        rf"\b{AFTER_ME}",
        # Its first words ("after", "when", "for") are in every other message: look for its last ones first.
        requires=r"\b(?:gone|dead|passed|pass away|kill myself|not here|not around|for after)\b",
    ),
    concern(
        "life_insurance", r"\b(?:life insurance|the insurance|my insurance) (?:will )?(?:pays? out|covers? suicide)\b"
    ),
    # "Saying my goodbyes this week, quietly": goodbyes of one's own, with no leaving or loss to explain them.
    crisis(
        "my_goodbyes",
        r"\b(?:saying|said|say|made|making|started saying) my (?:last |final )?goodbyes\b",
        unless=r"\b(?:moving|move|new job|retir\w*|last (?:day|shift)|leaving|flight|trip|vacation|deploy\w*|"
        r"funeral|hospice|memorial|wake|passed|died|dying|patients?|pts?|grandma|grandpa|dog|cat)\b",
    ),
)

"""The crisis-language check every inbound text passes first, on every platform (Promise 2)."""

from __future__ import annotations

import logging
import re
import unicodedata
from itertools import product

logger = logging.getLogger(__name__)


def is_crisis(text: str) -> bool:
    """True when the text holds first-person suicidal thoughts, plans, self-harm or hopelessness about living.

    Leans towards firing: a kind false alarm costs little, a missed crisis does not. Everyday idioms of a
    hard clinical job ("this shift is killing me") and third-person talk about patients stay quiet.
    """
    if not isinstance(text, str) or not text.strip():
        return False
    try:
        plain = _normalise(_bounded(text))
        # A second look without commas catches a phrase broken by a pause ("i want to... die").
        return _scan(plain) or ("," in plain and _scan(re.sub(r" ?, ?", " ", plain)))
    except Exception as exc:  # the safety net itself must never fail open, nor raise into dispatch
        # Only the exception's type is logged: its message could quote what the clinician wrote (Promise 1).
        logger.error("crisis check failed (%s); treating the message as a crisis", type(exc).__name__)
        return True


# Far beyond any platform's message limit (Slack 40,000 characters). Past it, the head and the tail are
# read (what matters most often comes last), so one pasted book cannot stall the inbound path.
_MAX_CHARS = 100_000


def _bounded(text: str) -> str:
    if len(text) <= _MAX_CHARS:
        return text
    half = _MAX_CHARS // 2
    return f"{text[:half]}\n{text[-half:]}"


# ---------------------------------------------------------------------------------------------------------
# Normalisation: one plain, lowercase, expanded spelling for everything people type.
# ---------------------------------------------------------------------------------------------------------

# Look-alike letters from other scripts, and typographic quotes and dashes, to their plain forms.
_CHAR_MAP = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4`", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        **dict(zip("аеорсухіјѕкмтвнοαιεκνρτυ", "aeopcyxijskmtbhoaieknptu", strict=True)),
    }
)

# fmt: off
# Characters that stand in for letters ("su1c1de", "k!ll", "$elf", "s*icide").
_ANY = "abcdefghijklmnopqrstuvwxyz"
_LEET = {
    "1": "il", "!": "il", "|": "il", "0": "o", "3": "e", "4": "a", "@": "a",
    "5": "s", "$": "s", "7": "t", "*": _ANY, "#": _ANY,
}

# Words that disguised or stretched tokens are resolved to; anything else falls back to a plain mapping.
_VOCAB = frozenset({
    "suicide", "suicidal", "kill", "killing", "killed", "myself", "die", "dying", "dead", "death", "overdose",
    "overdosing", "unalive", "unaliving", "hang", "hanging", "cut", "cutting", "harm", "hurt", "self",
    "pills",
    "life", "live", "living", "end", "ending", "want", "wanna", "wish", "all", "still", "will", "feel",
    "feeling", "better", "off", "without", "anymore", "hopeless", "burden", "jump", "bridge", "noose",
    "wrists", "sleep", "wake", "exist", "fucking", "kms", "too", "need", "see", "alive", "gone", "goodbye",
    "everyone", "nobody", "safe",
})

# Shortcuts, slang and contractions typed without the apostrophe, one token at a time.
_SHORTCUTS = {
    "im": "i am", "ive": "i have", "u": "you", "ur": "your", "r": "are", "2": "to", "4": "for",
    "b4": "before", "n": "and", "bc": "because", "cuz": "because", "coz": "because", "bcuz": "because",
    "rn": "right now", "2nite": "tonight", "2night": "tonight", "tonite": "tonight", "tmrw": "tomorrow",
    "tmr": "tomorrow", "2moro": "tomorrow", "2morrow": "tomorrow", "ppl": "people", "noone": "no one",
    "no1": "no one", "every1": "everyone", "evry1": "everyone", "any1": "anyone", "ne1": "anyone",
    "some1": "someone", "abt": "about", "bout": "about", "thru": "through",
    "wanna": "want to", "wana": "want to", "wan2": "want to", "want2": "want to", "wnt": "want",
    "wnat": "want", "gonna": "going to", "gona": "going to", "finna": "going to", "gotta": "got to",
    "hafta": "have to", "tryna": "trying to", "kinda": "kind of", "sorta": "sort of",
    "dunno": "do not know", "idk": "i do not know", "idc": "i do not care", "idgaf": "i do not care",
    "rly": "really", "srsly": "seriously",
    "cant": "can not", "cannot": "can not", "dont": "do not", "wont": "will not", "didnt": "did not",
    "doesnt": "does not", "isnt": "is not", "arent": "are not", "wasnt": "was not", "werent": "were not",
    "wouldnt": "would not", "couldnt": "could not", "shouldnt": "should not", "havent": "have not",
    "hasnt": "has not", "hadnt": "had not", "aint": "am not", "whats": "what is", "thats": "that is",
    "theres": "there is", "its": "it is", "youre": "you are", "theyre": "they are",
    "theyd": "they would", "theyll": "they will", "shes": "she is", "hes": "he is",
    "kms": "kill myself", "kmss": "kill myself", "killmyself": "kill myself", "killmyslf": "kill myself",
    "myslef": "myself", "mysefl": "myself", "myslf": "myself", "meself": "myself", "mysel": "myself",
    "selfharm": "self harm", "sewerslide": "suicide", "suicde": "suicide", "sucide": "suicide",
    "suiside": "suicide", "suicid": "suicide", "sucidal": "suicidal", "suicdal": "suicidal",
    "suisidal": "suicidal", "suicidial": "suicidal", "ded": "dead", "dieing": "dying", "dyin": "dying",
    "oding": "overdosing", "oded": "overdosed", "lyf": "life", "livin": "living", "nothin": "nothing",
    "goin": "going", "thinkin": "thinking", "killin": "killing", "endin": "ending", "feelin": "feeling",
    "tryin": "trying", "kil": "kill", "anymroe": "anymore", "anymor": "anymore", "nemore": "anymore",
}
# fmt: on

_TOKEN = re.compile(r"[a-z0-9@$!|*#]+(?:[.\-_][a-z0-9@$!|*#]+)*")
_SPACED_LETTERS = re.compile(r"(?<![a-z])(?:[a-z] ){2,}[a-z](?![a-z])")  # "s u i c i d e"
_INVISIBLE = ("Mn", "Me", "Cf")  # combining accents, enclosing marks, zero-width and format characters
_EDGE_MARKS = re.compile(r"([!|*#]*)(.*?)([!|*#]*)")
_LETTER_RUN = re.compile(r"([a-z])\1{2,}")
_CONTRACTIONS = (
    (re.compile(r"\bcan'?t\b"), "can not"),
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"\b(it|that|what|there|here|who|everything|nothing|life|death)'s\b"), r"\1 is"),
    (re.compile(r"'m\b"), " am"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'d\b"), " would"),
)
_PHRASES = (
    (re.compile(r"\bw/o\b"), " without "),
    (re.compile(r"\bw/"), " with "),
    (re.compile(r"\by/o\b"), " yo "),
    (re.compile(r"\bb/c\b"), " because "),
    (re.compile(r"\bmy self\b(?! (?:harm|injur|esteem|care|worth|confidence|image|doubt))"), "myself"),
    (re.compile(r"\bsewer slide\b"), "suicide"),
    (re.compile(r"\bany more\b"), "anymore"),
    (re.compile(r"\bself-? ?harm"), "self harm"),
    # "id"/"ill" are words too (an ID badge, an ill patient): expand them only where a verb follows.
    (
        re.compile(r"\bid (?=(?:rather|be|just|never|really|honestly|probably|prefer|want|love|die|kill)\b)"),
        "i would ",
    ),
    (
        re.compile(
            r"(?:^|(?<=[.!?;,] )|(?<=\band )|(?<=\bso )|(?<=\bbut ))ill (?=(?:just|kill|end|do|take|be|never|"
            r"probably|go|jump|drive|overdose|od|hang|die|finally|really)\b)"
        ),
        "i will ",
    ),
)
_NOT_KEPT = re.compile(r"[^a-z0-9' .,!?;:\"]+")  # emoji, symbols, brackets: word breaks, nothing more
_PUNCT_RUN = re.compile(r"\s*([.,!?;:])[.,!?;:\s]*")


def _normalise(text: str) -> str:
    """Lowercase plain ASCII-ish text, shortcuts expanded, disguises undone, one space between words."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_CHAR_MAP)
    # Accents, zero-width and other invisible characters go (they hide words from the patterns).
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) not in _INVISIBLE)
    text = re.sub(r"[\r\n]+", ". ", text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\.{2,}", ", ", text)  # an ellipsis is a pause, not a full stop
    text = _SPACED_LETTERS.sub(_join_spaced, text)
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    text = _TOKEN.sub(lambda m: _fix_token(m.group()), text)
    for pattern, replacement in _PHRASES:
        text = pattern.sub(replacement, text)
    text = _NOT_KEPT.sub(" ", text)
    text = _PUNCT_RUN.sub(r"\1 ", text)
    return re.sub(r" {2,}", " ", text).strip(" .,!?;:")  # leading and trailing marks say nothing


def _join_spaced(match: re.Match[str]) -> str:
    """'s u i c i d e' -> 'suicide', but only when the letters spell a word we look for."""
    joined = match.group().replace(" ", "")
    if joined in _VOCAB or joined in _SHORTCUTS:
        return joined
    if joined[0] in "iau" and (joined[1:] in _VOCAB or joined[1:] in _SHORTCUTS):
        return f"{joined[0]} {joined[1:]}"
    return match.group()


def _fix_token(token: str) -> str:
    """One token through shortcuts, disguises (leetspeak, masks, dots) and stretched letters."""
    # At a token's edges these marks are punctuation or emphasis ("kms!!", "*so*"), not letters.
    lead, core, trail = _EDGE_MARKS.fullmatch(token).groups()
    if core and (lead or trail):
        return f"{lead} {_fix_token(core)} {trail}"
    if token in _SHORTCUTS:
        return _SHORTCUTS[token]
    joined = re.sub(r"[.\-_]", "", token)
    if joined != token and not (_resolve(joined) or joined in _SHORTCUTS):
        return " ".join(_fix_token(part) for part in re.split(r"[.\-_]", token))  # "e.g." stays itself
    resolved = _resolve(joined) or _plain(_LETTER_RUN.sub(r"\1", joined))
    return _SHORTCUTS.get(resolved, resolved)


def _resolve(token: str) -> str | None:
    """The vocabulary word a disguised or stretched token spells ('su1c1de', 'k*ll', 'killlll'), if any."""
    if token in _VOCAB:
        return token
    if not any(c in _LEET for c in token) and not _LETTER_RUN.search(token):
        return None
    for candidate in _destretched(token):
        for word in _VOCAB:
            if len(word) == len(candidate) and all(
                t == w or w in _LEET.get(t, "") for t, w in zip(candidate, word, strict=True)
            ):
                return word
    return None


def _destretched(token: str) -> list[str]:
    """Every way to shrink runs of 3+ letters to one or two ('feeeel' -> 'fel', 'feel')."""
    parts = re.split(r"(([a-z])\2{2,})", token)
    if len(parts) == 1:
        return [token]
    if len(parts) > 3 * 6:  # more than six stretched runs: one short form, not 2**n of them
        return [_LETTER_RUN.sub(r"\1", token)]
    # re.split yields text, run, run-letter, text, run, run-letter, ..., text.
    texts, runs = parts[0::3], parts[1::3]
    chunks = [[texts[0]]]
    for run, text in zip(runs, texts[1:], strict=True):
        chunks += [[run[0], run[:2]], [text]]  # each run becomes one letter or two
    return ["".join(choice) for choice in product(*chunks)]


def _plain(token: str) -> str:
    """Leftover look-alikes inside a word become letters ('w4nna', 'h!m'); masks inside it go ('f*ck')."""
    if sum(c.isalpha() for c in token) < 2:
        return token
    token = re.sub(r"(?<=[a-z])[!|*#]+(?=[a-z])", lambda m: "i" if m.group()[0] in "!|" else "", token)
    return re.sub(r"[013457@$]", lambda m: _LEET[m.group()][0], token)


# ---------------------------------------------------------------------------------------------------------
# Patterns. Written on normalised text: lowercase, single spaces, "do not", "can not", "want to", "i am".
# ---------------------------------------------------------------------------------------------------------

# Fillers people put between the words of a phrase ("i want to just fucking die", "should i just end it").
# At most five: an unbounded run would make "so so so ..." quadratic.
_F = (
    r"(?:(?:i|just|really|so|literally|honestly|actually|seriously|genuinely|truly|kind of|sort of|lowkey|"
    r"fucking|freaking|effing|fr|tbh|ngl|like|all|even|still|already|sometimes|often|always|again|now|simply|"
    r"pretty much|basically|secretly|finally|totally|completely|constantly|very|a bit|a little) ){0,5}"
)
# Words after a crisis word that make it about work or patients ("suicide risk training", "suicidal pt").
_CLINICAL = (
    r"(?! (?:\w+ )?(?:patients?|pts?|screen\w*|assess\w*|training|protocols?|precautions|risk|rates?|"
    r"prevention|awareness|hotline|consults?|evals?|evaluation|cases?|policy|module|lecture|talks?|watch|"
    r"holds?|unit|ward|research|stats|data|survivors?|loss|bereavement|kids?|teens?|adolescents?|people|"
    r"person|man|woman|guy|girl|boy|certificates?|certs?|pronounc\w*|notes? (?:on|for)|summar\w*)\b)"
)
_MEANS = (
    r"(?:pills|meds|tablets|medications?|tylenol|acetaminophen|insulin|potassium|kcl|propofol|fentanyl|"
    r"morphine|dilaudid|opioids|oxy\w*|xanax|ambien|benzos|sleeping pills|painkillers|digoxin|sux|roc|vec|"
    r"succinylcholine|rocuronium|air)"
)
_DEATH_WISH = (
    r"(?:be dead|not be alive|stop existing|not exist|cease to exist|not be here anymore|disappear forever|"
    r"disappear for good|disappear|vanish|sleep forever|go to sleep forever|never wake up|not wake up)"
)
_IF_GONE = (
    r"if i (?:\w+ )?(?:died|die|was dead|were dead|was gone|were gone|was not (?:here|around|alive)|"
    r"were not (?:here|around|alive)|did not wake up|never woke up|disappeared|killed myself|ended it)\b"
)
_NO_NEG = r"(?<!not )(?<!never )"

# "I can't do this anymore": a crisis only while "this" is left unnamed (see _scan).
_CANT_DO_THIS = (
    rf"\bcan not {_F}(?:(?:do|take|handle|bear|stand|cope with|deal with|keep doing|"
    rf"survive)(?: {_F}(?:this|it|any of this|it all|this life|life))? {_F})?(?:anymore|any longer)\b|"
    rf"\bcan not {_F}(?:keep going|go on|carry on) like this\b"
)

_RULES: tuple[tuple[str, str], ...] = (
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
    ("self_harm", rf"\bself (?:harm|harming|harmed|injur\w*|mutilat\w*)\b{_CLINICAL}"),
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
        rf"{_NO_NEG}\b(?:want|wanted|wanting|wish|wished|wishing|need|ready|trying|tried|hoping|hope|praying|"
        rf"pray|plan|planning|decided|deserve|longing|urge|urges) {_F}to {_F}die\b",
    ),
    ("let_me_die", rf"\blet me {_F}die\b"),
    (
        "death_wish",
        rf"{_NO_NEG}\b(?:want|wanted|wanting|wish|wishing|need|ready|hoping|praying|rather|"
        rf"like) {_F}(?:to )?{_F}{_DEATH_WISH}\b",
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
        rf"{_NO_NEG}\b(?:am|feel|feeling|felt|been|get|getting|got|become|becoming|going|so|quite|pretty|"
        rf"bit) {_F}suicidal\b{_CLINICAL}",
    ),
    ("suicidal_alone", rf"(?:^|[.!?;] ){_F}suicidal\b{_CLINICAL}"),
    (
        "suicidal_thoughts",
        rf"\bsuicid(?:al|e) (?:thoughts?|ideation|ideations|feelings?|urges?|thinking|tendencies|episodes?|"
        rf"impulses?)\b{_CLINICAL}",
    ),
    (
        "thinking_of_suicide",
        rf"\b(?:think|thinking|thought|thoughts|considering|consider|considered|contemplating|contemplate|"
        rf"contemplated|planning|plan|planned|attempted|attempt|attempting|tried|try|trying|commit|"
        rf"committing|googling|googled|researching|researched|obsessing|fantasi[sz]e|fantasi[sz]ing|dreaming|"
        rf"urges?|close to|on the verge of) {_F}(?:about |of |over |on |to commit |to )?{_F}(?:suicide|"
        rf"unaliving|dying|my (?:own )?death|death|ending it|ending it all|ending things|not existing|"
        rf"not being here|not being alive|not waking up)\b{_CLINICAL}",
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
    # Plans and means.
    (
        "overdose",
        rf"{_NO_NEG}\b(?:want|going|plan|planning|planned|ready|thinking about|thinking of|thought about|"
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
        rf"\b(?:have|got|put|laid) (?:the|my|all the|all my|enough) {_MEANS} (?:ready|lined up|counted out|"
        rf"in front of me|next to me|on the table|laid out)(?= ?(?:[.!?;,]|$)| (?:tonight|now|and i)\b)",
    ),
    (
        "take_all_pills",
        rf"\b(?:take|taking|took|swallow|swallowing|swallowed|down|downing|downed) {_F}(?:all|a bunch|"
        rf"a handful|handfuls|a bottle|the bottle|the whole bottle|whole bottle|every single one|enough|"
        rf"a fistful) (?:of )?(?:my |the |those |these |our )?(?:\w+ )?{_MEANS}\b",
    ),
    (
        "hoard_means",
        rf"\b(?:stockpil\w*|saving up|hoarding|stashing) (?:my |some |the |extra |"
        rf"all my )?(?:\w+ )?{_MEANS}\b",
    ),
    (
        "enough_means",
        rf"\b(?:have|got|saved|collected|"
        rf"stocked) (?:up )?enough (?:\w+ ){{0,2}}?{_MEANS} (?:at home )?to (?:do it|end it|end things|die|"
        rf"kill me|kill myself|not wake up|never wake up|od|overdose|make it stop)\b",
    ),
    (
        "know_the_dose",
        rf"\bknow (?:exactly )?(?:how much|how many|what dose|which dose|what combination) (?:of )?(?:(?:my |"
        rf"the |our )?{_MEANS} (?:\w+ ){{0,3}}?it would take|(?:(?:my |the |"
        rf"our )?{_MEANS} )?(?:\w+ ){{0,3}}?(?:would do it|would kill me|to end it|to die|to kill myself|"
        rf"to not wake up))\b",
    ),
    (
        "inject_myself",
        rf"\b(?:inject|injecting|push|pushing|draw up|drawing up|give|giving|hang|hanging) {_F}(?:some |"
        rf"a (?:vial|syringe|bag|bottle|bunch) of |enough |a lot of )?{_MEANS} {_F}"
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
        rf"{_NO_NEG}\b(?:want|going|plan|planning|ready|tempted|thinking about|thinking of|thought about|"
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
    ("cant_do_this", _CANT_DO_THIS),
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
        rf"\b(?:no|not any|not a single|zero|nothing|not one|lost my) {_F}(?:reason|reasons|point|"
        rf"purpose) (?:left )?(?:to|for me to|in|in me) {_F}(?:live|living|keep living|go on|going on|"
        rf"keep going|carry on|be alive|stay alive|wake up|waking up|exist|existing)\b|"
        rf"\bnothing (?:left )?(?:to live for|worth living for)\b|\bno point (?:anymore|in anything|"
        rf"to anything|to life|in life)\b",
    ),
    (
        "point_of_living",
        rf"\b(?:see|is|was|there is|find|lost) (?:the |any |a |no )?(?:point|purpose|meaning) (?:of|in|"
        rf"to) {_F}(?:living|life|going on|carrying on|being alive|being here|existing|waking up|"
        rf"staying alive|keep going)\b|\b(?:see|is|was|there is|find|lost) (?:the |any |a |no )?(?:point|"
        rf"purpose) (?:of|in|to) (?:anything|any of it|it all|any of this)(?= ?(?:anymore|[.!?;,]|$))",
    ),
    (
        "hopeless",
        rf"{_NO_NEG}\b(?:feel|feeling|felt|am|been|so|totally|completely|utterly) {_F}hopeless\b(?! (?:at|"
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
        rf"{_NO_NEG}\b(?:am|feel like|feel|feeling like|feeling|felt like|just|only|nothing but) {_F}(?:a|an|"
        rf"such a) {_F}(?:\w+ )?burden\b(?! (?:of|on the system)\b)",
    ),
    (
        "if_i_were_gone",
        rf"\b(?:nobody|no one|anyone|anybody|everyone|everybody|easier|better|simpler|relief|relieved|"
        rf"happier|care|notice|miss me)\b[^.!?;]{{0,50}}?\b{_IF_GONE}|"
        rf"\b{_IF_GONE}[^.!?;]{{0,50}}?\b(?:nobody|no one|anyone|anybody|everyone|better|easier|relief|"
        rf"relieved|happier|care|notice)\b",
    ),
    (
        "no_way_out",
        r"\b(?:no (?:other )?|(?:do not|can not|never) (?:see|find) (?:a|"
        r"any) (?:other )?)way out\b(?! of (?!it all|this life|life|this pain)\w)",
    ),
    (
        "not_around_much_longer",
        r"\b(?:will not|not going to) be (?:around|alive) (?:much longer|for much longer|for long|anymore)\b",
    ),
    ("give_up_on_life", rf"\b(?:give|giving|gave|given) up on {_F}(?:life|living|myself|it all)\b"),
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
    (
        "urge_to_cut",
        r"\burges? to (?:cut|self harm|hurt myself|burn myself)\b(?! (?:back|down|corners|out|in|through|the|"
        r"my|a|it|costs|hours|him|her|them|someone|people|off|ties|loose)\b)",
    ),
    (
        "looked_up_how",
        rf"\b(?:googled|googling|looked up|looking up|researched|researching|searched|searching|read up on|"
        rf"reading up on) (?:how (?:much|many) (?:of )?(?:my |the )?{_MEANS} (?:it )?(?:takes|would take|"
        rf"to die|to kill)\b(?! to (?:cause|reach|treat|get|hit|see|work))|(?:painless |easy |quick |"
        rf"quickest |easiest |best )?ways to (?:die|end it)\b|how to (?:die|end it)\b(?! with))",
    ),
    (
        "walk_into_the_sea",
        rf"\b(?:should|could|want to|going to|thinking about|thought about|ready to|might|wish i could|"
        rf"urge to) {_F}(?:walk|walking|swim|swimming|wade|wading) (?:out )?(?:into|to) (?:the )?(?:ocean|"
        rf"sea|lake|river|water)\b(?! (?:on|for|with|this|next|when|after))",
    ),
    ("hate_being_alive", r"\bhate (?:being alive|existing|my existence|that i am alive|that i woke up)\b"),
    (
        "just_the_word",
        r"^(?:(?:ugh|honestly|lol|just|so|feeling|me|i am) )*(?:suicide|suicidal|self harm|unalive|die|"
        r"want to die|kill myself)(?: (?:lol|right now|tbh|fr|honestly|tonight|now|today))* ?[.!?;,]*$",
    ),
)
_PATTERNS = tuple((name, re.compile(pattern)) for name, pattern in _RULES)

# Everyday phrases that share words with the patterns. Each is replaced by "~" before matching: the
# phrase no longer reads as a crisis, and the words around it keep their places.
_IDIOMS = re.compile(
    "|".join(
        (
            r"\bkilling myself (?:to|over|trying|working|for)\b",  # working flat out
            r"\b(?:kill|killed|killing) myself (?:laughing|tripping|slipping|falling)\b",
            r"\b(?:killed|killing) myself (?:on|at|in) (?:the |my |a )?(?:gym|stairmaster|treadmill|bike|"
            r"peloton|rower|spin|run|hike|climb|workout|crossfit|practice|pilates|yoga)\b",
            r"\bshoot(?:ing)? myself in the foot\b",
            r"\bdrown(?:ing)? myself in (?!the |a |water\b)\w+",  # "in coffee", "in work"
            r"\b(?:cut|cutting|hurt|hurting|burn|burnt|burned|burning|stuck|"
            r"scratched) myself (?:on(?! purpose)|at|while|lifting|moving|shaving|cooking|during|playing|"
            r"running|turning|pulling|pushing|transferring|by accident)\b",
            r"\b(?:accidentally|by accident) (?:cut|hurt|burnt|burned|stuck|killed)\b",
            r"\bcut my (?:\w+ )?wrists? on\b",
            r"\b(?:take|taking) my life (?:back|in (?:my (?:own )?hands|a (?:new|different) direction|"
            r"another direction)|to the next level)\b",
            r"\b(?:this|that|the|a) hill (?:i|to) (?:\w+ ){0,3}?die on\b",
            r"\bdie (?:of|from) (?:embarrassment|shame|boredom|cringe|laughter|laughing|cuteness)\b",
            r"\bdie (?:laughing|inside|a little(?: inside)?)\b",
            r"\bdie (?:my|her|his|their|your) (?:hair|beard|clothes|shirt)\b",  # the other "dye"
            r"\b(?:od|overdose|overdosing|overdosed) on (?!purpose\b)(?:caffeine|coffee|sugar|chocolate|"
            r"candy|cookies|carbs|pizza|donuts|doughnuts|netflix|tiktok|work|cake|memes|tea|energy drinks|"
            r"red bull|sleep|naps)\b",
            r"\bdisappear (?:for (?:a|the|one|two|\d+|some)|to|on (?:a )?vacation|into (?:a|the) (?:beach|"
            r"cabin|woods|vacation|mountains))\b",
            r"\bend (?:it|things) (?:with|between)\b",
            r"\bend it (?:here|there|early|for (?:today|tonight|now|the day|the night|the week))\b",
            r"\bwake up (?:in time|on time|early|late|for|at|before|the|my|him|her|them|everyone|till|until|"
            r"on my days? off|on vacation|this weekend)\b",
            r"\b(?:go on|carry on) (?:call|a|the|leave|vacation|holiday|break|nights|shift|rounds|strike|"
            r"about|with|my)\b",
            # Clinical work about suicide: screening, asking, documenting (the patient, not me).
            r"\b(?:screen\w*|assess\w*|ask\w*|deni\w*|endors\w*|document\w*|evaluat\w*|monitor\w*|"
            r"watch\w*) (?:(?:a|the|my|our|this|that|every|all|each|new|pt|pts|patients?|him|her|them|kid|"
            r"teen|for|about|of|on|with|any|active|passive) )*(?:suicid\w+|si|self harm)\b",
        )
    )
)
# "I can't do this anymore" fires on its own, but not once the message says what "this" is: a job, a
# shift, tiredness. That is the burnout the coaching is for; the crisis card would teach people to ignore it.
_CANT_DO_THIS_RE = re.compile(_CANT_DO_THIS)
_WORK_CONTEXT = re.compile(
    r"\b(?:job|work|working|shift|shifts|night|nights|call|rotation|residency|fellowship|program|unit|floor|"
    r"ward|department|dept|hospital|clinic|place|specialty|career|medicine|nursing|schedule|charting|charts|"
    r"notes|admits|admissions|pager|boss|manager|tired|exhausted|exhaustion|burnt|burned|burnout|sleep|"
    r"scheduling|staff|workload|rota|roster|leadership|management|vacation|hours|overtime|staffing|"
    r"understaffed|census|ed|er|icu|meetings?|emails?|inbox|epic|documentation|paperwork|patients?|pts?)\b"
)

# Who a clause is about. The nearest of these before (or inside) a match decides: first person fires.
_FIRST = frozenset({"i", "me", "my", "myself", "mine"})
# fmt: off
_THIRD = frozenset({
    "he", "she", "they", "him", "her", "them", "his", "their", "hers", "theirs", "we", "us", "pt", "pts",
    "patient", "patients", "family", "families", "someone", "somebody", "people", "person", "who", "whose",
    "colleague", "colleagues", "coworker", "coworkers", "friend", "friends", "resident", "residents",
    "intern", "interns", "attending", "attendings", "nurse", "nurses", "doc", "docs", "doctor", "doctors",
    "physician", "physicians", "son", "daughter", "mom", "mum", "mother", "dad", "father", "wife", "husband",
    "partner", "boyfriend", "girlfriend", "brother", "sister", "kid", "kids", "child", "children", "teen",
    "teenager", "guy", "man", "woman", "lady", "girl", "boy", "mr", "mrs", "ms", "yo", "baby", "parent",
    "parents", "student", "students", "grandma", "grandpa", "aunt", "uncle", "cousin", "neighbor",
    "neighbour", "roommate", "peer", "peers", "client", "clients", "victim", "veteran", "pharmacy",
    "decedent",
})
# fmt: on
# A clause ends at punctuation, at "but", and at "and"/"so" when a first-person verb follows with its
# subject dropped ("admitted a pt and want to die": the pt is not the one who wants to die).
_CLAUSE_BREAK = re.compile(
    r"[.!?;:,~]|\bbut\b|\b(?:and|so|then)\b(?= (?:(?:just|really|honestly|now|still|i|sometimes|"
    r"lowkey) ){0,4}(?:want|wish|keep|feel|am|have|hate|need|think|do not|can not)\b)"
)
_SAY = (
    r"(?:said|says|saying|say|stated|states|told me|told us|tells me|telling me|reports|reported|endorsed|"
    r"endorses|endorsing|screamed|screaming|yelled|yelling|wrote|texted|cried|crying|whispered|mentioned|"
    r"admitted|disclosed|messaged)"
)
_THIRD_ALT = "|".join(sorted(_THIRD, key=len, reverse=True))
# Someone else's quoted words, named by who said them: "pt said 'i want to die'", '"i want to die" - pt'.
# Unquoted speech is left alone: "my husband told me i keep talking about killing myself" is mine.
_REPORTED = (
    re.compile(
        rf"\b(?:{_THIRD_ALT})\b[^.!?;\"]{{0,60}}?\b{_SAY}\b(?: that)?[ ,:]*"
        rf"(?P<speech>\"[^\"]*\"?|'[^']*'?)"
    ),
    re.compile(rf"(?P<speech>\"[^\"]*\") ?[,-]? ?(?:{_SAY} )?(?:the |my |a |our )?(?:{_THIRD_ALT})\b"),
)
# Crisis language about someone else, which a "same" or "me too" right after turns into my own.
_THIRD_CRISIS = re.compile(
    r"\b(?:wants|wanted|wanting|tried|trying|try) to (?:die|kill (?:him|her|them)sel(?:f|ves)|end (?:his|her|"
    r"their) (?:own )?life)|\b(?:killed|hanged|hung|shot) (?:him|her|them)sel(?:f|ves)|\b(?:is|was|are|"
    r"were) suicidal|\bcommitted suicide|\bsuicide\b|\b(?:feels|felt|is feeling) hopeless"
)
_ME_TOO = re.compile(
    r"\bi (?:\w+ ){0,4}?(?:should|could|want to|might|will|wish i could) (?:just )?(?:do the same|"
    r"follow (?:him|her|them)|join (?:him|her|them))\b|"
    rf"(?:^|[.!?;,] |\b(?:and|but) ){_F}(?:same|me too|mood|relatable|so do i|i do too|"
    rf"i feel the same(?: way)?|i feel that|i get it|i get why|i understand why|i relate|i am the same|"
    rf"that could (?:be|have been) me|(?:i )?(?:almost |kind of )?envy (?:him|her|them)|wish (?:it|"
    rf"that) (?:was|were|had been) me)(?: (?:honestly|tbh|lol|ngl|fr|though|tho|sometimes|"
    rf"lately))* ?(?:[.!?;,]|$)"
)


_STRAY_QUOTES = re.compile(r"\"|(?<![a-z])'|'(?![a-z])")  # quote marks, not the apostrophe in "pt's"


def _scan(text: str) -> bool:
    """Fire on any first-person match, or on "me too" after someone else's crisis."""
    text, someone_else = _drop_reported_speech(text)
    text = _STRAY_QUOTES.sub(" ", text).strip(" .,!?;:")
    text = _IDIOMS.sub(" ~ ", text)
    if _WORK_CONTEXT.search(text):
        text = _CANT_DO_THIS_RE.sub(" ~ ", text)
    for _name, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if _about_me(text, match):
                return True
            someone_else = True
    someone_else = someone_else or bool(_THIRD_CRISIS.search(text))
    return someone_else and bool(_ME_TOO.search(text))


def _drop_reported_speech(text: str) -> tuple[str, bool]:
    """Blank out what someone else said; tell whether any of it was crisis language."""
    heard: list[str] = []

    def blank(match: re.Match[str]) -> str:
        heard.append(match.group("speech").strip("\"' "))
        start, end = (i - match.start() for i in match.span("speech"))
        return f"{match.group()[:start]} ~ {match.group()[end:]}"

    for pattern in _REPORTED:
        text = pattern.sub(blank, text)
    crisis_heard = any(_THIRD_CRISIS.search(s) or any(p.search(s) for _, p in _PATTERNS) for s in heard)
    return text, crisis_heard


def _about_me(text: str, match: re.Match[str]) -> bool:
    """Is the speaker the subject? The nearest person named in the clause, up to the match's end, decides."""
    clause_start = max(0, match.start() - 300)  # a clause longer than this is not one clause
    for brk in _CLAUSE_BREAK.finditer(text, clause_start, match.end()):
        if brk.start() >= match.start():
            break
        clause_start = brk.end()
    for word in reversed(re.findall(r"[a-z']+", text[clause_start : match.end()])):
        word = word.removesuffix("'s").strip("'")
        if word in _FIRST:
            return True
        if word in _THIRD:
            return False
    return True  # no subject at all: in a DM that is the writer ("been feeling suicidal again")

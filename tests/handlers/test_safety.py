"""The safety net's levels: crisis, the direct question, quiet, and a check that never breaks."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handlers import safety
from handlers.safety import assess, is_crisis
from handlers.safety.scan import find_rules

# (id, what a clinician might DM the bot). Written for this table: short, messy, lowercase, typos, emoji.
MUST_FIRE = [
    # Plain first-person intent and wishes.
    ("want-to-die", "i want to die"),
    ("wanna-die-rn", "honestly i just wanna die rn"),
    ("want-to-die-caps", "I WANT TO DIE!!!"),
    ("want-2-die", "i want 2 die"),
    ("want-to-die-emoji", "i want to die 💀"),
    ("want-to-ellipsis-die", "i want to… die"),
    ("ready-to-die", "think i'm ready to die tbh"),
    ("deserve-to-die", "i deserve to die for missing that bleed"),
    ("makes-me-want-to-die", "this job makes me want to die"),  # judgement: hyperbole, but says it
    # Killing or harming myself, every spelling.
    ("kill-myself", "i want to kill myself"),
    ("kms", "kms"),
    ("kms-lol", "kms lol 4 more admits"),
    ("want-to-kms", "i want to kms"),
    ("kill-myself-hyperbole", "im gonna kill myself if pharmacy pages me again"),  # judgement: fires
    ("leet-kill", "k!ll mys3lf"),
    ("stretched-kill", "i wanna kiiiillll myselfff"),
    ("spaced-kill", "k i l l m y s e l f"),
    ("spaced-die", "wanna d i e"),
    ("leet-die", "i want to d1e"),
    ("unalive-myself", "i want to unalive myself"),
    ("unalive-bare", "i keep thinking about how to unalive"),
    ("googling-ways", "I've been googling ways to kill myself"),
    ("thinking-killing", "been thinking about killing myself a lot since the code"),
    ("hanging", "after the code i went home and thought about hanging myself"),
    ("own-life", "i'm thinking of taking my own life"),
    ("mixed-patient", "after my patient's suicide I keep thinking about ending my own life"),
    ("plan-tonight", "I have a plan to kill myself tonight"),
    ("cutting-again", "i started cutting again"),
    ("self-harming", "been self harming again"),
    ("hurt-again", "i hurt myself again last night"),
    ("cut-urge", "wanna cut myself so bad rn"),
    ("wrists", "thought about slitting my wrists in the call room shower"),
    ("not-safe", "i dont think i can keep myself safe tonight"),
    ("scared-what-i-might-do", "i'm scared of what i might do to myself"),
    # Suicide named, any spelling.
    ("so-suicidal", "im so suicidal right now"),
    ("curly-suicidal", "I\u2019m suicidal"),
    ("feeling-suicidal", "feeling suicidal again"),
    ("suicidal-alone", "suicidal. dont know who else to tell"),
    ("leet-suicidal", "su1c1dal again tonight"),
    ("masked-suicidal", "s*icidal thoughts are back"),
    ("leet-suicide-thoughts", "su1c1de thoughts again"),
    ("masked-suicide", "s*icide is on my mind"),
    ("sewerslide", "thinking about sewerslide ngl"),
    ("cant-stop-suicide", "cant stop thinking about suicide"),
    ("suicide-on-mind", "suicide has been on my mind all week"),
    ("si-since", "i've been having suicidal thoughts since my patient died"),
    ("si-ideation", "Suicidal ideation again. Not sure why I'm telling a bot"),
    ("passive-si", "been having passive si most days lately"),
    ("some-si", "having some si again tbh"),
    # Plans and means a clinician knows about.
    ("stockpiling", "i've been stockpiling my ambien"),
    ("potassium-dose", "i know exactly how much potassium it would take"),
    ("push-potassium", "thought about pushing potassium into myself after shift"),
    ("all-my-pills", "i could just take all my pills tonight and be done"),
    ("overdose", "i want to overdose"),
    ("od-tonight", "gonna od tonight i think"),
    ("pills-on-purpose", "i took a bunch of my pills last night on purpose"),
    ("garage-roof", "thinking of jumping off the parking garage roof"),
    ("tree", "i keep imagining driving into a tree on the way home"),
    ("oncoming", "i keep wanting to swerve into oncoming traffic"),
    ("train", "i'm going to jump in front of a train"),
    ("bridge", "ngl i've thought about driving off the bridge on my commute"),
    ("gun", "i keep picturing the gun in my mouth"),
    ("goodbye-letter", "wrote a goodbye letter to my kids last night"),
    ("end-it-tonight", "im gonna end it tonight"),
    ("end-things", "i think i'm going to end things"),
    ("end-it-all", "ending it all seems like the only option"),
    ("should-i-end-it", "should i just end it"),
    # Hopelessness about living.
    ("not-alive", "i dont want to be alive anymore"),
    ("not-live", "i dont wanna live anymore"),
    ("same-as-patient", "pt said she wants to die. honestly same"),
    ("get-it", "pt told me she wants to die and honestly i get it"),
    ("patient-then-me", "my patient died and i want to die"),
    ("told-me", "my husband told me i need help bc i keep talking about killing myself"),
    ("quote-then-mine", 'pt kept saying "i want to die" and tbh i want to die too'),
    # Disguises: zero-width, full-width, styled letters, accents.
    ("zero-width", "i want to d\u200bie"),
    ("fullwidth", "\uff49 \uff57\uff41\uff4e\uff54 \uff54\uff4f \uff44\uff49\uff45"),
    (
        "math-bold",
        "".join(chr(0x1D41A + ord(c) - ord("a")) if c != " " else c for c in "kill myself"),  # bold 𝐤𝐢𝐥𝐥
    ),
    ("accents", "i want to dïe"),
    ("stretched-die", "i wanna diiiieee 😭"),
]

# Passive wishes, burden, hopelessness, an unnamed "can't do this": the direct question comes first (concern).
MUST_ASK = [
    ("let-me-die", "just let me die"),
    ("wish-dead", "i wish i was dead"),
    ("wish-never-born", "wish i'd never been born"),
    ("disappear-forever", "i wish i could just disappear forever"),
    ("rather-be-dead", "i'd rather be dead than keep living like this"),
    ("rather-die-alone", "rather die tbh"),
    ("hope-no-wake", "i hope i dont wake up tomorrow"),
    ("sleep-no-wake", "I wish I could go to sleep and not wake up"),
    ("dont-want-wake", "i dont want to wake up"),
    ("bus", "i hope i get hit by a bus on the way in"),
    ("truck", "honestly wouldn't mind if a truck hit me"),
    ("death-peaceful", "death sounds peaceful rn"),
    ("no-point-going-on", "idk why i bother, i don't see the point of going on anymore"),
    ("better-off", "everyone would be better off without me"),
    ("kids-better-off", "my kids would be better off without me honestly"),
    ("better-off-dead", "I think my family would be better off if I was dead"),
    ("not-around", "everyone would be happier if i wasn't around"),
    ("stop-for-good", "I can't do this anymore, I want it all to stop for good"),
    ("not-be-here", "i don't want to be here anymore"),  # judgement: could mean the job; fires
    ("notice-gone", "nobody would even notice if i was gone"),
    ("care-died", "no one would care if i died"),
    ("died-tomorrow", "if i died tomorrow nobody would care"),
    ("miss-me", "would anyone even miss me if i was gone"),
    ("burden", "i'm a burden to everyone"),
    ("burden-family", "i feel like such a burden to my family"),
    ("not-worth-living", "life isn't worth living"),
    ("no-reason", "there's no reason to keep going"),
    ("nothing-to-live-for", "i have nothing left to live for"),
    ("point-of-living", "whats the point of living"),
    ("tired-of-living", "i'm tired of living"),
    ("done-with-life", "im so done with life"),
    ("cant-go-on-like-this", "i cant go on like this"),
    ("cant-go-on", "i can't go on"),
    ("it-all-end", "i just want it all to end"),
    ("pain-stop", "i want the pain to stop forever"),
    ("hate-alive", "i hate being alive"),
    ("hopeless", "I feel hopeless about everything"),  # judgement: hopelessness with no object fires
    ("no-way-out", "i see no way out"),
    ("cant-do-this-bare", "i can't do this anymore"),  # judgement: no "this" named, so it fires
    ("cant-take-it", "i cant take it anymore"),
    ("just-cant", "i just cant anymore"),
    ("disappear", "i just want to disappear"),  # judgement: passive wish, fires
]


MUST_NOT_FIRE = [
    # The everyday idioms of a hard job.
    ("shift-killing", "this shift is killing me"),
    ("kill-for-coffee", "I could kill for a coffee"),
    ("dying-to-get-home", "dying to get home"),
    ("shoot-message", "shoot me a message when ur free"),
    ("dead-on-feet", "dead on my feet"),
    ("pager-dying", "my pager is dying"),
    ("dead-tired", "I'm dead tired"),
    ("killed-it", "we killed it at the code"),
    ("kill-lights", "kill the lights pls"),
    ("wifi-died", "the wifi died again"),
    ("drop-dead", "drop-dead deadline for charts is friday"),
    ("die-for-day-off", "I'd die for a day off"),
    ("kill-me-now", "kill me now, 3 more admits"),  # judgement: exasperation idiom, quiet
    ("just-shoot-me", "just shoot me lol"),
    ("gonna-die-pharmacy", "im gonna die if pharmacy calls one more time"),
    ("phone-died", "my phone died mid page"),
    ("dying-of-boredom", "dying of boredom at grand rounds"),
    ("to-die-for", "those cookies in the break room are to die for"),
    ("killing-myself-notes", "i'm killing myself to get these notes done"),
    ("died-laughing", "i literally died laughing at the residents skit"),
    ("die-embarrassment", "ugh i want to die of embarrassment, called the attending mom"),
    ("hill", "this is the hill i will die on"),
    ("life-back", "i want to take my life back from this job"),
    ("disappear-beach", "I want to disappear for a week on a beach somewhere"),
    ("census-killing", "ran out of time, the census is killing us"),
    ("killer-headache", "killer headache today"),
    ("killing-time", "killing time before sign out"),
    ("dying-here", "i'm dying here, 12 pts and no help"),
    ("nearly-died", "i nearly died when the attending asked me that"),
    ("murdered", "murdered that presentation"),
    ("death-of-me", "that meeting will be the death of me"),
    ("dead-zone", "dead zone on the 4th floor, no signal"),
    ("dead-end", "that's a dead end job"),
    ("dead-body", "over my dead body will i work xmas again"),
    ("printer-dead", "the printer is dead again"),
    ("dying-to-know", "i'm dying to know how the boards went"),
    ("phone-about-to-die", "my phone is about to die"),
    ("kill-alarm", "can someone kill the alarm in 12"),
    ("kill-him", "I could kill him for that handoff lol"),
    ("shot-foot", "shot myself in the foot by volunteering for xmas"),
    ("drown-coffee", "i drown myself in coffee on nights"),
    ("od-caffeine", "i might od on caffeine today lol"),
    ("boredom-lecture", "I hope i don't die of boredom in this lecture"),
    # Accidents at work.
    ("cut-suture", "i cut myself on a suture needle, need to report it"),
    ("hurt-lifting", "hurt myself lifting a pt this morning"),
    ("hurt-gym", "hurt myself at the gym"),
    ("burned-coffee", "burned myself on the coffee machine"),
    ("stuck-needle", "stuck myself with a needle, ugh"),
    ("almost-crashed", "almost crashed my car driving home i was so tired"),
    ("crash-couch", "gonna crash on the couch after shift"),
    ("cut-back", "i need to cut back on coffee"),
    # Clinical talk about patients, in the third person.
    ("suicidal-patient", "admitted a suicidal patient"),
    ("risk-training", "suicide risk assessment training at 2"),
    ("od-purpose", "pt overdosed on purpose last night"),
    ("coded", "we coded a patient who died"),
    ("withdraw-care", "the family wants to withdraw care"),
    ("quoted-patient", "pt said 'i want to die' over and over"),
    ("double-quoted", 'she kept saying "i just want to die" all night'),
    ("wants-kill-himself", "pt states he wants to kill himself"),
    ("end-her-life", "she tried to end her life last year"),
    ("better-off-dead-vent", "family says he'd be better off dead than on a vent"),
    ("screened", "screened all my pts for suicidal ideation today"),
    ("denies-si", "pt denies SI"),
    ("colleague", "talked to a colleague who has been feeling suicidal"),
    ("coworker", "im worried about a coworker, she seems suicidal"),
    ("rates", "read a paper on physician suicide rates"),
    ("self-harm-hx", "patient in bed 12 has hx of self harm"),
    ("self-harm-module", "did the self harm training module"),
    ("jumped", "pt jumped from the parking garage, trauma all night"),
    ("hung-himself", "my patient hung himself, family is devastated"),
    ("hospice", "the kid in 4 wants to die at home with hospice"),
    ("burden-pts", "pts who feel like a burden often refuse care"),
    ("relief-for-her", "death would be a relief for her at this point"),
    ("son-overdosed", "had to tell a mom her son overdosed"),
    ("self-inflicted", "gsw to head, self inflicted, rough night"),
    ("three-deaths", "we had 3 deaths on the unit this week"),
    ("asked-pt", "asked the pt about suicidal thoughts and she denied"),
    ("worried-pt", "I'm worried my patient will try to kill herself"),
    ("attempt-third", "pt's suicide attempt was her third this year"),
    ("patient-end-it-all", "my patient wants to end it all"),
    ("pt-plan", "pt with suicidal thoughts and a plan, on 1:1"),
    ("took-pills", "she took a bunch of pills, we lavaged"),
    ("insulin-week", "i have enough insulin for the week"),
    ("potassium-give", "i know exactly how much potassium to give for a k of 2.9"),
    ("baby-wake", "i hope the baby doesn't wake up before rounds"),
    ("attending-kill-you", "my attending said 'if you miss that again i'll kill you' lol"),
    # Tiredness and frustration, not hopelessness about living.
    ("job-exhausted", "I can't do this job anymore, I'm exhausted"),  # judgement: burnout, quiet
    ("cant-do-nights", "i can't do nights anymore"),
    ("cant-do-this-context", "cant do this anymore, 6th night in a row"),  # "this" is named: the nights
    ("tired-charting", "i'm so tired of charting"),
    ("hate-my-life-lol", "i hate my life lol, on call xmas again"),  # judgement: hyperbole, quiet
    ("quit", "ugh i want to quit"),
    ("end-of-rope", "i'm at the end of my rope with this scheduling"),
    ("burnt-out", "burnt out and frustrated but ok"),
    ("not-suicidal", "i'm not suicidal, just exhausted"),  # judgement: an explicit denial, quiet
    ("rather-die-than-mm", "i'd rather die than do another M&M presentation"),  # judgement: quiet
    ("shift-end", "i want this shift to end"),
    ("done-week", "i'm so done with this week"),
    ("no-point-arguing", "no point arguing with pharmacy"),
    ("point-of-charting", "what's the point of charting this if no one reads it"),
    ("live-in-city", "i don't want to live in this city anymore"),
    ("go-on-nights", "i don't want to go on nights again"),
    ("wake-4am", "i dont want to wake up at 4am again"),
    ("contract", "there's no way out of this contract"),
    ("go-on-call", "i can't go on call this weekend, kid is sick"),
    ("hopeless-iv", "i feel hopeless at IV starts lol"),
    ("hire-nurses", "everyone would be better off if we hired more nurses"),
    ("left-early", "no one would notice if i left early lol"),
    ("end-with-bf", "i need to end it with my bf tonight"),
    ("end-there", "we should end it there for today"),
]


ALL = (
    [("crisis", t) for _, t in MUST_FIRE]
    + [("concern", t) for _, t in MUST_ASK]
    + [("none", t) for _, t in MUST_NOT_FIRE]
)


@pytest.mark.parametrize("text", [t for _, t in MUST_FIRE], ids=[i for i, _ in MUST_FIRE])
def test_fires_on_crisis_language(text: str) -> None:
    assert assess(text).level == "crisis"
    assert is_crisis(text) is True


@pytest.mark.parametrize("text", [t for _, t in MUST_ASK], ids=[i for i, _ in MUST_ASK])
def test_asks_first_on_passive_wishes_burden_and_hopelessness(text: str) -> None:
    assert assess(text).level == "concern"
    assert is_crisis(text) is False


@pytest.mark.parametrize("text", [t for _, t in MUST_NOT_FIRE], ids=[i for i, _ in MUST_NOT_FIRE])
def test_stays_quiet_on_idioms_and_patient_talk(text: str) -> None:
    assert assess(text).level == "none"
    assert is_crisis(text) is False


def test_tables_are_big_enough_and_unique() -> None:
    assert len(MUST_FIRE) >= 70 and len(MUST_ASK) >= 30 and len(MUST_NOT_FIRE) >= 70
    ids = [i for i, _ in MUST_FIRE + MUST_ASK + MUST_NOT_FIRE]
    assert len(ids) == len(set(ids))


def test_reasons_are_rule_names_never_words() -> None:
    result = assess("honestly i want to kill myself tonight, i have a plan")
    assert result.level == "crisis" and result.reasons
    assert all(reason.replace("_", "").isalnum() for reason in result.reasons)
    assert not any(word in " ".join(result.reasons) for word in ("honestly", "tonight"))


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "\x00", "\ud800", "🙂" * 50, "a" * 10_000])
def test_odd_input_is_quiet_and_safe(text: str) -> None:
    assert assess(text).level == "none"


@pytest.mark.parametrize("text", [None, 42, b"i want to die"])
def test_non_string_is_none(text) -> None:
    assert assess(text).level == "none" and is_crisis(text) is False  # type: ignore[arg-type]


def test_a_failure_inside_fails_safe_and_logs_no_words(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(text: str) -> dict:
        raise ValueError(f"cannot read {text!r}")

    monkeypatch.setattr(safety, "_scan", broken)
    result = assess("secret words about my day")
    assert result.level == "crisis" and result.reasons == ("check_failed",)
    assert is_crisis("secret words about my day") is True
    assert "secret" not in caplog.text and "ValueError" in caplog.text


def test_long_message_is_scanned_to_the_end() -> None:
    # How fast is a benchmark's business (`python -m benchmarks safety`), never a timed test's.
    filler = "long day on the unit, charting and admits, pager going off. " * 3000
    assert is_crisis(filler + "honestly i want to die") is True
    assert assess(filler).level == "none"


@pytest.mark.parametrize("level, text", ALL)
def test_gates_change_no_verdict(level: str, text: str) -> None:
    # The gates (anchors.py) only skip patterns that cannot match: running every pattern agrees.
    plain = safety._normalise(text)
    assert find_rules(plain, gated=True) == find_rules(plain, gated=False)


# --- properties ---------------------------------------------------------------------------------------

_WRAPPERS = st.sampled_from(["", " ", "  ", "\t", "...", "!!", "?", "(", ")", '"', "'", "- ", ":(", ","])
_GAPS = [" ", "  ", "   ", "\t", " \t ", "\u00a0"]


@pytest.mark.parametrize("level, text", ALL[: len(MUST_FIRE) + len(MUST_ASK)])
def test_all_caps_and_all_lower_score_alike(level: str, text: str) -> None:
    assert assess(text.upper()).level == assess(text.lower()).level == level


@pytest.mark.parametrize("text", [t for _, t in MUST_NOT_FIRE], ids=[i for i, _ in MUST_NOT_FIRE])
def test_all_caps_idioms_stay_quiet(text: str) -> None:
    assert assess(text.upper()).level == "none"


@settings(max_examples=400, deadline=None)
@given(
    case=st.sampled_from(ALL[: len(MUST_FIRE) + len(MUST_ASK)]),
    rnd=st.randoms(use_true_random=False),
    before=_WRAPPERS,
    after=_WRAPPERS,
)
def test_casing_punctuation_and_spacing_do_not_change_a_level(
    case: tuple[str, str], rnd: random.Random, before: str, after: str
) -> None:
    level, text = case
    recased = "".join(c.swapcase() if c.isascii() and rnd.random() < 0.5 else c for c in text)
    spaced = "".join(rnd.choice(_GAPS) if c == " " else c for c in recased)
    assert assess(before + spaced + after).level == level


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=()), max_size=400))  # surrogates included
def test_arbitrary_text_never_raises(text: str) -> None:
    # The internals, not assess: assess fails safe, and that must not hide a bug.
    assert isinstance(safety._scan(safety._normalise(text)), dict)
    assert assess(text).level in ("none", "concern", "crisis")


@settings(max_examples=200, deadline=None)
@given(
    prefix=st.text(alphabet=st.sampled_from("abcdefghij klmnop.,!?1234*'\"😭"), max_size=80),
    case=st.sampled_from([t for _, t in MUST_FIRE[:20]]),
)
def test_arbitrary_prefixes_never_raise(prefix: str, case: str) -> None:
    assert isinstance(safety._scan(safety._normalise(prefix + " " + case)), dict)

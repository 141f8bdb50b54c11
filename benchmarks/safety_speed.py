"""`python -m benchmarks safety`: how long `assess` takes on 500-character messages (target: p99 <= 1 ms).

Messages are built the way check-in replies read: sentences about a shift, patients, home and how it
feels, English and Spanish, with talk about patients' risk in some and a risk line of the writer's own
in about one in ten. A second, adversarial run packs every message with lines from the evaluation set
(risk, clinical talk about risk, idioms): the worst case, reported beside the target, not held to it.
Timing is per call with the garbage collector paused (as timeit does), after a warm-up, in CPU time (the
check's own cost) and wall time (which on a shared machine also counts waiting for a CPU); each message
keeps its best of a few runs, as timeit reports the best of its repeats.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import time

from handlers.safety import assess
from handlers.safety import evaluation as ev

TARGET_P99_MS = 1.0
LENGTH = 500

ORDINARY = (
    "Today was long but the team pulled together after the second code.",
    "I finally had lunch sitting down, which felt like a small win.",
    "Rounds ran over again and I missed sign out with the night resident.",
    "My energy is about a three; I slept badly after the late admission.",
    "What mattered most today was the family meeting in room twelve.",
    "I want to get better at saying no when they ask me to pick up another shift.",
    "The new grad asked great questions and I enjoyed teaching her the drips.",
    "Honestly I am tired, but I feel proud of how we handled the trauma.",
    "My small step is to leave on time on Thursday and walk the dog.",
    "I talked to my manager about the schedule and she listened for once.",
    "The ED was boarding twenty patients and nobody had a bed upstairs.",
    "I keep thinking about the patient we coded this morning and whether we could have done more.",
    "Charting took two hours after my shift, which is the part I hate most.",
    "We had a good debrief after the resuscitation and people were kind.",
    "I need more sleep and less caffeine, that is the honest answer.",
    "My kids had a recital tonight and I made it, barely.",
    "Pharmacy called me four times about the same order, I almost lost it.",
    "Next week I will try to take a proper break between cases.",
    "This shift is killing me but we are getting through it.",
    "Hoy fue un turno largo pero el equipo trabajó muy bien.",
    "Me siento cansada pero contenta con lo que hicimos en la planta.",
    "Mi paso pequeño es salir a caminar después del trabajo.",
)
CLINICAL = (
    "Pt denies SI, discharged with a safety plan and outpatient follow-up.",
    "We pulled propofol from the Pyxis for the intubation and it went fine.",
    "Hung potassium for a K of 3.2 and rechecked in the afternoon.",
    "Admitted a teen after an intentional overdose, psych is seeing her tomorrow.",
    "My patient told me she has a plan to overdose on her insulin, so she is on a sitter.",
    "La paciente niega ideación suicida y se va de alta con su hija.",
)
RISK = (
    "I have a plan and I am scared of it.",
    "Sometimes I wish I could go to sleep and not wake up.",
    "I keep thinking about the insulin in my fridge.",
    "I cut again last night after the shift.",
    "Quiero morirme, ya no puedo más.",
    "Everyone would be better off without me.",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--messages", type=int, default=2000, help="messages per run (default 2000)")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--repeats", type=int, default=3, help="runs over the messages; each keeps its best")


def realistic(rnd: random.Random) -> str:
    parts = [rnd.choice(RISK)] if rnd.random() < 0.1 else []
    if rnd.random() < 0.3:
        parts.append(rnd.choice(CLINICAL))
    while len(" ".join(parts)) < LENGTH:
        parts.append(rnd.choice(ORDINARY))
    rnd.shuffle(parts)
    return " ".join(parts)[:LENGTH]


def packed(rnd: random.Random, lines: list[str]) -> str:
    text = ""
    while len(text) < LENGTH:
        text += rnd.choice(lines) + ". "
    return text[:LENGTH]


def timings(messages: list[str], repeats: int) -> tuple[list[float], list[float]]:
    """Per message, the best of `repeats` calls in ms: (wall clock, this thread's CPU time).

    The best of several runs (as timeit reports) is the check's own cost; on a shared machine single
    runs also carry other processes' load, which no change to the check can remove.
    """
    for message in messages[:50]:
        assess(message)
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        wall = [float("inf")] * len(messages)
        cpu = [float("inf")] * len(messages)
        for _ in range(repeats):
            for i, message in enumerate(messages):
                start, start_cpu = time.perf_counter_ns(), time.thread_time_ns()
                assess(message)
                cpu[i] = min(cpu[i], (time.thread_time_ns() - start_cpu) / 1e6)
                wall[i] = min(wall[i], (time.perf_counter_ns() - start) / 1e6)
        return wall, cpu
    finally:
        if gc_was_on:
            gc.enable()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run(args: argparse.Namespace) -> dict[str, tuple[list[float], list[float]]]:
    rnd = random.Random(args.seed)
    lines = [case.text for case in ev.load(ev.default_paths())]
    return {
        "realistic mix": timings([realistic(rnd) for _ in range(args.messages)], args.repeats),
        "packed with evaluation lines": timings([packed(rnd, lines) for _ in range(args.messages)], args.repeats),
    }


def main(args: argparse.Namespace) -> int:
    """Prints the table; exit 0 when the realistic mix's p99 CPU time per call is within the target.

    CPU time is what the check itself costs; wall time also counts waiting for a CPU, which on a shared
    machine is other work's doing, so both are shown.
    """
    results = run(args)
    print(f"\nassess() on {LENGTH}-character messages, {args.messages} each, ms per call (best of {args.repeats})")
    print("| messages | clock | p50 | p99 (<= 1 ms) | max | mean |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for name, (wall, cpu) in results.items():
        for clock, values in (("cpu", cpu), ("wall", wall)):
            p99 = percentile(values, 0.99)
            mark = (" ✓" if p99 <= TARGET_P99_MS else " ✗") if name == "realistic mix" else ""
            print(
                f"| {name} | {clock} | {percentile(values, 0.5):.3f} | {p99:.3f}{mark} | {max(values):.3f} "
                f"| {statistics.fmean(values):.3f} |"
            )
    return 0 if percentile(results["realistic mix"][1], 0.99) <= TARGET_P99_MS else 1

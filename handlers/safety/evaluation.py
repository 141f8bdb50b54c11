"""Score the safety net on labelled lines: recall per level, false alarms, and where it went wrong.

A labelled file is tab-separated with the header `level	lang	family	text`; `#` lines are comments.
Nothing here logs or prints: the CLI prints the report, which names line numbers and families, never text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

LEVELS = ("none", "concern", "crisis")
HEADER = ("level", "lang", "family", "text")
DATA_DIR = Path(__file__).parent / "data"

# What `make test` holds the net to (issue 14).
MIN_COMBINED_RECALL = 0.98
MAX_CLINICAL_FALSE_ALARMS = 0.02


@dataclass(frozen=True)
class Case:
    """One labelled line: where it is, what it should score, and the text itself."""

    source: str  # file name and line number, e.g. "evaluation.tsv:42"
    level: str
    lang: str
    family: str
    text: str


@dataclass(frozen=True)
class Outcome:
    case: Case
    level: str
    reasons: tuple[str, ...]


@dataclass
class Report:
    """Counts over every case, and the cases that went wrong."""

    outcomes: list[Outcome] = field(default_factory=list)

    def labelled(self, *levels: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.case.level in levels]

    def recall(self, *levels: str) -> float:
        """Share of lines labelled `levels` that scored concern or crisis (crisis alone for "crisis")."""
        cases = self.labelled(*levels)
        wanted = ("crisis",) if levels == ("crisis",) else ("concern", "crisis")
        return _share(sum(o.level in wanted for o in cases), len(cases))

    def crisis_scored_none(self) -> list[Outcome]:
        return [o for o in self.labelled("crisis") if o.level == "none"]

    def false_alarms(self, family: str | None = None) -> list[Outcome]:
        return [o for o in self.labelled("none") if o.level != "none" and family in (None, o.case.family)]

    def false_alarm_rate(self, family: str | None = None) -> float:
        pool = [o for o in self.labelled("none") if family in (None, o.case.family)]
        return _share(len(self.false_alarms(family)), len(pool))

    def misses(self) -> list[Outcome]:
        """Risk lines scored none, and crisis lines scored only concern."""
        return [o for o in self.labelled("concern", "crisis") if _rank(o.level) < _rank(o.case.level)]

    def meets_targets(self) -> bool:
        return (
            self.recall("concern", "crisis") >= MIN_COMBINED_RECALL
            and not self.crisis_scored_none()
            and self.false_alarm_rate("clinical") <= MAX_CLINICAL_FALSE_ALARMS
        )


def load(paths: Iterable[Path]) -> list[Case]:
    """Every labelled line in these files; a malformed line raises ValueError naming the file and line."""
    cases: list[Case] = []
    for path in paths:
        header_seen = False
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            cells = tuple(line.split("\t"))
            if not header_seen:
                if cells != HEADER:
                    raise ValueError(f"{path.name}:{number}: expected the header {'<TAB>'.join(HEADER)!r}")
                header_seen = True
                continue
            if len(cells) != 4 or cells[0] not in LEVELS or not cells[3].strip():
                raise ValueError(
                    f"{path.name}:{number}: expected level<TAB>lang<TAB>family<TAB>text, level in {LEVELS}"
                )
            cases.append(Case(f"{path.name}:{number}", *cells))
    return cases


def default_paths() -> list[Path]:
    return sorted(DATA_DIR.glob("*.tsv"))


def evaluate(cases: Iterable[Case], assess: Callable[[str], object]) -> Report:
    """Run `assess` (anything returning an object with `.level` and `.reasons`) on every case."""
    report = Report()
    for case in cases:
        result = assess(case.text)
        report.outcomes.append(Outcome(case, result.level, tuple(result.reasons)))
    return report


def summary(report: Report) -> str:
    """The printed report: recall, false alarms, misses by family, false alarms by rule. Never any text."""
    counts = Counter(o.case.level for o in report.outcomes)
    langs = Counter(o.case.lang for o in report.outcomes)
    clinical = [o for o in report.labelled("none") if o.case.family == "clinical"]
    lines = [
        f"{len(report.outcomes)} lines: {counts['crisis']} crisis, {counts['concern']} concern, "
        f"{counts['none']} none; " + ", ".join(f"{n} {lang}" for lang, n in sorted(langs.items())),
        f"recall crisis (scored crisis)     {_fmt(report.recall('crisis'))}",
        f"recall concern (concern or above) {_fmt(report.recall('concern'))}",
        f"recall combined                   {_fmt(report.recall('concern', 'crisis'))}",
        f"crisis lines scored none          {len(report.crisis_scored_none())}",
        f"false alarms overall              {_fmt(report.false_alarm_rate())} "
        f"({len(report.false_alarms())} of {counts['none']})",
        f"false alarms on clinical talk     {_fmt(report.false_alarm_rate('clinical'))} "
        f"({len(report.false_alarms('clinical'))} of {len(clinical)})",
    ]
    for lang in sorted(langs):
        sub = Report([o for o in report.outcomes if o.case.lang == lang])
        lines.append(
            f"  {lang}: combined recall {_fmt(sub.recall('concern', 'crisis'))}, "
            f"crisis recall {_fmt(sub.recall('crisis'))}, false alarms {_fmt(sub.false_alarm_rate())}"
        )
    lines += _grouped("misses by family", report.misses(), lambda o: o.case.family)
    lines += _grouped("false alarms by rule", report.false_alarms(), lambda o: ", ".join(o.reasons) or "?")
    lines.append("targets met" if report.meets_targets() else "TARGETS NOT MET")
    return "\n".join(lines)


def eval_command(path: str | None) -> tuple[int, str]:
    """`microcoach safety eval [PATH]`: (exit code, report). 0 when the targets are met, 1 when not, 2 on bad input."""
    from handlers.safety import assess  # here, so the loader and scorer above need nothing of the net

    paths = default_paths() if path is None else _paths(Path(path))
    if not paths:
        return 2, f"no labelled files (*.tsv) at {path or DATA_DIR}. For example: microcoach safety eval {DATA_DIR}"
    try:
        cases = load(paths)
    except (OSError, UnicodeDecodeError, ValueError) as problem:
        return 2, f"{problem}\nFor example, a line: crisis<TAB>en<TAB>plan<TAB>I have a plan"
    report = evaluate(cases, assess)
    return (0 if report.meets_targets() else 1), summary(report)


def _paths(path: Path) -> list[Path]:
    return sorted(path.glob("*.tsv")) if path.is_dir() else [path] if path.exists() else []


def _grouped(title: str, outcomes: list[Outcome], key: Callable[[Outcome], str]) -> list[str]:
    if not outcomes:
        return [f"{title}: none"]
    lines = [f"{title}:"]
    groups: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        groups.setdefault(key(outcome), []).append(outcome)
    for name, group in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])):
        where = ", ".join(f"{o.case.source} ({o.case.level}->{o.level}, {o.case.family})" for o in group)
        lines.append(f"  {name} ({len(group)}): {where}")
    return lines


def _rank(level: str) -> int:
    return LEVELS.index(level)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def _fmt(value: float) -> str:
    return f"{value:.3f}"

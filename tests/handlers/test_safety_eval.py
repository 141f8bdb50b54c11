"""The published evaluation: its targets hold in `make test`, its report names lines, never their words."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from handlers.safety import assess
from handlers.safety import evaluation as ev
from handlers.safety.scan import find_rules
from handlers.safety.text import normalise

CASES = ev.load(ev.default_paths())
REPORT = ev.evaluate(CASES, assess)


def test_the_set_is_as_big_and_as_varied_as_promised() -> None:
    levels = [c.level for c in CASES]
    assert len(CASES) >= 400
    assert levels.count("crisis") + levels.count("concern") >= 150 and levels.count("none") >= 250
    assert sum(c.lang == "es" for c in CASES) >= 80
    assert sum(c.family == "clinical" for c in CASES) >= 100
    # No line counted twice within a set. Two sets written apart may share a line ("this shift is killing me"):
    # each is its own measurement, so both keep it.
    for path in ev.default_paths():
        texts = [c.text for c in ev.load([path])]
        assert len(set(texts)) == len(texts), path.name


def test_the_blind_set_is_published_beside_our_own() -> None:
    names = [path.name for path in ev.default_paths()]
    assert "evaluation.tsv" in names and any(name.startswith("blind_") for name in names)


def test_the_targets_hold() -> None:
    assert REPORT.recall("concern", "crisis") >= ev.MIN_COMBINED_RECALL, ev.summary(REPORT)
    assert not REPORT.crisis_scored_none(), ev.summary(REPORT)
    assert REPORT.false_alarm_rate("clinical") <= ev.MAX_CLINICAL_FALSE_ALARMS, ev.summary(REPORT)
    assert REPORT.meets_targets()


def test_gates_change_no_verdict_on_the_set() -> None:
    for case in CASES:
        plain = normalise(case.text)
        assert find_rules(plain, gated=True) == find_rules(plain, gated=False), case.source


def test_the_report_names_lines_and_rules_but_no_words(tmp_path: Path) -> None:
    path = tmp_path / "mini.tsv"
    path.write_text(
        "level\tlang\tfamily\ttext\n# a comment\n"
        "crisis\ten\tplan\tI have a plan\n"
        "crisis\ten\tideation\tmy secret words about a sunny walk\n"
        "none\ten\tclinical\tpt admitted, she says she wants to die; my plan: i want to die\n",
        encoding="utf-8",
    )
    report = ev.evaluate(ev.load([path]), assess)
    text = ev.summary(report)
    assert "mini.tsv:4 (crisis->none, ideation)" in text  # the miss, by line and family
    assert "crisis lines scored none          1" in text
    assert "false alarms by rule:" in text and "want_to_die" in text  # the false alarm, by rule
    assert "secret" not in text and "sunny" not in text and "TARGETS NOT MET" in text


@pytest.mark.parametrize(
    "content, problem",
    [
        ("crisis\ten\tplan\tI have a plan\n", "expected the header"),
        ("level\tlang\tfamily\ttext\nurgent\ten\tplan\tI have a plan\n", "mini.tsv:2"),
        ("level\tlang\tfamily\ttext\ncrisis\ten\tplan\n", "mini.tsv:2"),
    ],
)
def test_a_malformed_file_is_named_with_its_line(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "mini.tsv"
    path.write_text(content, encoding="utf-8")
    code, output = ev.eval_command(str(path))
    assert code == 2 and problem in output and "For example" in output


def test_the_cli_prints_the_report_and_exits_by_the_targets(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["safety", "eval"]) == 0
    out = capsys.readouterr().out
    assert "recall combined" in out and "false alarms on clinical talk" in out and "targets met" in out
    missing = tmp_path / "missed.tsv"
    missing.write_text("level\tlang\tfamily\ttext\ncrisis\ten\tideation\ta quiet walk by the sea\n", encoding="utf-8")
    assert main(["safety", "eval", str(missing)]) == 1
    assert main(["safety", "eval", str(tmp_path / "nothing-here")]) == 2

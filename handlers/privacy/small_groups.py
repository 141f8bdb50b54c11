"""The small-group rule for every number an admin sees: none drawn from fewer than 5 people, even by subtraction.

A count below the threshold is hidden. Hiding one cell is not enough when the total is shown: total minus
the visible cells would give it back. So when what is hidden adds up to a small positive number, the smallest
visible cell is hidden too, until the hidden part is itself at least the threshold (or nothing is left to hide,
and then the total goes as well). A cell can also be hidden for its complement's sake (replied is hidden when
only 1-4 in the group did not reply): such a cell must never be the only hidden one, or subtraction from the
total would give it, and with it its complement, back.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

MIN_GROUP = 5
HIDDEN = f"<{MIN_GROUP}"


def big_enough(people: int) -> bool:
    """Is a number drawn from this many people allowed to be shown?"""
    return people >= MIN_GROUP


def small(count: int) -> bool:
    """1 to 4 people: a count that would single someone out (0 describes nobody)."""
    return 0 < count < MIN_GROUP


def hide_small(
    cells: Mapping[str, int], total: int | None = None, *, protect: Collection[str] = ()
) -> tuple[dict[str, int | None], bool]:
    """Cells with small counts replaced by None; returns (cells, whether the total must be hidden too).

    Zero cells stay visible: they describe nobody. The total is the sum of all cells unless given. `protect`
    names cells that must be hidden whatever their size (their complement is small).
    """
    total = sum(cells.values()) if total is None else total
    shown: dict[str, int | None] = {
        key: (None if small(value) or (key in protect and value) else value) for key, value in cells.items()
    }
    while True:
        hidden = total - sum(v for v in shown.values() if v is not None)
        hidden_cells = [key for key, value in shown.items() if value is None and cells[key]]
        lone_protected = len(hidden_cells) == 1 and hidden_cells[0] in protect
        if hidden == 0 or (hidden >= MIN_GROUP and not lone_protected):
            return shown, small(total)
        candidates = [key for key, value in shown.items() if value]
        if not candidates:
            return shown, True
        smallest = min(candidates, key=lambda key: (shown[key], key))
        shown[smallest] = None


def display(value: int | float | None, *, digits: int = 0) -> str:
    """A number as an admin sees it: hidden ones as <5."""
    if value is None:
        return HIDDEN
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)

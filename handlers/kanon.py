"""Small-group suppression for admin reports: no cell drawn from fewer than 5 people, even by subtraction.

A count below the threshold is hidden. Hiding one cell is not enough when the total is shown:
total minus the visible cells would give it back. So when what is hidden adds up to a small
positive number, the smallest visible cell is hidden too, until the hidden part is itself at
least the threshold (or nothing is left to hide, and then the total goes as well).
"""

from __future__ import annotations

from collections.abc import Mapping

K = 5
HIDDEN = f"<{K}"


def suppress(cells: Mapping[str, int], total: int | None = None, k: int = K) -> tuple[dict[str, int | None], bool]:
    """Cells with small counts replaced by None; returns (cells, whether the total must be hidden too).

    Zero cells stay visible: they describe nobody. The total is the sum of all cells unless given.
    """
    total = sum(cells.values()) if total is None else total
    shown: dict[str, int | None] = {key: (None if 0 < value < k else value) for key, value in cells.items()}
    while True:
        hidden = total - sum(v for v in shown.values() if v is not None)
        if hidden == 0 or hidden >= k:
            return shown, total < k
        candidates = [key for key, value in shown.items() if value]
        if not candidates:
            return shown, True
        smallest = min(candidates, key=lambda key: (shown[key], key))
        shown[smallest] = None


def fmt(value: int | float | None, *, digits: int = 0) -> str:
    if value is None:
        return HIDDEN
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def enough(people: int, k: int = K) -> bool:
    return people >= k

"""The monthly trend chart for admins: people who replied (bars) and average energy (line), as a PNG."""

from __future__ import annotations

import io
from collections.abc import Sequence

from handlers.privacy.small_groups import HIDDEN, MIN_GROUP


def monthly_chart(points: Sequence[dict]) -> bytes:
    """Months with 'month', 'replied' and 'energy' (None = hidden, fewer than five people); hidden ones marked."""
    from matplotlib.figure import Figure  # Figure, not pyplot: no global state, safe in a server
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(8, 3.6), dpi=100)
    people = figure.add_subplot(1, 1, 1)
    labels = [p["month"] for p in points] or ["-"]
    heights = [p["replied"] or 0 for p in points] or [0]
    people.bar(labels, heights, color="#8FB9A8", label="people who replied")
    for index, point in enumerate(points):
        if point["replied"] is None:
            people.annotate(HIDDEN, (index, 0), ha="center", va="bottom", fontsize=8, color="#444444")
    people.set_ylabel("people who replied")
    people.set_ylim(0, max(MIN_GROUP, *heights) + 1)
    people.yaxis.set_major_locator(MaxNLocator(integer=True))
    energy = people.twinx()
    dots = [(i, p["energy"]) for i, p in enumerate(points) if p["energy"] is not None]
    if dots:
        energy.plot([i for i, _ in dots], [e for _, e in dots], color="#2F5D62", marker="o", label="energy")
    energy.set_ylim(1, 5)
    energy.set_ylabel("average energy (1-5)")
    people.set_title("Participation and energy by month (groups under 5 hidden)")
    people.tick_params(axis="x", labelrotation=45, labelsize=8)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()

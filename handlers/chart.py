"""The weekly trend chart for admins: people who replied (bars) and average energy (line), as a PNG."""

from __future__ import annotations

import io
from collections.abc import Sequence

from handlers import kanon


def weekly_chart(weeks: Sequence) -> bytes:
    """Weeks with .start, .active and .energy (None = hidden, fewer than five people); hidden weeks are marked."""
    from matplotlib.figure import Figure  # Figure, not pyplot: no global state, safe in a server
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(8, 3.6), dpi=100)
    people = figure.add_subplot(1, 1, 1)
    labels = [f"{w.start:%d %b}" for w in weeks]
    heights = [w.active or 0 for w in weeks]
    people.bar(labels, heights, color="#8FB9A8", label="people who replied")
    for index, week in enumerate(weeks):
        if week.active is None:
            people.annotate(kanon.HIDDEN, (index, 0), ha="center", va="bottom", fontsize=8, color="#666666")
    people.set_ylabel("people who replied")
    people.set_ylim(0, max(kanon.K, *heights) + 1)
    people.yaxis.set_major_locator(MaxNLocator(integer=True))
    energy = people.twinx()
    points = [(i, w.energy) for i, w in enumerate(weeks) if w.energy is not None]
    if points:
        energy.plot([i for i, _ in points], [e for _, e in points], color="#2F5D62", marker="o", label="energy")
    energy.set_ylim(1, 5)
    energy.set_ylabel("average energy (1-5)")
    people.set_title("Participation and energy by week (groups under 5 hidden)")
    people.tick_params(axis="x", labelrotation=45, labelsize=8)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()

"""Small-group suppression, including what subtraction from a total would give away."""

from __future__ import annotations

import pytest

from handlers.privacy.small_groups import HIDDEN, display, hide_small


@pytest.mark.parametrize(
    "cells, total, shown, hide_total",
    [
        ({"a": 7, "b": 9}, None, {"a": 7, "b": 9}, False),
        ({"a": 7, "b": 0}, None, {"a": 7, "b": 0}, False),  # nobody in b: nothing to protect
        ({"a": 2, "b": 9, "c": 12}, None, {"a": None, "b": None, "c": 12}, False),  # 23 - 12 = 11 >= 5 hidden together
        ({"a": 2, "b": 3, "c": 12}, None, {"a": None, "b": None, "c": 12}, False),  # two small ones: 5 hidden together
        ({"a": 1, "b": 2, "c": 12}, None, {"a": None, "b": None, "c": None}, False),  # 3 hidden: c goes too; 15 in all
        ({"a": 3}, None, {"a": None}, True),
        ({"a": 6, "b": 6}, 14, {"a": None, "b": 6}, False),  # 2 people in no cell: a hidden as well (8 together)
        ({"a": 2}, 3, {"a": None}, True),  # the whole group is small
    ],
)
def test_suppression(cells, total, shown, hide_total):
    assert hide_small(cells, total) == (shown, hide_total)


def test_what_is_hidden_can_never_be_recovered_by_subtraction():
    for cells in ({"x": 4, "y": 20, "z": 30}, {"x": 1, "y": 5, "z": 5}, {"x": 5, "y": 1, "z": 100}):
        shown, hide_total = hide_small(cells)
        hidden = sum(cells.values()) - sum(v for v in shown.values() if v is not None)
        assert hidden == 0 or hidden >= 5 or hide_total


def test_format():
    assert (display(None), display(7), display(3.14159, digits=1)) == (HIDDEN, "7", "3.1")

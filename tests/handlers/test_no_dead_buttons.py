"""No dead button: every action and form id any module can emit has a handler in dispatch's tables.

The emitters are found by reading the source (every `Button(...)` and `Form(...)` call), not from a list of
examples, so a new button without a handler fails here before anyone presses it in Slack or Teams.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from handlers import dispatch

ROOT = Path(__file__).resolve().parents[2]
EMITTERS = ("handlers", "scheduler", "bot")


def _modules() -> list[tuple[str, ast.Module]]:
    return [
        (str(path.relative_to(ROOT)), ast.parse(path.read_text(), filename=str(path)))
        for package in EMITTERS
        for path in sorted((ROOT / package).rglob("*.py"))
    ]


def _name_of(call: ast.Call) -> str | None:
    return getattr(call.func, "id", getattr(call.func, "attr", None))


def _argument(call: ast.Call, position: int, keyword: str) -> ast.expr | None:
    if len(call.args) > position:
        return call.args[position]
    return next((k.value for k in call.keywords if k.arg == keyword), None)


def _parents(tree: ast.Module) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _values(node: ast.expr | None, tree: ast.Module, parents: dict, call: ast.Call) -> list[ast.expr | None]:
    """What an argument can be: itself, both sides of `a if c else b`, a module constant it names, or, for a
    parameter of the enclosing function, what every call of that function in the module passes."""
    if isinstance(node, ast.IfExp):
        return [*_values(node.body, tree, parents, call), *_values(node.orelse, tree, parents, call)]
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.FormattedValue):
        return _values(node.values[0].value, tree, parents, call)  # f"{action}:{language}" starts as action does
    if not isinstance(node, ast.Name):
        return [node]
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and any(getattr(t, "id", None) == node.id for t in statement.targets):
            return [statement.value]
    function = parents.get(call)
    while function is not None and not isinstance(function, ast.FunctionDef):
        function = parents.get(function)
    params = [a.arg for a in function.args.args] if function else []
    if node.id not in params:
        return [None]
    position = params.index(node.id)
    sites = [c for c in ast.walk(tree) if isinstance(c, ast.Call) and _name_of(c) == function.name]
    return [value for site in sites for value in _values(_argument(site, position, node.id), tree, parents, site)]


def _emitted(name: str, position: int, keyword: str) -> list[tuple[str, str | None]]:
    """(where, fixed part) for every value the id argument of each `name(...)` call can take."""
    found = []
    for where, tree in _modules():
        parents = _parents(tree)
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call) and _name_of(n) == name):
            for value in _values(_argument(call, position, keyword), tree, parents, call):
                found.append((f"{where}:{call.lineno}", _fixed_part(value)))
    return found


def _fixed_part(node: ast.expr | None) -> str | None:
    """A string literal, or an f-string's literal start (`f"checkin:energy:{n}"` -> "checkin:energy:")."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        return node.values[0].value
    return None


def _handled(action: str) -> bool:
    namespace, _, rest = action.partition(":")
    return f"{namespace}:{rest.partition(':')[0]}" in dispatch.ACTIONS


BUTTONS = _emitted("Button", 1, "action")
FORMS = _emitted("Form", 0, "form_id")


def test_the_walk_finds_the_emitters():
    assert len(BUTTONS) >= 30 and len(FORMS) >= 3


@pytest.mark.parametrize(("where", "action"), BUTTONS, ids=[f"{w}-{a}" for w, a in BUTTONS])
def test_every_button_has_a_handler(where, action):
    assert action is not None, f"{where}: a button's action must be traceable to a literal 'namespace:name'"
    assert _handled(action), f"{where}: nothing handles {action!r}"


@pytest.mark.parametrize(("where", "form_id"), FORMS, ids=[f"{w}-{f}" for w, f in FORMS])
def test_every_form_has_a_handler(where, form_id):
    assert form_id is not None, f"{where}: a form id must be traceable to a literal"
    assert form_id in dispatch.FORMS, f"{where}: nothing handles the form {form_id!r}"

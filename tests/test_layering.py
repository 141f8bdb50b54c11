"""The dependency rule of DESIGN.md: bot -> scheduler -> handlers -> prompts, store; SDKs only in their adapter."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "scheduler", "handlers", "prompts", "store")
MAY_IMPORT = {
    "bot": {"bot", "scheduler", "handlers", "prompts", "store"},
    "scheduler": {"scheduler", "handlers", "prompts", "store"},
    "handlers": {"handlers", "prompts", "store"},
    "prompts": {"prompts"},
    "store": {"store"},
}
SDK_HOME = {
    "slack_bolt": "bot.slack",
    "slack_sdk": "bot.slack",
    "botbuilder": "bot.teams",
    "botframework": "bot.teams",
    "sqlalchemy": "store",
    "alembic": "store",
}


def _modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            yield module.removesuffix(".__init__"), path


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


MODULES = list(_modules())


@pytest.mark.parametrize("module, path", MODULES, ids=[m for m, _ in MODULES])
def test_imports_follow_the_dependency_rule(module, path):
    package = module.split(".")[0]
    for name in _imports(path):
        top = name.split(".")[0]
        if top in PACKAGES:
            assert top in MAY_IMPORT[package], f"{module} imports {name}: {package} may not depend on {top}"
        home = SDK_HOME.get(top)
        if home is not None:
            assert module == home or module.startswith(home + "."), f"{module} imports {name}; only {home} may"


def _project_imports(module: str, path: Path) -> set[str]:
    """The project modules `module` imports: `from handlers import checkin` is handlers.checkin, not handlers."""
    known = {m for m, _ in MODULES}
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            inside = [f"{node.module}.{alias.name}" for alias in node.names]
            names = [name if name in known else node.module for name in inside]
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
    return found


def _loops(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    loops = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                loops.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return loops


def test_no_import_loops_anywhere_not_even_inside_a_package():
    """Imports inside a function count too: a loop hidden in a function is still a loop in the design."""
    graph = {module: _project_imports(module, path) for module, path in MODULES}
    assert _loops(graph) == []


def test_the_loop_finder_sees_a_loop_inside_a_package():
    assert _loops({"bot.slack": {"bot.web"}, "bot.web": {"bot.slack"}, "bot.cli": {"bot.web"}}) == [
        ["bot.slack", "bot.web"]
    ]


def test_every_module_has_a_docstring():
    missing = [m for m, path in MODULES if ast.get_docstring(ast.parse(path.read_text())) is None]
    assert missing == []

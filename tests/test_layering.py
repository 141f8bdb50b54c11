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


def test_every_module_has_a_docstring():
    missing = [m for m, path in MODULES if ast.get_docstring(ast.parse(path.read_text())) is None]
    assert missing == []

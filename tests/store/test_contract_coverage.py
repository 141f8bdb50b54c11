"""The store contract covers the whole Store: every public method is called in some tests/store/test_contract_*.py."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from store import Store

HERE = Path(__file__).parent
# Public names that are not behaviour of their own; each says why it needs no contract test.
NOT_BEHAVIOUR: dict[str, str] = {}


def public_names() -> set[str]:
    """Methods, properties and class methods anyone outside the store may call (every mixin included)."""
    return {name for name, _value in inspect.getmembers(Store) if not name.startswith("_")}


def called_in_contract_tests() -> set[str]:
    """Names used as an attribute (`store.name`) in the contract test files."""
    source = "\n".join(
        path.read_text() for path in sorted(HERE.glob("test_contract_*.py")) if path.name != Path(__file__).name
    )
    return set(re.findall(r"\.([A-Za-z]\w*)\b", source))


def test_every_public_store_method_has_a_contract_test():
    untested = sorted(public_names() - called_in_contract_tests() - set(NOT_BEHAVIOUR))
    assert untested == [], (
        f"Store methods with no contract test: {untested}. Call each in a tests/store/test_contract_*.py test that "
        "asserts what it does (it runs on SQLite and PostgreSQL), or, for a pure helper, add it to NOT_BEHAVIOUR "
        "with the reason."
    )


def test_the_allow_list_names_only_real_methods():
    assert set(NOT_BEHAVIOUR) <= public_names(), "NOT_BEHAVIOUR names a method Store no longer has"


def test_the_meta_test_sees_the_mixins():
    assert {"claim", "purge_free_text", "rotate_keys", "report_facts", "audience_members"} <= public_names()

"""The store contract covers the whole Store: every public method of the Store and of each of its repositories
(store.members, store.outbox, ...) is called in some tests/store/test_contract_*.py, as `repository.method`."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from store import Store
from store.repo_base import RepoBase

HERE = Path(__file__).parent
# Public names that are not behaviour of their own; each says why it needs no contract test.
NOT_BEHAVIOUR: dict[str, str] = {}


def repositories() -> dict[str, type]:
    """The repositories a Store builds, by attribute name, read from its constructor."""
    source = inspect.getsource(Store.__init__)
    namespace = vars(inspect.getmodule(Store))
    return {attr: namespace[cls] for attr, cls in re.findall(r"self\.(\w+) = (\w+)\(self\._db\)", source)}


def public_names() -> set[str]:
    """What anyone outside the store may call: the Store's own names, and `repository.method` for each repository
    (RepoBase's plumbing and the shared seal/unseal/together are the Store's own)."""
    own = {name for name, _value in inspect.getmembers(Store) if not name.startswith("_")}
    plumbing = {name for name, _value in inspect.getmembers(RepoBase)}
    return own | {
        f"{attr}.{name}"
        for attr, cls in repositories().items()
        for name, _value in inspect.getmembers(cls)
        if not name.startswith("_") and name not in plumbing
    }


def called_in_contract_tests() -> set[str]:
    """Names used as an attribute (`store.name`) in the contract test files."""
    source = "\n".join(
        path.read_text() for path in sorted(HERE.glob("test_contract_*.py")) if path.name != Path(__file__).name
    )
    return set(re.findall(r"\.([A-Za-z]\w*(?:\.[A-Za-z]\w*)?)", source)) | set(re.findall(r"\.([A-Za-z]\w*)\b", source))


def test_every_public_store_method_has_a_contract_test():
    untested = sorted(public_names() - called_in_contract_tests() - set(NOT_BEHAVIOUR))
    assert untested == [], (
        f"Store methods with no contract test: {untested}. Call each in a tests/store/test_contract_*.py test that "
        "asserts what it does (it runs on SQLite and PostgreSQL), or, for a pure helper, add it to NOT_BEHAVIOUR "
        "with the reason."
    )


def test_the_allow_list_names_only_real_methods():
    assert set(NOT_BEHAVIOUR) <= public_names(), "NOT_BEHAVIOUR names a method Store no longer has"


def test_the_meta_test_sees_every_repository():
    expected = {"outbox.claim", "privacy.purge_free_text", "privacy.rotate_keys", "reports.report_facts",
                "schedules.audience_members", "together", "leader_lock"}  # fmt: skip
    assert expected <= public_names()

"""Every documented entry of every spec, sent as a realistic wire body, classifies to its own
class with its code, category and captured values."""

from __future__ import annotations

import importlib

import exchange_errors
import pytest

from generator.project import load_project
from tests.conftest import ROOT
from tests.wire import Case, assert_each, by_scope, cases

PROJECT = load_project(ROOT)
CASES = cases(PROJECT.exchanges)


def _class(case: Case) -> type[exchange_errors.ExchangeError]:
    module = importlib.import_module(f"exchange_errors.{case.exchange.id}")
    cls: type[exchange_errors.ExchangeError] = getattr(module, case.outcome.class_name)
    return cls


GROUPS = by_scope(CASES)


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_documented_entries_classify_to_their_class(group: str) -> None:
    assert_each(GROUPS[group], _classifies_to_its_class)


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_without_api_the_category_is_still_right(group: str) -> None:
    """Codes reused across APIs may resolve to a more general class, never to a wrong one."""
    assert_each(GROUPS[group], _category_without_api)


def _classifies_to_its_class(case: Case) -> None:
    error = exchange_errors.classify(
        case.exchange.id, status=400, body=case.body, api=case.scope.id
    )
    assert type(error) is _class(case)
    assert error.code == case.code
    assert error.category == case.outcome.category
    assert error.params == case.params
    assert error.exchange == case.exchange.id
    assert error.raw == case.body
    assert error.http_status == 400


def _category_without_api(case: Case) -> None:
    error = exchange_errors.classify(case.exchange.id, body=case.body)
    assert error is not None
    categories = exchange_errors._taxonomy.CATEGORY_CLASSES
    default = case.exchange.default_chain
    if default and case.scope.id != default[0]:
        # The exchange reads codes as its usual API does, as its spec declares.
        usual = exchange_errors.classify(case.exchange.id, body=case.body, api=default[0])
        if usual is not None and usual.rule != "unknown code" and usual.api in default:
            assert type(error) is type(usual)
            return
    if type(error) is _class(case):
        assert isinstance(error, categories[case.outcome.category])
    else:
        # The general class's category is the documented one or one of its ancestors.
        assert issubclass(categories[case.outcome.category], categories[error.category])
        assert error.rule == "ambiguous"
        assert error.code == case.code


def test_every_outcome_is_exercised() -> None:
    outcomes = {(c.exchange.id, c.outcome.class_name) for c in CASES}
    expected = {
        (e.id, o.class_name)
        for e in PROJECT.exchanges
        for s in e.scopes
        for o in [*(o for err in s.errors for o in err.outcomes), *s.tables]
    }
    assert outcomes == expected

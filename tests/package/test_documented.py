"""Every documented entry of every spec, sent as a realistic wire body, classifies to its own
class with its code, category and captured values."""

from __future__ import annotations

import importlib

import exchange_errors
import pytest

from generator.project import load_project
from tests.conftest import ROOT
from tests.wire import Case, assert_each, body_for, by_scope, cases, shape_of

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


# A code no spec documents: the words alone decide.
UNDOCUMENTED_CODE = 999_999_999


def _detailed(case: Case) -> list[tuple[bytes, bytes]]:
    """(the documented words under an undocumented code, the same with a detail after each
    of the exchange's detail separators) for an entry of exact words."""
    envelope, separators = case.scope.envelope, case.exchange.matching.detail_separators
    if (
        case.params
        or case.error is None
        or not case.outcome.messages
        or envelope.error_list_field is not None
    ):
        return []
    code: int | str = UNDOCUMENTED_CODE
    if envelope.code_type == "string":
        code = str(UNDOCUMENTED_CODE)
    plain = body_for(envelope, code, case.message, shape_of(case.scope))
    return [
        (
            plain,
            body_for(envelope, code, f"{case.message}{separator} BTC-USDT", shape_of(case.scope)),
        )
        for separator in separators
    ]


DETAILED = {
    group: [case for case in cases if _detailed(case)]
    for group, cases in GROUPS.items()
    if any(_detailed(case) for case in cases)
}


@pytest.mark.parametrize("group", sorted(DETAILED))
def test_a_detail_after_documented_words_changes_nothing(group: str) -> None:
    """Exchanges append the symbol or the value at fault to their documented words ("...:
    BTC-USDT", "... (BTC-USDT)"): where the code says nothing, the words with a detail after
    any declared separator mean what the words alone mean."""

    def check(case: Case) -> None:
        for plain, detailed in _detailed(case):
            alone = exchange_errors.classify(
                case.exchange.id, status=400, body=plain, api=case.scope.id
            )
            found = exchange_errors.classify(
                case.exchange.id, status=400, body=detailed, api=case.scope.id
            )
            assert alone is not None and found is not None
            assert alone.rule != "unknown code", alone.rule
            assert type(found) is type(alone), detailed

    assert_each(DETAILED[group], check)


@pytest.mark.parametrize(
    ("exchange", "body", "category"),
    [
        (
            "binance",
            b'{"code":-99999,"msg":"Unsupported order combination: OCO"}',
            "invalid_order",
        ),
        ("binance", b'{"code":-99999,"msg":"Invalid symbol (BTCUSD)."}', "bad_symbol"),
        (
            "kucoin",
            b'{"code":"400100","msg":"Order creation for this pair suspended (BTC-USDT)"}',
            "market_closed",
        ),
    ],
)
def test_the_usual_details_after_documented_words(
    exchange: str, body: bytes, category: str
) -> None:
    """A colon and an opening parenthesis are where Binance and KuCoin append a detail."""
    error = exchange_errors.classify(exchange, status=400, body=body)
    assert error is not None and error.category == category, error


def test_another_apis_words_for_the_same_code_name_that_error() -> None:
    """Without `api=`, Binance codes are read as spot's; spot documents -2021 without words,
    futures with "Order would immediately trigger.": those words are futures' error, not
    spot's half-done cancel-replace."""
    body = b'{"code":-2021,"msg":"Order would immediately trigger."}'
    for error in (
        exchange_errors.classify("binance", status=400, body=body),
        exchange_errors.classify_ws("binance", b'{"id":"1","status":400,"error":' + body + b"}"),
    ):
        assert error is not None
        assert error.category != "invalid_order" and not error.partial, error
        assert isinstance(error, exchange_errors.OperationRejected)
    spot = b'{"code":-2021,"msg":"Order cancel-replace partially failed."}'
    error = exchange_errors.classify("binance", status=400, body=spot)
    assert error is not None and error.partial and error.api == "spot"


@pytest.mark.parametrize(
    ("exchange", "body", "category"),
    [
        ("binance", b'{"code":-99999,"msg":"Parameter err: symbol not exist"}', "bad_symbol"),
        (
            "okx",
            b'{"code":"99999","msg":"Operation failed: insufficient balance"}',
            "insufficient_funds",
        ),
        ("kucoin", b'{"code":"400100","msg":"Parameter Error: symbol not exists"}', "bad_symbol"),
        ("bybit", b'{"retCode":10001,"retMsg":"params error: symbol invalid"}', "bad_symbol"),
    ],
)
def test_a_detail_naming_a_narrower_failure_decides(
    exchange: str, body: bytes, category: str
) -> None:
    """Generic documented words ("Parameter err", "Operation failed") with a detail whose words
    name a narrower kind of the same failure are that kind."""
    error = exchange_errors.classify(exchange, status=400, body=body)
    assert error is not None and error.category == category, error
    assert error.rule.endswith("+detail")


def test_a_detail_that_names_another_failure_leaves_the_words_their_meaning() -> None:
    # a balance is not a kind of malformed parameter: the documented words decide
    body = b'{"code":-99999,"msg":"Invalid parameter: insufficient balance"}'
    error = exchange_errors.classify("binance", status=400, body=body)
    assert isinstance(error, exchange_errors.BadRequest)
    assert not isinstance(error, exchange_errors.InsufficientFunds)

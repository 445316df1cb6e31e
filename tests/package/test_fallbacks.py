"""Errors whose code and message are undocumented: fallback rules declared per exchange with a
priority and evidence, and retry timing taken from the response."""

from __future__ import annotations

import json
import time
from email.utils import formatdate

import exchange_errors
import pytest
from exchange_errors import binance

UNKNOWN = b'{"code":-9999,"msg":"Something nobody documented."}'


def test_status_rules_decide_unknown_codes() -> None:
    limited = binance.classify(status=429, body=UNKNOWN)
    assert type(limited) is binance.HttpRateLimitedError
    assert isinstance(limited, exchange_errors.RateLimitExceeded)
    assert (limited.rule, limited.code) == ("fallback", -9999)
    banned = binance.classify(status=418, body=UNKNOWN)
    assert type(banned) is binance.HttpIpBannedError
    failed = binance.classify(status=502, body=UNKNOWN)
    assert type(failed) is binance.HttpServerError
    assert failed.outcome_unknown and failed.retry_policy == "confirm_first"


def test_status_rules_decide_pages_without_an_api_error() -> None:
    page = b"<html><head><title>403 Forbidden</title></head><body>Request blocked.</body></html>"
    blocked = binance.classify(status=403, body=page)
    assert type(blocked) is binance.HttpFirewallBlockedError
    assert isinstance(blocked, exchange_errors.PermissionDenied)
    assert not isinstance(blocked, binance.BinanceAPIError)
    assert blocked.raw is page
    location = binance.classify(status=451, body=b'{"code":0,"msg":"Service unavailable"}')
    assert isinstance(location, exchange_errors.AccountRestricted)


def test_message_rules_decide_unknown_codes() -> None:
    body = {"code": -9999, "msg": "Insufficient balance for the transfer."}
    error = binance.classify(status=400, body=body)
    assert type(error) is binance.MessageInsufficientBalanceError
    assert isinstance(error, exchange_errors.InsufficientFunds)
    assert isinstance(error, binance.BinanceAPIError)


def test_documented_messages_come_before_rules() -> None:
    body = {"code": -9999, "msg": "Account has insufficient balance for requested action."}
    error = binance.classify(status=400, body=body)
    assert type(error) is binance.SpotAccountInsufficientBalanceError
    assert error.rule == "message"


def test_priority_orders_the_rules() -> None:
    body = {"code": -9999, "msg": "Insufficient balance for the transfer."}
    error = binance.classify(status=429, body=body)
    assert type(error) is binance.HttpRateLimitedError  # priority 20 before 100


def test_documented_codes_are_not_overridden() -> None:
    error = binance.classify(status=429, body=b'{"code":-1121,"msg":"Invalid symbol."}')
    assert type(error) is binance.SpotBadSymbolError


@pytest.mark.parametrize(
    "body",
    [
        b'{"symbol":"BTCUSDT","note":"insufficient balance"}',
        b'[{"msg":"Too many requests"},{"msg":"request weight"}]',
        b'{"msg":"balance is insufficient"}',
    ],
)
def test_message_rules_never_fire_on_a_success(body: bytes) -> None:
    assert binance.classify(status=200, body=body) is None


def test_ban_time_in_the_message_gives_retry_after() -> None:
    until = int((time.time() + 60) * 1000)
    message = (
        f"Way too much request weight used; IP banned until {until}."
        " Please use WebSocket Streams for live updates to avoid bans."
    )
    error = binance.classify(status=418, body={"code": -1003, "msg": message})
    assert type(error) is binance.SpotTooManyRequestsError
    assert error.params == {"banned_until": str(until)}
    assert error.retry_after is not None and 55 <= error.retry_after <= 60


def test_futures_and_margin_bans_give_retry_after_too() -> None:
    until = int((time.time() + 120) * 1000)
    futures = (
        f"Way too many requests; IP banned until {until}."
        " Please use the websocket for live updates to avoid bans."
    )
    error = binance.classify(status=418, body={"code": -1003, "msg": futures}, api="futures")
    assert type(error) is binance.FuturesTooManyRequestsError
    assert error.retry_after is not None and 115 <= error.retry_after <= 120
    margin = (
        f"Way too much request weight used; IP banned until {until}."
        " Please use WebSocket Streams for live updates to avoid bans."
    )
    error = binance.classify(status=418, body={"code": -1003, "msg": margin}, api="margin")
    assert type(error) is binance.MarginTooManyRequestsError
    assert error.retry_after is not None and 115 <= error.retry_after <= 120


def test_execution_status_unknown_on_every_binance_api() -> None:
    for api in ("spot", "futures", "margin"):
        for code in (-1006, -1007):
            error = binance.classify(status=400, body={"code": code, "msg": ""}, api=api)
            assert error is not None and error.outcome_unknown, (api, code)
            assert error.retry_policy == "confirm_first"  # look the order up before repeating


@pytest.mark.parametrize(
    ("exchange", "body"),
    [
        # Bybit's older "System not responding" words under a v5 code, Binance's message-bus
        # words under the order code whose message decides
        (
            "bybit",
            b'{"retCode":10016,"retMsg":"System not responding. Request status unknown.'
            b' Please contact live support.","result":{}}',
        ),
        (
            "binance",
            b'{"code":-2010,"msg":"An unexpected response was received from the message bus.'
            b' Execution status unknown."}',
        ),
        # A message nobody documents that says as much
        ("kucoin", b'{"code":"499999","msg":"Request status is unknown, query the order"}'),
    ],
)
def test_words_that_leave_the_outcome_open_keep_it_open(exchange: str, body: bytes) -> None:
    error = exchange_errors.classify(exchange, status=200, body=body)
    assert isinstance(error, exchange_errors.ExchangeUnavailable), type(error)
    assert error.outcome_unknown and error.retry_policy == "confirm_first"


def test_bybit_older_system_not_responding_leaves_the_outcome_open() -> None:
    body = (
        b'{"ret_code":-1006,"ret_msg":"System not responding. Request status unknown. Please'
        b' contact live support.","result":null}'
    )
    error = exchange_errors.classify("bybit", status=200, body=body)
    assert error is not None and error.code == -1006
    assert error.outcome_unknown and error.retry_policy == "confirm_first"


def test_retry_after_header_wins() -> None:
    body = {"code": -1008, "msg": "Too many requests queued."}
    assert binance.classify(body=body).retry_after is None
    error = binance.classify(status=429, body=body, headers={"Retry-After": "120"})
    assert error is not None and error.retry_after == 120.0
    page = binance.classify(status=429, body=b"", headers={"retry-after": "7"})
    assert type(page) is binance.HttpRateLimitedError and page.retry_after == 7.0
    dated = formatdate(time.time() + 30, usegmt=True)
    later = exchange_errors.classify(
        "binance", status=503, body=b"", headers={"Retry-After": dated}
    )
    assert later is not None and later.retry_after is not None and 25 <= later.retry_after <= 31
    junk = binance.classify(status=429, body=b"", headers={"Retry-After": "soon"})
    assert junk is not None and junk.retry_after is None


def test_raise_for_response_uses_the_header_too() -> None:
    with pytest.raises(exchange_errors.RateLimitExceeded) as raised:
        exchange_errors.raise_for_response(
            "binance", status=429, body=UNKNOWN, headers={"Retry-After": "3"}
        )
    assert raised.value.retry_after == 3.0


# (exchange, status, body, expected class): undocumented codes decided by their words
MESSAGE_RULES = [
    (
        "binance",
        400,
        b'{"code":-4999,"msg":"This symbol is closed due to regulation."}',
        "AccountRestricted",
    ),
    (
        "binance",
        400,
        b'{"code":-5000,"msg":"GET /fapi/v1/x is retired, please use GET /fapi/v2/x"}',
        "NotSupported",
    ),
    (
        "binance",
        503,
        b'{"msg":"Unknown error, please check your request or try again later."}',
        "RequestTimeout",
    ),
    (
        "okx",
        200,
        b'{"code":"59999","msg":"Transfer failed: insufficient balance in trading account"}',
        "InsufficientFunds",
    ),
    (
        "okx",
        200,
        b'{"code":"59999","msg":"Amend requests too frequent, slow down"}',
        "RateLimitExceeded",
    ),
    ("kucoin", 200, b'{"code":"499999","msg":"KC-API-SIGN is wrong"}', "AuthenticationError"),
    ("bybit", 200, b'{"retCode":19999,"retMsg":"error:request expired"}', "InvalidNonce"),
]


@pytest.mark.parametrize(("exchange", "status", "body", "expected"), MESSAGE_RULES)
def test_message_rules_of_every_exchange(
    exchange: str, status: int, body: bytes, expected: str
) -> None:
    error = exchange_errors.classify(exchange, status=status, body=body)
    assert isinstance(error, getattr(exchange_errors, expected)), type(error)
    assert error.rule == "fallback"


# An undocumented error worded as other exchanges word their documented ones
UNKNOWN_BODIES = {
    "binance": b'{"code":-99999,"msg":"%s"}',
    "kraken": b'{"error":["EFoo:%s"]}',
    "kucoin": b'{"code":"999999","msg":"%s"}',
    "okx": b'{"code":"99999","msg":"%s"}',
    "bybit": b'{"retCode":999999,"retMsg":"%s"}',
}


@pytest.mark.parametrize("exchange", sorted(UNKNOWN_BODIES))
@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("The stop order does not exist now", exchange_errors.OrderNotFound),
        ("Service unavailable for this pair", exchange_errors.ExchangeUnavailable),
        ("Illegal characters found in field x", exchange_errors.BadRequest),
        ("Invalid timestamp, check your clock", exchange_errors.InvalidNonce),
        ("Demo trading are not supported.", exchange_errors.NotSupported),
        ("Order qty below the new minimum", exchange_errors.InvalidOrder),
        ("Invalid API key for this environment", exchange_errors.AuthenticationError),
        ("bind error:json: cannot unmarshal string into field qty", exchange_errors.BadRequest),
        ("Order's notional must be at least 10", exchange_errors.InvalidOrder),
        ("Open orders exist: the position mode stays", exchange_errors.OperationRejected),
        ("KYC level 2 required for this product", exchange_errors.AccountRestricted),
        ("Signature for this request was rejected", exchange_errors.AuthenticationError),
        ("Cancel your open orders before this change", exchange_errors.OperationRejected),
        ("Gateway busy: order status unknown", exchange_errors.RequestTimeout),
        ("The trading pair does not exist: ABC-XYZ", exchange_errors.BadSymbol),
        ("Duplicate client order id for this account", exchange_errors.DuplicateOrder),
        ("The market is closed for the weekend", exchange_errors.MarketClosed),
        ("Insufficient wallet balance for transfer", exchange_errors.InsufficientFunds),
        ("Rate limit reached, slow down", exchange_errors.RateLimitExceeded),
        ("Your api key has expired, create another", exchange_errors.AuthenticationError),
        ("request expired, resend it", exchange_errors.InvalidNonce),
        ("Server error 1236805249", exchange_errors.InternalServerError),
        ("Matching engine is being upgraded", exchange_errors.ExchangeUnavailable),
        ("Bad Request", exchange_errors.BadRequest),
        ("Exceeds the maximum position for this tier", exchange_errors.OperationRejected),
        (
            "Operation not allowed while the account is migrating",
            exchange_errors.OperationRejected,
        ),
    ],
)
def test_message_rules_shared_by_every_exchange(
    exchange: str, words: str, expected: type[exchange_errors.ExchangeError]
) -> None:
    body = UNKNOWN_BODIES[exchange] % words.encode()
    error = exchange_errors.classify(exchange, status=200, body=body)
    assert isinstance(error, expected), type(error)  # by the exchange's rule or the shared one
    # or by words the exchange documents, a detail after them ("Invalid timestamp, ...": OKX)
    assert error.rule in ("fallback", "message")


def test_a_general_code_is_read_by_its_message_before_its_own_class() -> None:
    # KuCoin futures 100000: "error.timeOut" is a timeout; other words decide first, and
    # words nothing knows keep the timeout, whose outcome is unknown
    def classify(message: str) -> exchange_errors.ExchangeError | None:
        body = json.dumps({"code": "100000", "msg": message}).encode()
        return exchange_errors.classify("kucoin", status=200, body=body, api="futures")

    timeout = classify("error.timeOut")
    assert isinstance(timeout, exchange_errors.RequestTimeout) and timeout.outcome_unknown
    parse = classify("JSON parse error: Cannot deserialize value of type `java.lang.Integer`")
    assert isinstance(parse, exchange_errors.BadRequest) and not parse.outcome_unknown
    assert not isinstance(parse, exchange_errors.RequestTimeout)
    other = classify("something nobody documents")
    assert isinstance(other, exchange_errors.RequestTimeout) and other.outcome_unknown


def test_shared_rules_never_override_a_documented_code() -> None:
    # -2013 is documented ("Order does not exist."): a new wording keeps the code's meaning
    body = b'{"code":-2013,"msg":"Service unavailable for this order"}'
    error = binance.classify(status=400, body=body, api="spot")
    assert isinstance(error, exchange_errors.OrderNotFound)
    assert not isinstance(error, exchange_errors.ExchangeUnavailable)

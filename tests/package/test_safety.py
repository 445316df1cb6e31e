"""Safe by default: a wrong call raises at once, a failure never reads as a success, and
retry advice never repeats a request whose outcome is unknown."""

from __future__ import annotations

import asyncio
import json
import math
import pickle
from typing import ClassVar

import exchange_errors
import httpx
import pytest
import requests
import urllib3
from exchange_errors import (
    ExchangeUnavailable,
    InsufficientFunds,
    InvalidResponse,
    RateLimitExceeded,
    RequestTimeout,
    UnexpectedStatus,
    binance,
    kraken,
    kucoin,
)

BALANCE = b'{"code":-2010,"msg":"Account has insufficient balance for requested action."}'
PLACED = (
    b'{"result":"success","sendStatus":{"order_id":"61ca5732","status":"placed",'
    b'"receivedTime":"2024-01-01T00:00:00Z"},"serverTime":"2024-01-01T00:00:00Z"}'
)


def _httpx_response(status: int, body: bytes, url: str) -> httpx.Response:
    return httpx.Response(status, content=body, request=httpx.Request("POST", url))


def _requests_response(status: int, body: bytes, url: str) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response._content = body
    response.url = url
    response.headers["Content-Type"] = "application/json"
    return response


# -- wrong calls -------------------------------------------------------------------------------


@pytest.mark.parametrize("factory", [_httpx_response, _requests_response])
def test_a_response_object_as_body_is_a_type_error_naming_the_fix(factory: object) -> None:
    response = factory(400, BALANCE, "https://api.binance.com/api/v3/order")  # type: ignore[operator]
    with pytest.raises(TypeError, match=r"pass response\.content.*classify_response"):
        exchange_errors.classify("binance", status=400, body=response)


@pytest.mark.parametrize("body", [object(), {1, 2}, 1j, b"x".hex])
def test_other_bodies_are_type_errors(body: object) -> None:
    with pytest.raises(TypeError, match="body must be"):
        exchange_errors.classify("binance", status=400, body=body)  # type: ignore[arg-type]


@pytest.mark.parametrize("status", ["400", 400.0, b"400"])
def test_a_status_that_is_not_an_int_is_a_type_error(status: object) -> None:
    with pytest.raises(TypeError, match="status must be an int"):
        exchange_errors.classify("binance", status=status, body=BALANCE)  # type: ignore[arg-type]


def test_an_unknown_exchange_names_the_near_one() -> None:
    with pytest.raises(ValueError, match="did you mean 'binance'"):
        exchange_errors.classify("binanse", status=400, body=BALANCE)  # type: ignore[call-overload]


def test_a_number_for_a_body_is_not_a_success() -> None:
    error = exchange_errors.classify("binance", status=200, body=42)
    assert isinstance(error, InvalidResponse) and error.outcome_unknown


def test_headers_may_be_pairs_in_any_case() -> None:
    pairs = [("content-type", "text/html"), ("RETRY-AFTER", "12")]
    error = exchange_errors.classify("binance", status=429, body=b"", headers=pairs)
    assert isinstance(error, RateLimitExceeded) and error.retry_after == 12.0
    with pytest.raises(TypeError, match="headers must be"):
        exchange_errors.classify("binance", status=429, body=b"", headers="Retry-After: 1")  # type: ignore[arg-type]


@pytest.mark.parametrize("body", [bytearray(BALANCE), memoryview(BALANCE)])
def test_bytes_like_bodies_are_kept_as_bytes_and_pickle(body: object) -> None:
    error = exchange_errors.classify("binance", status=400, body=body)  # type: ignore[arg-type]
    assert isinstance(error, InsufficientFunds)
    assert type(error.raw) is bytes and error.raw == BALANCE
    assert pickle.loads(pickle.dumps(error)).raw == BALANCE


def test_a_str_subclass_is_read_once_and_never_remembered() -> None:
    class Hostile(str):
        def __eq__(self, other: object) -> bool:
            raise RuntimeError("compared")

        __hash__ = str.__hash__

    error = exchange_errors.classify("binance", status=400, body=Hostile(BALANCE.decode()))
    assert isinstance(error, InsufficientFunds) and type(error.raw) is str
    other = b'{"code":-1121,"msg":"Invalid symbol."}'
    assert type(exchange_errors.classify("binance", status=400, body=other)).__name__ == (
        "SpotBadSymbolError"
    )


# -- responses as they come -------------------------------------------------------------------


@pytest.mark.parametrize("factory", [_httpx_response, _requests_response])
def test_classify_response_reads_status_body_headers_and_url(factory: object) -> None:
    response = factory(  # type: ignore[operator]
        400, b'{"code":-1121,"msg":"Invalid symbol."}', "https://fapi.binance.com/fapi/v1/order"
    )
    error = exchange_errors.classify_response("binance", response)
    assert type(error) is binance.FuturesBadSymbolError and error.http_status == 400
    with pytest.raises(binance.FuturesBadSymbolError):
        exchange_errors.raise_for_response("binance", response)


def test_classify_response_reads_urllib3() -> None:
    response = urllib3.HTTPResponse(
        body=BALANCE,
        status=400,
        headers={"Content-Type": "application/json"},
        preload_content=True,
    )
    assert isinstance(exchange_errors.classify_response("binance", response), InsufficientFunds)


def test_an_unread_httpx_stream_says_to_read_it() -> None:
    response = httpx.Response(400, stream=httpx.ByteStream(BALANCE))
    with pytest.raises(TypeError, match="has not been read"):
        exchange_errors.classify_response("binance", response)


def test_aclassify_response_awaits_the_body() -> None:
    class AiohttpLike:  # what aiohttp's ClientResponse offers once the request is sent
        status = 429
        headers: ClassVar[dict[str, str]] = {"Retry-After": "3"}
        url = "https://api.kucoin.com/api/v1/orders"

        async def read(self) -> bytes:
            return b'{"code":"429000","msg":"Too Many Requests"}'

    error = asyncio.run(exchange_errors.aclassify_response("kucoin", AiohttpLike()))
    assert isinstance(error, RateLimitExceeded) and error.retry_after == 3.0


# -- the API is detected -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "scope"),
    [
        ("https://fapi.binance.com/fapi/v1/order", "futures"),
        ("https://dapi.binance.com/dapi/v1/order", "futures"),
        ("https://api.binance.com/sapi/v1/margin/order", "margin"),
        ("https://eapi.binance.com/eapi/v1/order", "options"),
        ("https://api.binance.com/api/v3/order", "spot"),
    ],
)
def test_the_url_chooses_the_api(url: str, scope: str) -> None:
    error = exchange_errors.classify("binance", status=400, body=BALANCE, url=url)
    assert error is not None and error.api in (scope, "spot")  # margin inherits spot's -2010
    body = b'{"code":-1121,"msg":"Invalid symbol."}'
    found = exchange_errors.classify("binance", status=400, body=body, url=url)
    assert found is not None and found.scope_id == scope


def test_a_placed_kraken_futures_order_is_a_success_without_api() -> None:
    assert exchange_errors.classify("kraken", status=200, body=PLACED) is None
    rejected = PLACED.replace(b'"placed"', b'"insufficientAvailableFunds"')
    error = exchange_errors.classify("kraken", status=200, body=rejected)
    assert isinstance(error, InsufficientFunds) and error.api == "futures"


# -- failures are never successes -------------------------------------------------------------


@pytest.mark.parametrize(
    ("exchange", "body"),
    [
        ("binance", b'{"msg":"Invalid API-key, IP, or permissions for action.","success":false}'),
        ("kucoin", b'{"code":"200000","success":false,"msg":"Order does not exist"}'),
        ("kraken", b'{"result":"error","serverTime":"2024-01-01T00:00:00Z"}'),
    ],
)
def test_a_failure_flag_is_a_failure_whatever_the_code(exchange: str, body: bytes) -> None:
    error = exchange_errors.classify(exchange, status=200, body=body)
    assert error is not None


def test_flagged_message_is_classified_by_its_text() -> None:
    body = b'{"msg":"Invalid API-key, IP, or permissions for action.","success":false}'
    error = exchange_errors.classify("binance", status=200, body=body)
    assert isinstance(error, exchange_errors.AuthenticationError)


@pytest.mark.parametrize("status", [200, 400])
def test_a_flagged_body_without_the_code_its_envelope_requires_is_read_by_its_text(
    status: int,
) -> None:
    """KuCoin's bodies all carry a code; one that says it failed without one is still read."""
    body = b'{"msg":"Order creation for this pair suspended","success":false}'
    error = exchange_errors.classify("kucoin", status=status, body=body)
    assert isinstance(error, exchange_errors.MarketClosed)
    assert error.message == "Order creation for this pair suspended" and error.raw is body


def test_a_failing_status_keeps_the_message_of_a_body_without_its_code() -> None:
    body = b'{"msg":"Something went wrong"}'
    error = exchange_errors.classify("kucoin", status=400, body=body)
    assert isinstance(error, exchange_errors.BadRequest)
    assert error.message == "Something went wrong"


@pytest.mark.parametrize("status", [301, 302, 304, 307])
def test_a_redirect_is_never_a_success(status: int) -> None:
    error = exchange_errors.classify("binance", status=status, body=b"")
    assert isinstance(error, UnexpectedStatus) and error.http_status == status


# -- retry advice -----------------------------------------------------------------------------


@pytest.mark.parametrize("exchange", ["binance", "kraken", "kucoin"])
def test_unknown_codes_take_the_status_policy(exchange: str) -> None:
    bodies = {
        "binance": b'{"code":-99999,"msg":"something new"}',
        "kraken": b'{"error":["EBrandNew:Something"],"result":{}}',
        "kucoin": b'{"code":"999999","msg":"something new"}',
    }
    limited = exchange_errors.classify(exchange, status=429, body=bodies[exchange])
    assert isinstance(limited, RateLimitExceeded) and limited.retry_policy == "backoff"
    failed = exchange_errors.classify(exchange, status=503, body=bodies[exchange])
    assert isinstance(failed, ExchangeUnavailable)
    assert failed.outcome_unknown and failed.retry_policy == "confirm_first"


@pytest.mark.parametrize("body", [b"<html>oops</html>", b"", b"{"])
def test_an_unreadable_answer_says_confirm_first(body: bytes) -> None:
    error = exchange_errors.classify("kucoin", status=200, body=body)
    assert isinstance(error, InvalidResponse)
    assert error.outcome_unknown and error.retry_policy == "confirm_first"
    assert error.retryable


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_every_5xx_leaves_the_outcome_unknown(status: int) -> None:
    for exchange in exchange_errors.EXCHANGES:
        error = exchange_errors.classify(exchange, status=status, body=b"<html>x</html>")
        assert error is not None and error.outcome_unknown, exchange
        assert error.retry_policy not in ("backoff", "after"), exchange


def test_declared_rate_limit_headers_give_retry_after() -> None:
    body = b'{"code":"429000","msg":"Too Many Requests"}'
    error = kucoin.classify(status=429, body=body, headers={"gw-ratelimit-reset": "2500"})
    assert error is not None and error.retry_after == 2.5
    other = kucoin.classify(
        status=400, body=b'{"code":"400100","msg":"x"}', headers={"gw-ratelimit-reset": "2500"}
    )
    assert other is not None and other.retry_after is None


@pytest.mark.parametrize("value", ["1e400", "inf", "-inf", "nan", "NaN"])
def test_retry_after_is_finite_or_none(value: str) -> None:
    error = exchange_errors.classify(
        "binance", status=429, body=b"", headers={"Retry-After": value}
    )
    assert error is not None
    assert error.retry_after is None or math.isfinite(error.retry_after)
    json.dumps(error.to_dict(), allow_nan=False)


def test_a_ban_until_a_huge_time_does_not_overflow() -> None:
    until = "9" * 400
    body = (
        '{"code":-1003,"msg":"Way too much request weight used; IP banned until '
        + until
        + '. Please use WebSocket Streams for live updates to avoid bans."}'
    )
    error = exchange_errors.classify("binance", status=418, body=body)
    assert isinstance(error, RateLimitExceeded)
    assert error.retry_after is None or math.isfinite(error.retry_after)


# -- hostile bodies ---------------------------------------------------------------------------


def test_a_byte_order_mark_before_json_is_read() -> None:
    error = exchange_errors.classify("binance", status=400, body=b"\xef\xbb\xbf" + BALANCE)
    assert isinstance(error, InsufficientFunds)


def test_an_integer_over_python_limit_keeps_the_body_readable() -> None:
    body = (
        b'{"code":-2010,"msg":"Account has insufficient balance for requested action.","n":'
        + b"7" * 5000
        + b"}"
    )
    assert isinstance(
        exchange_errors.classify("binance", status=400, body=body), InsufficientFunds
    )


# -- network errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "exc",
    [ValueError("bug"), KeyError("x"), KeyboardInterrupt(), requests.exceptions.InvalidURL("x")],
)
def test_wrap_network_error_refuses_what_is_not_a_network_failure(exc: BaseException) -> None:
    with pytest.raises(TypeError, match="not a network failure"):
        exchange_errors.wrap_network_error(exc)


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (requests.exceptions.ConnectionError("refused"), exchange_errors.NetworkError),
        (requests.exceptions.ReadTimeout("slow"), RequestTimeout),
        (urllib3.exceptions.ProtocolError("reset"), exchange_errors.NetworkError),
        (ConnectionResetError(), exchange_errors.NetworkError),
        (TimeoutError(), RequestTimeout),
    ],
)
def test_wrap_network_error_takes_transport_failures(exc: BaseException, expected: type) -> None:
    error = exchange_errors.wrap_network_error(exc, exchange="kraken")
    assert isinstance(error, expected) and isinstance(error, kraken.KrakenError)
    assert error.__cause__ is exc


def test_an_http_status_error_is_classified_from_its_response() -> None:
    response = _httpx_response(400, BALANCE, "https://api.binance.com/api/v3/order")
    with pytest.raises(httpx.HTTPStatusError) as raised:
        response.raise_for_status()
    error = exchange_errors.wrap_network_error(raised.value, exchange="binance")
    assert isinstance(error, InsufficientFunds) and error.code == -2010
    assert error.__cause__ is raised.value
    with pytest.raises(TypeError, match="pass exchange="):
        exchange_errors.wrap_network_error(raised.value)


def test_an_unknown_error_on_an_order_request_leaves_the_outcome_unknown() -> None:
    body = b'{"code":-99999,"msg":"Something new."}'
    placed = exchange_errors.classify(
        "binance", status=400, body=body, url="https://api.binance.com/api/v3/order"
    )
    assert placed is not None and placed.outcome_unknown
    assert placed.retry_policy != "backoff"
    queried = exchange_errors.classify(
        "binance", status=400, body=body, url="https://api.binance.com/api/v3/ticker/price"
    )
    assert queried is not None and not queried.outcome_unknown
    known = exchange_errors.classify(
        "binance", status=400, body=BALANCE, url="https://api.binance.com/api/v3/order"
    )
    assert known is not None and not known.outcome_unknown  # a documented refusal


def test_an_undocumented_failure_on_an_order_leaves_its_outcome_unknown() -> None:
    busy = b'{"code":-99999,"msg":"System busy, please retry."}'
    order = "https://api.binance.com/api/v3/order"
    placed = exchange_errors.classify("binance", status=400, body=busy, url=order)
    assert isinstance(placed, ExchangeUnavailable)
    assert placed.outcome_unknown and placed.retry_policy == "confirm_first"
    queried = exchange_errors.classify(
        "binance", status=400, body=busy, url="https://api.binance.com/api/v3/ticker/price"
    )
    assert queried is not None and queried.retry_policy == "backoff"
    worded = b'{"code":-99999,"msg":"Matching engine under maintenance, retry soon"}'
    ruled = exchange_errors.classify("binance", status=400, body=worded, url=order)
    assert ruled is not None and ruled.rule == "fallback"  # a message rule read it
    assert ruled.outcome_unknown and ruled.retry_policy == "confirm_first"
    refused = b'{"code":-99999,"msg":"Insufficient balance for this order."}'
    never = exchange_errors.classify("binance", status=400, body=refused, url=order)
    assert never is not None and not never.outcome_unknown  # refused before it was placed


def test_warnings_are_issued_for_response_objects_and_point_at_the_caller() -> None:
    body = b'{"error":["WGeneral:Deprecated endpoint"],"result":{}}'
    response = _requests_response(200, body, "https://api.kraken.com/0/public/Time")
    for raise_for in (
        lambda: exchange_errors.raise_for_response("kraken", response),
        lambda: kraken.raise_for_response(response),
        lambda: exchange_errors.raise_for_response("kraken", status=200, body=body),
    ):
        with pytest.warns(exchange_errors.ExchangeWarning) as caught:
            raise_for()
        assert caught[0].filename == __file__


# (exchange, status, body) of timeouts that exchanges report in their answer
REPORTED_TIMEOUTS = [
    (
        "binance",
        503,
        b'{"code":-1007,"msg":"Timeout waiting for response from backend server.'
        b' Send status unknown; execution status unknown."}',
    ),
    ("binance", 504, b""),
    ("okx", 200, b'{"code":"50004","msg":"Endpoint request timeout. "}'),
    ("bybit", 200, b'{"retCode":10000,"retMsg":"Server Timeout","result":{}}'),
    ("kucoin", 504, b"<html><title>504 Gateway Time-out</title></html>"),
]


@pytest.mark.parametrize(("exchange", "status", "body"), REPORTED_TIMEOUTS)
def test_a_reported_timeout_is_a_request_timeout_and_unavailable(
    exchange: str, status: int, body: bytes
) -> None:
    error = exchange_errors.classify(exchange, status=status, body=body)
    assert isinstance(error, exchange_errors.RequestTimeout)
    assert isinstance(error, exchange_errors.ExchangeUnavailable)  # as it was caught before
    assert error.category == "request_timeout"
    assert error.outcome_unknown and error.retry_policy == "confirm_first"


def test_a_network_timeout_is_no_exchange_answer() -> None:
    error = exchange_errors.wrap_network_error(TimeoutError("read timed out"), exchange="binance")
    assert isinstance(error, exchange_errors.RequestTimeout)
    assert not isinstance(error, exchange_errors.ExchangeUnavailable)


@pytest.mark.parametrize("exchange", exchange_errors.EXCHANGES)
def test_every_timeout_an_exchange_documents_leaves_the_outcome_unknown(exchange: str) -> None:
    """A timeout the exchange reports may have been executed: whatever its spec entry says of
    retries, the class confirms first and says the outcome is unknown."""
    module = exchange_errors.exchange_module(exchange)
    timeouts = [
        cls
        for name in module.__all__
        if isinstance(cls := getattr(module, name), type) and issubclass(cls, RequestTimeout)
    ]
    assert timeouts, f"{exchange} documents no timeout"
    for cls in timeouts:
        assert cls.outcome_unknown, cls.__name__
        assert cls.retry_policy == "confirm_first", cls.__name__

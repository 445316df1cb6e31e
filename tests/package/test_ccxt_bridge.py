"""from_ccxt: the error of this package that an exception raised by ccxt's own code stands for.
ccxt is installed for the tests only (requirements-test.txt), never for the package."""

from __future__ import annotations

import http
import json
import pickle
from typing import Any

import ccxt
import pytest
import requests
from exchange_errors import (
    EXCHANGES,
    BadRequest,
    BadSymbol,
    ExchangeUnavailable,
    InsufficientFunds,
    InvalidOrder,
    RateLimitExceeded,
    UnexpectedStatus,
    binance,
    from_ccxt,
    kraken,
    kucoin,
)
from requests.structures import CaseInsensitiveDict

SPOT_ORDER = "https://api.binance.com/api/v3/order"
USDM_ORDER = "https://fapi.binance.com/fapi/v1/order"
COINM_ORDER = "https://dapi.binance.com/dapi/v1/order"
KRAKEN_ORDER = "https://api.kraken.com/0/private/AddOrder"
KRAKEN_FUTURES_ORDER = "https://futures.kraken.com/derivatives/api/v3/sendorder"
KUCOIN_ORDER = "https://api.kucoin.com/api/v1/orders"
KUCOIN_FUTURES_ORDER = "https://api-futures.kucoin.com/api/v1/orders"

_EXCHANGES: dict[str, Any] = {}


def _exchange(ccxt_id: str) -> Any:
    if ccxt_id not in _EXCHANGES:
        _EXCHANGES[ccxt_id] = getattr(ccxt, ccxt_id)()
    return _EXCHANGES[ccxt_id]


def ccxt_raises(ccxt_id: str, status: int, url: str, body: str) -> ccxt.BaseError:
    """What ccxt raises for a response, as its fetch handles one: the exchange's handle_errors,
    then the HTTP status check."""
    exchange = _exchange(ccxt_id)
    try:
        response = json.loads(body)
    except ValueError:
        response = None
    reason = http.HTTPStatus(status).phrase if status in http.HTTPStatus._value2member_map_ else ""
    with pytest.raises(ccxt.BaseError) as caught:
        exchange.handle_errors(status, reason, url, "POST", {}, body, response, {}, None)
        exchange.handle_http_status_code(status, reason, url, "POST", body)
    return caught.value


def without_traceback(exc: ccxt.BaseError) -> ccxt.BaseError:
    """The exception as it arrives from another process: its message only."""
    copy: ccxt.BaseError = pickle.loads(pickle.dumps(exc))
    assert copy.__traceback__ is None
    return copy


# -- errors in the body, as each exchange's handle_errors raises them ------------------------


def test_binance_insufficient_balance() -> None:
    body = '{"code":-2010,"msg":"Account has insufficient balance for requested action."}'
    exc = ccxt_raises("binance", 400, SPOT_ORDER, body)
    assert isinstance(exc, ccxt.InsufficientFunds)
    # ccxt's message holds only the exchange's message here: the body comes from its handler.
    assert str(exc) == "binance Account has insufficient balance for requested action."
    error = from_ccxt(exc)
    assert isinstance(error, InsufficientFunds)
    assert isinstance(error, binance.BinanceError)
    assert error.code == -2010
    assert error.http_status == 400
    assert error.api == "spot"
    assert error.raw == body
    assert error.__cause__ is exc
    # Without the traceback the message has no body and no code to classify.
    assert from_ccxt(without_traceback(exc)) is None


def test_binance_body_in_the_message() -> None:
    body = '{"code":-1121,"msg":"Invalid symbol."}'
    exc = ccxt_raises("binance", 400, SPOT_ORDER, body)
    assert str(exc) == f"binance {body}"
    for given in (exc, without_traceback(exc)):
        error = from_ccxt(given)
        assert type(error) is binance.SpotBadSymbolError
        assert isinstance(error, BadSymbol)
        assert error.code == -1121
        assert error.__cause__ is given


def test_binance_teapot_with_status_and_reason() -> None:
    body = (
        '{"code":-1003,"msg":"Way too much request weight used; IP banned until 1700000000000."}'
    )
    exc = ccxt_raises("binance", 418, SPOT_ORDER, body)
    assert str(exc) == f"binance 418 I'm a Teapot {body}"
    for given in (exc, without_traceback(exc)):
        error = from_ccxt(given)
        assert isinstance(error, RateLimitExceeded)
        assert error.code == -1003 and error.http_status == 418


def test_binance_body_after_ccxts_own_words() -> None:
    body = '{"code":-1013,"msg":"Filter failure: LOT_SIZE"}'
    exc = ccxt_raises("binance", 400, SPOT_ORDER, body)
    assert str(exc) == f"binance order amount should be evenly divisible by lot size {body}"
    for given in (exc, without_traceback(exc)):
        error = from_ccxt(given)
        assert isinstance(error, InvalidOrder)
        assert error.code == -1013 and error.message == "Filter failure: LOT_SIZE"


def test_binanceusdm_is_binance_futures() -> None:
    body = '{"code":-2019,"msg":"Margin is insufficient."}'
    exc = ccxt_raises("binanceusdm", 400, USDM_ORDER, body)
    for given in (exc, without_traceback(exc)):
        error = from_ccxt(given)
        assert isinstance(error, InsufficientFunds)
        assert error.exchange == "binance"
        assert error.code == -2019
        assert error.api == "futures"


def test_binancecoinm_is_binance_futures_where_ccxt_knows_no_class() -> None:
    body = '{"code":-4164,"msg":"Order\'s notional must be no smaller than 5.0"}'
    exc = ccxt_raises("binancecoinm", 400, COINM_ORDER, body)
    assert type(exc) is ccxt.ExchangeError
    error = from_ccxt(without_traceback(exc))
    assert isinstance(error, InvalidOrder)
    assert error.code == -4164 and error.api == "futures"


def test_kraken() -> None:
    body = '{"error":["EOrder:Insufficient funds"]}'
    exc = ccxt_raises("kraken", 200, KRAKEN_ORDER, body)
    assert str(exc) == f"kraken {body}"
    for given in (exc, without_traceback(exc)):
        error = from_ccxt(given)
        assert isinstance(error, InsufficientFunds)
        assert isinstance(error, kraken.KrakenAPIError)
        assert error.code == "EOrder:Insufficient funds"
        assert error.api == "spot"


def test_kraken_cloudflare_status_without_a_body() -> None:
    exc = ccxt_raises("kraken", 520, KRAKEN_ORDER, "")
    assert str(exc).startswith("kraken 520")
    for given in (exc, without_traceback(exc)):
        error = from_ccxt(given)
        assert isinstance(error, ExchangeUnavailable)
        assert error.http_status == 520
        assert error.outcome_unknown


def test_krakenfutures_is_kraken_futures() -> None:
    body = (
        '{"result":"error","error":"apiLimitExceeded",' '"serverTime":"2024-05-01T12:00:00.000Z"}'
    )
    exc = ccxt_raises("krakenfutures", 200, KRAKEN_FUTURES_ORDER, body)
    assert isinstance(exc, ccxt.RateLimitExceeded)
    for given in (exc, without_traceback(exc)):
        error = from_ccxt(given)
        assert isinstance(error, RateLimitExceeded)
        assert error.exchange == "kraken"
        assert error.code == "apiLimitExceeded"
        assert error.api == "futures"


def test_krakenfutures_error_list() -> None:
    body = (
        '{"result":"error","errors":[{"code":11,"message":"invalidArgument: side"}],'
        '"serverTime":"2024-05-01T12:00:00.000Z"}'
    )
    exc = ccxt_raises("krakenfutures", 400, KRAKEN_FUTURES_ORDER, body)
    error = from_ccxt(exc)
    assert isinstance(error, BadRequest)
    assert error.exchange == "kraken" and error.http_status == 400


def test_kucoin() -> None:
    body = '{"code":"200004","msg":"Balance insufficient!"}'
    exc = ccxt_raises("kucoin", 200, KUCOIN_ORDER, body)
    for given in (exc, without_traceback(exc)):
        error = from_ccxt(given)
        assert isinstance(error, InsufficientFunds)
        assert isinstance(error, kucoin.KucoinAPIError)
        assert error.code == "200004"


def test_kucoinfutures_is_kucoin_futures() -> None:
    body = (
        '{"code":"300003","msg":"Balance not enough, please first deposit at least 2 USDT'
        ' before you start the battle"}'
    )
    exc = ccxt_raises("kucoinfutures", 200, KUCOIN_FUTURES_ORDER, body)
    for given in (exc, without_traceback(exc)):
        error = from_ccxt(given)
        assert isinstance(error, InsufficientFunds)
        assert error.exchange == "kucoin"
        assert error.code == "300003"
        assert error.api == "futures"


def test_okx_and_its_failed_batch_items() -> None:
    order = "https://www.okx.com/api/v5/trade/order"
    body = '{"code":"51008","msg":"Order failed. Insufficient balance","data":[]}'
    exc = ccxt_raises("okx", 200, order, body)
    assert str(exc) == f"okx {body}"
    for given in (exc, without_traceback(exc)):
        error = from_ccxt(given)
        assert isinstance(error, InsufficientFunds)
        assert error.exchange == "okx" and error.code == "51008"
    items = (
        '{"code":"1","msg":"Operation failed.","data":[{"clOrdId":"","ordId":"","sCode":"51008",'
        '"sMsg":"Order failed. Insufficient USDT balance in account.","tag":""}]}'
    )
    error = from_ccxt(ccxt_raises("okx", 200, order, items))
    assert isinstance(error, InsufficientFunds) and error.code == "51008"


def test_bybit() -> None:
    body = (
        '{"retCode":110007,"retMsg":"ab not enough for new order","result":{},'
        '"retExtInfo":{},"time":1700000000000}'
    )
    exc = ccxt_raises("bybit", 200, "https://api.bybit.com/v5/order/create", body)
    for given in (exc, without_traceback(exc)):
        error = from_ccxt(given)
        assert isinstance(error, InsufficientFunds)
        assert error.exchange == "bybit" and error.code == 110007


# -- HTTP errors, with ccxt's method, URL, status and reason in the message --------------------


def test_the_url_in_the_message_chooses_the_api() -> None:
    body = '{"code":-2019,"msg":"Margin is insufficient."}'
    exc = without_traceback(
        _raised_by_status_check("binance", 503, "Service Unavailable", USDM_ORDER, body)
    )
    assert str(exc) == f"binance POST {USDM_ORDER} 503 Service Unavailable {body}"
    error = from_ccxt(exc)
    assert isinstance(error, InsufficientFunds)
    assert error.api == "futures" and error.http_status == 503


def test_an_error_page_after_the_status() -> None:
    page = "<html><head><title>503 Service Temporarily Unavailable</title></head></html>"
    exc = ccxt_raises("kucoin", 503, KUCOIN_ORDER, page)
    assert isinstance(exc, ccxt.ExchangeNotAvailable)
    for given in (exc, without_traceback(exc)):
        error = from_ccxt(given)
        assert isinstance(error, ExchangeUnavailable)
        assert error.exchange == "kucoin" and error.http_status == 503
        assert error.raw == page


def _raised_by_status_check(
    ccxt_id: str, status: int, reason: str, url: str, body: str
) -> ccxt.BaseError:
    with pytest.raises(ccxt.BaseError) as caught:
        _exchange(ccxt_id).handle_http_status_code(status, reason, url, "POST", body)
    return caught.value


class _Canned(requests.adapters.BaseAdapter):
    """An HTTP answer given without a network, to ccxt's own fetch."""

    def __init__(self, status: int, reason: str, body: str, headers: dict[str, str]) -> None:
        super().__init__()
        self.answer = (status, reason, body, headers)

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        status, reason, body, headers = self.answer
        response = requests.Response()
        response.status_code = status
        response.reason = reason
        response._content = body.encode()
        response.headers = CaseInsensitiveDict(headers)
        response.url = request.url or ""
        response.request = request
        return response

    def close(self) -> None:
        pass


def test_through_ccxts_fetch() -> None:
    body = '{"code":-1015,"msg":"Too many new orders; current limit is 50 orders per 10 SECOND."}'
    exchange = ccxt.binance()
    exchange.session.mount(
        "https://", _Canned(429, "Too Many Requests", body, {"Retry-After": "7"})
    )
    with pytest.raises(ccxt.BaseError) as caught:
        exchange.fetch(SPOT_ORDER, "POST")
    error = from_ccxt(caught.value)
    assert isinstance(error, RateLimitExceeded)
    assert error.code == -1015 and error.http_status == 429
    assert error.retry_after == 7.0  # the response's headers, from ccxt's handler
    assert error.__cause__ is caught.value


# -- nothing to classify ------------------------------------------------------------------------


class _TimedOut(requests.adapters.BaseAdapter):
    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        raise requests.exceptions.ReadTimeout("read timed out", request=request)

    def close(self) -> None:
        pass


def test_a_ccxt_error_without_a_body_gives_none() -> None:
    exchange = ccxt.binance()
    exchange.session.mount("https://", _TimedOut())
    with pytest.raises(ccxt.RequestTimeout) as caught:
        exchange.fetch(SPOT_ORDER, "GET")
    assert str(caught.value) == f"binance GET {SPOT_ORDER}"
    assert from_ccxt(caught.value) is None
    assert from_ccxt(without_traceback(caught.value)) is None
    with pytest.raises(ccxt.ArgumentsRequired) as own:
        exchange.check_order_arguments(None, "limit", "buy", 1, None, {})
    assert str(own.value) == "binance create_order() requires a price argument for a limit order"
    assert from_ccxt(own.value) is None


def test_a_status_without_a_body_is_classified_by_the_status() -> None:
    exchange = ccxt.binance()
    exchange.session.mount("https://", _Canned(400, "Bad Request", "", {}))
    with pytest.raises(ccxt.BaseError) as caught:
        exchange.fetch(SPOT_ORDER, "GET")
    assert str(caught.value) == f"binance GET {SPOT_ORDER} 400 Bad Request "
    for given in (caught.value, without_traceback(caught.value)):
        error = from_ccxt(given)
        assert isinstance(error, UnexpectedStatus)
        assert error.exchange == "binance" and error.http_status == 400


def test_an_exchange_this_package_does_not_cover_gives_none() -> None:
    ccxt_id = next(i for i in ("gate", "htx", "bitget", "bitstamp") if i not in EXCHANGES)
    body = '{"error":{"message":"Service unavailable","name":"HTTPError"}}'
    exc = _raised_by_status_check(ccxt_id, 503, "Service Unavailable", "https://x.test/", body)
    assert str(exc).startswith(f"{ccxt_id} POST https://x.test/ 503 ")
    assert from_ccxt(exc) is None
    assert from_ccxt(without_traceback(exc)) is None


def test_an_exception_that_is_not_ccxts_gives_none() -> None:
    assert from_ccxt(ValueError('binance {"code":-1121,"msg":"Invalid symbol."}')) is None


@pytest.mark.parametrize(
    ("value", "named"),
    [
        ('binance {"code":-1121,"msg":"Invalid symbol."}', "not its message"),
        (ccxt.InsufficientFunds, "not its class"),
        (None, "got NoneType"),
    ],
)
def test_a_non_exception_is_a_type_error(value: object, named: str) -> None:
    with pytest.raises(TypeError, match="from_ccxt takes") as caught:
        from_ccxt(value)  # type: ignore[arg-type]
    assert named in str(caught.value)

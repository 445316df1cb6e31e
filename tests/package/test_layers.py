"""Each layer of failure, as kraken-connector separates them, with realistic inputs:
in-body API errors, warnings, HTTP statuses, bad responses, network, WebSocket, events."""

from __future__ import annotations

import pickle
import subprocess
import sys
import warnings

import exchange_errors
import httpx
import pytest
from exchange_errors import (
    BookChecksumEvent,
    ExchangeWarning,
    InvalidResponseModel,
    InvalidSession,
    NetworkError,
    RequestTimeout,
    SequenceGapEvent,
    SubscriptionError,
    TokenAcquisitionError,
    TradingError,
    UnexpectedStatus,
    binance,
    kraken,
    kucoin,
)

from tests.conftest import ROOT

# -- in-body API errors ---------------------------------------------------------------------


def test_kraken_api_error_is_the_root_of_in_body_errors() -> None:
    error = kraken.classify(status=200, body=b'{"error":["EAPI:Invalid key"],"result":{}}')
    assert isinstance(error, kraken.KrakenAPIError)
    assert isinstance(error, exchange_errors.AuthenticationError)
    assert error.errors == ["EAPI:Invalid key"]  # kraken-connector's list[str]
    unknown = kraken.classify(body={"error": ["EFuture:Something new"]})
    assert type(unknown) is kraken.KrakenAPIError


def test_api_errors_of_every_exchange_share_the_layer() -> None:
    for module, body in (
        (binance, b'{"code":-2013,"msg":"Order does not exist."}'),
        (kucoin, b'{"code":"126043","msg":"Order does not exist"}'),
    ):
        error = module.classify(status=400, body=body)
        assert isinstance(error, exchange_errors.OrderNotFound)
        assert type(error).__mro__[1].__name__.endswith("OrderNotFound")
        api_root = getattr(module, module.TABLES.api_root.__name__)
        assert isinstance(error, api_root)


# -- warnings ------------------------------------------------------------------------------------

WARNED = b'{"error":["WGeneral:Deprecated endpoint"],"result":{"txid":["OABC"]}}'


def test_warnings_never_raise_and_are_returned_beside_the_result() -> None:
    assert kraken.classify(status=200, body=WARNED) is None
    found = kraken.warnings_in(body=WARNED)
    assert [(w.exchange, w.code, str(w)) for w in found] == [
        ("kraken", "WGeneral:Deprecated endpoint", "WGeneral:Deprecated endpoint")
    ]
    assert isinstance(found[0], UserWarning)


def test_raise_for_response_issues_warnings_through_the_warnings_module() -> None:
    with pytest.warns(ExchangeWarning, match="WGeneral:Deprecated endpoint"):
        exchange_errors.raise_for_response("kraken", status=200, body=WARNED)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a user may turn them into errors, as for any warning
        with pytest.raises(ExchangeWarning):
            kraken.raise_for_response(body=WARNED)


def test_warnings_beside_an_error_stay_on_it() -> None:
    error = kraken.classify(
        body={"error": ["WGeneral:Deprecated endpoint", "EOrder:Insufficient funds"]}
    )
    assert type(error) is kraken.OrderInsufficientFundsError
    assert error.warnings == ["WGeneral:Deprecated endpoint"]
    assert error.errors == ["EOrder:Insufficient funds"]


# -- HTTP statuses without an API body ---------------------------------------------------------


def test_unexpected_status_keeps_kraken_connector_signature() -> None:
    error = UnexpectedStatus(418, b"I'm a teapot")
    assert (error.status_code, error.content) == (418, b"I'm a teapot")
    found = kraken.classify(status=418, body=b"I'm a teapot")
    assert isinstance(found, UnexpectedStatus) and isinstance(found, kraken.KrakenError)
    assert not isinstance(found, kraken.KrakenAPIError)
    assert (found.status_code, found.content) == (418, b"I'm a teapot")


def test_cloudflare_is_not_an_api_error() -> None:
    error = kraken.classify(status=504, body=b"<html><h1>504 Gateway Time-out</h1></html>")
    assert isinstance(error, exchange_errors.ExchangeUnavailable)
    assert not isinstance(error, kraken.KrakenAPIError)
    assert error.outcome_unknown


def test_kucoin_status_table_applies_when_the_body_has_no_code() -> None:
    error = kucoin.classify(status=401, body=b"<html>Unauthorized</html>")
    assert type(error) is kucoin.HttpUnauthorizedError
    body = b'{"code":"400003","msg":"KC-API-KEY not exists"}'
    coded = kucoin.classify(status=401, body=body, api="spot")
    assert type(coded) is kucoin.ApiKeyNotExistsError  # a code in the body wins
    either = kucoin.classify(status=401, body=body)  # the same in spot and futures
    assert type(either) is kucoin.KucoinAuthenticationError


# -- responses that break the envelope ---------------------------------------------------------


def test_invalid_response_model_keeps_the_raw_bytes() -> None:
    body = b'{"result": {"unixtime": 1}}'
    with pytest.raises(InvalidResponseModel) as raised:
        kraken.raise_for_response(status=200, body=body)
    assert raised.value.content == body
    assert isinstance(raised.value, kraken.KrakenError)


# -- network --------------------------------------------------------------------------------


def test_httpx_timeouts_become_request_timeouts() -> None:
    request = httpx.Request("POST", "https://api.kraken.com/0/private/AddOrder")
    error = exchange_errors.wrap_network_error(httpx.ReadTimeout("timed out", request=request))
    assert isinstance(error, RequestTimeout) and isinstance(error, NetworkError)
    assert error.retryable and error.outcome_unknown and error.retry_policy == "confirm_first"
    assert isinstance(error.__cause__, httpx.ReadTimeout)


def test_connection_failures_become_network_errors() -> None:
    request = httpx.Request("GET", "https://api.binance.com/api/v3/time")
    error = binance.wrap_network_error(httpx.ConnectError("refused", request=request))
    assert isinstance(error, NetworkError) and not isinstance(error, RequestTimeout)
    assert isinstance(error, binance.BinanceError)
    assert error.retryable and not error.outcome_unknown
    assert "ConnectError: refused" in str(error)
    builtin = exchange_errors.wrap_network_error(TimeoutError(), exchange="kucoin")
    assert isinstance(builtin, kucoin.KucoinRequestTimeout)


def test_network_classes_can_be_raised_directly() -> None:
    with pytest.raises(NetworkError):
        raise kraken.KrakenNetworkError("connection reset")


def test_no_http_library_is_imported() -> None:
    code = (
        "import sys, exchange_errors\n"
        "from exchange_errors import kraken\n"
        "exchange_errors.wrap_network_error(TimeoutError())\n"
        "print(sorted(m for m in ('httpx', 'requests', 'aiohttp') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT / "generated",
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "[]"


# -- WebSocket -----------------------------------------------------------------------------------


def test_rejected_subscription() -> None:
    frame = (
        '{"method":"subscribe","success":false,"error":"Currency pair not supported XBT/USD",'
        '"req_id":7,"time_in":"2023-09-21T14:15:07.197274Z","time_out":"2023-09-21T14:15:07.205301Z"}'
    )
    error = exchange_errors.classify_ws("kraken", frame)
    assert isinstance(error, SubscriptionError) and isinstance(error, kraken.KrakenError)
    assert (error.error, error.req_id) == ("Currency pair not supported XBT/USD", 7)
    assert error.raw == frame
    # The WebSocket guide's string, with any pair after it.
    (meaning,) = error.details
    assert type(meaning) is kraken.WsCurrencyPairNotSupportedError
    assert isinstance(meaning, exchange_errors.BadSymbol)
    assert meaning.params == {"pair": "XBT/USD"}


def test_rejected_order_carries_the_classified_meaning() -> None:
    frame = {
        "method": "add_order",
        "success": False,
        "error": "EOrder:Insufficient funds",
        "req_id": 9,
    }
    error = kraken.classify_ws(frame)
    assert isinstance(error, TradingError)
    assert error.req_id == 9
    assert type(error.details[0]) is kraken.OrderInsufficientFundsError


def test_invalid_session_is_raised_as_itself_with_its_fix() -> None:
    frame = {
        "method": "subscribe",
        "success": False,
        "error": "ESession:Invalid session",
        "req_id": 3,
    }
    error = kraken.classify_ws(frame)
    assert isinstance(error, InvalidSession)
    assert type(error) is kraken.SessionInvalidSessionError
    assert error.req_id == 3
    assert error.advice is not None and "GetWebSocketsToken" in error.advice


@pytest.mark.parametrize(
    "frame",
    [
        {"method": "subscribe", "success": True, "result": {"channel": "ticker"}, "req_id": 1},
        {"channel": "book", "type": "update", "data": [{"symbol": "BTC/USD"}]},
        {"channel": "heartbeat"},
    ],
)
def test_successes_and_data_messages_are_not_errors(frame: dict[str, object]) -> None:
    assert kraken.classify_ws(frame) is None


def test_unknown_method_gives_the_websocket_layer_root() -> None:
    error = kraken.classify_ws(
        {"method": "foo", "success": False, "error": "EGeneral:Invalid arguments"}
    )
    assert isinstance(error, kraken.KrakenWebSocketError)
    assert not isinstance(error, (SubscriptionError, TradingError))
    assert isinstance(error, kraken.GeneralInvalidArgumentsError)  # and its meaning


def test_websocket_errors_keep_kraken_connector_signatures() -> None:
    error = SubscriptionError("EGeneral:Invalid arguments", 11)
    assert (error.error, error.req_id) == ("EGeneral:Invalid arguments", 11)
    clone = pickle.loads(pickle.dumps(TradingError("x", 2)))
    assert (clone.error, clone.req_id) == ("x", 2)
    assert issubclass(TokenAcquisitionError, exchange_errors.AuthenticationError)


@pytest.mark.parametrize("wrapped", [False, True])
def test_a_pushed_trigger_rejection_is_a_trading_error(wrapped: bool) -> None:
    # Binance USDⓈ-M user data stream: a conditional order whose trigger was rejected.
    event = {
        "e": "CONDITIONAL_ORDER_TRIGGER_REJECT",
        "E": 1769311849033,
        "or": {"s": "BTCUSDT", "i": 890785077606, "r": "ReduceOnly Order is rejected."},
    }
    frame = {"stream": "listen-key", "data": event} if wrapped else event
    error = exchange_errors.classify_ws("binance", frame)
    assert isinstance(error, TradingError)
    assert isinstance(error, exchange_errors.OperationRejected)  # the reason's meaning
    assert error.error == "ReduceOnly Order is rejected."
    assert exchange_errors.classify_ws("binance", {**event, "e": "ORDER_TRADE_UPDATE"}) is None


@pytest.mark.parametrize("exchange", exchange_errors.EXCHANGES)
def test_every_exchange_reads_its_websocket_frames(exchange: str) -> None:
    assert exchange_errors.classify_ws(exchange, {"unrelated": "data"}) is None


# -- events ------------------------------------------------------------------------------------


def test_events_are_frozen_values_for_a_message_queue() -> None:
    checksum = BookChecksumEvent(exchange="kraken", symbol="BTC/USD", expected=1, computed=2)
    gap = SequenceGapEvent(exchange="kraken", channel="executions", expected=5, received=7)
    with pytest.raises(AttributeError):
        checksum.expected = 3  # type: ignore[misc]
    assert gap == SequenceGapEvent("kraken", "executions", 5, 7)
    assert not isinstance(checksum, BaseException)

"""The generated package on the responses users get: successes, unknown codes, several errors,
every input form, statuses without an API body, and malformed bodies."""

from __future__ import annotations

import copy
import json
import pickle

import exchange_errors
import pytest
from exchange_errors import binance, kraken, kucoin


def test_readme_examples() -> None:
    error = exchange_errors.classify(
        "binance", status=400, body=b'{"code":-1121,"msg":"Invalid symbol."}'
    )
    assert type(error) is binance.SpotBadSymbolError  # spot is Binance's default api
    assert isinstance(error, exchange_errors.BadSymbol)
    assert isinstance(error, binance.BinanceError)
    assert error.code == -1121
    with pytest.raises(exchange_errors.InsufficientFunds) as raised:
        exchange_errors.raise_for_response(
            "kucoin",
            status=200,
            body='{"code":"200004","msg":"Balance insufficient!"}',
            api="spot",
        )
    assert type(raised.value) is kucoin.BalanceInsufficientError
    found = kraken.classify(
        status=200, body={"error": ["EQuery:Unknown asset pair"], "result": {}}
    )
    assert type(found) is kraken.QueryUnknownAssetPairError


@pytest.mark.parametrize(
    ("exchange", "body"),
    [
        ("binance", b'{"symbol":"BTCUSDT","price":"1.0"}'),
        ("binance", b"[]"),
        ("binance", b'[{"id": 1}]'),
        ("kucoin", b'{"code":"200000","data":{"orderId":"1"}}'),
        ("kraken", b'{"error":[],"result":{"unixtime":1}}'),
    ],
)
def test_success_bodies_give_none(exchange: str, body: bytes) -> None:
    assert exchange_errors.classify(exchange, status=200, body=body) is None
    exchange_errors.raise_for_response(exchange, status=200, body=body)


@pytest.mark.parametrize(
    "body",
    [
        b'{"code":-1121,"msg":"Invalid symbol."}',
        '{"code":-1121,"msg":"Invalid symbol."}',
        bytearray(b'{"code":-1121,"msg":"Invalid symbol."}'),
        {"code": -1121, "msg": "Invalid symbol."},
        {"code": "-1121", "msg": "Invalid symbol."},
    ],
)
def test_every_input_form(body: object) -> None:
    error = binance.classify(body=body)  # type: ignore[arg-type]
    assert type(error) is binance.SpotBadSymbolError
    if isinstance(body, bytearray):  # kept as bytes, so that every error pickles
        assert type(error.raw) is bytes and error.raw == body
    else:
        assert error.raw is body


def test_unknown_code_gives_the_api_root_and_keeps_everything() -> None:
    body = b'{"code":-9999,"msg":"Something new happened."}'
    error = binance.classify(status=400, body=body)
    assert type(error) is binance.BinanceAPIError
    assert (error.code, error.message, error.raw, error.rule) == (
        -9999,
        "Something new happened.",
        body,
        "unknown code",
    )


def test_unknown_code_with_a_documented_message_is_matched_by_message() -> None:
    body = {"code": -9999, "msg": "Order does not exist."}
    # The message means what it means for -2013, but the error is not -2013: it gets the
    # category's class, never another code's.
    error = binance.classify(body=body)
    assert type(error) is binance.BinanceOrderNotFound
    assert (error.rule, error.code) == ("message", -9999)
    futures = binance.classify(body=body, api="futures")
    assert type(futures) is binance.BinanceOrderNotFound
    documented = binance.classify(body={"code": -2013, "msg": "Order does not exist."})
    assert type(documented) is binance.SpotNoSuchOrderError


def test_a_message_of_several_other_scopes_gives_their_common_class() -> None:
    # Options and futures list it with their own classes; spot, the usual API, does not.
    error = binance.classify(body={"code": -9999, "msg": "Price less than 0."})
    assert type(error) is binance.BinanceInvalidOrder
    assert error.rule == "ambiguous"


def test_message_variants_match_without_listing_each() -> None:
    assert type(binance.classify(body={"code": -1121, "msg": "invalid symbol"})) is (
        binance.SpotBadSymbolError
    )
    detail = kraken.classify(body={"error": ["EGeneral:Invalid arguments:leverage"]})
    assert type(detail) is kraken.GeneralInvalidArgumentsError
    assert detail.rule == "code prefix"
    exact = kraken.classify(body={"error": ["EGeneral:Invalid arguments:display-volume"]})
    assert type(exact) is kraken.GeneralInvalidArgumentsDisplayVolumeError


def test_templates_capture_values() -> None:
    error = binance.classify(
        body={
            "code": -1015,
            "msg": "Too many new orders; current limit is 50 orders per 10 SECOND.",
        },
        api="options",
    )
    assert error is not None and error.params == {"limit": "50", "interval": "10 SECOND"}
    borrowed = kucoin.classify(
        api="margin",
        body={
            "code": "130203",
            "msg": "The maximum borrowing amount has been exceeded."
            " Your remaining available borrowing: 12.5USDT",
        },
    )
    assert type(borrowed) is kucoin.BorrowMaximumExceededError
    assert borrowed.params == {"amount": "12.5", "currency": "USDT"}


@pytest.mark.parametrize(
    ("api", "code", "message", "params"),
    [
        (
            "spot",
            -1015,
            "Too many new orders; current limit is 50 orders per 10 SECOND.",
            {"limit": "50", "interval": "10 SECOND"},
        ),
        (
            "futures",
            -4164,
            "Order's notional must be no smaller than 100 (unless you choose reduce only).",
            {"min_notional": "100"},
        ),
        (  # a placeholder joined to a word: "%sx"
            "futures",
            -4209,
            "Leverage adjustment failed. Current symbol max leverage limit is 75x",
            {"max_leverage": "75"},
        ),
        (
            "margin",
            -1102,
            "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.",
            {"parameter": "symbol"},
        ),
    ],
)
def test_binance_templates_name_their_values(
    api: str, code: int, message: str, params: dict[str, str]
) -> None:
    error = binance.classify(body={"code": code, "msg": message}, api=api)
    assert error is not None and error.documented_code == code
    assert error.params == params


def test_kucoin_one_code_two_meanings_decided_by_message() -> None:
    generic = kucoin.classify(body={"code": "400100", "msg": "Parameter Error"}, api="spot")
    funds = kucoin.classify(
        body={"code": "400100", "msg": "account.available.amount -- Insufficient balance"},
        api="spot",
    )
    short = kucoin.classify(body={"code": "400100", "msg": "account.available.amount"}, api="spot")
    order = kucoin.classify(body={"code": "400100", "msg": "Order price invalid."}, api="spot")
    assert isinstance(order, exchange_errors.InvalidOrder)  # a message rule of KuCoin's spec
    assert order is not None and order.rule == "code+fallback"
    other = kucoin.classify(body={"code": "400100", "msg": "Something else."}, api="spot")
    assert type(generic) is kucoin.ParameterError
    assert type(funds) is kucoin.AvailableAmountInsufficientError
    assert type(short) is kucoin.AvailableAmountInsufficientError
    assert type(other) is kucoin.ParameterError


def test_kucoin_same_number_differs_per_api() -> None:
    spot = kucoin.classify(body={"code": "200001", "msg": "x"}, api="spot")
    futures = kucoin.classify(body={"code": "200001", "msg": "x"}, api="futures")
    assert isinstance(spot, exchange_errors.MarketClosed)
    assert isinstance(futures, exchange_errors.BadRequest)
    unsure = kucoin.classify(body={"code": "200002", "msg": "x"})
    assert type(unsure) is kucoin.KucoinAPIError
    assert unsure.rule == "ambiguous"


def test_scopes_inherit_shared_codes() -> None:
    error = kucoin.classify(body={"code": "400005", "msg": "Signature error"}, api="margin_hf")
    assert type(error) is kucoin.SignatureError
    assert error.api == "spot"


def test_unknown_api_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown api 'options'"):
        kucoin.classify(body={"code": "1"}, api="options")
    with pytest.raises(ValueError, match="unknown exchange"):
        exchange_errors.classify("nosuch", body=None)


def test_several_kraken_errors_keep_all_and_raise_the_most_specific() -> None:
    body = {"error": ["EGeneral:Invalid arguments", "EQuery:Unknown asset pair"]}
    error = kraken.classify(body=body)
    assert type(error) is kraken.QueryUnknownAssetPairError  # BadSymbol is below BadRequest
    assert error.errors == ["EGeneral:Invalid arguments", "EQuery:Unknown asset pair"]
    assert [type(d) for d in error.details] == [
        kraken.GeneralInvalidArgumentsError,
        kraken.QueryUnknownAssetPairError,
    ]
    tie = kraken.classify(
        body={"error": ["EOrder:Insufficient funds", "EGeneral:Invalid arguments"]}
    )
    assert type(tie) is kraken.OrderInsufficientFundsError  # equally specific: first one sent


def test_kraken_bare_string_error_is_accepted() -> None:
    assert (
        type(kraken.classify(body={"error": "EAPI:Invalid nonce"})) is kraken.ApiInvalidNonceError
    )


def test_cloudflare_statuses_mean_the_order_may_exist() -> None:
    html = (
        b"<!DOCTYPE html><html><head><title>520: Web server is returning an unknown error</title>"
    )
    html += b"<body>" + b"x" * 5000 + b"</body></html>"
    error = kraken.classify(status=520, body=html)
    assert type(error) is kraken.CloudflareError
    assert isinstance(error, exchange_errors.ExchangeUnavailable)
    assert error.outcome_unknown and error.retry_policy == "confirm_first"
    assert error.advice is not None and "userref" in error.advice
    assert error.content == html and error.raw is html
    assert len(str(error)) <= 220
    assert type(kraken.classify(status=1020, body=b"Access denied")) is kraken.CloudflareError


def test_documented_http_statuses_without_a_code() -> None:
    error = kucoin.classify(status=503, body=b"")
    assert type(error) is kucoin.HttpServiceUnavailableError
    assert error.http_status == 503


def test_undocumented_status_is_unexpected_status() -> None:
    error = kucoin.classify(status=418, body=b"<html>I'm a teapot</html>")
    assert isinstance(error, exchange_errors.UnexpectedStatus)
    assert isinstance(error, kucoin.KucoinError)
    assert error.status_code == 418 and error.content == b"<html>I'm a teapot</html>"


def test_an_undocumented_5xx_is_the_exchange_unavailable_with_the_outcome_unknown() -> None:
    error = kucoin.classify(status=502, body=b"<html>Bad Gateway</html>")
    assert isinstance(error, exchange_errors.ExchangeUnavailable)
    assert isinstance(error, kucoin.KucoinError) and error.outcome_unknown
    assert error.status_code == 502 and error.content == b"<html>Bad Gateway</html>"


@pytest.mark.parametrize(
    ("exchange", "body", "reason"),
    [
        ("kraken", b"<html>under construction</html>", "not JSON"),
        ("kraken", b'{"result": {}}', "no 'error' field"),
        ("kucoin", b'{"data": {}}', "no 'code' field"),
        ("kucoin", b"[1, 2]", "expected a JSON object"),
        ("kraken", b'{"error": 5}', "not a list"),
        ("kraken", b"\xff\xfe not utf-8", "not UTF-8"),
        ("kraken", b"", "empty"),
    ],
)
def test_malformed_bodies_are_invalid_responses(exchange: str, body: bytes, reason: str) -> None:
    error = exchange_errors.classify(exchange, status=200, body=body)
    assert isinstance(error, exchange_errors.InvalidResponse)
    assert isinstance(error, exchange_errors.InvalidResponseModel)
    assert reason in error.message
    assert error.raw is body


def test_str_is_short_and_useful() -> None:
    error = binance.classify(body={"code": -1121, "msg": "Invalid symbol."})
    assert str(error) == "[binance -1121] Invalid symbol."
    long = binance.classify(body={"code": -1121, "msg": "Invalid symbol. " + "x" * 1000})
    assert len(str(long)) <= 220


def test_errors_pickle_copy_and_serialise_intact() -> None:
    error = kraken.classify(
        status=200, body={"error": ["EGeneral:Invalid arguments", "EOrder:Insufficient funds"]}
    )
    assert error is not None
    for clone in (pickle.loads(pickle.dumps(error)), copy.deepcopy(error)):
        assert type(clone) is type(error)
        assert clone.to_dict() == error.to_dict()
        assert [type(d) for d in clone.details] == [type(d) for d in error.details]
    data = json.loads(json.dumps(error.to_dict()))
    assert data["class"] == "GeneralInvalidArgumentsError"
    assert data["category"] == "bad_request"


def test_retry_information() -> None:
    lockout = kraken.classify(body={"error": ["EGeneral:Temporary lockout"]})
    assert lockout is not None and lockout.retry_after == 900.0 and lockout.retryable
    nonce = binance.classify(
        body={"code": -1021, "msg": "Timestamp for this request is outside of the recvWindow."}
    )
    assert nonce is not None and nonce.retry_policy == "resync_clock"
    symbol = binance.classify(body={"code": -1121, "msg": "Invalid symbol."})
    assert symbol is not None and not symbol.retryable


def test_code_enums_know_their_class() -> None:
    assert binance.BinanceSpotCode.BAD_SYMBOL == -1121
    assert binance.BinanceSpotCode(-1121).error_class is binance.SpotBadSymbolError
    assert binance.BinanceSpotCode.BAD_SYMBOL.category == "bad_symbol"
    assert (
        kucoin.KucoinSpotCode.AVAILABLE_AMOUNT_INSUFFICIENT
        is kucoin.KucoinSpotCode.PARAMETER_ERROR
    )
    assert kucoin.KucoinFuturesCode("200002").error_class is kucoin.FuturesRequestLimitedError
    assert kraken.KrakenSpotCode.ORDER_INSUFFICIENT_FUNDS == "EOrder:Insufficient funds"


def test_every_error_class_is_exported() -> None:
    for module in (binance, kraken, kucoin):
        exported = set(module.__all__)
        classes = {
            name
            for name, value in vars(module).items()
            if isinstance(value, type) and issubclass(value, module.TABLES.root)
        }
        assert classes <= exported

"""What exchanges really send beyond their documents: observed errors, WebSocket frames of
every exchange, error pages read by their content, message rules for generic codes."""

from __future__ import annotations

import copy
import json
import pickle

import exchange_errors
import pytest
from exchange_errors import (
    AccountRestricted,
    AuthenticationError,
    BadRequest,
    BadSymbol,
    DuplicateOrder,
    ExchangeUnavailable,
    InsufficientFunds,
    InvalidOrder,
    InvalidSession,
    NotSupported,
    OrderNotFound,
    PermissionDenied,
    RateLimitExceeded,
    RequestTimeout,
    SubscriptionError,
    TradingError,
    WebSocketError,
    binance,
    kraken,
    kucoin,
)

from tests.package.test_explain import explain

# -- observed, not documented -----------------------------------------------------------------


def test_an_observed_error_has_its_class_and_its_evidence() -> None:
    body = b'{"code":-11008,"msg":"Exceeding the account\'s maximum borrowable limit."}'
    error = exchange_errors.classify("binance", status=400, body=body, api="margin")
    assert error is not None and error.code == -11008
    assert type(error) is not binance.BinanceAPIError
    assert error.evidence is not None and error.evidence.startswith("https://github.com/")
    assert error.source is not None and error.source.startswith("observed, not documented")


def test_explain_says_observed_not_documented() -> None:
    out = explain("kraken", "EAPI:Rate limit exceeded").stdout
    assert "observed:     not documented; seen in https://" in out
    assert "documented:" not in out
    documented = explain("kraken", "EOrder:Insufficient funds").stdout
    assert "documented:" in documented and "observed:" not in documented


def test_documented_errors_carry_no_evidence() -> None:
    error = exchange_errors.classify("binance", status=400, body=b'{"code":-1121,"msg":"x"}')
    assert error is not None and error.evidence is None


# -- WebSocket ----------------------------------------------------------------------------------

WS_CASES = [
    (
        "binance",
        b'{"id":3,"status":401,"error":{"code":-2015,"msg":"Invalid API-key, IP, or'
        b' permissions for action."}}',
        (WebSocketError, AuthenticationError),
    ),
    (
        "binance",
        b'{"id":"a1","status":400,"error":{"code":-2010,"msg":"Account has insufficient balance'
        b' for requested action."}}',
        (WebSocketError, InsufficientFunds),
    ),
    (
        "binance",
        b'{"error":{"code":2,"msg":"Invalid request: invalid stream"},"id":2}',
        (SubscriptionError,),
    ),
    (
        "kucoin",
        b'{"id":"1","type":"error","code":404,"data":"topic /market/x is not found"}',
        (SubscriptionError,),
    ),
    ("kucoin", b'{"type":"error","code":401,"data":"token is expired"}', (InvalidSession,)),
    (
        "kucoin",
        b'{"type":"error","code":509,"data":"exceed max permits per second"}',
        (RateLimitExceeded,),
    ),
    (
        "kraken",
        b'{"event":"addOrderStatus","status":"error","errorMessage":"EOrder:Insufficient funds",'
        b'"reqid":7}',
        (TradingError, InsufficientFunds),
    ),
    (
        "kraken",
        b'{"errorMessage":"EGeneral:Permission denied","event":"cancelOrderStatus"}',
        (TradingError, PermissionDenied),
    ),
    (
        "kraken",
        b'{"method":"add_order","success":false,"error":"EOrder:Insufficient funds","req_id":3}',
        (TradingError, InsufficientFunds),
    ),
    # Bybit's older WebSocket echoes the request instead of naming its op
    (
        "bybit",
        b'{"success":false,"ret_msg":"error:topic:order needs auth first","conn_id":"c1",'
        b'"request":{"op":"subscribe","args":["order"]}}',
        (SubscriptionError,),
    ),
    # Kraken Futures: its only requests are subscriptions
    (
        "kraken",
        b'{"event":"error","message":"Invalid product id"}',
        (SubscriptionError, BadSymbol),
    ),
    (
        "kraken",
        b'{"event":"alert","message":"Failed to subscribe to authenticated feed"}',
        (SubscriptionError, AuthenticationError),
    ),
    # Binance's WebSocket API echoes no method: a rejection whose meaning is about an order or
    # its funds is a trading one (the taxonomy's covers), another stays a WebSocket error
    (
        "binance",
        b'{"id":"e2a85d9f","status":400,"error":{"code":-2010,"msg":"Account has insufficient'
        b' balance for requested action."},"rateLimits":[]}',
        (TradingError, InsufficientFunds),
    ),
    (
        "binance",
        b'{"id":"e2a85d9f","status":400,"error":{"code":-2011,"msg":"Unknown order sent."}}',
        (TradingError, OrderNotFound),
    ),
    # Binance's user data stream ends: the listen key expired, or the WebSocket API ended
    # the subscription; alone, in a combined stream or in a subscription's event
    (
        "binance",
        b'{"e":"listenKeyExpired","E":1576653824250,"listenKey":"OfYGbUzi3PraNagEkdKuF"}',
        (SubscriptionError, InvalidSession),
    ),
    (
        "binance",
        b'{"stream":"OfYGbUzi3PraNagEkdKuF","data":{"e":"listenKeyExpired","E":1576653824250}}',
        (SubscriptionError, InvalidSession),
    ),
    (
        "binance",
        b'{"subscriptionId":0,"event":{"e":"eventStreamTerminated","E":1728973001334}}',
        (SubscriptionError, InvalidSession),
    ),
]


def test_two_frame_shapes_flag_one_frame_the_one_holding_its_text_reads_it() -> None:
    futures = exchange_errors.classify_ws("kraken", b'{"event":"error","message":"Json Error"}')
    assert futures is not None and futures.message == "Json Error"
    spot = exchange_errors.classify_ws(
        "kraken", b'{"event":"error","errorMessage":"Malformed request"}'
    )
    assert spot is not None and spot.message == "Malformed request"
    assert not isinstance(spot, SubscriptionError)
    challenge = b'{"event":"challenge","message":"c100b894-1729-464d-ae1c-907c2ce2f1ad"}'
    assert exchange_errors.classify_ws("kraken", challenge) is None


@pytest.mark.parametrize(("exchange", "frame", "classes"), WS_CASES)
def test_websocket_errors_of_every_exchange(
    exchange: str, frame: bytes, classes: tuple[type, ...]
) -> None:
    error = exchange_errors.classify_ws(exchange, frame)
    assert error is not None
    for expected in classes:
        assert isinstance(error, expected), (type(error), expected)
    assert type(pickle.loads(pickle.dumps(error))) is type(error)
    assert type(copy.deepcopy(error)) is type(error)


# Answers of success in the shapes each exchange's WebSocket documents: acknowledgements,
# keep-alives, data pushes, accepted orders.
WS_SUCCESSES = [
    (
        "binance",
        b'{"id":"e2a85d9f","status":200,"result":{"orderId":12569099453},"rateLimits":[]}',
    ),
    ("binance", b'{"result":null,"id":1}'),
    ("binance", b'{"e":"executionReport","s":"BNBBTC","X":"NEW","r":"NONE"}'),
    ("binance", b'{"subscriptionId":0,"event":{"e":"outboundAccountPosition","E":1}}'),
    ("kucoin", b'{"id":"hQvf8jkno","type":"welcome"}'),
    ("kucoin", b'{"id":"1545910660739","type":"ack"}'),
    ("kucoin", b'{"id":"1545910590801","type":"pong"}'),
    ("kraken", b'{"event":"heartbeat"}'),
    ("kraken", b'{"event":"addOrderStatus","status":"ok","txid":"ONPNXH-KMKMU-F4MR5V","reqid":1}'),
    ("kraken", b'{"method":"add_order","req_id":1,"result":{"order_id":"O1"},"success":true}'),
    ("kraken", b'{"channel":"status","type":"update","data":[{"system":"online"}]}'),
    ("okx", b"pong"),
    ("okx", b'{"event":"login","code":"0","msg":"","connId":"a4d3ae55"}'),
    (
        "okx",
        b'{"id":"1512","op":"order","data":[{"ordId":"12345689","sCode":"0","sMsg":""}],'
        b'"code":"0","msg":""}',
    ),
    ("bybit", b'{"success":true,"ret_msg":"","op":"auth","conn_id":"cejreassvfrsfvb9v1a0-2m"}'),
    (
        "bybit",
        b'{"reqId":"test-005","retCode":0,"retMsg":"OK","op":"order.create",'
        b'"data":{"orderId":"1"},"connId":"cpv85t788smd5eps8ncg-2tfh"}',
    ),
]


@pytest.mark.parametrize(("exchange", "frame"), WS_SUCCESSES)
def test_websocket_successes_are_not_errors(exchange: str, frame: bytes) -> None:
    assert exchange_errors.classify_ws(exchange, frame) is None


def test_text_that_is_no_keep_alive_is_still_an_invalid_response() -> None:
    error = exchange_errors.classify_ws("okx", b"pang")
    assert isinstance(error, exchange_errors.InvalidResponse) and error.raw == b"pang"


def test_a_websocket_request_id_is_kept_as_sent() -> None:
    error = exchange_errors.classify_ws(
        "binance", b'{"id":"a2790cf9","status":400,"error":{"code":-1121,"msg":"Invalid symbol."}}'
    )
    assert error is not None and error.req_id == "a2790cf9" and error.code == -1121


@pytest.mark.parametrize(
    ("exchange", "frame"),
    [
        ("binance", b'{"id":1,"status":200,"result":{"orderId":1}}'),
        ("binance", b'{"e":"trade","s":"BTCUSDT","p":"1.0"}'),
        ("binance", b'{"result":null,"id":1}'),
        ("kucoin", b'{"id":"1","type":"welcome"}'),
        ("kucoin", b'{"type":"message","topic":"/market/ticker:BTC-USDT","data":{"price":"1"}}'),
        ("kraken", b'{"event":"subscriptionStatus","status":"subscribed","reqid":1}'),
        ("kraken", b'{"method":"add_order","success":true,"result":{"order_id":"x"}}'),
    ],
)
def test_websocket_successes_and_data_are_none(exchange: str, frame: bytes) -> None:
    assert exchange_errors.classify_ws(exchange, frame) is None


# -- error pages ------------------------------------------------------------------------------

CLOUDFRONT_GEO = (
    b'<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN"><HTML><HEAD>'
    b"<TITLE>ERROR: The request could not be satisfied</TITLE></HEAD><BODY><H1>403 ERROR</H1>"
    b'<H2>The request could not be satisfied.</H2><HR noshade size="1px">The Amazon CloudFront'
    b" distribution is configured to block access from your country.</BODY></HTML>"
)


@pytest.mark.parametrize(
    ("exchange", "status", "page", "expected", "title"),
    [
        (
            "binance",
            403,
            CLOUDFRONT_GEO,
            AccountRestricted,
            "ERROR: The request could not be satisfied",
        ),
        (
            "kucoin",
            429,
            b"<html><head><title>Access denied | api.kucoin.com used Cloudflare to restrict access"
            b"</title></head><body><h1>Error 1015</h1><h2>You are being rate limited</h2></body>",
            RateLimitExceeded,
            "Access denied | api.kucoin.com used Cloudflare to restrict access",
        ),
        (
            "binance",
            503,
            "This endpoint has been deprecated, please integrate with \u201cGET@/sapi/v1/system"
            "/status\u201d.".encode(),
            NotSupported,
            "This endpoint has been deprecated, please integrate with \u201cGET@/sapi/v1/system"
            "/status\u201d.",
        ),
        (
            "kraken",
            524,
            b"<html><head><title>api.kraken.com | 524: A timeout occurred</title></head></html>",
            RequestTimeout,
            "api.kraken.com | 524: A timeout occurred",
        ),
        (
            "kraken",
            520,
            b"<html><head><title>api.kraken.com | 520: Web server is returning an unknown error"
            b"</title><script>var maintenance = 1;</script></head><body></body></html>",
            ExchangeUnavailable,
            "api.kraken.com | 520: Web server is returning an unknown error",
        ),
        (
            "kraken",
            200,
            b"<html><head><title>Kraken | Down for maintenance</title></head></html>",
            ExchangeUnavailable,
            "Kraken | Down for maintenance",
        ),
    ],
)
def test_error_pages_are_read_by_their_content(
    exchange: str, status: int, page: bytes, expected: type, title: str
) -> None:
    error = exchange_errors.classify(exchange, status=status, body=page)
    assert isinstance(error, expected)
    assert error.message == title and title in str(error)
    assert error.raw == page
    if status >= 500:  # never advice that repeats a request that may have been executed
        assert error.outcome_unknown and error.retry_policy in ("confirm_first", "never")


def test_a_documented_status_keeps_its_class_when_the_page_agrees() -> None:
    page = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
    error = binance.classify(status=502, body=page)
    assert type(error) is binance.HttpServerError and error.message == "502 Bad Gateway"


def test_a_page_no_rule_knows_is_decided_by_its_status() -> None:
    page = b"<html><head><title>404 Not Found</title></head></html>"
    error = kucoin.classify(status=404, body=page)
    assert error is not None and error.http_status == 404 and error.message == "404 Not Found"


# -- message rules for generic codes ---------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b'{"code":"400100","msg":"Order not exist or not allow to be cancelled"}', OrderNotFound),
        (b'{"code":"400100","msg":"validation.createOrder.clientOidDuplicated"}', DuplicateOrder),
        (b'{"code":"400100","msg":"Order side invalid."}', InvalidOrder),
        (b'{"code":"100001","msg":"error.getOrder.orderNotExist"}', OrderNotFound),
    ],
)
def test_generic_codes_take_the_meaning_of_their_message(body: bytes, expected: type) -> None:
    assert isinstance(kucoin.classify(status=200, body=body), expected)


def test_message_rules_never_fire_on_a_success() -> None:
    body = b'{"code":"200000","data":{"msg":"order not exist","side":"invalid"}}'
    assert kucoin.classify(status=200, body=body) is None


def test_message_rules_never_override_a_documented_message() -> None:
    # "Order does not exist" is documented for 126043: the code's own class, not a rule's.
    error = kucoin.classify(status=200, body=b'{"code":"126043","msg":"Order does not exist"}')
    assert error is not None and error.rule == "code+message"
    assert kraken.classify(body=b'{"error":["EOrder:Unknown order"]}') is not None


# -- batches ----------------------------------------------------------------------------------


def test_a_partly_failed_batch_names_each_failed_item() -> None:
    body = (
        b'{"code":"2","msg":"Bulk operation partially succeeded","data":['
        b'{"clOrdId":"a1","ordId":"312269865356374016","sCode":"0","sMsg":""},'
        b'{"clOrdId":"b2","ordId":"","sCode":"51008","sMsg":"Order failed. Insufficient USDT'
        b' balance in account."}]}'
    )
    error = exchange_errors.classify("okx", status=200, body=body)
    assert isinstance(error, InsufficientFunds) and error.code == "51008"
    assert error.partial is True
    assert error.failed_items == (
        {
            "index": 1,
            "code": "51008",
            "message": "Order failed. Insufficient USDT balance in account.",
            "clOrdId": "b2",
        },
    )
    assert error.to_dict()["partial"] is True


def test_an_all_failed_batch_is_not_partial() -> None:
    body = (
        b'{"retCode":0,"retMsg":"OK","result":{"list":[{"orderId":""}]},'
        b'"retExtInfo":{"list":[{"code":110007,"msg":"ab not enough for new order"}]}}'
    )
    error = exchange_errors.classify("bybit", status=200, body=body)
    assert isinstance(error, InsufficientFunds)
    assert error.partial is False and error.failed_items[0]["index"] == 0


def _okx_item(sub_code: str, message: str) -> bytes:
    item = {"clOrdId": "c1", "ordId": "", "sCode": "51008", "sMsg": message, "subCode": sub_code}
    return json.dumps({"code": "1", "data": [item], "msg": ""}).encode()


def test_an_items_sub_code_names_its_documented_wording() -> None:
    # OKX numbers the wordings of 51008: sub-code 1007 is one the live page words on its own
    message = "Your order failed because it requires borrowing BTC, and the platform's quota"
    error = exchange_errors.classify("okx", status=200, body=_okx_item("1007", message))
    assert isinstance(error, InsufficientFunds) and error.code == "51008_1007"
    assert type(error).__name__ == "OrderBorrowingRefusedError"
    assert error.failed_items[0]["code"] == "51008_1007" and error.rule == "code"
    documented = "Order failed. Insufficient USDT balance in account"
    known = exchange_errors.classify("okx", status=200, body=_okx_item("1000", documented))
    assert known is not None and known.code == "51008_1000"
    assert type(known).__name__ == "InsufficientBalanceError"


def test_a_websocket_order_answer_reads_its_sub_code_too() -> None:
    frame = {
        "id": "1512",
        "op": "order",
        "code": "1",
        "msg": "",
        "data": [
            {
                "sCode": "51008",
                "sMsg": "Order failed. Insufficient USDT balance in account",
                "subCode": "1000",
            }
        ],
    }
    error = exchange_errors.classify_ws("okx", json.dumps(frame).encode())
    assert isinstance(error, exchange_errors.TradingError)
    assert isinstance(error, InsufficientFunds) and error.code == "51008_1000"
    assert error.req_id == "1512"


def test_a_sub_code_nobody_documents_falls_back_to_its_code() -> None:
    error = exchange_errors.classify("okx", status=200, body=_okx_item("1999", "Something new"))
    assert isinstance(error, InsufficientFunds) and error.code == "51008_1999"
    assert type(error).__name__ == "InsufficientBalanceError" and error.rule == "code prefix"
    plain = exchange_errors.classify("okx", status=200, body=_okx_item("", "Something new"))
    assert plain is not None and plain.code == "51008"


def test_a_deprecated_code_is_still_classified() -> None:
    error = exchange_errors.classify("bybit", status=200, body=b'{"retCode":10018,"retMsg":"x"}')
    assert error is not None and error.deprecated is True and error.code == 10018


# -- a code inside the message ----------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        b'{"msg":"-1022=Signature for this request is not valid."}',
        b'{"msg":"-1022=Signature for this request is not valid.","success":false}',
    ],
)
def test_a_code_inside_the_message_is_the_code(body: bytes) -> None:
    error = exchange_errors.classify("binance", status=200, body=body, api="margin")
    assert isinstance(error, AuthenticationError)
    assert error.code == -1022
    assert error.message == "Signature for this request is not valid."
    assert error.raw == body


@pytest.mark.parametrize(
    "body",
    [
        b'{"msg":"Name is empty.","success":false}',  # no code: the flag decides
        b'{"msg":"x-1022=Signature for this request is not valid.","success":false}',
        b'{"msg":"1.5=half","success":false}',
    ],
)
def test_a_message_without_a_leading_code_keeps_its_text(body: bytes) -> None:
    error = exchange_errors.classify("binance", status=200, body=body, api="margin")
    assert error is not None and error.code is None
    assert error.message == body.split(b'"msg":"')[1].split(b'"')[0].decode()


def test_a_success_whose_message_holds_no_code_stays_a_success() -> None:
    body = b'{"msg":"success","tranId":1}'
    assert exchange_errors.classify("binance", status=200, body=body, api="margin") is None


# -- an older version's envelope --------------------------------------------------------------


@pytest.mark.parametrize("api", [None, "rest"])
def test_an_okx_v3_answer_is_read_as_v3_whatever_api_says(api: str | None) -> None:
    body = b'{"code":30015,"message":"Invalid OK_ACCESS_PASSPHRASE"}'
    error = exchange_errors.classify("okx", status=400, body=body, api=api)
    assert isinstance(error, AuthenticationError)
    assert (error.code, error.api, error.evidence is not None) == (30015, "v3", True)
    assert error.message == "Invalid OK_ACCESS_PASSPHRASE"


def test_a_bare_message_of_okx_v3_is_read_by_its_message_never_as_a_success() -> None:
    body = b'{"message":"An unexpected error occurred"}'
    error = exchange_errors.classify("okx", status=None, body=body)
    assert isinstance(error, exchange_errors.InternalServerError)
    assert error.outcome_unknown and error.retry_policy == "confirm_first"
    other = exchange_errors.classify("okx", status=200, body=b'{"message":"Something new"}')
    assert isinstance(other, exchange_errors.okx.OkxAPIError)
    assert other.message == "Something new"
    assert exchange_errors.classify("okx", status=200, body=b'{"message":""}') is None


def test_an_okx_v1_answer_is_read_by_its_error_code() -> None:
    failed = exchange_errors.classify(
        "okx", status=200, body=b'{"result":false,"error_code":10017}'
    )
    assert isinstance(failed, AuthenticationError) and failed.code == 10017
    placed = b'{"result":true,"order_id":1}'
    assert exchange_errors.classify("okx", status=200, body=placed) is None
    # v3's order endpoints kept v1's fields; their codes are v3's
    body = (
        b'{"error_message":"The operation that close all at market price is too frequent",'
        b'"result":"true","error_code":"35102","order_id":"-1"}'
    )
    limited = exchange_errors.classify("okx", status=200, body=body)
    assert isinstance(limited, exchange_errors.RateLimitExceeded) and limited.code == 35102


def test_a_bybit_legacy_answer_is_read_as_legacy_under_a_v5_api() -> None:
    body = b'{"ret_code":10003,"ret_msg":"invalid api_key","result":null}'
    error = exchange_errors.classify("bybit", status=200, body=body, api="trade")
    # Read with the trade envelope it would be malformed; the legacy scope finds the code in
    # the trade list it inherits.
    assert isinstance(error, AuthenticationError)
    assert (error.code, error.message) == (10003, "invalid api_key")


# -- a documented message without its code -----------------------------------------------------


def test_a_documented_error_text_without_a_code_is_that_error() -> None:
    body = b'{"msg":"You are not authorized to execute this request."}'
    error = exchange_errors.classify("binance", status=200, body=body, api="margin")
    assert isinstance(error, PermissionDenied)
    assert (error.code, error.message, error.raw) == (
        None,
        "You are not authorized to execute this request.",
        body,
    )


@pytest.mark.parametrize(
    ("exchange", "body"),
    [
        ("binance", b'{"msg":"done","tranId":1}'),  # a message no spec lists as an error
        # Binance's own successes with a code: futures' margin type and cancel-all, SAPI
        # mining (https://github.com/ccxt/ccxt/issues/6501, /7742).
        ("binance", b'{"code":200,"msg":"success"}'),
        ("binance", b'{"code": 200, "msg": "The operation of cancel all open order is done."}'),
        ("binance", b'{"code":0,"msg":"","data":[{"algoName":"sha256","algoId":1}]}'),
        ("bybit", b'{"retCode":0,"retMsg":"OK","result":{"list":[]}}'),
        # KuCoin's newer endpoints, as documented (the examples Kucoin.Net tests with,
        # https://github.com/JKorf/Kucoin.Net/tree/04e948d11ac2dc8694fbb0a4676a51050af9abde/
        # Kucoin.Net.UnitTests/Endpoints): code "200", with data or with "success": true
        (
            "kucoin",
            b'{"success":true,"code":"200","msg":"success","retry":false,'
            b'"data":{"orderNo":"5da6dba0f943c0c81f5d5db5","actualSize":10}}',
        ),
        ("kucoin", b'{"success":true,"code":"200","msg":"success","retry":false}'),
        # Kraken Futures' charts answer without "result" (Kraken.Net's example,
        # https://github.com/JKorf/Kraken.Net/tree/e597f1d0f744ab826fc6d7ac9e11baac5106a02f/
        # Kraken.Net.UnitTests/Endpoints/Futures/ExchangeData/GetKlines.txt)
        ("kraken", b'{"candles":[{"time":1620816960000,"volume":10824}],"more_candles":true}'),
        # OKX's statistics answer with rows of bare strings in "data" (OKX.Net's example,
        # https://github.com/JKorf/OKX.Net/tree/88611596354d9eb6a3a967f060211847f9908873/
        # OKX.Net.UnitTests/Endpoints/UnifiedApi/ExchangeData/GetRubikTakerFlow.txt)
        ("okx", b'{"code":"0","data":["1630512000000","8.55","67.3","16.05"],"msg":""}'),
        # A success that carries its data is one whatever its message says.
        ("kucoin", b'{"code":"200000","data":{"orderId":"1"},"msg":"Order does not exist"}'),
    ],
)
def test_other_messages_without_a_code_stay_successes(exchange: str, body: bytes) -> None:
    assert exchange_errors.classify(exchange, status=200, body=body) is None


def test_a_documented_error_text_beside_a_success_code_is_that_error() -> None:
    body = (
        b'{"retCode":0,"retMsg":"Permission denied, please check your API key'
        b' permissions.","result":{}}'
    )
    error = exchange_errors.classify("bybit", status=200, body=body)
    assert isinstance(error, PermissionDenied)
    assert (error.rule, error.raw) == ("message", body)


@pytest.mark.parametrize("status", [451, 403, 200])
def test_binance_geo_block_with_code_zero_is_account_restricted(status: int) -> None:
    # Sent with HTTP 451 (https://github.com/Drakkar-Software/OctoBot/issues/2773); its
    # words decide whatever the status, and code 0 is also one of Binance's success codes.
    body = (
        b'{"code":0,"msg":"Service unavailable from a restricted location according to'
        b" 'b. Eligibility' in https://www.binance.com/en/terms. Please contact customer"
        b' service if you believe you received this message in error."}'
    )
    error = exchange_errors.classify("binance", status=status, body=body)
    assert isinstance(error, exchange_errors.AccountRestricted)
    assert error.http_status == status and error.raw == body


# -- several WebSocket frames in one message ---------------------------------------------------


def test_the_first_failed_frame_of_a_list_stands_for_the_message() -> None:
    message = (
        b'[{"channel":"ok_sub_spot_btc_usdt_ticker","data":{"result":true}},'
        b'{"channel":"login","data":{"result":false,"error_code":20102,'
        b'"error_msg":"Invalid logon."}}]'
    )
    error = exchange_errors.classify_ws("okx", message)
    assert isinstance(error, WebSocketError)
    assert (error.code, error.message, error.raw) == ("20102", "Invalid logon.", message)


@pytest.mark.parametrize("message", [b"[]", b"[1, 2]", b'[{"data":{"result":true}}]'])
def test_a_list_without_a_failed_frame_is_no_error(message: bytes) -> None:
    assert exchange_errors.classify_ws("okx", message) is None


def test_a_code_with_a_sibling_apis_text_means_what_that_api_says() -> None:
    # margin lists -4015 as a withdrawal restriction; futures lists it with this text
    body = b'{"code":-4015,"msg":"Client order id is not valid."}'
    error = binance.classify(status=400, body=body, api="margin")
    assert isinstance(error, InvalidOrder) and not isinstance(error, AccountRestricted)
    own = binance.classify(status=400, body=b'{"code":-4015,"msg":"Something else"}', api="margin")
    assert isinstance(own, AccountRestricted)


def test_a_text_documented_elsewhere_says_more_than_the_code_reused_for_it() -> None:
    # -1105 is "a parameter was empty"; its text here is -1125's, in every list an expired key
    body = b'{"code":-1105,"msg":"This listenKey does not exist."}'
    error = binance.classify(status=400, body=body, api="margin")
    assert isinstance(error, InvalidSession) and error.api == "margin"
    # a timeout keeps its doubt whatever text comes with it
    timeout = b'{"code":-1007,"msg":"This listenKey does not exist."}'
    doubtful = binance.classify(status=503, body=timeout, api="spot")
    assert doubtful is not None and doubtful.outcome_unknown
    assert not isinstance(doubtful, InvalidSession)


def test_a_text_another_code_documents_as_a_template_says_more_too() -> None:
    # COIN-M answers -4088 with the words USDⓈ-M's -4165 documents as "Maximum time
    # interval is %s days"; USDⓈ-M's -4088 is an order permission
    body = b'{"code":-4088,"msg":"Maximum time interval is 200 days."}'
    error = binance.classify(status=400, body=body, api="futures")
    assert isinstance(error, BadRequest) and not isinstance(error, AccountRestricted)
    assert error.rule == "code+message elsewhere"
    # where the code's own class already means what the words do, it stays: it says more
    short = b'{"code":-4164,"msg":"Order\'s notional must be no smaller than 5"}'
    own = binance.classify(status=400, body=short, api="futures")
    assert type(own) is binance.FuturesMinNotionalError


@pytest.mark.parametrize("api", ["spot", "margin"])
def test_a_cancel_replace_that_partly_failed_says_it_is_partial(api: str) -> None:
    # -2021: the cancel or the new order went through, not both; sending the whole
    # cancel-replace again would act twice on the half that succeeded
    body = (
        b'{"code":-2021,"msg":"Order cancel-replace partially failed.","data":{"cancelResult":'
        b'"FAILURE","newOrderResult":"SUCCESS","cancelResponse":{"code":-2011,"msg":'
        b'"Unknown order sent."},"newOrderResponse":{"symbol":"BTCUSDT","orderId":9}}}'
    )
    error = binance.classify(status=400, body=body, api=api)
    assert error is not None and error.code == -2021
    assert error.partial is True and error.to_dict()["partial"] is True
    assert "newOrderResult" in (error.advice or "")
    both = b'{"code":-2022,"msg":"Order cancel-replace failed."}'
    failed = binance.classify(status=400, body=both, api=api)
    assert failed is not None and failed.partial is False


def test_a_websocket_rejection_of_no_order_is_no_trading_error() -> None:
    frame = b'{"id":"e2a85d9f","status":400,"error":{"code":-1121,"msg":"Invalid symbol."}}'
    error = exchange_errors.classify_ws("binance", frame)
    assert isinstance(error, WebSocketError) and isinstance(error, BadSymbol)
    assert not isinstance(error, TradingError)

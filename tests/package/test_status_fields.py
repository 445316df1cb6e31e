"""Statuses inside successful bodies: Kraken Futures reports a rejected, unedited or
uncancelled order with "result": "success" and a status (`status_fields` in the spec)."""

from __future__ import annotations

import json

import exchange_errors
import pytest
from exchange_errors import kraken


def sent(status: str) -> dict[str, object]:
    """The shape of a sendorder answer (Send order, API reference example)."""
    return {
        "result": "success",
        "sendStatus": {
            "order_id": "614a5298-0071-450f-83c6-0617ce8c6bc4",
            "status": status,
            "receivedTime": "2019-09-05T16:32:54.076Z",
            "orderEvents": [{"type": "REJECT", "reason": "IOC_WOULD_NOT_EXECUTE"}],
        },
        "serverTime": "2019-09-05T16:32:54.077Z",
    }


@pytest.mark.parametrize("status", ["placed", "partiallyFilled", "filled", "cancelled", "edited"])
def test_a_successful_status_is_no_error(status: str) -> None:
    assert kraken.classify(body=sent(status), api="futures") is None
    assert kraken.classify(body=json.dumps(sent(status)), api="futures") is None


def test_a_rejected_order_is_its_status_class_and_keeps_the_body() -> None:
    body = sent("iocWouldNotExecute")
    error = kraken.classify(body=json.dumps(body), api="futures")
    assert type(error) is kraken.FuturesIocWouldNotExecuteError
    assert isinstance(error, exchange_errors.OperationRejected)
    assert (error.code, error.raw) == ("iocWouldNotExecute", json.dumps(body))
    with pytest.raises(exchange_errors.InsufficientFunds):
        kraken.raise_for_response(body=sent("insufficientAvailableFunds"), api="futures")


def test_each_field_has_its_own_successes() -> None:
    # "filled" is a success for sendorder, and a failed cancel for cancelorder.
    cancel = {"result": "success", "cancelStatus": {"status": "filled"}}
    assert type(kraken.classify(body=cancel, api="futures")) is kraken.FuturesFilledError
    missing = {"result": "success", "cancelStatus": {"status": "notFound"}}
    assert isinstance(kraken.classify(body=missing, api="futures"), exchange_errors.OrderNotFound)
    edit = {"result": "success", "editStatus": {"status": "orderForEditNotFound"}}
    edited = kraken.classify(body=edit, api="futures")
    assert type(edited) is kraken.FuturesOrderForEditNotFoundError


def test_every_item_of_a_batch_is_read() -> None:
    body = {
        "result": "success",
        "batchStatus": [{"status": "placed"}, {"status": "selfFill"}, {"status": "cancelled"}],
    }
    error = kraken.classify(body=body, api="futures")
    assert type(error) is kraken.FuturesSelfFillError
    assert error.errors == ["selfFill"]
    # the others went through: the failure is partial, and its report names the failed order
    assert error.partial is True
    assert error.failed_items == ({"index": 1, "code": "selfFill", "message": "selfFill"},)
    fine = {"result": "success", "batchStatus": [{"status": "placed"}, {"status": "edited"}]}
    assert kraken.classify(body=fine, api="futures") is None


def test_a_batch_report_names_each_failed_order() -> None:
    body = {
        "result": "success",
        "batchStatus": [
            {"status": "insufficientAvailableFunds", "order_tag": "1"},
            {"status": "notFound", "order_id": "e35d61dd-8a30-4d5f-a574-b5593ef0c050"},
        ],
    }
    error = kraken.classify(body=body, api="futures")
    assert error is not None and error.partial is False  # nothing went through
    assert error.failed_items == (
        {
            "index": 0,
            "code": "insufficientAvailableFunds",
            "message": "insufficientAvailableFunds",
            "order_tag": "1",
        },
        {
            "index": 1,
            "code": "notFound",
            "message": "notFound",
            "order_id": "e35d61dd-8a30-4d5f-a574-b5593ef0c050",
        },
    )


def test_an_undocumented_status_is_still_an_error_of_the_exchange() -> None:
    error = kraken.classify(body=sent("somethingNew"), api="futures")
    assert type(error) is kraken.KrakenAPIError
    assert error.code == "somethingNew"


@pytest.mark.parametrize(
    "body",
    [
        {"result": "success", "sendStatus": None},
        {"result": "success", "sendStatus": {"status": 7}},
        {"result": "success", "sendStatus": ["placed"]},
        {"result": "success", "batchStatus": {"status": "selfFill"}},
        {"result": "success", "batchStatus": [None, 3, "x", {"status": ""}]},
    ],
)
def test_statuses_of_other_shapes_are_not_errors(body: dict[str, object]) -> None:
    assert kraken.classify(body=body, api="futures") is None


def test_an_error_value_wins_over_statuses() -> None:
    body = {"result": "error", "error": "apiLimitExceeded", "sendStatus": {"status": "selfFill"}}
    assert type(kraken.classify(body=body, api="futures")) is kraken.FuturesApiLimitExceededError


# KuCoin's batch orders answer the success code with a result per order (Place Multiple
# Orders, HF Batch Orders, futures' Place Multiple Orders): a failed order is an error, read
# by its text, and the report names it.
KUCOIN_BATCHES = [
    (
        None,
        {
            "code": "200000",
            "data": {
                "data": [
                    {
                        "symbol": "KCS-USDT",
                        "status": "fail",
                        "failMsg": "Balance insufficient!",
                        "clientOid": "c1",
                    },
                    {
                        "symbol": "KCS-USDT",
                        "status": "success",
                        "failMsg": None,
                        "clientOid": "c2",
                        "id": "611a6a309281bc000674d3c1",
                    },
                ]
            },
        },
        True,
    ),
    (
        None,
        {
            "success": True,
            "code": "200",
            "msg": "success",
            "retry": False,
            "data": [{"orderId": "", "success": False, "failMsg": "Balance insufficient!"}],
        },
        False,
    ),
    (
        "futures",
        {
            "code": "200000",
            "data": [
                {
                    "orderId": "",
                    "clientOid": "c1",
                    "symbol": "ETHUSDTM",
                    "code": "300000",
                    "msg": "Balance insufficient!",
                },
                {
                    "orderId": "80465575289094144",
                    "clientOid": "c2",
                    "symbol": "ETHUSDTM",
                    "code": "200000",
                    "msg": "success",
                },
            ],
        },
        True,
    ),
]


@pytest.mark.parametrize(("api", "body", "partial"), KUCOIN_BATCHES)
def test_a_kucoin_batch_with_a_failed_order_is_an_error(
    api: str | None, body: dict[str, object], partial: bool
) -> None:
    error = exchange_errors.classify("kucoin", status=200, body=body, api=api)
    assert isinstance(error, exchange_errors.InsufficientFunds), repr(error)
    assert error.message == "Balance insufficient!"
    assert error.partial is partial
    assert len(error.failed_items) == 1 and error.failed_items[0]["index"] == 0
    raw = json.dumps(body).encode()  # the same, from the wire
    assert type(exchange_errors.classify("kucoin", status=200, body=raw, api=api)) is type(error)


def test_a_kraken_batch_with_a_rejected_order_is_a_partial_error() -> None:
    # AddOrderBatch places the orders its checks accept; a rejected one carries its own error
    # string while the body's error list stays empty
    body = (
        b'{"error":[],"result":{"orders":[{"txid":"O5OR23-ADFAD-Y2G61C","descr":{"order":'
        b'"buy 0.80300000 XBTUSD @ limit 28300.0"}},{"error":"EOrder:Insufficient funds"}]}}'
    )
    error = exchange_errors.classify("kraken", status=200, body=body)
    assert isinstance(error, exchange_errors.InsufficientFunds)
    assert error.partial is True
    assert error.failed_items == (
        {"index": 1, "code": "EOrder:Insufficient funds", "message": "EOrder:Insufficient funds"},
    )
    placed = b'{"error":[],"result":{"orders":[{"txid":"O5OR23-ADFAD-Y2G61C"}]}}'
    assert exchange_errors.classify("kraken", status=200, body=placed) is None


def test_a_kucoin_cancel_all_names_the_symbols_it_could_not_cancel() -> None:
    body = (
        b'{"code":"200000","data":{"succeedSymbols":["ETH-USDT"],"failedSymbols":'
        b'[{"symbol":"BTC-USDT","error":"can\'t cancel, system timeout"}]}}'
    )
    error = exchange_errors.classify("kucoin", status=200, body=body)
    # a timeout: whether those orders were cancelled is not known
    assert isinstance(error, exchange_errors.RequestTimeout) and error.outcome_unknown
    assert error.failed_items[0]["symbol"] == "BTC-USDT"
    every = b'{"code":"200000","data":{"succeedSymbols":["BTC-USDT"],"failedSymbols":[]}}'
    assert exchange_errors.classify("kucoin", status=200, body=every) is None


def test_a_list_whose_first_item_reports_no_status_is_data() -> None:
    # the rows of one list share a shape: a ledger is not read as a batch's results
    rows = [{"currency": "BTC", "balance": str(i)} for i in range(50)]
    rows.append({"currency": "ETH", "code": "300000", "msg": "a field of the row"})
    body = {"code": "200000", "data": rows}
    assert exchange_errors.classify("kucoin", status=200, body=body) is None

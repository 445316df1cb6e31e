"""The short ways the usual error bodies take (plain envelope, one error; a batch of one failed
item) give exactly what the general path gives, on every documented entry and every real
response, with and without headers, the first time and again; and a raised error leaves no
reference cycle behind."""

from __future__ import annotations

import gc
import json
from typing import Any

import exchange_errors
import pytest

from generator.project import load_project
from tests.accuracy import corpus
from tests.conftest import ROOT
from tests.wire import Case, assert_each, by_scope, cases

DOCUMENTED = cases(load_project(ROOT).exchanges)
REAL = [case for case in corpus.load() if not case.is_websocket]


def _without_raw(error: exchange_errors.ExchangeError) -> dict[str, Any]:
    return {k: v for k, v in error.to_dict().items() if k != "raw"}


def _seen(error: exchange_errors.ExchangeError | None) -> object:
    if error is None:
        return None
    # str() shows the raw body when the message is empty: the parsed one reads differently.
    details = [(type(d), _without_raw(d)) for d in error.details]
    return (type(error), _without_raw(error), repr(error), details)


def _both_ways(exchange: str, status: int | None, body: bytes, api: str | None) -> None:
    # A body already parsed never takes the short way, which reads text.
    try:
        parsed = json.loads(body)
    except ValueError:
        return  # not JSON: no plain shape either
    general = exchange_errors.classify(exchange, status=status, body=parsed, api=api)
    headers = {"Retry-After": "7"}
    general_headers = exchange_errors.classify(
        exchange, status=status, body=parsed, api=api, headers=headers
    )
    url = _order_url(exchange)
    general_url = exchange_errors.classify(exchange, status=status, body=parsed, api=api, url=url)
    for _ in range(2):  # the second time, the error is already recorded
        short = exchange_errors.classify(exchange, status=status, body=body, api=api)
        assert _seen(short) == _seen(general)
        assert short is None or short.raw is body
        with_headers = exchange_errors.classify(
            exchange, status=status, body=body, api=api, headers=headers
        )
        assert _seen(with_headers) == _seen(general_headers)
        with_url = exchange_errors.classify(exchange, status=status, body=body, api=api, url=url)
        assert _seen(with_url) == _seen(general_url)


def _order_url(exchange: str) -> str:
    """A URL that places an order on the exchange's usual API, as its spec names them."""
    fragments = exchange_errors.exchange_module(exchange).TABLES.order_urls  # type: ignore[attr-defined]
    return "https://api.example.com" + (fragments[0] if fragments else "/order")


GROUPS = by_scope(DOCUMENTED)


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_documented_entries_agree(group: str) -> None:
    assert_each(GROUPS[group], _agrees)


def _agrees(case: Case) -> None:
    for api in (case.scope.id, None):
        for status in (400, 200, 503, None):
            _both_ways(case.exchange.id, status, case.body, api)


@pytest.mark.parametrize("case", REAL, ids=lambda c: c.source)
def test_real_responses_agree(case: corpus.Case) -> None:
    _both_ways(case.exchange, case.status, case.body.encode(), corpus.package_api(case))


# A batch of one item, as OKX answers a rejected order, and the bodies around it that the
# short way must leave to the general path: `%(item)s` is the item's text.
ITEM_BATCHES = [
    b'{"code":"1","data":[%(item)s],"msg":""}',
    b'{"code":"1","data":[%(item)s],"inTime":"1700000000000","msg":"","outTime":"17"}',
    b'{ "msg" : "" ,\n "data" : [ %(item)s ] ,\n "code" : "1" }',
    b'{"code":"2","data":[%(item)s,{"clOrdId":"b","ordId":"9","sCode":"0","sMsg":""}],"msg":""}',
    b'{"code":"1","data":[%(item)s],"msg":"","extra":{"nested":true}}',
    b'{"data":[%(item)s],"msg":""}',  # no code: a malformed body
    b'{"code":"1","data":[%(item)s],"message":"v3 field","msg":""}',  # names another API
    b'\xef\xbb\xbf{"code":"1","data":[%(item)s],"msg":""}',  # after a byte-order mark
    b'{"code":"1","data":[%(item)s],"msg":"\xff"}',  # not UTF-8
]
ITEMS = [
    b'{"clOrdId":"c1","ordId":"","sCode":"%(code)s","sMsg":"%(message)s","tag":""}',
    b'{"sCode":"%(code)s","sMsg":"%(message)s","ts":1700000000000,"subCode":null,"px":1.5e3}',
    b'{"sMsg":"%(message)s","sCode":"%(code)s","sCode":"0"}',  # the last of a name counts
    b'{"sCode":"%(code)s","sMsg":"%(message)s \\"quoted\\""}',  # an escape
    b'{"sCode":"","sMsg":"%(message)s"}',
    b'{"sCode":"%(code)s"}',
    b'{"sCode":"%(code)s","sMsg":"%(message)s","subCode":"1000"}',  # a documented sub-code?
    b'{"sCode":"%(code)s","sMsg":"%(message)s","subCode":1101,"clOrdId":"c2"}',
]


def _okx_entries() -> list[Case]:
    return [case for case in DOCUMENTED if case.exchange.id == "okx" and case.scope.id == "rest"]


@pytest.mark.parametrize("batch", ITEM_BATCHES)
def test_batches_of_one_item_agree(batch: bytes) -> None:
    def agrees(case: Case) -> None:
        message = json.dumps(case.message)[1:-1].encode()
        for item in ITEMS:
            filled = item % {b"code": str(case.code).encode(), b"message": message}
            _both_ways("okx", 200, batch % {b"item": filled}, None)

    # Every documented entry in the layout OKX sends; every ninth in the others, which the
    # short way either reads the same way or leaves to the general path whatever the entry.
    entries = _okx_entries()
    assert_each(entries if batch is ITEM_BATCHES[0] else entries[::9], agrees)


def test_a_batch_of_one_item_takes_the_short_way() -> None:
    # The short way and the general path agree above; here the short way is shown taken.
    body = (
        b'{"code":"1","data":[{"clOrdId":"c1","ordId":"","sCode":"51008","sMsg":"Order'
        b' failed. Insufficient USDT balance in account.","tag":""}],"msg":""}'
    )
    tables = exchange_errors.exchange_module("okx").TABLES  # type: ignore[attr-defined]
    exchange_errors.classify("okx", status=200, body=body)  # the API's short way is made
    from exchange_errors import _lane

    error = _lane.answer(tables, 200, body, None)
    assert isinstance(error, exchange_errors.InsufficientFunds)
    assert error.failed_items == (
        {"index": 0, "code": "51008", "message": error.message, "clOrdId": "c1"},
    )
    assert error.partial is False and error.raw is body


@pytest.mark.parametrize(
    ("exchange", "body"),
    [
        ("binance", b'{"code":-1121,"msg":"Invalid symbol\\u00e9."}'),
        ("binance", b'{"code":-1121,"msg":"Invalid \\"symbol\\"."}'),
        ("binance", b'{"code":-1121,"msg":"Invalid symbol.\\n"}'),
        ("kraken", b'{"error":["EOrder:Insufficient\\u0020funds"]}'),
        ("okx", b'{"code":"51000","data":[],"msg":"Parameter \\/px error"}'),
    ],
)
def test_a_message_with_an_escape_is_read_as_json_reads_it(exchange: str, body: bytes) -> None:
    # The short way reads a message up to its closing quote: an escape in it is JSON's to read
    _both_ways(exchange, 400, body, None)


def test_a_control_character_in_a_message_is_not_json() -> None:
    body = b'{"code":-1121,"msg":"Invalid\x01symbol."}'
    for _ in range(2):  # never recorded: the second time takes the general path again
        error = exchange_errors.classify("binance", status=400, body=body)
        assert isinstance(error, exchange_errors.UnexpectedStatus), type(error)
        assert error.raw is body


def test_raising_leaves_no_cycle() -> None:
    """10,000 classifications, raised and caught, leave nothing for the cyclic collector:
    documented errors, errors seen before and errors never seen, bare and with headers."""
    raised = [
        (b'{"error":["EOrder:Insufficient funds"]}', exchange_errors.InsufficientFunds),
        (b'{"error":["EFoo:Something new"]}', exchange_errors.ExchangeError),
    ]
    raised += [
        (b'{"error":["EFoo:Something new %d"]}' % number, exchange_errors.ExchangeError)
        for number in range(2_498)
    ]
    # The exchange's tables, routes and classes are made on its first errors: not counted.
    for body in (b'{"error":["EOrder:Insufficient funds"]}', b'{"error":["EFoo:Warm up"]}'):
        for headers in (None, {}):
            with pytest.raises(exchange_errors.ExchangeError):
                exchange_errors.raise_for_response(
                    "kraken", status=200, body=body, headers=headers
                )
    gc.collect()
    gc.disable()
    try:
        for body, expected in raised * 2:
            with pytest.raises(expected):
                exchange_errors.raise_for_response("kraken", status=200, body=body)
            with pytest.raises(expected):
                exchange_errors.raise_for_response("kraken", status=200, body=body, headers={})
        assert gc.collect() == 0
    finally:
        gc.enable()
